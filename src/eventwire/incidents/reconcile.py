"""From the facts of an incident's reports to the reconciled Incident.

Per field, each report (one event of one article) votes once for each value it gives.
A value's ``agreement`` is the share of the reports giving the field whose value agrees
with it; for places, a place inside another agrees with it (a report saying "Pakistan"
does not contradict one saying "Peshawar").  Values are ordered by support, then by
specificity (a city before its province before its country), then by first report.

The reconciled place is the best supported place counting the reports of the places inside
it, taking the most specific place among equals; the reconciled date is the best
supported date, a day before a month before a year; the date range is that day (or the
range of the coarser value).  Casualty figures follow ``eventwire.incidents.casualties``;
statements are grouped by stance; conflicts are surfaced by ``conflicts``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from eventwire.incidents.casualties import reconcile_figures
from eventwire.incidents.facts import Facts, Value
from eventwire.incidents.model import (
    CasualtyKind,
    Conflict,
    ConflictKind,
    FieldValue,
    Incident,
    IncidentRecord,
    IncidentStatement,
    RecordField,
    Source,
)
from eventwire.incidents.similarity import inside
from eventwire.knowledge.acled import FALLBACK, classify, event_type_of
from eventwire.model import Stance

FIELDS = ("type", "mode", "place", "date", "actors", "targets", "victims", "claimed_by")
_SPECIFIC = {"city": 0, "other": 1, "admin2": 2, "admin1": 3, "country": 4, "continent": 5}
_GRANULARITY = {10: 0, 7: 1, 4: 2}  # ISO length: day, month, year; ranges last


def _source(facts: Facts, value: Value) -> Source:
    r = facts.report
    return Source(
        article_id=r.article_id,
        event_id=r.event_id,
        outlet=r.outlet,
        published=r.published,
        span=value.span,
    )


def _agrees(name: str, a: Value, b: Value) -> bool:
    if a.value == b.value:
        return True
    if name == "place" and a.place is not None and b.place is not None:
        return inside(a.place, b.place) or inside(b.place, a.place)
    if name == "date":
        return a.value.startswith(b.value) or b.value.startswith(a.value)
    return False


def _specificity(name: str, value: Value) -> int:
    if name == "place" and value.place is not None:
        return _SPECIFIC.get(value.place.feature, 1)
    if name == "date":
        return _GRANULARITY.get(len(value.value), 3)
    return 0


def record_field(name: str, facts: Sequence[Facts]) -> RecordField:
    """The values of one field across the reports, best supported first."""
    first: dict[str, tuple[int, Value]] = {}
    sources: dict[str, list[Source]] = {}
    givers: list[list[Value]] = []
    for n, f in enumerate(facts):
        values = list({v.value: v for v in f.fields.get(name, [])}.values())
        if values:
            givers.append(values)
        for value in values:
            first.setdefault(value.value, (n, value))
            sources.setdefault(value.value, []).append(_source(f, value))
    if not givers:
        return RecordField()
    ranked = []
    for key, (n, value) in first.items():
        agreeing = sum(any(_agrees(name, value, v) for v in given) for given in givers)
        exact = len(sources[key])
        # a value most reports agree with, the most specific first ("Peshawar" before
        # "Pakistan" when both are backed by most reports), then by support
        weak = 2 * agreeing < len(givers)
        borrowed = value.place is not None and value.place.from_article
        rank = (weak, borrowed, _specificity(name, value), -agreeing, -exact, n)
        ranked.append((rank, key, value, agreeing))
    ranked.sort(key=lambda item: item[0])
    return RecordField(
        values=[
            FieldValue(
                value=key,
                label=value.label,
                sources=sources[key],
                agreement=round(agreeing / len(givers), 3),
            )
            for _, key, value, agreeing in ranked
        ],
        reports=len(givers),
    )


def _date_range(facts: Sequence[Facts], date: RecordField) -> tuple[dt.date | None, ...]:
    best = date.value
    if best is not None:
        for f in facts:
            for value in f.fields.get("date", []):
                if value.value == best.value:
                    return f.features.start, f.features.end
    starts = [f.features.start for f in facts if f.features.start]
    ends = [f.features.end for f in facts if f.features.end]
    return (min(starts) if starts else None, min(ends) if ends else None)


def _by_stance(facts: Sequence[Facts]) -> dict[Stance, list[IncidentStatement]]:
    grouped: dict[Stance, list[IncidentStatement]] = {}
    seen: set[tuple[str, str]] = set()
    for f in facts:
        for statement in f.statements:
            key = (statement.article_id, statement.statement_id)
            if key in seen:
                continue
            seen.add(key)
            grouped.setdefault(statement.stance, []).append(statement)
    return {stance: grouped[stance] for stance in Stance if stance in grouped}


def conflicts(
    statements: dict[Stance, list[IncidentStatement]], record: IncidentRecord
) -> list[Conflict]:
    """Competing claims of responsibility, and claims against denials."""
    claims = [s for s in statements.get(Stance.CLAIMS_RESPONSIBILITY, []) if s.speaker_key]
    claimants: dict[str, str] = {}
    for s in claims:
        claimants.setdefault(s.speaker_key or "", s.speaker or s.speaker_key or "")
    for value in record.claimed_by.values:
        claimants.setdefault(value.value, value.label)
    found: list[Conflict] = []
    if len(claimants) > 1:
        names = list(claimants.values())
        found.append(
            Conflict(
                kind=ConflictKind.COMPETING_CLAIMS,
                description=f"{len(names)} actors claim responsibility: " + ", ".join(names),
                actors=list(claimants),
                statements=claims,
                sources=[s for v in record.claimed_by.values for s in v.sources],
            )
        )
    denials = statements.get(Stance.DENIES, [])
    if claimants and denials:
        deniers = [s.speaker or "a source" for s in denials]
        found.append(
            Conflict(
                kind=ConflictKind.CLAIM_AND_DENIAL,
                description=(
                    f"claimed by {', '.join(claimants.values())}; denied by "
                    f"{', '.join(dict.fromkeys(deniers))}"
                ),
                actors=[
                    a for a in dict.fromkeys([*claimants, *(s.speaker_key for s in denials)]) if a
                ],
                statements=[*claims, *denials],
                sources=[s for v in record.claimed_by.values for s in v.sources],
            )
        )
    return found


def _disputed_figures(incident: Incident) -> list[Conflict]:
    """Credible figures of the same day whose ranges do not meet (19 against 25 killed)."""
    found = []
    for figures in (incident.killed, incident.injured):
        if figures is None:
            continue
        by_day: dict[dt.date | None, list] = {}
        for r in figures.timeline:
            if r.credible:
                by_day.setdefault(r.published, []).append(r)
        for day, reports in by_day.items():
            exact = [r for r in reports if r.min is not None and r.max is not None]
            values = {(r.min, r.max) for r in exact}
            if len(values) < 2:
                continue
            lows = max(r.min for r in exact)  # type: ignore[type-var]
            highs = min(r.max for r in exact)  # type: ignore[type-var]
            if lows > highs:
                found.append(
                    Conflict(
                        kind=ConflictKind.DISPUTED_FIGURES,
                        description=(
                            f"{figures.kind} on {day}: "
                            + ", ".join(f"{r.outlet or r.article_id}: {r.span.text}" for r in exact)
                        ),
                        sources=[
                            Source(
                                article_id=r.article_id,
                                event_id=r.event_id,
                                outlet=r.outlet,
                                published=r.published,
                                span=r.span,
                            )
                            for r in exact
                        ],
                    )
                )
    return found


def reconcile(facts: Sequence[Facts], incident_id: int = 0) -> Incident:
    """The reconciled Incident of these reports (``facts`` in storage order)."""
    record = IncidentRecord(**{name: record_field(name, facts) for name in FIELDS})
    record.start, record.end = _date_range(facts, record.date)
    statements = _by_stance(facts)
    killed = reconcile_figures(
        CasualtyKind.KILLED, [f.killed for f in facts if f.killed is not None]
    )
    injured = reconcile_figures(
        CasualtyKind.INJURED, [f.injured for f in facts if f.injured is not None]
    )
    type_ = record.type.value.value if record.type.value else str(facts[0].features.type)
    place = record.place.value
    place_ref = _place_ref(facts, place.value) if place else None
    published = [f.report.published for f in facts if f.report.published]
    perpetrators = [v.label for v in (*record.actors.values, *record.claimed_by.values)]
    incident = Incident(
        id=incident_id,
        label=_label(type_, place.label if place else None, record),
        type=type_,
        mode=[v.value for v in record.mode.values if v.agreement >= 0.5],
        **acled_classes(type_, facts, record),
        country=place_ref.country if place_ref else _country(facts),
        place=place.label if place else None,
        geonames_id=place_ref.geonames_id if place_ref else None,
        lat=place_ref.lat if place_ref else None,
        lon=place_ref.lon if place_ref else None,
        start=record.start,
        end=record.end,
        killed_min=killed.min if killed else None,
        killed_max=killed.max if killed else None,
        injured_min=injured.min if injured else None,
        injured_max=injured.max if injured else None,
        actors=list(dict.fromkeys(perpetrators))[:10],
        article_count=len({f.report.article_id for f in facts}),
        report_count=len(facts),
        first_published=min(published) if published else None,
        last_published=max(published) if published else None,
        record=record,
        reports=[f.report for f in facts],
        killed=killed,
        injured=injured,
        statements=statements,
    )
    incident.conflicts = conflicts(statements, record) + _disputed_figures(incident)
    return incident


def acled_classes(type_: str, facts: Sequence[Facts], record: IncidentRecord) -> dict[str, str]:
    """The incident's ACLED classes: the sub-event type most of its reports of the
    incident's type have (the first report's on a tie); reports stored without one: the
    table's class of the type and the modes most reports agree on."""
    subs = Counter(
        f.report.acled_sub_event_type
        for f in facts
        if f.report.acled_sub_event_type and str(f.report.type) == type_
    )
    if subs:
        sub = subs.most_common(1)[0][0]
        return {
            "acled_event_type": event_type_of().get(sub, FALLBACK[0]),
            "acled_sub_event_type": sub,
        }
    modes = [v.value for v in record.mode.values if v.agreement >= 0.5]
    event_type, sub = classify(type_, modes)
    return {"acled_event_type": event_type, "acled_sub_event_type": sub}


