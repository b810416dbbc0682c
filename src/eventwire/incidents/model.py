"""The schema of incidents: one real-world event, as reported across articles.

An incident gathers the events of many articles (its *reports*) that describe the same
real-world event, and reconciles them:

- ``record``: per field (type, mode, place, date, actors, targets, victims, claimed_by),
  the values the reports give, each with its sources and its agreement (the share of the
  reports that give this field and give this value), best supported first;
- ``killed`` / ``injured``: every figure as a timeline per source (outlet, published date,
  count, evidence) and the reconciled range (rule in ``eventwire.incidents.casualties``);
- ``statements``: what actors said about it, grouped by stance;
- ``conflicts``: competing claims of responsibility, a claim against a denial.

JSON names are the contract of the REST API, like ``eventwire.model``.  Evidence spans
index the text of the article they name (``article_id``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from eventwire.model import EventType, Modality, Model, Span, Stance


class Source(Model):
    """Where a value comes from: one article (and the event or statement in it)."""

    article_id: str
    event_id: str | None = None
    statement_id: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    span: Span | None = Field(None, description="evidence in the article's text")


class FieldValue(Model):
    """One value of a reconciled field, who gives it, and how much the reports agree."""

    value: str = Field(description='machine value: "ASSAULT", a GeoNames id, an actor key…')
    label: str = Field(description='for people: "Peshawar, Pakistan", "Islamic State"')
    sources: list[Source] = Field(default_factory=list)
    agreement: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="share of the reports giving this field that give this value",
    )


class RecordField(Model):
    """A field of the reconciled record: its values, best supported first.

    For single-valued fields (type, place, date) ``values[0]`` is the reconciled value and
    the others are disagreeing reports; for lists (actors, victims…) every value counts.
    """

    values: list[FieldValue] = Field(default_factory=list)
    reports: int = Field(0, description="how many reports give this field at all")

    @property
    def value(self) -> FieldValue | None:
        return self.values[0] if self.values else None


class IncidentRecord(Model):
    """The reconciled record of an incident."""

    type: RecordField = Field(default_factory=RecordField)
    mode: RecordField = Field(default_factory=RecordField)
    place: RecordField = Field(default_factory=RecordField)
    date: RecordField = Field(default_factory=RecordField)
    start: dt.date | None = Field(None, description="first day of the reconciled date range")
    end: dt.date | None = Field(None, description="last day of the reconciled date range")
    actors: RecordField = Field(default_factory=RecordField)
    targets: RecordField = Field(default_factory=RecordField)
    victims: RecordField = Field(default_factory=RecordField)
    claimed_by: RecordField = Field(default_factory=RecordField)


class IncidentReport(Model):
    """One event of one article that is part of the incident."""

    article_id: str
    event_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    type: EventType
    mode: list[str] = Field(default_factory=list)
    acled_sub_event_type: str | None = Field(None, description="the event's ACLED sub-event type")
    modality: Modality = Modality.OCCURRED
    trigger: Span
    sentence: Span
    date: str | None = Field(None, description="ISO value of the event's date, if any")
    place: str | None = Field(None, description="name of the event's place, if any")
    score: float = Field(1.0, description="similarity with the incident when it joined")


class CasualtyKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"


class CasualtyReport(Model):
    """One figure reported by one source at one time."""

    article_id: str
    event_id: str
    outlet: str | None = None
    published: dt.date | None = None
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    span: Span
    superseded: bool = Field(False, description="an earlier figure of a later-reported toll")
    credible: bool = Field(True, description="False for an outlier left out of the range")


class CasualtyFigures(Model):
    """The figures of one kind (killed or injured) over time, and the reconciled range."""

    kind: CasualtyKind
    timeline: list[CasualtyReport] = Field(
        default_factory=list, description="by published date, then outlet"
    )
    min: int | None = Field(None, description="the latest report's lower bound")
    max: int | None = Field(None, description="the highest credible report")
    rule: str = ""


class IncidentStatement(Model):
    """A statement about the incident, from one article."""

    article_id: str
    statement_id: str
    outlet: str | None = None
    published: dt.date | None = None
    stance: Stance
    speaker: str | None = Field(None, description="speaker's name as the article gives it")
    speaker_key: str | None = Field(
        None, description="actor key (dictionary ref or name); None when not a known actor"
    )
    target: str | None = Field(None, description="who the statement is aimed at, if anyone")
    cue: Span
    content: Span | None = None
    sentence: Span


class ConflictKind(StrEnum):
    COMPETING_CLAIMS = "competing_claims"  # two different actors claim responsibility
    CLAIM_AND_DENIAL = "claim_and_denial"  # an actor claims, another source denies it
    DISPUTED_FIGURES = "disputed_figures"  # casualty figures that do not fit together


class Conflict(Model):
    """A disagreement between reports or statements, with what supports each side."""

    kind: ConflictKind
    description: str
    actors: list[str] = Field(default_factory=list, description="actor keys involved")
    statements: list[IncidentStatement] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class IncidentSummary(Model):
    """What lists, maps and timelines show of an incident."""

    id: int
    label: str = Field(description='"ASSAULT in Peshawar, Pakistan on 2025-03-14"')
    type: EventType
    mode: list[str] = Field(default_factory=list)
    acled_event_type: str | None = Field(None, description="ACLED event type, e.g. Battles")
    acled_sub_event_type: str | None = Field(
        None, description="ACLED sub-event type: the one most of its reports have"
    )
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    place: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    actors: list[str] = Field(default_factory=list, description="names of the perpetrators")
    article_count: int = Field(0, description="articles reporting it")
    report_count: int = Field(0, description="events (of those articles) fused into it")
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    updated_at: dt.datetime | None = None


class Incident(IncidentSummary):
    """An incident in full: reconciled record, reports, figures, statements, conflicts."""

    record: IncidentRecord = Field(default_factory=IncidentRecord)
    reports: list[IncidentReport] = Field(default_factory=list)
    killed: CasualtyFigures | None = None
    injured: CasualtyFigures | None = None
    statements: dict[Stance, list[IncidentStatement]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)


class ActorSummary(Model):
    """An actor across the store: the articles and incidents that name it."""

    key: str = Field(description="dictionary ref, or the folded name when it has none")
    name: str
    kind: str
    country: str | None = None
    article_count: int = 0
    incident_count: int = 0
