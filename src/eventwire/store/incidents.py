"""The store's side of incidents: reading them for the API, writing what clustering decided.

``IncidentStore`` is mixed into ``Store``; it holds no state of its own.  Reading:

    store.incidents(type="ASSAULT", country="PAK", bbox=(60, 20, 80, 40),
                    start=date(2025, 3, 1), end=date(2025, 3, 31), actor="iskp",
                    q="market", limit=50, offset=0)   # → ([IncidentSummary], total)
    store.incident(7)                                  # → Incident | None
    store.incidents_of("a1b2…")                        # → {"E1": 7, "E3": 9}
    store.actors(q="state", country="IRQ", kind="armed_group")  # → ([ActorSummary], total)

Writing is for ``eventwire.incidents.cluster`` (the clustering step of an ingest), through
``store.clustering()``: one batch under the clustering lock, in one transaction
(``eventwire.store.clustering``).  Feed items seen by ``eventwire ingest`` are remembered
here too (``feed_item_seen``, ``remember_feed_item``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from eventwire.incidents.model import ActorSummary, Incident, IncidentSummary
from eventwire.knowledge.acled import classify
from eventwire.model import Article, ArticleReport
from eventwire.store import fulltext, tables
from eventwire.store.clustering import ClusterBatch, clear
from eventwire.store.rows import url_key

_I = tables.incidents
_IE = tables.incident_events
_IA = tables.incident_actors
_Q = tables.cluster_queue
_FI = tables.feed_items
_ACT = tables.actors
_ART = tables.articles


SUMMARY_COLUMNS = (
    "id",
    "label",
    "type",
    "mode",
    "country",
    "place",
    "geonames_id",
    "lat",
    "lon",
    "killed_min",
    "killed_max",
    "injured_min",
    "injured_max",
    "actors",
    "article_count",
    "report_count",
    "first_published",
    "last_published",
    "updated_at",
)
ACLED_FIELDS = ("acled_event_type", "acled_sub_event_type")  # read from the stored detail
BBox = tuple[float, float, float, float]
"""(west, south, east, north) in degrees: min lon, min lat, max lon, max lat."""


@dataclass
class Facets:
    """What the stored incidents span (``IncidentStore.facets``)."""

    incidents: int
    articles: int
    types: list[tuple[str, int]]  # (PLOVER type, incidents), most first
    acled: list[tuple[str, str, int]]  # (ACLED event type, sub-event type, incidents)
    countries: list[tuple[str, int]]  # (alpha-3, incidents), most first
    first_day: dt.date | None
    last_day: dt.date | None


class IncidentStore:
    """Incident queries and writes; mixed into ``eventwire.store.Store``."""

    # provided by Store
    _lock: Any

    def _connect(self, write: bool = False) -> Connection:  # pragma: no cover - Store's
        raise NotImplementedError

    def clustering(self) -> AbstractContextManager[ClusterBatch]:  # pragma: no cover - Store's
        raise NotImplementedError

    # --- reading for the API -------------------------------------------------------------

    def incidents(
        self,
        *,
        type: str | None = None,
        country: str | None = None,
        bbox: BBox | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        actor: str | None = None,
        q: str | None = None,
        acled: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[IncidentSummary], int]:
        """Incidents matching every filter given, latest first, and how many match in all.

        ``type``: PLOVER type; ``country``: alpha-3; ``bbox``: (west, south, east, north);
        ``start``/``end``: incidents whose date range overlaps them; ``actor``: an actor
        key (dictionary ref such as "iskp") or part of a name, in any role; ``q``: words
        that must all occur in the label, places, actors, speakers, titles or report sentences;
        ``acled``: an ACLED event type or sub-event type ("Battles", "Armed clash").
        """
        where = []
        if type:
            where.append(_I.c.type == type.upper())
        if country:
            where.append(_I.c.country == country.upper())
        if bbox is not None:
            west, south, east, north = bbox
            lon = (
                _I.c.lon.between(west, east)
                if west <= east  # a box across the antimeridian wraps
                else or_(_I.c.lon >= west, _I.c.lon <= east)
            )
            where.append(and_(_I.c.lat.between(south, north), lon))
        if start is not None:
            where.append(_I.c.last_day >= start)
        if end is not None:
            where.append(_I.c.first_day <= end)
        if actor:
            wanted = actor.strip().lower()
            named = select(_IA.c.incident_id).where(
                or_(_IA.c.key == wanted, func.lower(_IA.c.name).contains(wanted, autoescape=True))
            )
            where.append(_I.c.id.in_(named))
        if acled:
            where.append(or_(*(_acled(name) == acled.strip() for name in ACLED_FIELDS)))
        columns = [_I.c[name] for name in SUMMARY_COLUMNS]
        columns += [_acled(name).label(name) for name in ACLED_FIELDS]
        words = (q or "").lower().split()
        with self._connect() as conn, conn.begin():
            total = fulltext.count(conn, words) if words and not where else None
            page = where
            if words:  # a full-text index where there is one (store/fulltext.py)
                page = [*where, *fulltext.conditions(conn, words, ordered=True)]
                where = [*where, *fulltext.conditions(conn, words)]
            query = (
                select(*columns, _I.c.first_day, _I.c.last_day)
                .where(*page)
                .order_by(_I.c.first_day.desc().nulls_last(), _I.c.id.desc())
                .limit(max(limit, 0))
                .offset(max(offset, 0))
            )
            if total is None:
                total = conn.scalar(select(func.count()).select_from(_I).where(*where)) or 0
            rows = conn.execute(query).mappings().all()
        return [_summary(row) for row in rows], total

    def incident(self, incident_id: int) -> Incident | None:
        """The incident in full (record, reports, figures, statements, conflicts), or None."""
        with self._connect() as conn:
            row = conn.execute(
                select(_I.c.id, _I.c.detail, _I.c.updated_at).where(_I.c.id == incident_id)
            ).first()
        if row is None:
            return None
        return Incident.model_validate({**row.detail, "id": row.id, "updated_at": row.updated_at})

    def incident_details(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The reconciled incidents as stored JSON (``Incident`` without id), by id."""
        query = select(_I.c.id, _I.c.detail).where(_I.c.id.in_(list(ids)))
        with self._connect() as conn:
            return {row.id: row.detail for row in conn.execute(query)}

    def facets(self) -> Facets:
        """What the incidents span: counts per type and per country, the first and last
        day, the number of incidents and of articles (for the filters of the web page)."""
        with self._connect() as conn, conn.begin():
            types = conn.execute(
                select(_I.c.type, func.count())
                .group_by(_I.c.type)
                .order_by(func.count().desc(), _I.c.type)
            ).all()
            countries = conn.execute(
                select(_I.c.country, func.count())
                .where(_I.c.country.is_not(None))
                .group_by(_I.c.country)
                .order_by(func.count().desc(), _I.c.country)
            ).all()
            classes = (
                select(*(_acled(name).label(name) for name in ACLED_FIELDS))
                .where(_acled("acled_sub_event_type").is_not(None))
                .subquery()
            )
            columns = [classes.c[name] for name in ACLED_FIELDS]
            acled = conn.execute(
                select(*columns, func.count())
                .group_by(*columns)
                .order_by(func.count().desc(), classes.c.acled_sub_event_type)
            ).all()
            first, last, total = conn.execute(
                select(func.min(_I.c.first_day), func.max(_I.c.last_day), func.count())
            ).one()
            articles = conn.scalar(select(func.count()).select_from(_ART)) or 0
        return Facets(
            incidents=total,
            articles=articles,
            types=[(t, n) for t, n in types],
            acled=[(e, s, n) for e, s, n in acled],
            countries=[(c, n) for c, n in countries],
            first_day=first,
            last_day=last,
        )

    def place_details(self, geonames_ids: Iterable[int]) -> dict[int, tuple[str | None, str]]:
        """GeoNames id → (admin1, feature) as the gazetteer resolved it in a stored article."""
        wanted = set(geonames_ids)
        if not wanted:
            return {}
        p = tables.places
        query = select(p.c.geonames_id, p.c.admin1, p.c.feature).where(p.c.geonames_id.in_(wanted))
        with self._connect() as conn:
            return {row.geonames_id: (row.admin1, row.feature) for row in conn.execute(query)}

    def incidents_of(self, article_id: str) -> dict[str, int]:
        """Which incident each clustered event of this article belongs to: {event id: id}."""
        with self._connect() as conn:
            found = conn.execute(
                select(_IE.c.event_id, _IE.c.incident_id).where(_IE.c.article_id == article_id)
            )
            return {row.event_id: row.incident_id for row in found}

    def actors(
        self,
        *,
        q: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[ActorSummary], int]:
        """Actors across all stored articles, most often named first, and how many in all.

        An actor is its dictionary ref when it has one, else its lower-cased name; ``q``
        matches part of a name or the ref; ``country`` (alpha-3) and ``kind`` filter.
        """
        key = func.coalesce(_ACT.c.ref, func.lower(_ACT.c.name))
        where = []
        if q:
            needle = q.strip().lower()
            where.append(
                or_(
                    func.lower(_ACT.c.name).contains(needle, autoescape=True),
                    func.lower(_ACT.c.ref).contains(needle, autoescape=True),
                )
            )
        if country:
            where.append(_ACT.c.country == country.upper())
        if kind:
            where.append(_ACT.c.kind == kind)
        grouped = (
            select(
                key.label("key"),
                func.min(_ACT.c.name).label("name"),
                func.min(_ACT.c.kind).label("kind"),
                func.min(_ACT.c.country).label("country"),
                func.count(func.distinct(_ACT.c.article_id)).label("article_count"),
            )
            .where(*where)
            .group_by(key)
        )
        sub = grouped.subquery()
        with self._connect() as conn, conn.begin():
            total = conn.scalar(select(func.count()).select_from(sub)) or 0
            rows = conn.execute(
                select(sub)
                .order_by(sub.c.article_count.desc(), sub.c.key)
                .limit(max(limit, 0))
                .offset(max(offset, 0))
            ).all()
            keys = [row.key for row in rows]
            counts = dict(
                conn.execute(
                    select(_IA.c.key, func.count(func.distinct(_IA.c.incident_id)))
                    .where(_IA.c.key.in_(keys))
                    .group_by(_IA.c.key)
                ).all()
            )
        return [
            ActorSummary(
                key=row.key,
                name=row.name,
                kind=row.kind,
                country=row.country,
                article_count=row.article_count,
                incident_count=counts.get(row.key, 0),
            )
            for row in rows
        ], total

    # --- reading for clustering ----------------------------------------------------------

    def known(self, articles: Sequence[Article]) -> list[bool]:
        """For each article: already stored (by content hash, or URL with the same text)."""
        reports = [ArticleReport(article=a) for a in articles]
        with self._connect() as conn, conn.begin():
            return [not fresh for fresh in self._fresh(conn, reports)]  # type: ignore[attr-defined]

    def unclustered(self, limit: int = 100) -> list[str]:
        """Ids of stored articles whose events are not clustered yet, in storage order."""
        query = select(_Q.c.article_id).order_by(_Q.c.seq).limit(limit)
        with self._connect() as conn:
            return list(conn.scalars(query))

    def get_many(self, article_ids: Sequence[str]) -> list[ArticleReport]:
        """The stored reports of these articles (those stored), in the order asked."""
        with self._connect() as conn, conn.begin():
            loaded = self._load(conn, list(article_ids))  # type: ignore[attr-defined]
        return [loaded[a] for a in article_ids if a in loaded]

    def clear_incidents(self) -> None:
        """Forget every incident and queue every stored article for clustering again
        (``eventwire incidents --rebuild``)."""
        with self.clustering() as batch:
            clear(batch.conn)

    # --- feeds ---------------------------------------------------------------------------

    def feed_item_seen(self, feed: str, item: str) -> bool:
        """Whether this item (guid or link) of this feed was already read."""
        query = select(_FI.c.status).where(
            _FI.c.feed_key == url_key(feed), _FI.c.item_key == url_key(item)
        )
        with self._connect() as conn:
            return conn.scalar(query) is not None

    def remember_feed_item(
        self,
        feed: str,
        item: str,
        *,
        link: str | None,
        article_id: str | None,
        status: str,
        error: str | None = None,
    ) -> None:
        """Record that this item of this feed was read (``status``: stored, known, failed)."""
        values = {
            "feed_key": url_key(feed),
            "item_key": url_key(item),
            "feed": feed,
            "link": link,
            "article_id": article_id,
            "status": status,
            "error": error,
            "seen_at": dt.datetime.now(dt.UTC),
        }
        with self._lock, self._connect(write=True) as conn, conn.begin():
            done = conn.execute(
                update(_FI)
                .where(_FI.c.feed_key == values["feed_key"], _FI.c.item_key == values["item_key"])
                .values(values)
            )
            if not done.rowcount:
                conn.execute(insert(_FI).values(values))


def _acled(name: str) -> Any:
    """An ACLED class of the stored incident (its detail JSON), as text."""
    return _I.c.detail[name].as_string()


def _summary(row: Any) -> IncidentSummary:
    data = dict(row)
    if not data.get("acled_sub_event_type"):  # clustered before incidents had classes
        data["acled_event_type"], data["acled_sub_event_type"] = classify(
            data["type"], data["mode"]
        )
    data["start"] = data.pop("first_day")
    data["end"] = data.pop("last_day")
    return IncidentSummary.model_validate(data)
