"""Opening a database: where it is, the SQLite settings, creating and checking the schema.

SQLite settings (every connection): foreign keys on, WAL journal (readers never block the
writer, a kill -9 in the middle of a write leaves the last committed state), synchronous
NORMAL (durable against a crash of the process; a power cut may lose the last commits but
never corrupts), a 30 s busy timeout.  Transactions are real: the driver's legacy mode is
turned off and SQLAlchemy emits BEGIN itself, BEGIN IMMEDIATE for writes, so a writer takes
the write lock before it reads what it is about to decide on.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from eventwire.errors import EventwireError
from eventwire.store import clustering, fulltext, tables

DEFAULT_DB = "eventwire.db"
ENV_DB = "EVENTWIRE_DB"
PREPARE_LOCK = 0x65766E_737465  # PostgreSQL advisory lock key of creating the tables
WRITE = "eventwire_write"
"""Connection execution option: the next transaction writes (SQLite: BEGIN IMMEDIATE)."""


class StoreError(EventwireError):
    """The store cannot be opened, or an article cannot be written; names which."""

    code = "E200"


def resolve(location: str | Path | None) -> URL:
    """The database URL of ``location``: None → $EVENTWIRE_DB or ./eventwire.db; a path →
    that SQLite file; a URL ("sqlite:///…", "postgresql+psycopg://…") → itself."""
    if location is None:
        location = os.environ.get(ENV_DB) or DEFAULT_DB
    if isinstance(location, str) and "://" in location:
        try:
            return make_url(location)
        except SQLAlchemyError as exc:
            raise StoreError(location, f"not a database URL ({exc})") from None
    path = Path(location).expanduser().resolve()
    if path.is_dir():
        raise StoreError(str(location), "is a directory, not a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite+pysqlite", database=str(path))


def printable(url: URL) -> str:
    """Where the store is, for people: the file path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def connect(url: URL) -> Engine:
    """An engine for ``url``; SQLite connections get the settings of this module."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    memory = url.database in (None, "", ":memory:")
    options: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
    if memory:
        options["poolclass"] = StaticPool  # one connection, or each would see its own db
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def prepare(engine: Engine, where: str) -> None:
    """Create missing tables and record or check the schema version.

    v0 creates tables with ``metadata.create_all`` (a no-op for existing ones), fills
    the derived tables and indexes an older store lacks (the clustering queue, the
    blocking index, the full-text index of incidents).  A
    database written by an older schema version is refused until migrations exist
    (store/README.md: Alembic, ``eventwire db upgrade``); a newer one is refused too.
    """
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():  # one transaction: two processes opening at once are serialised
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PREPARE_LOCK})
                new = clustering.missing_tables(conn)
                fresh = tables.incidents.name not in inspect(conn).get_table_names()
                tables.metadata.create_all(conn)
                if new:
                    clustering.fill_new_tables(conn, new)
                fulltext.prepare(conn, fresh)
                if conn.dialect.name == "postgresql":
                    for name, what in tables.POSTGRESQL_INDEXES.items():
                        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {what}"))
                found = conn.scalar(select(func.max(tables.schema_version.c.version)))
                if found is None:
                    conn.execute(
                        insert(tables.schema_version).values(
                            version=tables.SCHEMA_VERSION, applied_at=dt.datetime.now(dt.UTC)
                        )
                    )
    except SQLAlchemyError as exc:
        raise StoreError(where, f"cannot open the database ({first_line(exc)})") from None
    if found is not None and found > tables.SCHEMA_VERSION:
        raise StoreError(
            where,
            f"the database has schema v{found}, newer than this eventwire's "
            f"v{tables.SCHEMA_VERSION}: upgrade eventwire",
        )
    if found is not None and found < tables.SCHEMA_VERSION:
        raise StoreError(
            where,
            f"the database has schema v{found}, older than this eventwire's "
            f"v{tables.SCHEMA_VERSION}: migrate it first",
        )


def first_line(exc: BaseException) -> str:
    """The driver's own message, one line, without SQLAlchemy's SQL and background link."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
