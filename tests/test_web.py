"""The web page in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright,
no browser download) against ``eventwire serve`` started as a subprocess on a free port,
over a store filled by the real pipeline with articles written for the tests — one of
them carrying markup that must never run.  Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from api_support import HOSTILE, built_store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """Path of a Chromium to drive; skips the module with the reason when there is none."""
    for candidate in (os.environ.get("EVENTWIRE_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    pytest.skip(
        "no Chromium installed (Debian: apt-get install chromium; or set EVENTWIRE_CHROMIUM): "
        "browser tests skipped"
    )


@contextmanager
def serving(db: Path, logs: Path, **env: str) -> Iterator[str]:
    """``eventwire serve`` on a free port over ``db`` (environment: ``env`` and no other
    EVENTWIRE_API_* variable); yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_API")}
    log = logs / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**environ, **env},
            cwd=ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/info", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"eventwire serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> Path:
    return built_store(tmp_path_factory, extractor)


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    """The server every test but one uses: public reads, no token (writes refused)."""
    with serving(db, tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        # a fresh, empty profile per launch (playwright's temporary user data dir)
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page with its console errors, CSP violations and requests recorded."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]", timeout=20_000)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"web-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser, server):
    watched = Watched(browser, server)
    yield watched
    watched.close()


def incident_id(server: str, q: str) -> int:
    found = httpx.get(f"{server}/incidents", params={"q": q}).json()
    assert found["total"] == 1, found
    return found["items"][0]["id"]


def test_web_index_map_list_and_timeline(page, server):
    page.open("/")
    p = page.page
    total = httpx.get(f"{server}/incidents").json()["total"]
    assert p.locator(".incident-card").count() == total
    assert p.locator("#summary").inner_text().startswith(f"{total} incident")
    p.wait_for_function("() => document.querySelectorAll('path.country').length > 150")
    assert p.locator(".incident-marker, .cluster").count() >= 1
    assert p.locator("#timeline .bar").count() >= 1
    export = p.locator("#export-csv").get_attribute("href")
    assert export == "/export?format=csv"
    page.shot("index")
    assert page.errors == []
    assert all(url.startswith(server) for url in page.requests), "everything is served locally"


def test_web_filters_narrow_the_list_and_the_exports(page, server):
    page.open("/")
    p = page.page
    loads = int(p.get_attribute("body", "data-loads"))
    p.select_option("select[name=type]", "PROTEST")
    p.wait_for_function(f"() => Number(document.body.dataset.loads) > {loads}")
    cards = p.locator(".incident-card")
    assert cards.count() >= 1
    assert all("Protest" in text for text in cards.all_inner_texts())
    assert "type=PROTEST" in p.url
    assert "type=PROTEST" in p.locator("#export-geojson").get_attribute("href")
    p.click("button[type=reset]")
    p.wait_for_function(f"() => Number(document.body.dataset.loads) > {loads + 1}")
    loads = int(p.get_attribute("body", "data-loads"))
    p.fill("input[name=q]", "bus terminal")
    p.press("input[name=q]", "Enter")
    p.wait_for_function(f"() => Number(document.body.dataset.loads) > {loads}")
    assert cards.count() == 1 and "Quetta" in cards.first.inner_text()
    page.shot("filtered")
    # the filters survive a reload: they live in the address
    page.open("/?" + p.url.split("?", 1)[1])
    assert p.input_value("input[name=q]") == "bus terminal" and cards.count() == 1
    assert page.errors == []


def test_web_timeline_drag_picks_dates(page, server):
    page.open("/")
    p = page.page
    loads = int(p.get_attribute("body", "data-loads"))
    timeline = p.locator("#timeline svg")
    timeline.wait_for(state="visible")
    box = timeline.bounding_box()
    assert box is not None, "the timeline is drawn"
    y = box["y"] + box["height"] / 2
    p.mouse.move(box["x"] + 40, y)
    p.mouse.down()
    p.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    p.mouse.up()
    p.wait_for_function(f"() => Number(document.body.dataset.loads) > {loads}")
    start, end = p.input_value("input[name=start]"), p.input_value("input[name=end]")
    assert "2025-05-20" < start < end < "2025-06-20"
    assert f"start={start}" in p.url and f"end={end}" in p.url
    cards = p.locator(".incident-card")
    assert 0 < cards.count() <= len(httpx.get(f"{server}/incidents").json()["items"])


