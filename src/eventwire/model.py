"""The schema: every value eventwire extracts, with the words that support it.

JSON field names are the public contract (CLI output, store, REST API).  Ids inside
one report are short and local ("A1", "P2", "D3", "E1", "S4"); cross-article identity
lives in ``Actor.ref`` (the actor-dictionary key) and ``Place.geonames_id``.

Invariant: every ``Span`` indexes ``Article.text``: ``text[span.start:span.end] == span.text``.
``ArticleReport.check_spans()`` verifies it and the tests call it on every report.

``Failure`` (an article that could not be read or extracted, and why) is a plain
dataclass: it is never stored, only listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Model(BaseModel):
    """Base: forbid unknown fields so typos in producers fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """Evidence: a slice of the article text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``."""
        return cls(text=text[start:end], start=start, end=end)


class Article(Model):
    """Clean text and metadata of one news article."""

    id: str = Field(description="sha256 of the normalised text, hex, first 16 characters")
    title: str | None = None
    url: str | None = None
    outlet: str | None = Field(None, description="host of the URL or a dateline outlet")
    published: dt.date | None = None
    language: str = "en"
    text: str


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed_group"
    IGO = "igo"
    NGO = "ngo"
    MEDIA = "media"
    PERSON = "person"
    CIVILIANS = "civilians"
    OTHER = "other"


