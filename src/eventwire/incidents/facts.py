"""What one event of one article contributes to an incident: its ``Facts``.

``article_facts(report)`` turns a stored ArticleReport into one ``Facts`` per event that
can be part of an incident (``clustered_events``: a deed that occurred, is claimed, alleged
or denied; not a plan, a threat, a hypothesis or a deed named in general, and not the
verbal event a statement also is; near the article's time, not background; a bare mention
only beside a told deed of its type).  Facts
are stored with the membership (``incident_events.facts``) so that reconciling an
incident reads its members' facts, never whole reports again.

Each Facts holds:
- ``report``: the IncidentReport (article, event, trigger and sentence evidence);
- ``fields``: the values the event gives per record field (type, mode, place, date,
  actors, targets, victims, claimed_by), each with its evidence span;
- ``killed`` / ``injured``: its casualty figures;
- ``statements``: the article's statements about it: those whose ``about_event`` is this
  event, and those about no clustered event of the article, given to its main event;
- ``features``: what clustering compares (``eventwire.incidents.similarity``).

Where an event names no place, the article's focus place (its main city or region) stands
in, marked ``from_article``: it weighs less and keeps an event out of an incident only in
another country.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from pydantic import Field

from eventwire.incidents.model import CasualtyReport, IncidentReport, IncidentStatement
from eventwire.knowledge.countries import by_iso3
from eventwire.knowledge.gazetteer import gazetteer
from eventwire.model import (
    Actor,
    ArticleReport,
    Count,
    Event,
    EventType,
    Modality,
    Model,
    Place,
    PlaceFeature,
    Span,
    Statement,
    When,
)

CLUSTERED_MODALITIES = frozenset(
    {Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED, Modality.DENIED}
)
"""Events that may be part of an incident: said to have happened (or denied to have)."""

VERBAL_TYPES = frozenset(
    {EventType.ACCUSE, EventType.REJECT, EventType.REQUEST, EventType.THREATEN, EventType.SUPPORT}
)
"""PLOVER types that are things said: they join incidents as statements, not as reports."""

ASSUMED_DAYS = 3
"""An undated event is assumed to have happened within this many days before publication."""

RECENT_DAYS = 31
"""An event dated to end more than this many days before publication is background ("the
2012 attack", "in 1979"): kept in the article's report, not made an incident."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP_WORDS = """a about after against also an and are as at be been before but by can could did do
    does during for from had has have he her his how i if in into is it its last more most
    new no not of on one or other our out over said says she so some than that the their
    them then there these they this those through to two under up was we were what when
    where which while who will with would yet year years day days week friday monday
    tuesday wednesday thursday saturday sunday told according people"""
_STOP = frozenset(_STOP_WORDS.split())


class PlaceRef(Model):
    """A place as clustering compares it: id, containers and coordinates."""

    geonames_id: int | None = None
    name: str
    country: str | None = None
    admin1_id: int | None = None
    admin2_id: int | None = None
    feature: str = "other"
    lat: float | None = None
    lon: float | None = None
    from_article: bool = Field(False, description="the article's focus, not the event's own")


class Features(Model):
    """What clustering compares between an event and an incident."""

    type: EventType
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = Field(None, description="day, month, year, range, or assumed")
    places: list[PlaceRef] = Field(default_factory=list)
    country: str | None = None
    actors: list[str] = Field(default_factory=list, description="keys of actors and claimants")
    tokens: dict[str, int] = Field(default_factory=dict)


class Value(Model):
    """One value of a record field given by one event, with its evidence."""

    value: str
    label: str
    span: Span | None = None
    place: PlaceRef | None = None


class Facts(Model):
    """The contribution of one event to its incident (stored as JSON)."""

    report: IncidentReport
    fields: dict[str, list[Value]] = Field(default_factory=dict)
    killed: CasualtyReport | None = None
    injured: CasualtyReport | None = None
    statements: list[IncidentStatement] = Field(default_factory=list)
    features: Features


def actor_key(actor: Actor | None, text: str) -> str:
    """An actor's identity across articles: dictionary ref, else its lower-cased name."""
    if actor is not None and actor.ref:
        return actor.ref
    name = actor.name if actor is not None else text
    return " ".join(name.lower().split())


def tokens(*texts: str) -> dict[str, int]:
    """Content words (lower case, crude plural folding) and their counts."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text):
            word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
            if len(word) < 3 or word in _STOP:
                continue
            if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
            counts[word] += 1
    return dict(counts)


@lru_cache(maxsize=65536)
def _containers(geonames_id: int) -> tuple[int | None, int | None]:
    """(admin1 id, admin2 id) of a GeoNames place, from the gazetteer."""
    try:
        entry = gazetteer().get(geonames_id)
    except Exception:  # no gazetteer index: containment by country only
        return None, None
    return (entry.admin1_id, entry.admin2_id) if entry else (None, None)


def place_ref(place: Place, from_article: bool = False) -> PlaceRef:
    """The PlaceRef of a resolved place (containers from the gazetteer)."""
    admin1 = admin2 = None
    if place.geonames_id is not None and place.geonames_id > 0:
        admin1, admin2 = _containers(place.geonames_id)
    return PlaceRef(
        geonames_id=place.geonames_id,
        name=place.name,
        country=place.country,
        admin1_id=admin1,
        admin2_id=admin2,
        feature=str(place.feature),
        lat=place.lat,
        lon=place.lon,
        from_article=from_article,
    )


def place_label(place: PlaceRef | Place) -> str:
    """ "Peshawar, Pakistan"; a country by its name."""
    country = by_iso3(place.country) if place.country else None
    if place.feature == PlaceFeature.COUNTRY or country is None or country.name == place.name:
        return place.name
    return f"{place.name}, {country.name}"


_SPECIFIC = {"city": 0, "admin2": 1, "admin1": 2, "other": 3, "country": 4, "continent": 5}


def focus_place(report: ArticleReport) -> Place | None:
    """The article's main city or region (else country): named in the title, most
    mentioned, mentioned first; None without places."""
    title = (report.article.title or "").lower()
    best: tuple[bool, int, int] | None = None
    chosen = None
    for place in report.places:
        if place.feature == PlaceFeature.CONTINENT or place.country is None:
            continue
        in_title = place.name.lower() in title
        first = min((m.start for m in place.mentions), default=len(report.article.text))
        rank = (
            place.feature == PlaceFeature.COUNTRY,  # a city or region first
            -(len(place.mentions) + 2 * in_title),
            first,
        )
        if best is None or rank < best:
            best, chosen = rank, place
    return chosen


def near_publication(report: ArticleReport, event: Event) -> bool:
    """Whether the event happened near the article's time: not dated to end more than
    ``RECENT_DAYS`` before publication (background) nor to start after it (a future date).
    An undated event is near unless its sentence names only past dates ("the 1999 shooting
    death of Diallo, who was shot 41 times"); articles without a publication date are near."""
    published = report.article.published
    when = next((d for d in report.dates if d.id == event.date), None) if event.date else None
    if published is None:
        return True
    if when is not None:
        return _near(when, published)
    sentence = event.sentence
    around = [
        d for d in report.dates if sentence.start <= d.span.start and d.span.end <= sentence.end
    ]
    # an undated event in a sentence set in the past only ("the 1999 shooting death of
    # Diallo, who was shot 41 times"): background
    return not around or any(_near(d, published) for d in around)


def _near(when: When, published: dt.date) -> bool:
    return when.end >= published - dt.timedelta(
        days=RECENT_DAYS
    ) and when.start <= published + dt.timedelta(days=1)


def _named_after(text: str, event: Event) -> bool:
    """The event's only place is the name it goes by: "the Paris attacks", "the San
    Bernardino shooting" (the place right before the trigger)."""
    if len(event.place) != 1:
        return False
    span, trigger = event.place[0].span, event.trigger
    return span.end <= trigger.start and not text[span.end : trigger.start].strip(" -")


def told(event: Event, text: str = "") -> bool:
    """Whether the article tells something of the event beyond its name: a place, a date,
    who did it or to whom, or a casualty figure.  A bare passing mention ("after the
    attacks", "hostilities broke out", "since the Paris attacks": the place is its name) is
    no incident of its own."""
    return bool(
        (event.place and not _named_after(text, event))
        or event.date
        or event.actors
        or event.targets
        or event.victims
        or event.recipients
        or event.killed
        or event.injured
    )


def clustered_events(report: ArticleReport) -> list[Event]:
    """The events of the report that can be part of an incident: deeds said to have
    happened (not planned, hypothetical or generic), not verbal, near publication; a bare
    mention (``told``) only beside a told deed of its type."""
    verbal = {s.event_id for s in report.statements if s.event_id}
    deeds = [
        e
        for e in report.events
        if e.modality in CLUSTERED_MODALITIES
        and e.type not in VERBAL_TYPES
        and e.id not in verbal
        and near_publication(report, e)
    ]
    # a bare mention stays when the article tells of a deed of its type (likely the same)
    kinds = {e.type for e in deeds if told(e, report.article.text)}
    return [e for e in deeds if e.type in kinds]


def article_facts(report: ArticleReport) -> list[Facts]:
    """The Facts of each event of the report that can be part of an incident."""
    events = clustered_events(report)
    if not events:
        return []
    ids = {e.id for e in events}
    main = next((e for e in events if e.modality == Modality.OCCURRED), events[0])
    about: dict[str, list[Statement]] = {e.id: [] for e in events}
    for statement in report.statements:
        target = statement.about_event if statement.about_event in ids else main.id
        about[target].append(statement)
    focus = focus_place(report)
    return [_facts(report, e, about[e.id], focus) for e in events]


def _count(report: ArticleReport, event: Event, count: Count | None) -> CasualtyReport | None:
    if count is None or (count.min is None and count.max is None):
        return None
    a = report.article
    return CasualtyReport(
        article_id=a.id,
        event_id=event.id,
        outlet=a.outlet,
        published=a.published,
        min=count.min,
        max=count.max,
        approximate=count.approximate,
        span=count.span,
    )


def _facts(
    report: ArticleReport, event: Event, statements: list[Statement], focus: Place | None
) -> Facts:
    a = report.article
    when = report.date(event.date)
    fields: dict[str, list[Value]] = {
        "type": [Value(value=str(event.type), label=str(event.type), span=event.trigger)],
        "mode": [Value(value=m, label=m, span=event.trigger) for m in event.mode],
    }
    places: list[PlaceRef] = []
    for arg in event.place:
        place = report.place(arg.place_id)
        if place is None or place.country is None:
            continue
        ref = place_ref(place)
        places.append(ref)
        fields.setdefault("place", []).append(
            Value(
                value=str(place.geonames_id or place.name),
                label=place_label(place),
                span=arg.span,
                place=ref,
            )
        )
    places.sort(key=lambda p: _SPECIFIC.get(p.feature, 3))
    if when is not None:
        fields["date"] = [Value(value=when.value, label=when.value, span=when.span)]
        start, end, granularity = when.start, when.end, str(when.granularity)
    elif a.published is not None:
        start, end = a.published - dt.timedelta(days=ASSUMED_DAYS), a.published
        granularity = "assumed"
    else:
        start = end = granularity = None
    if not places and focus is not None:
        ref = place_ref(focus, from_article=True)
        places.append(ref)
        mention = focus.mentions[0] if focus.mentions else None
        fields["place"] = [
            Value(
                value=str(focus.geonames_id or focus.name),
                label=place_label(focus),
                span=mention,
                place=ref,
            )
        ]

    actor_keys: list[str] = []
    for name, args in (
        ("actors", event.actors),
        ("targets", event.targets),
        ("victims", event.victims),
        ("claimed_by", event.claimed_by),
    ):
        for arg in args:
            actor = report.actor(arg.actor_id)
            if name == "claimed_by" and actor is None:
                continue  # a claimant is an actor, not just words
            key = actor_key(actor, arg.span.text)
            label = actor.name if actor is not None else arg.span.text
            fields.setdefault(name, []).append(Value(value=key, label=label, span=arg.span))
            if name in ("actors", "claimed_by") and actor is not None:
                actor_keys.append(key)

    texts = [event.sentence.text, *(m.text for m in event.mentions)]
    incident_report = IncidentReport(
        article_id=a.id,
        event_id=event.id,
        title=a.title,
        outlet=a.outlet,
        url=a.url,
        published=a.published,
        type=event.type,
        mode=event.mode,
        acled_sub_event_type=event.acled_sub_event_type,
        modality=event.modality,
        trigger=event.trigger,
        sentence=event.sentence,
        date=when.value if when else None,
        place=places[0].name if places and not places[0].from_article else None,
    )
    return Facts(
        report=incident_report,
        fields=fields,
        killed=_count(report, event, event.killed),
        injured=_count(report, event, event.injured),
        statements=[_statement(report, s) for s in statements],
        features=Features(
            type=event.type,
            start=start,
            end=end,
            granularity=granularity,
            places=places,
            country=places[0].country if places else None,
            actors=sorted(set(actor_keys)),
            tokens=tokens(*texts),
        ),
    )


def _statement(report: ArticleReport, statement: Statement) -> IncidentStatement:
    a = report.article
    speaker = key = target = None
    if statement.speaker is not None:
        actor = report.actor(statement.speaker.actor_id)
        if actor is not None and actor.kind == "person" and actor.affiliation:
            # a spokesman speaks for his organisation: the key is the organisation's
            org = report.actor(actor.affiliation)
            key = actor_key(org, org.name) if org else actor_key(actor, actor.name)
        elif actor is not None:  # a speaker known only by its words has no key
            key = actor_key(actor, actor.name)
        speaker = actor.name if actor is not None else statement.speaker.span.text
    if statement.target is not None:
        actor = report.actor(statement.target.actor_id)
        target = actor_key(actor, statement.target.span.text)
    return IncidentStatement(
        article_id=a.id,
        statement_id=statement.id,
        outlet=a.outlet,
        published=a.published,
        stance=statement.stance,
        speaker=speaker,
        speaker_key=key,
        target=target,
        cue=statement.cue,
        content=statement.content,
        sentence=statement.sentence,
    )
