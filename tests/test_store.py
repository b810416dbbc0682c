"""The store on real SQLite files and a real PostgreSQL server: round trip, idempotence,
atomicity, dedup, listing, crashes.

Reports are built by hand from a text written for these tests (no extraction stages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import BaseModel

from eventwire.knowledge.acled import classify_events
from eventwire.model import (
    Actor,
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    Place,
    PlaceMention,
    Span,
    Statement,
    When,
)
from eventwire.store import SCHEMA_VERSION, Store, StoreError, open_store, tables

TEXT = (
    "KANO, Nigeria (Testwire) - Gunmen of the Northern Front armed with rifles stormed a "
    "crowded market in Kano, a Nigerian city, on Friday, killing at least 12 people and "
    "wounding nearly 30, "
    "police spokesman Musa Ade said. The Northern Front claimed responsibility for the attack "
    "in a statement posted on Telegram. Governor Amina Bello condemned the killings and accused "
    "the group of targeting civilians. The group denied any role in a similar raid on Zaria in "
    "2020. Nigeria vowed to respond."
)
EMPTY = {
    "articles": 0,
    "actors": 0,
    "places": 0,
    "dates": 0,
    "events": 0,
    "statements": 0,
    "arguments": 0,
    "mentions": 0,
    "place_uses": 0,
}


def rich_report(n: int = 0, url: str | None = None, text: str | None = None) -> ArticleReport:
    """A report using every field of the schema; ``n`` makes a distinct article."""
    text = text or (TEXT if n == 0 else f"{TEXT} Update {n}.")

    def at(phrase: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return Span.of(text, start, start + len(phrase))

    def sentence(i: int) -> Span:
        found = list(re.finditer(r"\S[^.]*\.", text))[i]
        return Span.of(text, found.start(), found.end())

    report = ArticleReport(
        article=Article(
            id=f"{n:016x}",
            title="Gunmen storm market in Kano",
            url=url if url is not None else f"https://testwire.example/kano/{n}",
            outlet="Testwire",
            published=dt.date(2024, 1, 4),
            language="en",
            text=text,
        ),
        actors=[
            Actor(
                id="A1",
                name="Northern Front",
                kind="armed_group",
                country="NGA",
                ref="northern_front",
                parent="front_alliance",
                mentions=[
                    at("Northern Front"),
                    at("Northern Front", 1),
                    at("group"),
                    at("group", 1),
                ],
            ),
            Actor(
                id="A2",
                name="Nigeria Police",
                kind="police",
                country="NGA",
                mentions=[at("police")],
            ),
            Actor(
                id="A3",
                name="Musa Ade",
                kind="person",
                country="NGA",
                role="spokesman",
                affiliation="A2",
                mentions=[at("Musa Ade")],
            ),
            Actor(
                id="A4",
                name="Amina Bello",
                kind="person",
                role="Governor",
                mentions=[at("Amina Bello")],
            ),
            Actor(id="A5", name="civilians", kind="civilians", mentions=[at("civilians")]),
        ],
        places=[
            Place(
                id="P1",
                geonames_id=2335204,
                name="Kano",
                country="NGA",
                admin1="Kano",
                lat=12.00012,
                lon=8.51672,
                feature="city",
                confidence=0.93,
                mentions=[at("KANO"), at("Kano")],
            ),
            Place(
                id="P2",
                geonames_id=2328926,
                name="Nigeria",
                country="NGA",
                lat=10.0,
                lon=8.0,
                feature="country",
                confidence=1.0,
                mentions=[
                    at("Nigeria"),
                    PlaceMention(**at("Nigerian").model_dump(), kind="demonym"),
                    PlaceMention(**at("Nigeria", 1).model_dump(), metonymic=True),
                ],
            ),
            Place(
                id="P3",
                name="Zaria",
                country="NGA",
                lat=11.11128,
                lon=7.7227,
                mentions=[at("Zaria")],
            ),
        ],
        dates=[
            When(
                id="D1",
                value="2024-01-05",
                granularity="day",
                start=dt.date(2024, 1, 5),
                end=dt.date(2024, 1, 5),
                relative=True,
                span=at("Friday"),
            ),
            When(
                id="D2",
                value="2020",
                granularity="year",
                start=dt.date(2020, 1, 1),
                end=dt.date(2020, 12, 31),
                span=at("2020"),
            ),
        ],
        events=[
            Event(
                id="E1",
                type="ASSAULT",
                mode=["firearms", "targeted"],
                context=["terrorism"],
                trigger=at("stormed"),
                sentence=sentence(0),
                mentions=[at("the attack"), at("the killings")],
                actors=[
                    Arg(actor_id="A1", individual=True, span=at("Gunmen of the Northern Front"))
                ],
                targets=[Arg(span=at("a crowded market"))],
                victims=[Arg(span=at("12 people")), Arg(actor_id="A5", span=at("civilians"))],
                instruments=[Arg(span=at("rifles"))],
                place=[Arg(place_id="P1", span=at("Kano"))],
                date="D1",
                killed=Count(min=12, span=at("at least 12")),
                injured=Count(max=30, approximate=True, span=at("nearly 30")),
                suicide=False,
                claimed_by=[Arg(actor_id="A1", span=at("The Northern Front"))],
                attack_kind="armed_assault",
                target_kind=["business", "private_citizens"],
                confidence=0.8,
            ),
            Event(
                id="E2",
                type="ACCUSE",
                trigger=at("accused"),
                sentence=sentence(2),
                actors=[Arg(actor_id="A4", span=at("Governor Amina Bello"))],
                recipients=[Arg(actor_id="A1", span=at("the group"))],
            ),
            Event(
                id="E3",
                type="ASSAULT",
                trigger=at("raid"),
                sentence=sentence(3),
                modality="denied",
                place=[Arg(place_id="P3", span=at("Zaria"))],
                date="D2",
            ),
        ],
        statements=[
            Statement(
                id="S1",
                speaker=Arg(actor_id="A3", span=at("police spokesman Musa Ade")),
                cue=at("said"),
                content=Span.of(text, at("Gunmen").start, at("nearly 30").end),
                stance="confirms",
                stances=["confirms"],
                about_event="E1",
                sentence=sentence(0),
            ),
            Statement(
                id="S2",
                speaker=Arg(actor_id="A1", span=at("The Northern Front")),
                cue=at("claimed responsibility"),
                stance="claims_responsibility",
                stances=["claims_responsibility"],
                about_event="E1",
                channel=at("Telegram"),
                sentence=sentence(1),
            ),
            Statement(
                id="S3",
                speaker=Arg(actor_id="A4", span=at("Governor Amina Bello")),
                cue=at("condemned"),
                content=at("the killings"),
                direct=False,
                stance="condemns",
                stances=["condemns", "accuses"],
                about_event="E1",
                target=Arg(actor_id="A1", span=at("the group")),
                event_id="E2",
                sentence=sentence(2),
            ),
            Statement(
                id="S4",
                speaker=Arg(actor_id="A1", span=at("The group")),
                cue=at("denied"),
                content=at("any role in a similar raid on Zaria in 2020"),
                stance="denies",
                stances=["denies"],
                about_event="E3",
                sentence=sentence(3),
            ),
        ],
        pipeline="eventwire 0.1.0 / test",
        warnings=["dates: 'Friday' resolved against 2024-01-04"],
    )
    classify_events(report.events, report.actors)  # as the pipeline's classes stage
    return report


def small_report(text: str, url: str | None = None) -> ArticleReport:
    """A report with one actor, keyed by the hash of its text."""
    return ArticleReport(
        article=Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], url=url, text=text),
        actors=[Actor(id="A1", name="police", kind="police", mentions=[Span.of(text, 0, 6)])],
    )


def test_store_postgresql_cases_run_on_a_real_server(pg_url: str):
    """The tests on a ``location`` also run on PostgreSQL: a real server, not a stand-in."""
    with open_store(pg_url) as store:
        assert store.engine.dialect.name == "postgresql"
        with store.engine.connect() as conn:
            assert conn.scalar(sa.text("select version()")).startswith("PostgreSQL")


@pytest.fixture
def store(location: str | Path):
    with open_store(location) as opened:
        yield opened


def test_store_rich_report_round_trips(location: str | Path):
    report = rich_report()
    report.check_spans()
    with open_store(location) as store:
        assert store.save(report) is True
    with open_store(location) as store:  # from the file, not from anything kept in memory
        again = store.get(report.article.id)
    assert again == report
    assert again.model_dump_json() == report.model_dump_json()
    again.check_spans()


def test_store_rich_report_exercises_every_field_of_the_schema():
    """A field added to the model fails here until the rich report (and so the round trip
    through the store) covers it."""
    seen: dict[type, set[str]] = {}

    def walk(value: object) -> None:
        if isinstance(value, BaseModel):
            fields = seen.setdefault(type(value), set())
            for name in value.model_fields_set:
                if getattr(value, name) not in (None, []):
                    fields.add(name)
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(rich_report())
    models = [
        Article, Actor, Place, PlaceMention, When, Count, Arg, Event, Statement, Span,
        ArticleReport,
    ]  # fmt: skip
    missing = {
        f"{m.__name__}.{name}" for m in models for name in set(m.model_fields) - seen.get(m, set())
    }
    assert missing == NOT_STORED


# What custom stages add (ArticleReport.extensions) travels in the report, not in the store.
NOT_STORED = {"ArticleReport.extensions"}


def test_store_keeps_no_extensions_of_custom_stages(store: Store):
    report = rich_report().model_copy(update={"extensions": {"weapons": ["car bomb"]}})
    assert store.save(report)
    assert store.get(report.article.id).extensions == {}


def test_store_counts_rows_of_every_table(store: Store):
    store.save(rich_report())
    assert store.counts() == {
        "articles": 1,
        "actors": 5,
        "places": 3,
        "dates": 2,
        "events": 3,
        "statements": 4,
        "arguments": 15,  # E1 7, E2 2, E3 1; speakers of S1-S4 4, target of S3 1
        "mentions": 16,  # actors 8, places 6, E1 2
        "place_uses": 2,  # the demonym "Nigerian", the metonymic "Nigeria vowed"
    }


def test_store_saving_twice_changes_nothing(store: Store):
    report = rich_report()
    assert store.save(report) is True
    counts = store.counts()
    assert store.save(report) is False
    assert store.save_many([report, report]) == (0, 2)
    assert store.counts() == counts
    assert store.get(report.article.id) == report


def test_store_denormalises_event_date_and_country(store: Store):
    store.save(rich_report())
    ev = tables.events.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(ev.id, ev.first_day, ev.last_day, ev.country)
            .where(ev.type == "ASSAULT")
            .order_by(ev.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("E1", dt.date(2024, 1, 5), dt.date(2024, 1, 5), "NGA"),
        ("E3", dt.date(2020, 1, 1), dt.date(2020, 12, 31), "NGA"),
    ]


def broken_duplicate_event(report: ArticleReport) -> ArticleReport:
    """Two events with one id: the database refuses it after writing the rows before."""
    report.events.append(report.events[1].model_copy())
    return report


def broken_duplicate_statement(report: ArticleReport) -> ArticleReport:
    report.statements.append(report.statements[0].model_copy())
    return report


def broken_reference(report: ArticleReport) -> ArticleReport:
    report.events[0].victims.append(Arg(actor_id="A9", span=report.events[0].trigger))
    return report


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (broken_duplicate_event, "violates a key or constraint .*events"),
        (broken_duplicate_statement, "violates a key or constraint .*statements"),
        (broken_reference, "event E1 victims refers to unknown actor 'A9'"),
    ],
)
def test_store_failed_write_leaves_nothing_behind(store: Store, breakage, message):
    bad = breakage(rich_report())
    with pytest.raises(StoreError, match=message) as caught:
        store.save(bad)
    assert f"article {bad.article.id}" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert store.counts() == EMPTY
    assert not store.has(bad.article.id)
    assert store.save(rich_report()) is True  # the store goes on


def test_store_database_refuses_what_the_python_check_lets_through(store: Store):
    """Foreign keys are on: a row pointing at a missing actor is refused by the database."""
    store.save(rich_report())
    with pytest.raises(sa.exc.IntegrityError, match=r"(?i)foreign key"):  # noqa: SIM117
        with store.engine.begin() as conn:
            conn.execute(
                sa.insert(tables.mentions),
                [{"article_id": f"{0:016x}", "actor_id": "A9", "position": 0,
                  "span_start": 0, "span_end": 4, "span_text": "KANO"}],
            )  # fmt: skip


def test_store_dedups_same_url_with_same_text(store: Store):
    url = "https://testwire.example/kano"
    first = small_report("police said two people were hurt.", url=url)
    # fetched again: the same words with other whitespace, so another content hash
    again = small_report("police  said two people\nwere hurt.\n", url=url)
    updated = small_report("police said three people were hurt.", url=url)
    elsewhere = small_report("police said two people were hurt.", url="https://other.example/1")
    assert first.article.id != again.article.id
    assert store.save(first) is True
    assert store.save(again) is False
    assert store.save(elsewhere) is False  # same text (content hash) from another outlet
    assert store.save(updated) is True  # an updated story at the same URL is a new article
    assert store.counts()["articles"] == 2
    assert store.has_url(url) and not store.has_url("https://other.example/1")
    # the same holds inside one batch
    assert store.save_many(
        [small_report("police wait.", url="u"), small_report("police  wait.", url="u")]
    ) == (1, 1)


def test_store_lists_articles_and_reports_in_storage_order(store: Store):
    reports = [rich_report(n) for n in (5, 1, 3, 2, 4)]
    assert store.save_many(reports, chunk=2) == (5, 0)
    ids = [r.article.id for r in reports]
    assert [a.id for a in store.articles()] == ids
    assert [a.id for a in store.articles(limit=2, offset=1)] == ids[1:3]
    assert store.articles(limit=10, offset=5) == []
    assert store.articles(limit=1)[0] == reports[0].article
    assert list(store.reports(batch=2)) == reports
    assert store.has(ids[0]) and not store.has("0" * 16)
    assert store.get("0" * 16) is None


def test_store_save_many_isolates_a_bad_article(store: Store):
    good = [rich_report(n) for n in range(1, 6)]
    bad = broken_duplicate_event(rich_report(99))
    failed: list[tuple[str, str]] = []
    batch = [*good[:2], bad, *good[2:], good[0]]
    new, skipped = store.save_many(
        batch, chunk=3, on_error=lambda r, exc: failed.append((r.article.id, str(exc)))
    )
    assert (new, skipped) == (5, 1)
    assert [f[0] for f in failed] == [bad.article.id]
    assert "violates a key or constraint" in failed[0][1]
    assert store.counts()["articles"] == 5
    assert list(store.reports()) == good


def test_store_save_many_raises_after_storing_what_came_before(store: Store):
    batch = [rich_report(1), rich_report(2), broken_reference(rich_report(3)), rich_report(4)]
    with pytest.raises(StoreError, match="unknown actor"):
        store.save_many(batch, chunk=10)
    assert [a.id for a in store.articles()] == [batch[0].article.id, batch[1].article.id]


def test_store_delete_removes_the_article_and_its_rows(store: Store):
    store.save(rich_report(1))
    store.save(rich_report(2))
    counts = store.counts()
    assert store.delete(rich_report(1).article.id) is True
    assert store.delete(rich_report(1).article.id) is False
    assert store.counts() == {name: n // 2 for name, n in counts.items()}
    assert store.get(rich_report(2).article.id) == rich_report(2)


def test_store_sqlite_settings_and_schema_version(tmp_path: Path):
    with open_store(tmp_path / "events.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT version FROM schema_version").scalars().all() == [
            SCHEMA_VERSION
        ]


def test_store_reader_and_writer_on_one_file(tmp_path: Path):
    path = tmp_path / "events.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.save(rich_report(1))
        pages = reader.reports(batch=1)
        assert next(pages) == rich_report(1)
        writer.save(rich_report(2))  # while the reader is between pages
        assert next(pages) == rich_report(2)
        assert reader.counts()["articles"] == 2


def test_store_opens_path_url_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "sub" / "dir" / "a.db"
    with open_store(str(path)) as store:
        assert store.location == str(path)
        store.save(rich_report(1))
    with open_store(f"sqlite:///{path}") as store:
        assert store.has(rich_report(1).article.id)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    with open_store() as store:
        assert store.location == str(tmp_path / "eventwire.db")
    monkeypatch.setenv("EVENTWIRE_DB", str(path))
    with open_store() as store:
        assert store.location == str(path)
        assert store.counts()["articles"] == 1


def test_store_refuses_what_is_not_a_database(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"notes\.txt.*not a database") as caught:
        open_store(notes)
    assert "\n" not in str(caught.value)
    assert notes.read_text().startswith("these are my notes")
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="cannot open"):
        open_store("nosuchdriver://host/db")


def test_store_refuses_a_newer_schema(tmp_path: Path):
    path = tmp_path / "events.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_version VALUES (?, '2030-01-01 00:00:00')", (SCHEMA_VERSION + 1,)
        )
    conn.close()
    with pytest.raises(StoreError, match=f"schema v{SCHEMA_VERSION + 1}, newer"):
        open_store(path)


WRITER = textwrap.dedent(
    """
    import sys, time
    from sqlalchemy import event
    sys.path.insert(0, sys.argv[2])
    from test_store import rich_report
    from eventwire.store import open_store

    store = open_store(sys.argv[1])
    done = 0

    @event.listens_for(store.engine, "after_execute")
    def pause_mid_write(conn, statement, *args):
        # after 5 batches, stop inside the transaction that has just written rows of
        # articles … events and is inserting statements: the parent kills us there
        table = getattr(getattr(statement, "table", None), "name", None)
        if done == 5 and table == "statements":
            print("mid-write", flush=True)
            time.sleep(120)

    for n in range(1, 100):
        store.save_many([rich_report(n * 10 + k) for k in range(3)], chunk=int(sys.argv[3]))
        done += 1
        print(f"stored batch {n}", flush=True)
    """
)


@pytest.mark.parametrize("chunk", [1, 3])
def test_store_survives_kill_9_in_the_middle_of_writing(tmp_path: Path, chunk: int):
    """Killed inside a write transaction, the file holds whole articles only, and running the
    same input again stores what was missing and nothing twice."""
    path = tmp_path / "events.db"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(Path(__file__).parent), str(chunk)],
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        while not lines or lines[-1] != "mid-write":
            line = child.stdout.readline()
            assert line, f"the writer stopped before the kill: {lines}"
            lines.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert lines == [f"stored batch {n}" for n in range(1, 6)] + ["mid-write"]

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    with open_store(path) as store:
        stored = store.counts()
        n = stored["articles"]
        assert n == 15  # 5 batches of 3; nothing of the 6th (its first article with chunk=1)
        assert stored == {name: k * n for name, k in store_counts_of_one().items()}
        for report in store.reports():
            number = int(report.article.id, 16)
            assert report == rich_report(number)
        wanted = [rich_report(m * 10 + k) for m in range(1, 9) for k in range(3)]
        new, skipped = store.save_many(wanted)
        assert skipped == n and new == len(wanted) - n
        assert store.counts()["articles"] == len(wanted)


def store_counts_of_one() -> dict[str, int]:
    return {
        "articles": 1,
        "actors": 5,
        "places": 3,
        "dates": 2,
        "events": 3,
        "statements": 4,
        "arguments": 15,
        "mentions": 16,
        "place_uses": 2,
    }


OVERLAPPING_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from test_store import rich_report
    from eventwire.store import open_store

    with open_store(sys.argv[1]) as store:
        first = int(sys.argv[3])
        for n in range(first, first + 30, 5):
            store.save_many([rich_report(m) for m in range(n, n + 5)], chunk=int(sys.argv[4]))
    """
)


