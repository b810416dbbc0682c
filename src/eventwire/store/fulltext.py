"""The full-text index of incidents for ``store.incidents(q=…)``: every word of ``q`` must
occur in an incident's ``search`` column (lower-cased words), as a substring.

Without an index that is a scan of every incident (``search LIKE '%word%'``): 1.4 s a
query at a million articles.  With one, the incidents holding a word are found by its
trigrams (any substring of three characters or more, which is what ``LIKE '%word%'``
asks; a word of one or two characters is still checked by the scan):

- SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34; Python 3.11's own
  is 3.40 here), ``incidents_fts``, an external-content index of ``incidents.search``
  (the text is not stored twice), kept in step by triggers on every insert, update
  of ``search`` and delete of ``incidents``, whoever writes it.  Created and filled
  (``rebuild``) on open when missing, so an older store gets it once.  Where the SQLite
  library lacks FTS5 or its trigram tokenizer, ``q`` scans as before.
- PostgreSQL: a GIN index of trigrams (``pg_trgm``, ``gin_trgm_ops``) on
  ``incidents.search``, which serves ``LIKE '%word%'`` itself (the planner chooses it);
  created on open when missing.  ``pg_trgm`` is a trusted extension (PostgreSQL ≥ 13):
  the owner of the database may create it; where it cannot be created, ``q`` scans.

A trigram match is a substring match without regard to case; the search text and the
words of ``q`` are both lower-cased, so the two agree (tested against a scan).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    column,
    func,
    inspect,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from eventwire.store import tables

FTS = "incidents_fts"
MIN_CHARS = 3  # a trigram index finds words of three characters or more
PG_INDEX = "ix_incidents_search_trgm"

_fts = table(FTS, column("rowid"))
_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(search, content='incidents', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON incidents BEGIN "
    f"INSERT INTO {FTS}(rowid, search) VALUES (new.id, new.search); END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON incidents BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, search) VALUES ('delete', old.id, old.search); END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF search ON incidents "
    "WHEN old.search IS NOT new.search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, search) VALUES ('delete', old.id, old.search); "
    f"INSERT INTO {FTS}(rowid, search) VALUES (new.id, new.search); END",
)


def prepare(conn: Connection, fresh_incidents: bool) -> None:
    """Create the full-text index when missing (filled from the incidents stored);
    ``fresh_incidents``: the incidents table was just created (an index left from an
    earlier one is made again)."""
    if conn.dialect.name == "sqlite":
        _prepare_sqlite(conn, fresh_incidents)
    elif conn.dialect.name == "postgresql":
        _prepare_postgresql(conn)


def _prepare_sqlite(conn: Connection, fresh_incidents: bool) -> None:
    have = _sqlite_has_index(conn)
    if have and not fresh_incidents:
        return
    try:
        with conn.begin_nested():
            if have:
                conn.exec_driver_sql(f"DROP TABLE {FTS}")
            for statement in _SQLITE_DDL:
                conn.exec_driver_sql(statement)
            conn.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    except SQLAlchemyError:  # no FTS5, or no trigram tokenizer (SQLite < 3.34): q scans
        return


def _prepare_postgresql(conn: Connection) -> None:
    if PG_INDEX in {i["name"] for i in inspect(conn).get_indexes(tables.incidents.name)}:
        return
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            conn.execute(
                text(f"CREATE INDEX {PG_INDEX} ON incidents USING gin (search gin_trgm_ops)")
            )
    except SQLAlchemyError:  # pg_trgm not installed or not allowed: q scans
        return


def _sqlite_has_index(conn: Connection) -> bool:
    found = conn.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?)",
        (FTS, f"{FTS}_insert", f"{FTS}_delete", f"{FTS}_update"),
    )
    return found.scalar() == 4


def conditions(conn: Connection, words: list[str], ordered: bool = False) -> list[Any]:
    """The conditions on ``incidents`` that every word occurs in ``search``.

    ``ordered``: for a page in the list's order.  SQLite then reads the order's index and
    keeps the incidents the full-text index found (``+incidents.id``: their ids are not
    looked up one by one), so a page costs at most one pass over an index of dates
    however many incidents a common word matches; a count looks them up by id."""
    column_ = tables.incidents.c.search
    scan = [column_.contains(w, autoescape=True) for w in words]
    if conn.dialect.name != "sqlite" or not _sqlite_has_index(conn):
        return scan  # PostgreSQL: its trigram index serves LIKE itself
    long = [w for w in words if len(w) >= MIN_CHARS]
    if not long:
        return scan
    ids = literal_column("+incidents.id") if ordered else tables.incidents.c.id
    return [
        ids.in_(_matched(long)),
        *(c for w, c in zip(words, scan, strict=True) if len(w) < MIN_CHARS),
    ]


def count(conn: Connection, words: list[str]) -> int | None:
    """How many incidents hold every word, read from the full-text index alone (SQLite,
    every word of three characters or more); None where it cannot tell."""
    if conn.dialect.name != "sqlite" or any(len(w) < MIN_CHARS for w in words):
        return None
    if not words or not _sqlite_has_index(conn):
        return None
    return conn.scalar(select(func.count()).select_from(_matched(words).subquery()))


def _matched(words: list[str]) -> Select:
    query = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    return select(_fts.c.rowid).where(literal_column(FTS).op("MATCH")(query))