class Actor(Model):
    """An actor of the article; all its mentions merged."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    ref: str | None = Field(None, description="key in the actor dictionary, when known")
    parent: str | None = Field(None, description="ref of the organisation this is a branch of")
    role: str | None = Field(None, description='for persons: "spokesman", "President"…')
    affiliation: str | None = Field(None, description="for persons: id of the actor they act for")
    mentions: list[Span] = Field(default_factory=list)


class PlaceFeature(StrEnum):
    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    CITY = "city"
    OTHER = "other"


class PlaceMentionKind(StrEnum):
    NAME = "name"  # "Iran", "Kerman province"
    DEMONYM = "demonym"  # "Iranian officials": the adjective of the place


class PlaceMention(Span):
    """One mention of a place: its name or a demonym.  ``metonymic``: the place stands
    for its government, team or people ("Tehran said"); a demonym or a metonymic mention
    names the place but is no location of an event."""

    kind: PlaceMentionKind = PlaceMentionKind.NAME
    metonymic: bool = False

    @property
    def literal(self) -> bool:
        """A name used for the place itself: a possible location of an event."""
        return self.kind == PlaceMentionKind.NAME and not self.metonymic


class Place(Model):
    """A toponym resolved against the gazetteer."""

    id: str
    geonames_id: int | None = None
    name: str
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: PlaceFeature = PlaceFeature.OTHER
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    mentions: list[PlaceMention] = Field(default_factory=list)

    @field_validator("mentions", mode="before")
    @classmethod
    def _spans_are_name_mentions(cls, value: object) -> object:
        """A plain Span is a name mention."""
        if isinstance(value, list):
            return [
                m.model_dump() if isinstance(m, Span) and not isinstance(m, PlaceMention) else m
                for m in value
            ]
        return value

    @property
    def literal_mentions(self) -> list[PlaceMention]:
        """The mentions that may locate an event (names, not demonyms or metonymic uses)."""
        return [m for m in self.mentions if m.literal]


class Granularity(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class When(Model):
    """A date expression normalised to ISO 8601.

    ``value`` is "2024-01-05" (day), "2024-01" (month), "2020" (year) or
    "2019-01-01/2023-12-31" (range); ``start`` and ``end`` give the covered days.
    """

    id: str
    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date
    relative: bool = Field(False, description="resolved against the publication date")
    span: Span


class Count(Model):
    """A number of people: "nearly 100" → max 100, approximate."""

    min: int | None = None
    max: int | None = None
    approximate: bool = False
    span: Span


class Arg(Model):
    """An event argument: a known actor or place, or just the words."""

    actor_id: str | None = None
    place_id: str | None = None
    individual: bool = Field(False, description="individuals (gunmen) rather than an organisation")
    span: Span


class Modality(StrEnum):
    """Whether an event happened as reported.  GENERIC: deeds named in general ("every
    attack", "thousands of shootings", "attacks on police are rising", "you get shot"):
    kept in the report, never an incident."""

    OCCURRED = "occurred"
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    DENIED = "denied"
    PLANNED = "planned"
    THREATENED = "threatened"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    GENERIC = "generic"


class EventType(StrEnum):
    """PLOVER event types, and two of eventwire's own for what PLOVER does not code:
    DISASTER (modes ``natural``: earthquake, flood, storm…; ``man-made``: an industrial
    explosion, fire, leak or collapse) and CRIME (organised crime: modes ``robbery``,
    ``smuggling``, ``drugs``, ``trafficking``).  Neither is a conflict event: exports of
    conflict events leave them out unless asked (``NON_PLOVER_TYPES``)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    DISASTER = "DISASTER"
    CRIME = "CRIME"


NON_PLOVER_TYPES = frozenset({EventType.DISASTER, EventType.CRIME})
"""eventwire's additions to the PLOVER types: not events of political conflict or
cooperation, kept out of conflict exports unless asked."""


class Event(Model):
    """Who did what to whom, where and when, with how many killed or injured."""

    id: str
    type: EventType
    mode: list[str] = Field(default_factory=list, description="PLOVER modes of the type")
    context: list[str] = Field(default_factory=list)
    trigger: Span
    sentence: Span
    mentions: list[Span] = Field(default_factory=list, description="coreferent mentions")
    modality: Modality = Modality.OCCURRED
    actors: list[Arg] = Field(default_factory=list)
    targets: list[Arg] = Field(default_factory=list)
    victims: list[Arg] = Field(default_factory=list)
    instruments: list[Arg] = Field(default_factory=list)
    recipients: list[Arg] = Field(
        default_factory=list,
        description="PLOVER recipients: actors the event is directed at (arrested, met, aided)",
    )
    place: list[Arg] = Field(
        default_factory=list,
        description="where: places of places[] (place_id), most specific first, then sites of "
        "attacks no gazetteer lists (no place_id: 'a busy square', 'the Markets area')",
    )
    date: str | None = Field(None, description="id of a dates[] entry")
    killed: Count | None = None
    injured: Count | None = None
    suicide: bool | None = None
    claimed_by: list[Arg] = Field(default_factory=list)
    attack_kind: str | None = None
    target_kind: list[str] = Field(default_factory=list)
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    acled_event_type: str | None = Field(
        None, description="ACLED event type (knowledge/acled_classes.yaml), e.g. Battles"
    )
    acled_sub_event_type: str | None = Field(
        None, description="ACLED sub-event type, e.g. Armed clash (or eventwire's additions)"
    )


class Stance(StrEnum):
    CLAIMS_RESPONSIBILITY = "claims_responsibility"
    DENIES = "denies"
    CONDEMNS = "condemns"
    THREATENS = "threatens"
    ACCUSES = "accuses"
    SUSPECTS = "suspects"
    CONFIRMS = "confirms"
    DOES_NOT_DISPUTE = "does_not_dispute"
    CALLS_FOR = "calls_for"
    EXPRESSES_CONDOLENCES = "expresses_condolences"
    OTHER = "other"


class Statement(Model):
    """Who said what, with which stance, about which event or actor."""

    id: str
    speaker: Arg | None = None
    cue: Span
    content: Span | None = None
    direct: bool = False
    stance: Stance = Stance.OTHER
    stances: list[Stance] = Field(default_factory=list, description="all stances, main first")
    about_event: str | None = None
    target: Arg | None = None
    channel: Span | None = None
    event_id: str | None = Field(None, description="the verbal event this statement also is")
    sentence: Span


# the kinds of item a report holds, and the field holding each
ITEMS = {
    "actor": "actors",
    "place": "places",
    "date": "dates",
    "event": "events",
    "statement": "statements",
}


class ArticleReport(Model):
    """Everything eventwire found in one article."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[When] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    extensions: dict[str, Any] = Field(
        default_factory=dict,
        description="what custom stages added, by stage (JSON values; not kept by the store)",
    )
    pipeline: str = Field("", description="eventwire version and spaCy pipeline used")
    warnings: list[str] = Field(default_factory=list)

    def spans(self) -> list[Span]:
        """Every evidence span in the report."""
        found: list[Span] = []

        def walk(value: object) -> None:
            if isinstance(value, Span):
                found.append(value)
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    if not (value is self and name == "article"):
                        walk(getattr(value, name))
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(self)
        return found

    def check_spans(self) -> None:
        """Raise ValueError when a span does not match the article text."""
        text = self.article.text
        for span in self.spans():
            if text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.start}:{span.end} {span.text!r} does not match text")

    def _references(self) -> Iterator[tuple[str, BaseModel, str, str]]:
        """(where, object, field, kind of item) for every local id the report uses to refer
        to one of its own items: every Arg of an event or statement (its actor and place),
        an actor's affiliation, an event's date, a statement's events."""
        for actor in self.actors:
            yield f"actor {actor.id} affiliation", actor, "affiliation", "actor"
        owners: list[tuple[str, BaseModel]] = [
            *((f"event {e.id}", e) for e in self.events),
            *((f"statement {s.id}", s) for s in self.statements),
        ]
        for label, owner in owners:
            for name in type(owner).model_fields:
                value = getattr(owner, name)
                for arg in value if isinstance(value, list) else [value]:
                    if isinstance(arg, Arg):
                        yield f"{label} {name}", arg, "actor_id", "actor"
                        yield f"{label} {name}", arg, "place_id", "place"
        for event in self.events:
            yield f"event {event.id} date", event, "date", "date"
        for statement in self.statements:
            yield f"statement {statement.id} about_event", statement, "about_event", "event"
            yield f"statement {statement.id} event_id", statement, "event_id", "event"

    def _ids(self) -> dict[str, list[str]]:
        """The ids of the report's items, per kind, in order (repeated ones repeated)."""
        return {kind: [item.id for item in getattr(self, name)] for kind, name in ITEMS.items()}

    def consistency_problems(self) -> list[str]:
        """What makes the report inconsistent: two items of a kind with one id, and ids that
        refer to no item of the report ("statement S19 about_event refers to unknown event
        'E9'").  The store refuses such a report; the pipeline repairs it
        (``drop_inconsistencies``)."""
        return self.duplicate_ids() + self.dangling_references()

    def duplicate_ids(self) -> list[str]:
        """ "two events have the id 'E2'", for each id used twice within a kind of item."""
        problems = []
        for kind, ids in self._ids().items():
            seen: set[str] = set()
            for item_id in ids:
                if item_id in seen:
                    problems.append(f"two {kind}s have the id {item_id!r}")
                seen.add(item_id)
        return problems

    def dangling_references(self) -> list[str]:
        """ "statement S19 about_event refers to unknown event 'E9'", for each id that
        names no item of the report."""
        problems = []
        ids = {kind: set(found) for kind, found in self._ids().items()}
        for where, obj, name, kind in self._references():
            value = getattr(obj, name)
            if value is not None and value not in ids[kind]:
                problems.append(f"{where} refers to unknown {kind} {value!r}")
        return problems

    def drop_inconsistencies(self) -> list[str]:
        """Make the report consistent: of two items with one id the second is dropped, and
        a reference to an item the report does not hold is removed (the Arg keeps its
        words).  Returns what was done, one line each (empty when nothing was wrong)."""
        done = []
        for kind, name in ITEMS.items():
            seen: set[str] = set()
            kept = []
            for item in getattr(self, name):
                if item.id in seen:
                    done.append(f"a second {kind} with the id {item.id!r} was dropped")
                    continue
                seen.add(item.id)
                kept.append(item)
            setattr(self, name, kept)
        ids = {kind: set(found) for kind, found in self._ids().items()}
        for where, obj, name, kind in list(self._references()):
            value = getattr(obj, name)
            if value is not None and value not in ids[kind]:
                setattr(obj, name, None)
                done.append(f"{where} referred to unknown {kind} {value!r}: removed")
        return done

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        """The place with this id, or None."""
        return next((p for p in self.places if p.id == place_id), None)

    def date(self, date_id: str | None) -> When | None:
        """The date with this id, or None."""
        return next((d for d in self.dates if d.id == date_id), None)


@dataclass
class Failure:
    """An article that could not be processed, and why (one line)."""

    source: str
    error: str
