"""The store: ArticleReports in a database (SQLite file by default, PostgreSQL by URL).

    from eventwire.store import open_store

    with open_store("eventwire.db") as store:
        store.save(report)              # True when new; the same article twice: False
        store.get(report.article.id)    # the report, rebuilt from the tables

Design, tables and how migrations will work: store/README.md.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.store.engine import (
    DEFAULT_DB,
    ENV_DB,
    StoreError,
    connect,
    prepare,
    printable,
    resolve,
)
from eventwire.store.repository import Store
from eventwire.store.tables import SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "ENV_DB", "SCHEMA_VERSION", "Store", "StoreError", "open_store"]


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating when needed) the store at ``location``.

    None → $EVENTWIRE_DB, else ./eventwire.db; a path → that SQLite file (its folder is
    created); a URL ("sqlite:///…", "postgresql+psycopg://…") → that database.
    Raises StoreError naming the location when it cannot be opened.
    """
    url = resolve(location)
    where = printable(url)
    try:
        engine = connect(url)
    except Exception as exc:  # e.g. the driver of the URL is not installed
        raise StoreError(where, f"cannot open the database ({exc})") from None
    try:
        prepare(engine, where)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, where)