def test_store_writers_in_two_processes_store_each_article_once(location: str | Path):
    """Two processes storing overlapping articles at once: each article ends up there once."""
    open_store(location).close()  # create the tables before the race
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                OVERLAPPING_WRITER,
                str(location),
                str(Path(__file__).parent),
                str(first),
                str(chunk),
            ]
        )
        for first, chunk in ((1, 5), (11, 1))
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with open_store(location) as store:
        assert store.counts() == {name: 40 * k for name, k in store_counts_of_one().items()}
        assert sorted(int(a.id, 16) for a in store.articles(limit=100)) == list(range(1, 41))


def test_store_is_the_only_module_that_speaks_sql():
    """As Datasette sends all SQL through its Database object, eventwire sends it through
    the Store: no module outside eventwire/store imports SQLAlchemy or a database driver."""
    import ast

    import eventwire

    package = Path(eventwire.__file__).parent
    drivers = {"sqlalchemy", "sqlite3", "psycopg", "psycopg2"}
    offenders = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parts[0] == "store" or relative.parts[:2] == ("knowledge", "gazetteer.py"):
            continue  # the store; the gazetteer's own read-only index file is no store
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            offenders += [
                f"{relative}: {n}"
                for n in names
                if n.split(".")[0] in drivers or n.startswith("eventwire.store.tables")
            ]
    assert offenders == []
