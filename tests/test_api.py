"""The REST API, in-process through httpx's ASGI transport, against real SQLite files filled
by the real pipeline from articles written for the tests (tests/api_support.py)."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import httpx
import pytest

from api_support import ALL, ARTICLES, built_store
from eventwire.api import Settings, create_app
from eventwire.errors import InputError
from eventwire.model import ArticleReport
from eventwire.store import open_store

pytestmark = pytest.mark.anyio
TOKEN = "test-token-7f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
README = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "api" / "README.md"


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> Path:
    return built_store(tmp_path_factory, extractor)


@pytest.fixture(scope="module")
def store(db):
    with open_store(db) as store:
        yield store


def client_for(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
async def client(store):
    """Reads against the filled store (public reads, a token for writes)."""
    async with client_for(create_app(Settings(token=TOKEN), store)) as client:
        yield client


@pytest.fixture
async def writer(tmp_path, extractor):
    """A fresh empty store, a token, and the pipeline loaded: for writes."""
    with open_store(tmp_path / "write.db") as store:
        async with client_for(create_app(Settings(token=TOKEN), store)) as client:
            yield client


async def incident_about(client, q: str) -> dict:
    found = (await client.get("/incidents", params={"q": q})).json()
    assert found["total"] == 1, found
    return found["items"][0]


# --- reading -----------------------------------------------------------------------------


async def test_api_incidents_pages_cover_everything_once(client):
    first = (await client.get("/incidents", params={"limit": 2})).json()
    assert first["total"] >= 4 and len(first["items"]) == 2
    assert first["next"] is not None
    seen = [item["id"] for item in first["items"]]
    url = first["next"]
    while url:
        page = (await client.get(url)).json()
        assert page["limit"] == 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == first["total"]
    everything = (await client.get("/incidents", params={"limit": 100})).json()
    assert [item["id"] for item in everything["items"]] == seen
    assert everything["next"] is None


async def test_api_incidents_filters(client):
    quetta = await incident_about(client, "bus terminal")
    assert quetta["country"] == "PAK" and quetta["place"].startswith("Quetta")
    assert quetta["article_count"] == 2

    def ids(page):
        return {item["id"] for item in page["items"]}

    by_country = (await client.get("/incidents", params={"country": "pak"})).json()
    assert ids(by_country) == {quetta["id"]}
    by_actor = (await client.get("/incidents", params={"actor": "bla"})).json()
    assert quetta["id"] in ids(by_actor)
    by_name = (await client.get("/incidents", params={"actor": "Liberation Army"})).json()
    assert ids(by_name) == ids(by_actor)
    iraq = (await client.get("/incidents", params={"bbox": "38,29,49,38"})).json()
    assert {item["country"] for item in iraq["items"]} == {"IRQ"}
    protests = (await client.get("/incidents", params={"type": "PROTEST"})).json()
    assert protests["total"] >= 1
    assert {item["type"] for item in protests["items"]} == {"PROTEST"}
    assert {item["country"] for item in protests["items"]} == {"KEN"}
    june_4 = await client.get("/incidents", params={"start": "2025-06-04", "end": "2025-06-04"})
    june_4_countries = {item["country"] for item in june_4.json()["items"]}
    assert "IRQ" in june_4_countries and not june_4_countries & {"PAK", "AFG"}
    may = (await client.get("/incidents", params={"end": "2025-05-31"})).json()
    assert may["total"] == 0
    june_2 = await client.get("/incidents", params={"start": "2025-06-02", "end": "2025-06-02"})
    assert quetta["id"] in ids(june_2.json())
    nothing = (await client.get("/incidents", params={"q": "volcano"})).json()
    assert nothing == {"total": 0, "limit": 50, "offset": 0, "next": None, "items": []}


async def test_api_incidents_and_events_carry_acled_classes(client):
    quetta = await incident_about(client, "bus terminal")
    assert quetta["acled_event_type"] == "Explosions/Remote violence"
    assert quetta["acled_sub_event_type"] == "Remote explosive/landmine/IED"
    detail = (await client.get(f"/incidents/{quetta['id']}")).json()
    assert detail["acled_sub_event_type"] == quetta["acled_sub_event_type"]
    assert "Remote explosive/landmine/IED" in {r["acled_sub_event_type"] for r in detail["reports"]}
    report = detail["reports"][0]
    article = (await client.get(f"/articles/{report['article_id']}")).json()
    event = next(e for e in article["events"] if e["id"] == report["event_id"])
    assert event["acled_event_type"] and event["acled_sub_event_type"]

    def ids(page):
        return {item["id"] for item in page["items"]}

    bombings = await client.get("/incidents", params={"acled": "Remote explosive/landmine/IED"})
    assert quetta["id"] in ids(bombings.json())
    by_event_type = await client.get("/incidents", params={"acled": "Explosions/Remote violence"})
    assert ids(bombings.json()) <= ids(by_event_type.json())
    protests = (await client.get("/incidents", params={"acled": "Peaceful protest"})).json()
    assert quetta["id"] not in ids(protests)
    facets = (await client.get("/facets")).json()["acled"]
    bomb = next(c for c in facets if c["value"] == "Remote explosive/landmine/IED")
    assert bomb["label"] == "Explosions/Remote violence: Remote explosive/landmine/IED"
    assert bomb["count"] == bombings.json()["total"]


async def test_api_incident_detail_points_at_article_text(client):
    quetta = await incident_about(client, "bus terminal")
    incident = (await client.get(f"/incidents/{quetta['id']}")).json()
    assert incident["killed"]["max"] == 26
    assert [v["label"] for v in incident["record"]["claimed_by"]["values"]] == [
        "Balochistan Liberation Army"
    ]
    texts = {}
    spans = [
        (src["article_id"], src["span"])
        for field in incident["record"].values()
        if isinstance(field, dict)
        for value in field["values"]
        for src in value["sources"]
        if src["span"]
    ]
    spans += [(e["article_id"], e["span"]) for e in incident["killed"]["timeline"]]
    assert spans
    for article_id, span in spans:
        if article_id not in texts:
            response = await client.get(f"/articles/{article_id}")
            assert response.status_code == 200
            texts[article_id] = response.json()["article"]["text"]
        assert texts[article_id][span["start"] : span["end"]] == span["text"]
    assert len(texts) == 2


async def test_api_article_report_round_trips(client, store):
    article = store.articles(limit=1)[0]
    response = await client.get(f"/articles/{article.id}")
    report = ArticleReport.model_validate(response.json())
    report.check_spans()
    assert report == store.get(article.id)
    incidents = (await client.get(f"/articles/{article.id}/incidents")).json()
    assert incidents and all(isinstance(v, int) for v in incidents.values())
    listing = (await client.get("/articles", params={"limit": 2})).json()
    assert listing["total"] == len(ALL) and listing["items"][0]["id"] == article.id


async def test_api_not_found_and_bad_parameters_are_one_line_4xx(client):
    cases = {
        "/incidents/99999": (404, "no incident 99999 in the store"),
        "/articles/0123456789abcdef": (404, "no article 0123456789abcdef in the store"),
        "/articles/not-an-id": (422, "path parameter article_id"),
        "/incidents?limit=0": (422, "query parameter limit"),
        "/incidents?type=BOMBING": (422, "query parameter type"),
        "/incidents?country=Pakistan": (422, "query parameter country"),
        "/incidents?bbox=1,2,3": (422, "query parameter bbox"),
        "/incidents?bbox=0,50,10,40": (422, "south <= north"),
        "/incidents?start=2025-06-05&end=2025-06-01": (422, "start 2025-06-05 is after end"),
        "/incidents?start=yesterday": (422, "query parameter start"),
        "/export?format=xlsx": (422, "query parameter format"),
        "/actors?kind=wizard": (422, "query parameter kind"),
    }
    for url, (status, words) in cases.items():
        response = await client.get(url)
        assert response.status_code == status, url
        detail = response.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail, url
        assert words in detail, (url, detail)


async def test_api_actors(client):
    found = (await client.get("/actors", params={"q": "balochistan"})).json()
    bla = next(a for a in found["items"] if a["key"] == "bla")
    assert bla["kind"] == "armed_group" and bla["country"] == "PAK"
    assert bla["article_count"] == 1 and bla["incident_count"] == 1
    groups = (await client.get("/actors", params={"kind": "armed_group"})).json()
    assert groups["total"] >= 1 and {a["kind"] for a in groups["items"]} == {"armed_group"}
    page = (await client.get("/actors", params={"limit": 1})).json()
    assert len(page["items"]) == 1 and page["next"]


async def test_api_facets_and_info(client):
    facets = (await client.get("/facets")).json()
    assert facets["articles"] == len(ALL)
    assert {c["value"] for c in facets["countries"]} >= {"PAK", "IRQ", "KEN"}
    assert next(c for c in facets["countries"] if c["value"] == "PAK")["label"] == "Pakistan"
    info = (await client.get("/info")).json()
    assert info["writes"] is True and info["public_reads"] is True and info["tiles"] is None


async def test_api_security_headers_on_pages_and_api(client):
    for url in ("/", "/incident/1", "/incidents", "/static/js/dom.js"):
        response = await client.get(url)
        assert response.status_code == 200, url
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    assert (await client.get("/incident/abc")).status_code == 404


# --- writing -----------------------------------------------------------------------------


async def test_api_writes_need_the_token(client):
    body = {"text": ARTICLES[0]["text"]}
    missing = await client.post("/articles", json=body)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["detail"]
    wrong = await client.post("/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "the API token is not valid"


async def test_api_writes_refused_without_a_configured_token(store):
    async with client_for(create_app(Settings(), store)) as client:
        response = await client.post("/articles", json={"text": "x"}, headers=AUTH)
        assert response.status_code == 403
        assert "EVENTWIRE_API_TOKEN" in response.json()["detail"]
        assert (await client.get("/info")).json()["writes"] is False


async def test_api_post_article_extracts_stores_and_clusters(writer):
    item = ARTICLES[0]
    body = {k: item[k] for k in ("text", "title", "published", "url")}
    created = await writer.post("/articles", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    report = ArticleReport.model_validate(created.json())
    report.check_spans()
    assert report.article.title == item["title"] and str(report.article.published) == "2025-06-02"
    assert any(e.type == "ASSAULT" for e in report.events)
    assert created.headers["location"] == f"/articles/{report.article.id}"
    stored = await writer.get(created.headers["location"])
    assert ArticleReport.model_validate(stored.json()) == report
    incidents = (await writer.get("/incidents")).json()
    assert incidents["total"] >= 1 and incidents["items"][0]["country"] == "PAK"
    again = await writer.post("/articles", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["article"]["id"] == report.article.id
    assert (await writer.get("/articles")).json()["total"] == 1


async def test_api_post_article_from_a_url(http_server, tmp_path, extractor):
    (tmp_path / "www" / "mosul.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")
    (tmp_path / "www" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    # an intranet deployment allows its own network (fetch_allow); nothing else changes
    settings = Settings(token=TOKEN, fetch_allow=["127.0.0.0/8"])
    with open_store(tmp_path / "url.db") as store:
        async with client_for(create_app(settings, store)) as writer:
            response = await writer.post(
                "/articles",
                json={"url": f"{http_server}/mosul.txt", "published": "2025-06-04"},
                headers=AUTH,
            )
            assert response.status_code == 201, response.text
            report = ArticleReport.model_validate(response.json())
            assert report.article.url == f"{http_server}/mosul.txt"
            assert report.article.text.startswith("MOSUL, Iraq")
            # a missing page, a picture, a closed port: the same answer, no details
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                closed = f"http://127.0.0.1:{probe.getsockname()[1]}/a"
            for url in (f"{http_server}/nope", f"{http_server}/photo.png", closed):
                failed = await writer.post("/articles", json={"url": url}, headers=AUTH)
                assert failed.status_code == 422
                assert failed.json() == {
                    "detail": "body.url: [E003] could not fetch the URL",
                    "code": "E003",
                }


async def test_api_post_bad_input_is_a_one_line_4xx(writer):
    cases = [
        ({"text": "   "}, 422, "empty text"),
        ({"text": "1234 5678"}, 422, "empty text"),
        ({}, 422, "give the article's text or a url"),
        ({"text": "Bonjour", "colour": "red"}, 422, "body.colour: Extra inputs are not permitted"),
        ({"text": "A bomb went off.", "published": "June"}, 422, "body.published"),
        ({"url": "ftp://example.com/a.txt"}, 422, "body.url"),
        (
            {
                "text": "La policía informó de que tres personas murieron el lunes en un "
                "ataque contra un mercado de la ciudad, según las autoridades locales."
            },
            422,
            "not English",
        ),
    ]
    for body, status, words in cases:
        response = await writer.post("/articles", json=body, headers=AUTH)
        assert response.status_code == status, (body, response.text)
        assert words in response.json()["detail"], (body, response.json())
    not_json = await writer.post(
        "/articles", content=b"{text:", headers={**AUTH, "content-type": "application/json"}
    )
    assert not_json.status_code == 422 and "not valid JSON" in not_json.json()["detail"]
    assert (await writer.get("/articles")).json()["total"] == 0


async def test_api_post_article_over_the_time_limit_is_a_422_and_not_stored(tmp_path, extractor):
    # no article's parse and six stages fit in a millisecond: the first checkpoint stops it
    settings = Settings(token=TOKEN, timeout_s=0.001)
    with open_store(tmp_path / "slow.db") as store:
        async with client_for(create_app(settings, store)) as client:
            late = await client.post("/articles", json=ARTICLES[0], headers=AUTH)
            assert late.status_code == 422, late.text
            body = late.json()
            assert body["code"] == "E101"
            assert body["detail"].startswith("body.text: [E101] extraction took longer than")
            assert "not stored" in body["detail"]
            assert (await client.get("/articles")).json()["total"] == 0
        async with client_for(create_app(Settings(token=TOKEN), store)) as client:
            assert (
                await client.post("/articles", json=ARTICLES[0], headers=AUTH)
            ).status_code == 201


async def test_api_size_limits(tmp_path):
    settings = Settings(token=TOKEN, max_body_bytes=2_000, max_text_chars=500)
    with open_store(tmp_path / "limits.db") as store:
        async with client_for(create_app(settings, store)) as client:
            big = await client.post("/articles", json={"text": "word " * 1_000}, headers=AUTH)
            assert big.status_code == 413
            assert "request body too large" in big.json()["detail"]
            long = await client.post("/articles", json={"text": "word " * 300}, headers=AUTH)
            assert long.status_code == 413
            assert long.json()["detail"] == "body.text: 1,500 characters, over the limit of 500"


async def test_api_rate_limits_per_client(tmp_path):
    settings = Settings(token=TOKEN, read_rate=3, write_rate=2)
    with open_store(tmp_path / "rate.db") as store:
        async with client_for(create_app(settings, store)) as client:
            statuses = [(await client.get("/incidents")).status_code for _ in range(4)]
            assert statuses == [200, 200, 200, 429]
            limited = await client.get("/actors")
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert "at most 3 reads a minute" in limited.json()["detail"]
            writes = [
                (await client.post("/articles", json={"text": " "}, headers=AUTH)).status_code
                for _ in range(3)
            ]
            assert writes == [422, 422, 429]
            assert (await client.get("/info")).status_code == 200  # not rate limited


async def test_api_private_reads_need_the_token(store):
    async with client_for(create_app(Settings(token=TOKEN, public_reads=False), store)) as client:
        assert (await client.get("/incidents")).status_code == 401
        assert (await client.get("/export")).status_code == 401
        assert (await client.get("/incidents", headers=AUTH)).status_code == 200
        assert (await client.get("/")).status_code == 200  # the page itself asks for the token


async def test_api_stays_responsive_while_the_pipeline_runs(writer):
    long_text = "\n\n".join(a["text"] for a in ARTICLES) * 3
    body = {"text": long_text, "published": "2025-06-05"}
    post = asyncio.create_task(writer.post("/articles", json=body, headers=AUTH))
    await asyncio.sleep(0.05)  # the POST is in its worker thread now
    answered = 0
    while not post.done() and answered < 5:
        assert (await writer.get("/incidents")).status_code == 200
        answered += 1
    assert answered >= 1, "a read was answered while the article was being extracted"
    assert (await post).status_code == 201


async def test_api_huge_integers_in_path_and_query_are_422(client):
    # 2**63 does not fit a database integer: it was an OverflowError and a 500
    huge = str(2**63)
    for url in (
        f"/incidents?offset={huge}",
        f"/articles?offset={huge}",
        f"/actors?offset={huge}",
        f"/incidents?limit={huge}",
        f"/incidents/{huge}",
        "/incidents?offset=-1",
        "/incidents/0",
    ):
        response = await client.get(url)
        assert response.status_code == 422, (url, response.text)
        assert response.json()["detail"].startswith(("query parameter", "path parameter")), url
    deep = await client.get("/incidents", params={"offset": 1_000_000_000})
    assert deep.status_code == 200 and deep.json()["items"] == []


async def test_api_control_characters_in_search_words_are_422(client):
    for name in ("q", "actor", "bbox"):
        response = await client.get("/incidents", params={name: "market\x00"})
        assert response.status_code == 422, (name, response.text)
        assert response.json()["detail"].startswith(f"query parameter {name}:")
    assert (await client.get("/actors", params={"q": "state\x00"})).status_code == 422


async def test_api_lone_surrogate_in_text_is_422_like_in_title(writer):
    headers = {**AUTH, "content-type": "application/json"}
    text = '{"text": "Rebels attacked Kano \\ud800 killing 12 people on Monday, police said."}'
    for body, field in (
        (text, "body.text"),
        ('{"text": "Rebels attacked Kano.", "title": "a \\udfff"}', "body.title"),
    ):
        response = await writer.post("/articles", content=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["detail"].startswith(f"{field}: "), response.json()
    assert (await writer.get("/articles")).json()["total"] == 0


async def test_api_nul_bytes_follow_the_rule_of_the_cli(writer, cli, tmp_path):
    # one rule for every reader: a stray NUL is dropped, text full of them is binary (the
    # API dropped the NUL, the CLI refused the same text as a binary file)
    text = ARTICLES[2]["text"].replace("Three civilians", "Three\x00 civilians")
    posted = await writer.post("/articles", json={"text": text}, headers=AUTH)
    assert posted.status_code == 201, posted.text
    path = tmp_path / "mosul.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("extract", path)
    assert result.exit_code == 0, result.output
    extracted = ArticleReport.model_validate_json(result.stdout.splitlines()[0])
    assert extracted.article.id == posted.json()["article"]["id"]
    assert "\x00" not in extracted.article.text and "Three civilians" in extracted.article.text
    binary = "\x00".join(ARTICLES[2]["text"])
    refused = await writer.post("/articles", json={"text": binary}, headers=AUTH)
    assert refused.status_code == 422
    assert "looks like binary data (NUL bytes)" in refused.json()["detail"]
    path.write_text(binary, encoding="utf-8")
    result = cli("extract", path)
    assert result.exit_code == 1 and "looks like binary data (NUL bytes)" in result.stderr


async def test_api_aggregates_are_kept_and_cleared_by_a_write(writer):
    # /actors and /facets are kept in memory (cache_s): a write of this server clears them
    before = (await writer.get("/actors")).json()
    assert before["total"] == 0 and (await writer.get("/facets")).json()["articles"] == 0
    body = {k: ARTICLES[1][k] for k in ("text", "title", "published", "url")}
    assert (await writer.post("/articles", json=body, headers=AUTH)).status_code == 201
    after = (await writer.get("/actors", params={"limit": 5})).json()
    assert after["total"] > 0 and len(after["items"]) == min(5, after["total"])
    assert any(a["name"] == "Balochistan Liberation Army" for a in after["items"]), after
    assert (await writer.get("/facets")).json()["articles"] == 1
    second = (await writer.get("/actors", params={"limit": 2, "offset": 1})).json()
    assert second["items"] == after["items"][1:3]


# --- settings and documentation ----------------------------------------------------------


def test_api_settings_from_file_and_environment(tmp_path):
    config = tmp_path / "eventwire.toml"
    config.write_text('[api]\nread_rate = 5\ntiles = "https://{s}.tiles.example/{z}/{x}/{y}.png"\n')
    settings = Settings.load(config, environ={"EVENTWIRE_API_READ_RATE": "7"})
    assert settings.read_rate == 7 and settings.tiles.startswith("https://{s}.tiles.example")
    assert settings.writes_enabled is False
    with pytest.raises(InputError, match=r"EVENTWIRE_API_WRITE_RATE.*setting write_rate"):
        Settings.load(environ={"EVENTWIRE_API_WRITE_RATE": "lots"})
    config.write_text("[api]\nwrite_speed = 1\n")
    with pytest.raises(InputError, match="unknown setting 'write_speed'"):
        Settings.load(config, environ={})
    with pytest.raises(InputError, match="public_reads is off, so a token must be set"):
        Settings.load(environ={"EVENTWIRE_API_PUBLIC_READS": "0"})


def test_api_tiles_allowed_by_the_content_security_policy():
    from eventwire.api.app import content_security_policy

    csp = content_security_policy(Settings(tiles="https://{s}.tiles.example/{z}/{x}/{y}.png"))
    assert "img-src 'self' data: https://*.tiles.example;" in csp


def test_api_every_setting_and_endpoint_is_documented(store):
    readme = README.read_text(encoding="utf-8")
    from eventwire.api.settings import ENV

    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"`{name}`" in readme and ENV[name] in readme, f"setting {name} not in README"
    schema = create_app(Settings(token=TOKEN), store).openapi()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            documented = re.search(rf"`{method.upper()} {re.escape(path)}`", readme)
            assert documented, f"{method.upper()} {path} not in api/README.md"


def test_api_serve_refuses_bad_settings_in_one_line(cli, tmp_path):
    config = tmp_path / "eventwire.toml"
    config.write_text("[api]\nread_rate = -1\n")
    result = cli("serve", "--db", tmp_path / "x.db", "--config", config)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {config}: [E001] setting read_rate: Input should be greater than or equal to 0"
    ]
    missing = cli("serve", "--config", tmp_path / "missing.toml")
    assert missing.exit_code == 1 and "cannot read the settings file" in missing.stderr


async def test_api_unexpected_errors_are_one_line_500(tmp_path):
    import sqlite3

    path = tmp_path / "broken.db"
    with open_store(path) as store:
        with sqlite3.connect(path) as conn:  # a store damaged behind eventwire's back
            conn.execute("DROP TABLE incident_actors")
        app = create_app(Settings(), store)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/incidents", params={"actor": "bla"})
    assert response.status_code == 500
    assert response.json() == {
        "detail": "internal error (OperationalError); the server log has the details"
    }
