"""Shared fixtures: the loaded pipeline (once per session) and paths to ../shared."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventwire.model import ArticleReport

os.environ.setdefault("EVENTWIRE_STRICT", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
KERMAN = SHARED / "examples" / "kerman.txt"


def need_shared(path: Path) -> Path:
    """Skip the test, with a reason, when ../shared (public gold data) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (public gold data) is not beside this clone")
    return path


@pytest.fixture(scope="session")
def extractor():
    from eventwire.pipeline import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def report_of(extractor):
    """Extract a sentence written for a test (published 2024-01-04), spans checked."""
    from eventwire.ingest.article import make_article

    def run(text: str) -> ArticleReport:
        article = make_article(text, source="test", published="2024-01-04", check_language=False)
        report = extractor.extract(article)
        report.check_spans()
        return report

    return run


@pytest.fixture(scope="session")
def kerman(extractor):
    """The report on ../shared/examples/kerman.txt, published 2024-01-04."""
    from eventwire.ingest.article import make_article

    text = need_shared(KERMAN).read_text(encoding="utf-8")
    report = extractor.extract(make_article(text, source=str(KERMAN), published="2024-01-04"))
    report.check_spans()
    return report


@pytest.fixture(scope="session")
def cli():
    """Run the ``eventwire`` command in-process: ``cli("extract", path, input=...)``.

    Returns click's Result (``exit_code``, ``stdout``, ``stderr``).
    """
    import typer
    from typer.testing import CliRunner

    from eventwire.commands import register

    app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
    register(app)
    runner = CliRunner()

    def run(*args: object, input: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


@pytest.fixture
def http_server(tmp_path):
    """A real local HTTP server on ``tmp_path/"www"`` (in a thread); yields its base URL.

    Files are served with the content type of their suffix; ``/loop`` redirects to itself.
    """
    import http.server
    import threading
    from functools import partial

    root = tmp_path / "www"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PG_ENV = "EVENTWIRE_TEST_PG"
"""URL of a scratch PostgreSQL database ("postgresql+psycopg://…"); the tests drop and
create eventwire's tables in it.  Without it, the tests start a PostgreSQL server of their
own with pgserver (a dev dependency: PostgreSQL's binaries from the package index)."""


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scratch PostgreSQL database: $EVENTWIRE_TEST_PG, else a real server started for
    the session in a temporary directory (skipped, saying why, where none can start)."""
    if os.environ.get(PG_ENV):
        yield os.environ[PG_ENV]
        return
    try:
        import pgserver
    except ImportError:
        pytest.skip(f"no PostgreSQL: set {PG_ENV} or install the dev dependencies (pgserver)")
    try:
        server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    except Exception as exc:  # an environment without what PostgreSQL needs to run
        pytest.skip(f"no PostgreSQL: pgserver could not start one ({type(exc).__name__}: {exc})")
    try:
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def pg_database(pg_url: str) -> Callable[[str], str]:
    """``pg_database(name)``: the URL of an empty PostgreSQL database of that name on the
    test server (created anew; with $EVENTWIRE_TEST_PG, that database with eventwire's
    tables dropped)."""
    import sqlalchemy as sa

    def make(name: str) -> str:
        if os.environ.get(PG_ENV):
            from eventwire.store import open_store, tables

            with open_store(pg_url) as scratch:
                tables.metadata.drop_all(scratch.engine)
            return pg_url
        url = sa.engine.make_url(pg_url)
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            admin.dispose()
        return url.set(database=name).render_as_string(hide_password=False)

    return make


@pytest.fixture
def loopback_allowed(monkeypatch):
    """Fetches may connect to 127.0.0.1 (the test servers), as EVENTWIRE_FETCH_ALLOW says;
    by default eventwire refuses every address that is not public."""
    monkeypatch.setenv("EVENTWIRE_FETCH_ALLOW", "127.0.0.1")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """An empty database: a new SQLite file, or the scratch PostgreSQL database emptied."""
    from eventwire.store import open_store, tables

    if request.param == "sqlite":
        return tmp_path / "events.db"
    url = request.getfixturevalue("pg_url")
    with open_store(url) as scratch:
        tables.metadata.drop_all(scratch.engine)
    return url
