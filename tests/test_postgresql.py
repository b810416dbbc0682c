"""PostgreSQL as the team store, end to end, on a real server (pgserver): the REST API, the
exports, the incidents command and the clustering give the same answers as on SQLite,
and several processes storing and clustering into one store at once are safe."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
from pathlib import Path

import httpx
import pytest

from api_support import built_store
from eventwire.api import Settings, create_app
from eventwire.evaluate.clustering import bcubed
from eventwire.incidents.cluster import update_incidents
from eventwire.incidents.synthetic import stress_set
from eventwire.store import open_store

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory, extractor) -> Path:
    return built_store(tmp_path_factory, extractor)


@pytest.fixture(scope="module")
def pg_db(sqlite_db: Path, pg_database) -> str:
    """The reports of the SQLite store, stored and clustered anew in PostgreSQL."""
    url = pg_database("eventwire_e2e")
    with open_store(sqlite_db) as source, open_store(url) as target:
        assert target.engine.dialect.name == "postgresql"
        target.save_many(source.reports())
        update_incidents(target)
    return url


def _client(db: str | Path) -> tuple[httpx.AsyncClient, object]:
    store = open_store(db)
    app = create_app(Settings(token="t"), store)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t"), store


def _without_clock(value: object) -> object:
    """The answer without the times of writing (``updated_at``, ``stored_at``, CSV
    ``timestamp``), which differ between two stores filled at different moments."""
    if isinstance(value, dict):
        return {
            k: _without_clock(v)
            for k, v in value.items()
            if k not in ("updated_at", "stored_at", "timestamp")
        }
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


READS = [
    "/incidents",
    "/incidents?limit=2&offset=1",
    "/incidents?type=ASSAULT",
    "/incidents?country=IRN",
    "/incidents?q=bomb",
    "/incidents?actor=islamic",
    "/incidents?bbox=40,20,70,40",
    "/incidents?start=2024-01-01&end=2024-01-31",
    "/actors",
    "/actors?q=state",
    "/facets",
    "/articles",
    "/export?format=geojson",
]


async def test_postgresql_api_answers_as_sqlite(sqlite_db: Path, pg_db: str):
    """Every read endpoint (lists with each filter, details, facets, exports) answers the
    same on PostgreSQL as on SQLite, for the same reports clustered the same way."""
    lite, lite_store = _client(sqlite_db)
    pg, pg_store = _client(pg_db)
    try:
        async with lite, pg:
            listed = (await lite.get("/incidents")).json()
            assert listed["total"] >= 3
            paths = [*READS, *(f"/incidents/{item['id']}" for item in listed["items"])]
            articles = (await lite.get("/articles")).json()["items"]
            paths += [f"/articles/{a['id']}" for a in articles[:3]]
            paths += [f"/articles/{a['id']}/incidents" for a in articles[:3]]
            for path in paths:
                a, b = await lite.get(path), await pg.get(path)
                assert (a.status_code, b.status_code) == (200, 200), path
                assert _without_clock(b.json()) == _without_clock(a.json()), path
            rows = []
            for client in (lite, pg):
                text = (await client.get("/export?format=csv")).text
                rows.append([_without_clock(r) for r in csv.DictReader(io.StringIO(text))])
            assert rows[0] == rows[1]
            assert len(rows[0]) == listed["total"]
    finally:
        lite_store.close()
        pg_store.close()


def test_postgresql_incidents_command_rebuild(cli, sqlite_db: Path, pg_db: str):
    """``eventwire incidents --rebuild`` on a PostgreSQL URL clusters everything again into
    the same incidents, and lists them as on SQLite (ids aside: PostgreSQL's sequence goes
    on after a rebuild where SQLite starts again at 1)."""
    lines = []
    for db in (sqlite_db, pg_db):
        done = cli("incidents", "--db", db, "--rebuild", "--json", "--limit", "50")
        assert done.exit_code == 0, done.stderr
        listed = [json.loads(line) for line in done.stdout.splitlines()]
        lines.append([_without_clock({**item, "id": None}) for item in listed])
    assert lines[0] == lines[1]
    assert len(lines[0]) >= 3


def _store_and_cluster(db: str, reports_json: list[str], gate) -> None:
    """In a process of its own: store the reports 20 at a time, clustering after each."""
    from eventwire.model import ArticleReport

    reports = [ArticleReport.model_validate_json(r) for r in reports_json]
    gate.wait()  # every writer starts at the same moment
    with open_store(db) as store:
        for start in range(0, len(reports), 20):
            store.save_many(reports[start : start + 20])
            update_incidents(store)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_postgresql_writers_store_and_cluster_at_once(backend, tmp_path, pg_database):
    """Three processes store overlapping parts of 160 generated articles into one store
    and cluster after every 20, all at once: every article is stored once, every event
    joins exactly one incident, nothing is left unclustered, and the incidents are as good
    as one process's (no incident started twice because two writers saw the same event at
    the same moment)."""
    reports, gold = stress_set(160, seed=11)
    db = str(tmp_path / "shared.db") if backend == "sqlite" else pg_database("eventwire_writers")
    with open_store(db) as store:  # the tables, before the writers race to create them
        pass
    halves = [reports[:100], reports[60:], reports[::-1][:80]]
    context = multiprocessing.get_context("spawn")
    gate = context.Barrier(len(halves))
    writers = [
        context.Process(
            target=_store_and_cluster, args=(db, [r.model_dump_json() for r in half], gate)
        )
        for half in halves
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    with open_store(db) as store:
        assert store.article_count() == len(reports)
        assert store.unclustered() == []
        together = {}
        for report in reports:
            for event, incident in store.incidents_of(report.article.id).items():
                together[(report.article.id, event)] = incident
    assert set(together) == set(gold)  # every event in one incident (keys are unique)
    serial_db = tmp_path / "serial.db"
    with open_store(serial_db) as store:
        store.save_many(reports)
        update_incidents(store)
        alone = {
            (r.article.id, e): i
            for r in reports
            for e, i in store.incidents_of(r.article.id).items()
        }
    assert bcubed(gold, together).f1 >= bcubed(gold, alone).f1 - 0.05
