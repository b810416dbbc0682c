"""Outbound fetches (API, extract, ingest, feeds) connect to public addresses only unless
allowed: real HTTP servers on loopback are refused by default, however the URL spells
their address and after any redirect, and fetched when allowed."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from eventwire.errors import FetchError
from eventwire.ingest.limits import Limits
from eventwire.ingest.url import fetch

# (the names new with the fix are imported by the tests that use them, so that the tests
# of the commands and the API run, and fail, against a version without it)

TEXT = (
    "Gunmen killed four police officers at a checkpoint outside Kano on Monday, a police "
    "spokesman said. No group has claimed responsibility for the attack."
)
TOKEN = "test-token-7f3a"


class Server:
    """A real HTTP server on ``host``: ``/article.txt`` is an article, ``/to?u=URL``
    redirects to URL; counts the requests it answers."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.hits: Counter[str] = Counter()
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits[self.path] += 1
                if self.path.startswith("/to?u="):
                    self.send_response(302)
                    self.send_header("Location", self.path.removeprefix("/to?u="))
                    self.end_headers()
                    return
                body = TEXT.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving(host: str = "127.0.0.1") -> Iterator[Server]:
    server = Server(host)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def server():
    with serving() as server:
        yield server


def spellings(port: int) -> list[str]:
    """The loopback server's address as an attacker writes it, and other non-public ones."""
    return [
        f"http://127.0.0.1:{port}/article.txt",
        f"http://localhost:{port}/article.txt",
        f"http://2130706433:{port}/article.txt",  # decimal
        f"http://0x7f.1:{port}/article.txt",  # hexadecimal, short form
        f"http://0.0.0.0:{port}/article.txt",
        f"http://[::1]:{port}/article.txt",
        f"http://[::ffff:127.0.0.1]:{port}/article.txt",  # IPv4-mapped IPv6
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://100.64.0.1/",  # CGNAT
        "http://224.0.0.1/",  # multicast
        "http://240.0.0.1/",  # reserved
        "http://[fe80::1]/",
        "http://[fd00::1]/",
    ]


def test_fetch_refuses_every_non_public_address_by_default(server, monkeypatch):
    from eventwire.errors import FetchRefused
    from eventwire.ingest.destinations import Destinations

    monkeypatch.delenv("EVENTWIRE_FETCH_ALLOW", raising=False)
    for url in spellings(server.port):
        with pytest.raises(FetchRefused, match=r"\[E003\] refused: .* address"):
            fetch(url, Limits())
    assert server.hits == {}  # nothing reached the server
    allowed = Limits(destinations=Destinations(allow_private=True))
    body, content_type, _ = fetch(f"{server.url}/article.txt", allowed)
    assert body.decode() == TEXT and content_type == "text/plain"
    listed = Limits(destinations=Destinations.of(["127.0.0.0/8"]))
    assert fetch(f"http://localhost:{server.port}/article.txt", listed)[0].decode() == TEXT
    by_name = Limits(destinations=Destinations.of(["localhost"]))
    assert fetch(f"http://localhost:{server.port}/article.txt", by_name)[0].decode() == TEXT


def test_fetch_checks_the_address_after_every_redirect(server):
    from eventwire.errors import FetchRefused
    from eventwire.ingest.destinations import Destinations

    with serving("127.0.0.2") as other:
        only_first = Limits(destinations=Destinations.of(["127.0.0.1/32"]))
        for target in (f"{other.url}/article.txt", f"http://[::1]:{other.port}/article.txt"):
            with pytest.raises(FetchRefused, match=r"refused: (127\.0\.0\.2|::1) is a loopback"):
                fetch(f"{server.url}/to?u={target}", only_first)
        assert other.hits == {}
        both = Limits(destinations=Destinations.of(["127.0.0.1", "127.0.0.2"]))
        body, _, final = fetch(f"{server.url}/to?u={other.url}/article.txt", both)
        assert body.decode() == TEXT and final == f"{other.url}/article.txt"


def test_fetch_resolves_once_so_dns_rebinding_cannot_swap_the_address(server, monkeypatch):
    from eventwire.ingest.destinations import Destinations

    # a name whose first answer is an allowed address (where nothing listens) and every
    # later answer the loopback server: a fetch that resolved twice would reach the server
    answers = iter(["127.0.0.2"])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.example":
            return real(next(answers, "127.0.0.1"), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    limits = Limits(destinations=Destinations.of(["127.0.0.2/32"]))
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://rebind.example:{server.port}/article.txt", limits)
    assert server.hits == {}


def test_fetch_classifies_addresses():
    import ipaddress

    from eventwire.ingest.destinations import non_public_kind

    assert non_public_kind(ipaddress.ip_address("93.184.215.14")) is None
    assert non_public_kind(ipaddress.ip_address("2606:4700::1111")) is None
    assert non_public_kind(ipaddress.ip_address("64:ff9b::a00:1")) == (
        "a private address inside an IPv6 address"
    )
    assert non_public_kind(ipaddress.ip_address("2002:7f00:1::")) == (
        "a loopback address inside an IPv6 address"
    )


def test_fetch_cli_extract_refuses_loopback_unless_allowed(cli, server, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_FETCH_ALLOW", raising=False)
    url = f"{server.url}/article.txt"
    refused = cli("extract", url)
    assert refused.exit_code == 1
    assert f"failed: {url}: [E003] refused: 127.0.0.1 is a loopback address" in refused.stderr
    assert "--allow-private" in refused.stderr and server.hits == {}
    fetched = cli("extract", url, "--allow-private")
    assert fetched.exit_code == 0, fetched.output
    assert json.loads(fetched.stdout)["article"]["text"] == TEXT


def test_fetch_ingest_feed_items_on_loopback_are_refused(cli, server, tmp_path, monkeypatch):
    # a feed (a file here) whose items link to internal addresses: none is fetched
    monkeypatch.delenv("EVENTWIRE_FETCH_ALLOW", raising=False)
    feed = tmp_path / "wire.rss"
    link = f"{server.url}/article.txt"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Kano</title><link>{link}</link></item>"
        f"<item><title>Meta</title><link>http://169.254.169.254/latest/</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    db = tmp_path / "feed.db"
    refused = cli("ingest", feed, "--db", db)
    assert refused.exit_code == 1
    assert refused.stderr.count("[E003] refused: ") == 2 and server.hits == {}
    assert "0 stored" in refused.stderr
    monkeypatch.setenv("EVENTWIRE_FETCH_ALLOW", "127.0.0.1")  # the allow-list: loopback only
    allowed = cli("ingest", feed, "--db", db)
    assert "1 stored" in allowed.stderr and server.hits == {"/article.txt": 1}
    assert "169.254.169.254 is a link-local address" in allowed.stderr  # still refused


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_fetch_api_refuses_internal_urls_and_says_no_more(
    server, tmp_path, extractor, anyio_backend
):
    from eventwire.api import Settings, create_app
    from eventwire.store import open_store

    auth = {"Authorization": f"Bearer {TOKEN}"}
    with open_store(tmp_path / "api.db") as store:
        app = create_app(Settings(token=TOKEN), store)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for url in [*spellings(server.port), f"{server.url}/to?u=http://10.0.0.1/"]:
                response = await client.post("/articles", json={"url": url}, headers=auth)
                assert response.status_code == 422, (url, response.text)
                assert response.json() == {
                    "detail": "body.url: [E003] refused: not a public address",
                    "code": "E003",
                }, url
            assert server.hits == {}
            assert (await client.get("/articles")).json()["total"] == 0