def _place_ref(facts: Sequence[Facts], key: str):
    for f in facts:
        for value in f.fields.get("place", []):
            if value.value == key and value.place is not None:
                return value.place
    return None


def _country(facts: Sequence[Facts]) -> str | None:
    counts = Counter(p.country for f in facts for p in f.features.places if p.country)
    return counts.most_common(1)[0][0] if counts else None


_MODE_LABELS = (  # the most telling mode names an attack
    ("suicide-attack", "Suicide attack"),
    ("explosives", "Bombing"),
    ("drone", "Drone strike"),
    ("aerial", "Air strike"),
    ("abduct", "Abduction"),
    ("firearms", "Armed attack"),
    ("heavy-weapons", "Shelling"),
)


def _label(type_: str, place: str | None, record: IncidentRecord) -> str:
    words = {"ASSAULT": "Attack", "PROTEST": "Protest", "COERCE": "Coercion"}
    label = words.get(type_, type_.capitalize())
    modes = {v.value for v in record.mode.values if v.agreement >= 0.5}
    for mode, words_ in _MODE_LABELS:
        if type_ == "ASSAULT" and mode in modes:
            label = words_
            break
    if place:
        label += f" in {place}"
    if record.date.value:
        label += f" on {record.date.value.label}"
    elif record.end:
        label += f", reported by {record.end.isoformat()}"
    return label


def search_text(incident: Incident) -> str:
    """The words ``Store.incidents(q=…)`` looks in: label, places, actors, speakers, titles
    and the sentences of the reports."""
    parts = [incident.label, incident.type, *incident.mode]
    for name in ("place", "actors", "targets", "victims", "claimed_by"):
        parts.extend(v.label for v in getattr(incident.record, name).values)
    parts.extend(r.title or "" for r in incident.reports)
    parts.extend(dict.fromkeys(r.sentence.text for r in incident.reports))
    parts.extend(s.speaker or "" for group in incident.statements.values() for s in group)
    return " ".join(" ".join(parts).lower().split())
