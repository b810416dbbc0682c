"""The clustering step: stored articles not clustered yet → incidents, incrementally.

``update_incidents(store)`` takes the articles the store has not clustered, a batch at a
time in storage order.  For each event that can be part of an incident (``facts``), it
fetches candidate incidents by an index (compatible type, a date window, the same country
or none; for an event dated only by a year, the incidents whose places can fit its own),
scores them (``similarity``) together with the incidents started or joined
earlier in the batch, and joins the best one at or above the threshold, or starts a new
incident.  Only the incidents touched are reconciled again (from their members' stored
facts, not from whole reports); nothing else is recomputed.

Each batch is read and written in one transaction under the clustering lock
(``store.clustering()``: memberships, incidents, "clustered" marks), so several processes
clustering one store take turns, and a kill at any moment leaves the previous batch; the
next run picks up the articles not marked.  Articles stored by ``eventwire extract --db``
are clustered by the next ``eventwire ingest`` or ``eventwire incidents``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eventwire.incidents.facts import Facts, Features, article_facts
from eventwire.incidents.reconcile import reconcile, search_text
from eventwire.incidents.similarity import Profile, Settings, reach_km, score
from eventwire.model import ArticleReport
from eventwire.store.clustering import ClusterBatch, IncidentRow, Membership, Version

BATCH = 100
PROFILE_CACHE = 50_000  # parsed incident profiles kept between batches


@dataclass
class _Working:
    """An incident touched by the batch: its profile and the facts joining it."""

    id: int | None
    profile: Profile
    new: list[tuple[str, str, float, Facts]] = field(default_factory=list)


@dataclass
class UpdateStats:
    articles: int = 0
    events: int = 0
    joined: int = 0
    started: int = 0
    compared: int = 0  # incidents an event was scored against (the blocking's yield)

    def __str__(self) -> str:
        return (
            f"{self.events} events of {self.articles} articles: {self.joined} joined an "
            f"incident, {self.started} started one"
        )


class Clusterer:
    """Assigns the events of batches of reports to incidents (``store.clustering()``).

    Parsed profiles are kept between batches with the version they were read at (the
    incident's ``updated_at`` and report count): a profile another writer changed since
    is read again, so several clusterers on one store never score against a stale one.
    """

    def __init__(self, store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._profiles: dict[int, tuple[Version, Profile]] = {}
        self._batch: ClusterBatch | None = None

    def _profile(self, found: dict[int, Version]) -> dict[int, Profile]:
        stale = [i for i, v in found.items() if self._profiles.get(i, (None,))[0] != v]
        if stale:
            if len(self._profiles) > PROFILE_CACHE:
                self._profiles.clear()
            assert self._batch is not None
            for i, (version, data) in self._batch.profiles(stale).items():
                self._profiles[i] = (version, Profile.model_validate(data))
        return {i: self._profiles[i][1] for i in found if i in self._profiles}

    def run(
        self,
        batch: ClusterBatch,
        reports: Sequence[ArticleReport],
        stats: UpdateStats,
        ids: Sequence[str] = (),
    ) -> None:
        """Cluster the events of ``reports`` and write them in ``batch`` (one transaction,
        under the clustering lock), marking the articles ``ids`` (default: those of
        ``reports``) clustered."""
        self._batch = batch
        try:
            working: dict[tuple[str, int], _Working] = {}
            for report in reports:
                stats.articles += 1
                for facts in article_facts(report):
                    stats.events += 1
                    self._assign(facts, working, stats)
            self._write(working, list(ids) or [r.article.id for r in reports])
        finally:
            self._batch = None

    def _candidates(
        self, features: Features, working: dict[tuple[str, int], _Working]
    ) -> list[tuple[tuple[str, int], Profile]]:
        found: list[tuple[tuple[str, int], Profile]] = []
        if features.start is not None and features.end is not None:
            slack = dt.timedelta(days=self.settings.day_tolerance)
            assert self._batch is not None
            ids = self._batch.candidates(
                self.settings.types(str(features.type)),
                features.start - slack,
                features.end + slack,
                features.country,
                features.places,
                reach_km(self.settings.max_km),
            )
            fresh = {i: v for i, v in ids.items() if ("db", i) not in working}
            for incident_id, profile in self._profile(fresh).items():
                found.append((("db", incident_id), profile))
        types = self.settings.types(str(features.type))
        found.extend((key, w.profile) for key, w in working.items() if w.profile.type in types)
        return found

    def _assign(
        self, facts: Facts, working: dict[tuple[str, int], _Working], stats: UpdateStats
    ) -> None:
        features = facts.features
        best: tuple[float, tuple[str, int], Profile] | None = None
        for key, profile in self._candidates(features, working):
            stats.compared += 1
            fit = score(features, profile, self.settings)
            if (
                fit is not None
                and fit >= self.settings.threshold
                and (best is None or fit > best[0])
            ):
                best = (fit, key, profile)
        if best is None:
            key = ("new", len(working))
            working[key] = _Working(id=None, profile=Profile(type=str(features.type)))
            fit = 1.0
            stats.started += 1
        else:
            fit, key, profile = best
            if key not in working:  # a copy: the cache changes only once the batch is written
                working[key] = _Working(id=key[1], profile=profile.model_copy(deep=True))
            stats.joined += 1
        facts.report.score = round(fit, 4)
        target = working[key]
        target.profile.add(features)
        target.new.append((facts.report.article_id, facts.report.event_id, fit, facts))

    def _write(
        self, working: dict[tuple[str, int], _Working], articles: list[str]
    ) -> dict[tuple[str, int], int]:
        """Reconcile the incidents touched and write the batch; their ids by working key."""
        assert self._batch is not None
        existing = [w.id for w in working.values() if w.id is not None]
        stored = self._batch.facts(existing) if existing else {}
        rows: list[IncidentRow] = []
        members: list[Membership] = []
        for n, w in enumerate(working.values()):
            old = [Facts.model_validate(f) for f in stored.get(w.id, [])] if w.id else []
            incident = reconcile([*old, *(f for *_, f in w.new)], w.id or 0)
            rows.append(_row(w, incident))
            for article_id, event_id, _, facts in w.new:
                members.append(
                    Membership(
                        article_id=article_id,
                        event_id=event_id,
                        incident=n,
                        score=facts.report.score,
                        facts=facts.model_dump(mode="json"),
                    )
                )
        ids = self._batch.write(rows, members, articles)
        for incident_id, w, row in zip(ids, working.values(), rows, strict=True):
            version = (self._batch.written_at, row.columns["report_count"])
            self._profiles[incident_id] = (version, w.profile)
        return dict(zip(working, ids, strict=True))


def _row(w: _Working, incident) -> IncidentRow:
    detail = incident.model_dump(mode="json", exclude={"id", "updated_at"})
    columns = {
        "type": incident.type,
        "mode": incident.mode,
        "label": incident.label,
        "country": incident.country,
        "geonames_id": incident.geonames_id,
        "place": incident.place,
        "lat": incident.lat,
        "lon": incident.lon,
        "first_day": incident.start,
        "last_day": incident.end,
        "killed_min": incident.killed_min,
        "killed_max": incident.killed_max,
        "injured_min": incident.injured_min,
        "injured_max": incident.injured_max,
        "actors": incident.actors,
        "article_count": incident.article_count,
        "report_count": incident.report_count,
        "first_published": incident.first_published,
        "last_published": incident.last_published,
        "search": search_text(incident),
    }
    actors = []
    for role in ("actors", "claimed_by", "targets", "victims"):
        for value in getattr(incident.record, role).values:
            actors.append((value.value, role.removesuffix("s"), value.label))
    for group in incident.statements.values():
        for s in group:
            if s.speaker_key:
                actors.append((s.speaker_key, "speaker", s.speaker or s.speaker_key))
    return IncidentRow(
        id=w.id,
        columns=columns,
        profile=w.profile.model_dump(mode="json"),
        detail=detail,
        actors=actors,
    )


def update_incidents(
    store,
    *,
    settings: Settings | None = None,
    batch: int = BATCH,
    on_batch: Callable[[UpdateStats], None] | None = None,
) -> UpdateStats:
    """Cluster every stored article not clustered yet; returns what was done."""
    clusterer = Clusterer(store, settings)
    stats = UpdateStats()
    while True:
        with store.clustering() as work:
            ids = work.unclustered(batch)
            if not ids:
                return stats
            clusterer.run(work, work.reports(ids), stats, ids)
        if on_batch is not None:
            on_batch(stats)


def rebuild_incidents(store, *, settings: Settings | None = None) -> UpdateStats:
    """Forget every incident and cluster all stored articles again."""
    store.clear_incidents()
    return update_incidents(store, settings=settings)


__all__ = ["Clusterer", "UpdateStats", "rebuild_incidents", "update_incidents"]
