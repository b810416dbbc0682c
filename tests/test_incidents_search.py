"""``store.incidents(q=…)`` through the full-text index (store/fulltext.py): the same
incidents as a scan of every incident's words, kept in step with every write, and built
for a store written before it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.store import open_store
from eventwire.store.clustering import IncidentRow

SEARCH = [
    "bombing at the central market in peshawar; pakistan taliban claimed",
    "car bomb near kahramanmaraş bus station; 12% of the city without power",
    "protest at the university of lagos, nigeria; students and police",
    'gunmen attacked a village near maiduguri; "boko haram" blamed',
    "drone strike near mosul airport, iraq; a general killed",
    "market traders' strike in kano over fuel_price rises",
]

QUERIES = [
    "market",
    "MARKET Peshawar",
    "bomb",
    "ar",  # shorter than a trigram: scanned
    "of the",
    "12%",
    "fuel_price",
    "fuel%price",  # % and _ are letters here, not patterns
    '"boko',
    "maraş",
    "strike near",
    "iraq general",
    "nowhere",
    "a",
]


def incident_row(n: int, search: str, incident_id: int | None = None) -> IncidentRow:
    return IncidentRow(
        id=incident_id,
        columns={
            "type": "ASSAULT",
            "mode": [],
            "label": f"incident {n}",
            "country": None,
            "first_day": dt.date(2024, 1, 1) + dt.timedelta(days=n),
            "last_day": dt.date(2024, 1, 1) + dt.timedelta(days=n),
            "actors": [],
            "article_count": 1,
            "report_count": 1,
            "search": search,
        },
        profile={"type": "ASSAULT"},
        detail={},
    )


def write(store, rows: list[IncidentRow]) -> list[int]:
    with store.clustering() as batch:
        return batch.write(rows, [], [])


def found(store, q: str) -> tuple[set[int], int]:
    items, total = store.incidents(q=q, limit=100)
    return {i.id for i in items}, total


def scanned(texts: dict[int, str], q: str) -> set[int]:
    """The brute force: every word of q a substring of the incident's words."""
    words = q.lower().split()
    return {i for i, text in texts.items() if all(w in text for w in words)}


def test_search_finds_what_a_scan_finds_and_follows_every_write(location: str | Path):
    with open_store(location) as store:
        ids = write(store, [incident_row(n, s) for n, s in enumerate(SEARCH)])
        texts = dict(zip(ids, SEARCH, strict=True))
        for q in QUERIES:
            assert found(store, q) == (scanned(texts, q), len(scanned(texts, q))), q
        assert found(store, "market")[1] == 2
        # with another filter (counted by id, not from the index alone), and paged
        day = dt.date(2024, 1, 5)  # incident 4's day: on or after it, ids[4] and ids[5]
        items, total = store.incidents(q="strike", start=day, limit=1)
        assert ([i.id for i in items], total) == ([ids[5]], 2)
        items, total = store.incidents(q="strike", start=day, limit=1, offset=1)
        assert ([i.id for i in items], total) == ([ids[4]], 2)
        # an incident's words change (a new report joined it): old words out, new in
        write(store, [incident_row(0, "suicide attack on a mosque in quetta", ids[0])])
        texts[ids[0]] = "suicide attack on a mosque in quetta"
        assert found(store, "peshawar") == (set(), 0)
        assert found(store, "quetta mosque") == ({ids[0]}, 1)
        for q in QUERIES:
            assert found(store, q)[0] == scanned(texts, q), q
        store.clear_incidents()  # eventwire incidents --rebuild
        assert found(store, "market") == (set(), 0)
        (new,) = write(store, [incident_row(9, "market fire in quetta")])
        assert found(store, "market") == ({new}, 1)


def test_search_uses_the_index(location: str | Path):
    with open_store(location) as store:
        write(store, [incident_row(n, s) for n, s in enumerate(SEARCH)])
        with store.engine.connect() as conn:
            if conn.dialect.name == "sqlite":  # the index holds one row per incident
                indexed = conn.exec_driver_sql("SELECT count(*) FROM incidents_fts_docsize")
                assert indexed.scalar() == len(SEARCH)
            else:  # the planner can serve LIKE '%word%' from the trigram index
                available = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"
                ).scalar()
                if not available:
                    pytest.skip("this PostgreSQL server has no pg_trgm (pgserver ships none)")
                conn.exec_driver_sql("SET enable_seqscan = off")
                plan = conn.execute(
                    sa.text("EXPLAIN SELECT id FROM incidents WHERE search LIKE :words"),
                    {"words": "%market%"},
                ).scalars()
                assert any("ix_incidents_search_trgm" in line for line in plan)


def test_search_index_is_built_for_an_older_store(tmp_path: Path):
    path = tmp_path / "old.db"
    with open_store(path) as store:
        ids = write(store, [incident_row(n, s) for n, s in enumerate(SEARCH)])
        with store.engine.begin() as conn:  # as written before the index existed
            for name in ("insert", "delete", "update"):
                conn.execute(sa.text(f"DROP TRIGGER incidents_fts_{name}"))
            conn.execute(sa.text("DROP TABLE incidents_fts"))
    with open_store(path) as store:
        assert found(store, "market strike") == ({ids[5]}, 1)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM incidents_fts_docsize").scalar() == 6
