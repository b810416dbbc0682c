"""The Store: save, find and rebuild ArticleReports.

Writes.  One writer: writes of one Store are serialised by a lock, and each write
transaction first takes the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
a transaction-level advisory lock), so writers in other processes wait their turn.

``save`` writes one article in one transaction.  ``save_many`` writes a chunk of articles
(default 200) per transaction, about twice as fast on SQLite (``python -m
eventwire.store.bench``); when a chunk fails it is written again one article per
transaction, so only the bad article fails.  Either way an article is stored whole or not
at all, and after a kill -9 running the same input again stores what was missing and
nothing twice (a kill loses at most the chunk being written).

Identity.  An article is its content hash (``article.id``); an article whose URL is already
stored with the same text (up to whitespace) is the same article too.  The same URL with
a different text (an updated story) is stored as a new article.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any, Self, cast

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from eventwire.model import Article, ArticleReport
from eventwire.store import tables
from eventwire.store.clustering import CLUSTER_LOCK, ClusterBatch
from eventwire.store.engine import WRITE, StoreError, first_line
from eventwire.store.incidents import IncidentStore
from eventwire.store.rows import Rows, article_of, from_rows, same_text, to_rows, url_key

Row = dict[str, Any]  # a row as the readers of store.rows take it (for the type checker)

OnError = Callable[[ArticleReport, StoreError], None]

_A = tables.articles
_Q = tables.cluster_queue
# Reading reports back: the statements are built once (rows of the articles in ``ids``).
_READ_ARTICLES = select(_A).where(_A.c.id.in_(bindparam("ids", expanding=True)))
_READ_ROWS = {
    t.name: select(t).where(t.c.article_id.in_(bindparam("ids", expanding=True)))
    for t in tables.DATA_TABLES[1:]
}
WRITER_LOCK = 0x6576656E74776972  # PostgreSQL advisory lock key of eventwire's writer ("eventwir")


class Store(IncidentStore):
    """Articles and everything found in them, in a database (see ``open_store``).

    Incidents (queries for the API, writes of the clustering step) are in
    ``eventwire.store.incidents.IncidentStore``.
    """

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        """Where the store is, printable (file path, or URL without password)."""
        self._lock = threading.Lock()
        self._cluster_lock = threading.Lock()

    # --- writing -------------------------------------------------------------------------

    def save(self, report: ArticleReport) -> bool:
        """Store one report in one transaction; True when new, False when already stored.

        Raises StoreError (naming the article) when the report cannot be stored, e.g. a
        reference to an unknown local id; nothing of it is then left in the database.
        """
        try:
            return self._write([report])[0]
        except (SQLAlchemyError, ValueError) as exc:
            if isinstance(exc, IntegrityError) and self.has(report.article.id):
                return False  # another writer stored it meanwhile
            raise StoreError(f"article {report.article.id}", _reason(exc)) from None

    def save_many(
        self,
        reports: Iterable[ArticleReport],
        *,
        chunk: int = 200,
        on_error: OnError | None = None,
    ) -> tuple[int, int]:
        """Store many reports, ``chunk`` articles per transaction; returns (new, skipped).

        A chunk that fails is retried one article per transaction.  An article that cannot
        be stored raises StoreError (the articles before it are stored), or, with
        ``on_error``, is passed to it and counted neither new nor skipped.
        """
        new = skipped = 0
        it = iter(reports)
        while batch := list(islice(it, max(chunk, 1))):
            try:
                flags = self._write(batch)
            except (SQLAlchemyError, ValueError):
                flags = []
                for report in batch:
                    try:
                        flags.append(self.save(report))
                    except StoreError as exc:
                        if on_error is None:
                            raise
                        on_error(report, exc)
            new += sum(flags)
            skipped += len(flags) - sum(flags)
        return new, skipped

    def delete(self, article_id: str) -> bool:
        """Remove an article and everything found in it; True when it was there."""
        with self._lock, self._connect(write=True) as conn, conn.begin():
            return conn.execute(delete(_A).where(_A.c.id == article_id)).rowcount > 0

    def _write(self, reports: Sequence[ArticleReport]) -> list[bool]:
        """Store the reports not yet stored, in one transaction; which ones were new."""
        now = dt.datetime.now(dt.UTC)
        with self._lock, self._connect(write=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":  # one writer across processes too
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
            fresh = self._fresh(conn, reports)
            rows: Rows = {t.name: [] for t in tables.DATA_TABLES}
            for report, is_new in zip(reports, fresh, strict=True):
                if is_new:
                    for name, more in to_rows(report, now).items():
                        rows[name].extend(more)
            for table in tables.DATA_TABLES:  # parents first
                if rows[table.name]:
                    conn.execute(insert(table), rows[table.name])
            if rows["articles"]:  # to be clustered: queued in the same transaction
                new = [r["id"] for r in rows["articles"]]
                conn.execute(
                    insert(_Q).from_select(
                        ["seq", "article_id"], select(_A.c.seq, _A.c.id).where(_A.c.id.in_(new))
                    )
                )
        return fresh

    @staticmethod
    def _fresh(conn: Connection, reports: Sequence[ArticleReport]) -> list[bool]:
        """For each report: not stored yet (by content hash, nor by URL with the same text),
        nor earlier in ``reports``."""
        ids = {r.article.id for r in reports}
        known = set(conn.scalars(select(_A.c.id).where(_A.c.id.in_(ids))))
        keys = {url_key(r.article.url) for r in reports if r.article.url}
        texts: dict[str, list[str]] = {}
        if keys:
            found = conn.execute(select(_A.c.url, _A.c.text).where(_A.c.url_key.in_(keys)))
            for url, text in found:
                texts.setdefault(url, []).append(text)
        fresh = []
        for report in reports:
            a = report.article
            seen = a.id in known or any(same_text(t, a.text) for t in texts.get(a.url or "", []))
            fresh.append(not seen)
            if not seen:
                known.add(a.id)
                if a.url:
                    texts.setdefault(a.url, []).append(a.text)
        return fresh

    # --- reading -------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether the article with this content hash is stored."""
        with self._connect() as conn:
            return conn.scalar(select(_A.c.seq).where(_A.c.id == article_id)) is not None

    def has_url(self, url: str) -> bool:
        """Whether an article from this URL is stored (an ingest can skip fetching it)."""
        with self._connect() as conn:
            query = select(_A.c.seq).where(_A.c.url_key == url_key(url), _A.c.url == url)
            return conn.scalar(query.limit(1)) is not None

    def get(self, article_id: str) -> ArticleReport | None:
        """The stored report of this article, rebuilt from the tables, or None."""
        with self._connect() as conn, conn.begin():
            return self._load(conn, [article_id]).get(article_id)

    def articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        """Stored articles in the order they were stored."""
        query = select(_A).order_by(_A.c.seq).limit(limit).offset(offset)
        with self._connect() as conn:
            return [article_of(cast(Row, row._mapping)) for row in conn.execute(query)]

    def reports(self, batch: int = 200) -> Iterator[ArticleReport]:
        """Every stored report, in storage order, read ``batch`` articles at a time."""
        last = 0
        while True:
            with self._connect() as conn, conn.begin():
                page = conn.execute(
                    select(_A.c.seq, _A.c.id).where(_A.c.seq > last).order_by(_A.c.seq).limit(batch)
                ).all()
                if not page:
                    return
                loaded = self._load(conn, [row.id for row in page])
            for row in page:
                if row.id in loaded:
                    yield loaded[row.id]
            last = page[-1].seq

    def article_count(self) -> int:
        """How many articles are stored."""
        with self._connect() as conn:
            return conn.scalar(select(func.count()).select_from(_A)) or 0

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, actors, places, dates, events, statements, …)."""
        with self._connect() as conn, conn.begin():
            return {
                t.name: conn.scalar(select(func.count()).select_from(t)) or 0
                for t in tables.DATA_TABLES
            }

    @staticmethod
    def _load(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleReport]:
        """Rebuild the reports of these articles: one query per table."""
        grouped: dict[str, Rows] = {}
        for row in conn.execute(_READ_ARTICLES, {"ids": list(ids)}).mappings():
            grouped[row["id"]] = {t.name: [] for t in tables.DATA_TABLES}
            grouped[row["id"]]["articles"].append(cast(Row, row))
        if not grouped:
            return {}
        for name, query in _READ_ROWS.items():
            for row in conn.execute(query, {"ids": list(grouped)}).mappings():
                grouped[row["article_id"]][name].append(cast(Row, row))
        return {aid: from_rows(grouped[aid]) for aid in ids if aid in grouped}

    # --- clustering ----------------------------------------------------------------------

    @contextmanager
    def clustering(self) -> Iterator[ClusterBatch]:
        """One batch of the clustering step: the clustering lock (this process's and the
        database's: an advisory lock on PostgreSQL, the write lock on SQLite) and one
        transaction, committed when the block ends (``eventwire.store.clustering``)."""
        with self._cluster_lock, self._connect(write=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLUSTER_LOCK})
            yield ClusterBatch(conn, self._load)

    # --- plumbing ------------------------------------------------------------------------

    def _connect(self, write: bool = False) -> Connection:
        conn = self.engine.connect()
        if write:
            conn.execution_options(**{WRITE: True})
        return conn

    def close(self) -> None:
        """Close every connection (the Store cannot be used afterwards)."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ValueError):
        return str(exc)
    if isinstance(exc, IntegrityError):
        return f"violates a key or constraint ({first_line(exc)})"
    return f"database error ({first_line(exc)})"
