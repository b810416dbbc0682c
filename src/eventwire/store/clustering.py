"""The store's side of the clustering step: one batch under a lock, in one transaction.

    with store.clustering() as batch:            # the clustering lock, one transaction
        ids = batch.unclustered(100)             # the next articles, in storage order
        reports = batch.reports(ids)
        found = batch.candidates({"ASSAULT"}, first, last, "PAK")   # {id: version}
        profiles = batch.profiles(found)         # {id: profile JSON}
        facts = batch.facts(touched)             # {id: [facts JSON of its members]}
        ids = batch.write(rows, members, clustered)

Several writers at once.  ``Store.clustering`` takes the clustering lock for the whole
batch, from reading the next articles to writing the decisions: on PostgreSQL a
transaction-level advisory lock (``CLUSTER_LOCK``), on SQLite the database's write lock
(BEGIN IMMEDIATE).  Batches of several processes (an ingest on each of several machines,
the REST API) therefore take turns: each reads the incidents every earlier batch wrote,
so two reports of one event never start two incidents because they were clustered at
the same moment, and no article is clustered twice.  Storing articles does not wait for
clustering on PostgreSQL (another lock).  A kill at any moment rolls the batch back.

Scaling.  Two tables keep the cost of a batch flat as the store grows:

- ``cluster_queue``: the articles not clustered yet (added with the article, removed
  with its batch), so the next batch is read by its primary key, not found by scanning
  every clustered article;
- ``incident_blocks`` and ``incident_years``: the blocking index, two levels.  An
  incident with a narrow date range (under ``WIDE_BUCKETS`` buckets of ``BUCKET_DAYS``
  days) is filed under each (type, bucket, country) its range covers; every dated incident
  under each (type, year, country) it covers, marked ``wide`` when its range is not narrow
  (a range over ``MAX_YEARS`` years under year 0, which every lookup reads).  The window
  of an event is cut at the years: a short piece (under ``WIDE_BUCKETS`` buckets) reads
  its buckets and the wide incidents of its year, a long one (an event dated only by a
  year) all the incidents of its year.  Lossless: an incident meeting the window meets
  one piece on some day; narrow, it is under that day's bucket and under that year; wide,
  under that year.  So the candidates of an event are the incidents of its type and
  country whose dates can meet its window: those of a few weeks, or of one year, and the
  wide ones of those years, however many years the store holds.
  The geographic cell is the country, the widest area the similarity's hard constraints
  allow an incident to cover (``eventwire.incidents.similarity``: never two countries;
  within a country, containment in a province and place-less or country-level reports
  join across any distance, so a finer cell would lose candidates);
- ``incident_places``: the year level once more, under each place key of the incident's
  profile (``places.py``: the place itself, the provinces it is in, a cell of two degrees,
  or "any place of its country").  A year read whole (a piece of a window of most of a
  year) is read through it when the event's places can narrow it (each has coordinates
  and is more precise than a country): only the incidents whose places can fit the
  event's, by the similarity's rules, and those that fit any place.  An event
  dated only by a year ("a similar attack in 2030", in January) would otherwise be
  scored against every incident of its country and year.

``version`` of an incident (its ``updated_at`` and report count) tells a clusterer whether
the profile it parsed earlier is still the stored one (another writer may have changed it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    exists,
    func,
    insert,
    inspect,
    select,
    union_all,
    update,
)
from sqlalchemy.sql import CompoundSelect

from eventwire.model import ArticleReport
from eventwire.store import tables
from eventwire.store.places import incident_keys, lookup_keys

CLUSTER_LOCK = 0x657663_6C7573  # PostgreSQL advisory lock key of the clustering step
BUCKET_DAYS = 7
WIDE_BUCKETS = 12  # a date range over this many buckets is wide: filed under its years only
MAX_YEARS = 50  # a range over this many years is filed under year EVERY
EVERY = 0  # the year key of the widest ranges (no date has year 0), read by every lookup

_I = tables.incidents
_IE = tables.incident_events
_IA = tables.incident_actors
_IB = tables.incident_blocks
_IY = tables.incident_years
_IP = tables.incident_places
_CA = tables.clustered_articles
_Q = tables.cluster_queue
_ART = tables.articles
_UPDATE = update(_I).where(_I.c.id == bindparam("_id"))

Version = tuple[Any, int]
"""(updated_at, report_count) of an incident: changes with every write of it."""


@dataclass
class IncidentRow:
    """An incident as clustering writes it: the summary columns, profile and detail."""

    id: int | None  # None: a new incident
    columns: dict[str, Any]  # summary columns of ``incidents`` (not id, profile, detail)
    profile: dict[str, Any]
    detail: dict[str, Any]  # Incident JSON (without id)
    actors: list[tuple[str, str, str]] = field(default_factory=list)  # (key, role, name)


@dataclass
class Membership:
    """An event joining an incident (``incident`` is an index into the batch's rows)."""

    article_id: str
    event_id: str
    incident: int
    score: float
    facts: dict[str, Any]


def buckets(first: dt.date, last: dt.date) -> list[int]:
    """The date buckets (day ordinal // BUCKET_DAYS) a range covers."""
    return list(range(first.toordinal() // BUCKET_DAYS, last.toordinal() // BUCKET_DAYS + 1))


def is_wide(first: dt.date, last: dt.date) -> bool:
    """Whether a range covers WIDE_BUCKETS buckets or more (filed under its years only)."""
    return last.toordinal() // BUCKET_DAYS - first.toordinal() // BUCKET_DAYS >= WIDE_BUCKETS


def block_rows(incident_id: int, type_: str, country: str | None, first: Any, last: Any) -> list:
    """The rows of ``incident_blocks`` of one incident (none without a date range, or with
    a wide one)."""
    if first is None or last is None or is_wide(first, last):
        return []
    return [
        {"type": type_, "bucket": b, "country": country or "", "incident_id": incident_id}
        for b in buckets(first, last)
    ]


def year_rows(incident_id: int, type_: str, country: str | None, first: Any, last: Any) -> list:
    """The rows of ``incident_years`` of one incident (none without a date range)."""
    if first is None or last is None:
        return []
    key = {"type": type_, "country": country or "", "wide": is_wide(first, last)}
    years = range(first.year, last.year + 1) if last.year - first.year < MAX_YEARS else [EVERY]
    return [{**key, "year": y, "incident_id": incident_id} for y in years]


def place_rows(
    incident_id: int, type_: str, country: str | None, first: Any, last: Any, profile: Any
) -> list:
    """The rows of ``incident_places`` of one incident: its ``year_rows`` once per key of
    the places of its profile (``places.incident_keys``)."""
    years = year_rows(incident_id, type_, country, first, last)
    if not years:
        return []
    keys = incident_keys((profile or {}).get("places") or [])
    return [{**row, "key": key} for key in keys for row in years]


def window_keys(first: dt.date, last: dt.date) -> tuple[list[int], list[int], list[int]]:
    """What a lookup of [first, last] reads: (buckets, years of whose incidents only the wide
    ones, years read whole).  The window is cut at the years; a piece under WIDE_BUCKETS
    buckets reads its buckets and its year's wide incidents, a longer one its whole year."""
    weeks: list[int] = []
    wide_years: list[int] = []
    whole_years: list[int] = [EVERY]
    for year in range(first.year, last.year + 1):
        lo, hi = max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31))
        if is_wide(lo, hi):
            whole_years.append(year)
        else:
            weeks += buckets(lo, hi)
            wide_years.append(year)
    return list(dict.fromkeys(weeks)), wide_years, whole_years


class ClusterBatch:
    """One batch of the clustering step, bound to the transaction that holds the lock."""

    def __init__(self, conn: Connection, load: Callable[[Connection, Sequence[str]], dict]) -> None:
        self.conn = conn
        self._load = load
        self.written_at: dt.datetime | None = None  # ``updated_at`` of the rows written

    def unclustered(self, limit: int = 100) -> list[str]:
        """Ids of stored articles not clustered yet, in storage order."""
        query = select(_Q.c.article_id).order_by(_Q.c.seq).limit(limit)
        return list(self.conn.scalars(query))

    def reports(self, article_ids: Sequence[str]) -> list[ArticleReport]:
        """The stored reports of these articles (those stored), in the order asked."""
        loaded = self._load(self.conn, list(article_ids))
        return [loaded[a] for a in article_ids if a in loaded]

    def candidates(
        self,
        types: Iterable[str],
        first: dt.date,
        last: dt.date,
        country: str | None,
        places: Sequence[Any] = (),
        reach_km: float | None = None,
    ) -> dict[int, Version]:
        """Incidents of these types whose date range meets [first, last], in this country
        or in none (any country when None), with their versions: read by the blocking
        index (``blocked``), then checked on the exact dates.  With ``places`` and
        ``reach_km``, of the years read whole (an event dated only by a year) only the
        incidents whose places can fit one of ``places`` (store/places.py): the others
        cannot be joined by an event at these places."""
        query = select(_I.c.id, _I.c.updated_at, _I.c.report_count).where(
            _I.c.id.in_(self._blocked(types, first, last, country, places, reach_km)),
            _I.c.first_day <= last,
            _I.c.last_day >= first,
        )
        if country:  # this country or none; written so that no index of incidents.country
            # serves it: SQLite would read the country's whole history through one (the
            # blocking index has chosen the incidents already, its keys hold the country)
            query = query.where(func.coalesce(_I.c.country, country) == country)
            # the order decides ties of score: the country's own incidents before the
            # country-less, each by first day (the order of earlier versions, kept)
            query = query.order_by(_I.c.country.is_(None), _I.c.first_day, _I.c.id)
        else:
            query = query.order_by(_I.c.id)
        return {row.id: (row.updated_at, row.report_count) for row in self.conn.execute(query)}

    def blocked(
        self,
        types: Iterable[str],
        first: dt.date,
        last: dt.date,
        country: str | None,
        places: Sequence[Any] = (),
        reach_km: float | None = None,
    ) -> list[int]:
        """The incident ids the blocking index gives for this lookup, before the exact
        date check (with repeats: one per index row read)."""
        query = self._blocked(types, first, last, country, places, reach_km)
        return list(self.conn.scalars(query))

    @staticmethod
    def _blocked(
        types: Iterable[str],
        first: dt.date,
        last: dt.date,
        country: str | None,
        places: Sequence[Any] = (),
        reach_km: float | None = None,
    ) -> CompoundSelect:
        kinds = list(types)
        countries = [country, ""] if country else None
        weeks, wide_years, whole_years = window_keys(first, last)
        whole = (_IY, [_IY.c.year.in_(whole_years)])
        if len(whole_years) > 1 and places and reach_km is not None:  # a year read whole:
            keys = lookup_keys(places, reach_km)  # by place, if the places narrow it
            if keys is not None:
                whole = (_IP, [_IP.c.key.in_(keys), _IP.c.year.in_(whole_years)])
        parts = []
        for table, where in (
            (_IB, [_IB.c.bucket.in_(weeks)] if weeks else None),
            (_IY, [_IY.c.year.in_(wide_years), _IY.c.wide.is_(True)] if wide_years else None),
            whole,
        ):
            if where is None:
                continue
            if countries:
                where.append(table.c.country.in_(countries))
            parts.append(select(table.c.incident_id).where(table.c.type.in_(kinds), *where))
        return union_all(*parts)

    def profiles(self, ids: Iterable[int]) -> dict[int, tuple[Version, dict[str, Any]]]:
        """The clustering profiles of these incidents, with their versions."""
        query = select(_I.c.id, _I.c.updated_at, _I.c.report_count, _I.c.profile).where(
            _I.c.id.in_(list(ids))
        )
        return {
            row.id: ((row.updated_at, row.report_count), row.profile)
            for row in self.conn.execute(query)
        }

    def facts(self, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
        """The facts of the member events of these incidents, in storage order."""
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        query = (
            select(_IE.c.incident_id, _IE.c.facts)
            .join(_ART, _ART.c.id == _IE.c.article_id)
            .where(_IE.c.incident_id.in_(list(ids)))
            .order_by(_ART.c.seq, _IE.c.event_id)
        )
        for row in self.conn.execute(query):
            found[row.incident_id].append(row.facts)
        return dict(found)

    def write(
        self,
        rows: Sequence[IncidentRow],
        members: Sequence[Membership],
        clustered: Sequence[str],
    ) -> list[int]:
        """Insert or update ``rows`` (and their blocks and actors), add ``members`` (their
        ``incident`` indexes ``rows``), mark the articles ``clustered``.  Returns the ids."""
        conn = self.conn
        now = self.written_at = dt.datetime.now(dt.UTC)
        values = [
            {**row.columns, "profile": row.profile, "detail": row.detail, "updated_at": now}
            for row in rows
        ]
        fresh = [n for n, row in enumerate(rows) if row.id is None]
        ids: list[int] = [row.id or 0 for row in rows]
        if fresh:
            inserted = conn.execute(
                insert(_I).returning(_I.c.id, sort_by_parameter_order=True),
                [values[n] for n in fresh],
            ).scalars()
            for n, new_id in zip(fresh, inserted, strict=True):
                ids[n] = new_id
        old = [{**values[n], "_id": row.id} for n, row in enumerate(rows) if row.id]
        if old:
            conn.execute(_UPDATE, old)
        if members:
            conn.execute(
                insert(_IE),
                [
                    {
                        "article_id": m.article_id,
                        "event_id": m.event_id,
                        "incident_id": ids[m.incident],
                        "score": m.score,
                        "facts": m.facts,
                    }
                    for m in members
                ],
            )
        if ids:
            conn.execute(delete(_IA).where(_IA.c.incident_id.in_(ids)))
            unique = {
                (i, key[:128], role): name
                for i, row in zip(ids, rows, strict=True)
                for key, role, name in reversed(row.actors)  # the first name wins
            }
            actor_rows = [
                {"incident_id": i, "key": key, "role": role, "name": name}
                for (i, key, role), name in unique.items()
            ]
            if actor_rows:
                conn.execute(insert(_IA), actor_rows)
            conn.execute(delete(_IB).where(_IB.c.incident_id.in_(ids)))
            conn.execute(delete(_IY).where(_IY.c.incident_id.in_(ids)))
            conn.execute(delete(_IP).where(_IP.c.incident_id.in_(ids)))
            file_blocks(
                conn,
                [
                    (
                        i,
                        row.columns["type"],
                        row.columns.get("country"),
                        row.columns.get("first_day"),
                        row.columns.get("last_day"),
                        row.profile,
                    )
                    for i, row in zip(ids, rows, strict=True)
                ],
            )
        if clustered:
            done = list(dict.fromkeys(clustered))
            conn.execute(insert(_CA), [{"article_id": a, "clustered_at": now} for a in done])
            conn.execute(delete(_Q).where(_Q.c.article_id.in_(done)))
        return ids


def file_blocks(
    conn: Connection, incidents: Iterable[Sequence[Any]], levels: frozenset[str] = frozenset()
) -> None:
    """Insert the blocking index rows of these (id, type, country, first_day, last_day,
    profile): of the tables named in ``levels``, all three when empty."""
    levels = levels or frozenset({_IB.name, _IY.name, _IP.name})
    found: dict[str, list] = {_IB.name: [], _IY.name: [], _IP.name: []}
    for *row, profile in incidents:
        if _IB.name in levels:
            found[_IB.name] += block_rows(*row)
        if _IY.name in levels:
            found[_IY.name] += year_rows(*row)
        if _IP.name in levels:
            found[_IP.name] += place_rows(*row, profile)
    for table in (_IB, _IY, _IP):
        if found[table.name]:
            conn.execute(insert(table), found[table.name])


def clear(conn: Connection) -> None:
    """Forget every incident and queue every stored article for clustering again."""
    for table in (_IB, _IY, _IP, _CA, _IA, _IE, _I, _Q):
        conn.execute(delete(table))
    conn.execute(insert(_Q).from_select(["seq", "article_id"], select(_ART.c.seq, _ART.c.id)))


def missing_tables(conn: Connection) -> set[str]:
    """Which of the clustering tables this database does not have yet."""
    have = set(inspect(conn).get_table_names())
    return {t.name for t in (_Q, _IB, _IY, _IP)} - have


def fill_new_tables(conn: Connection, created: set[str]) -> None:
    """Fill the clustering tables just created in a store written before them: the queue
    with the articles not clustered, the blocking index from the incidents (the week and
    year levels both, the week level written before the year level included; the places
    alone when only they are new), a thousand incidents at a time."""
    if _Q.name in created:
        clustered = exists().where(_CA.c.article_id == _ART.c.id)
        conn.execute(
            insert(_Q).from_select(
                ["seq", "article_id"], select(_ART.c.seq, _ART.c.id).where(~clustered)
            )
        )
    levels = {_IB.name, _IY.name, _IP.name} if created & {_IB.name, _IY.name} else set()
    levels |= created & {_IP.name}
    if not levels:
        return
    for table in (_IB, _IY, _IP):
        if table.name in levels:
            conn.execute(delete(table))
    columns = (_I.c.id, _I.c.type, _I.c.country, _I.c.first_day, _I.c.last_day, _I.c.profile)
    after = None
    while True:  # by id, a thousand at a time: the profiles of a large store are not all read
        query = select(*columns).order_by(_I.c.id).limit(1000)
        if after is not None:
            query = query.where(_I.c.id > after)
        found = conn.execute(query).all()
        if not found:
            return
        file_blocks(conn, found, frozenset(levels))
        after = found[-1].id