def test_web_incident_page_shows_the_evidence(page, server):
    page.open("/")
    p = page.page
    quetta = incident_id(server, "bus terminal")
    p.click(f".incident-card[data-id='{quetta}'] a")
    p.wait_for_url(f"**/incident/{quetta}")
    p.wait_for_selector("body[data-ready]")
    assert "Quetta" in p.locator("h1").inner_text()
    assert (
        "ACLED: Explosions/Remote violence / Remote explosive"
        in p.locator(".subtitle").inner_text()
    )
    assert p.locator(".figure-card").first.inner_text().split("\n")[1] == "26"
    assert p.locator("#record .value-link").first.inner_text() == "ASSAULT"
    assert p.locator(".casualty-chart .mark").count() >= 2
    assert p.locator(".stance-claims_responsibility").count() == 1
    assert p.locator(".tab").count() == 2
    marks = p.locator("#article-text mark.ev")
    assert marks.count() >= 5
    text = p.locator("#article-text").inner_text()
    assert text.startswith("QUETTA, Pakistan")

    # a value → its words: the killed figure flashes "26" in the second article
    p.click(".figure-card.clickable >> nth=0")
    flashed = p.locator("#article-text .flash")
    flashed.first.wait_for()
    assert "26" in " ".join(flashed.all_inner_texts())
    assert p.locator(".tab[aria-selected=true]").inner_text().startswith("dailyledger.example")
    assert "Incident killed figure: 26" in p.locator("#inspector").inner_text()

    # a span → what it supports
    p.locator("#article-text mark.ev-actor", has_text="Balochistan Liberation Army").first.click()
    inspector = p.locator("#inspector").inner_text()
    assert "Actor: Balochistan Liberation Army (armed group, PAK)" in inspector
    page.shot("incident")

    # a source chip in the record opens its article at the span
    p.locator("#record .chip", has_text="frontiertimes.example").first.click()
    p.locator("#article-text .flash").first.wait_for()
    assert p.locator(".tab[aria-selected=true]").inner_text().startswith("frontiertimes")
    assert page.errors == []


def test_web_hostile_article_text_is_shown_never_run(page, server):
    kandahar = incident_id(server, "checkpoint")
    page.open(f"/incident/{kandahar}")
    p = page.page
    text = p.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 2</script>" in text
    assert '<img src=x onerror="window.__pwned=4">' in text
    assert p.locator("#article-title").inner_text() == HOSTILE["title"]
    assert HOSTILE["title"] in p.locator("#reports").inner_text()
    p.wait_for_timeout(300)
    assert p.evaluate("window.__pwned") is None
    assert p.locator("img").count() == 0
    assert p.locator("script").count() == 1  # the page's own module
    assert p.locator("a[href^='javascript']").count() == 0
    assert p.locator("#article-meta a").count() == 0  # no link for a javascript: URL
    page.shot("hostile")
    page.open("/")  # the list and the map show the same incident
    assert p.evaluate("window.__pwned") is None
    assert page.errors == []


def test_web_private_reads_ask_for_the_token(browser, db, tmp_path):
    private = {"EVENTWIRE_API_TOKEN": "s3cret", "EVENTWIRE_API_PUBLIC_READS": "0"}
    with serving(db, tmp_path, **private) as base:
        assert httpx.get(f"{base}/incidents").status_code == 401
        page = Watched(browser, base)
        try:
            p = page.page
            p.goto(base + "/")
            p.fill("dialog.token-dialog input", "wrong")
            p.click("dialog.token-dialog button")
            p.fill("dialog.token-dialog input", "s3cret")  # asked again
            p.click("dialog.token-dialog button")
            p.wait_for_selector("body[data-ready]")
            assert (
                p.locator(".incident-card").count()
                == httpx.get(
                    f"{base}/incidents", headers={"Authorization": "Bearer s3cret"}
                ).json()["total"]
            )
            assert p.locator("dialog").count() == 0
            with p.expect_download() as download:  # the export link sends the token too
                p.click("#export-csv")
            exported = Path(download.value.path()).read_text(encoding="utf-8")
            assert exported.startswith("event_id_cnty,event_date,year,")
            assert download.value.suggested_filename == "eventwire-incidents.csv"
        finally:
            page.close()


def test_web_acled_filter_narrows_the_list_to_one_class(page, server):
    page.open("/")
    p = page.page
    facets = httpx.get(f"{server}/facets").json()["acled"]
    assert facets, "the stored incidents have ACLED classes"
    wanted = facets[-1]  # the rarest class: a narrower list than the whole
    groups = p.locator("select[name=acled] optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert wanted["label"].split(": ")[0] in groups
    loads = int(p.get_attribute("body", "data-loads"))
    p.select_option("select[name=acled]", wanted["value"])
    p.wait_for_function(f"() => Number(document.body.dataset.loads) > {loads}")
    cards = p.locator(".incident-card")
    assert cards.count() == wanted["count"]
    assert all(wanted["value"] in text for text in cards.all_inner_texts())
    assert "acled=" in p.url
    assert "acled=" in p.locator("#export-csv").get_attribute("href")
    assert page.errors == []
