"""Between an ArticleReport and table rows: ``to_rows`` flattens, ``from_rows`` rebuilds.

Pure functions, no database: ``from_rows(to_rows(report))`` equals ``report``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from eventwire.knowledge.acled import classify_events
from eventwire.model import (
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    Span,
)

Row = dict[str, Any]
Rows = dict[str, list[Row]]
"""Rows per table name."""

# Event fields holding arguments, and the role their rows get.
EVENT_ARGS = {
    "actors": "actor",
    "targets": "target",
    "victims": "victim",
    "instruments": "instrument",
    "recipients": "recipient",
    "place": "place",
    "claimed_by": "claimed_by",
}
STATEMENT_ARGS = {"speaker": "speaker", "target": "target"}

OWNERS = ("actor_id", "place_id", "event_id")  # mentions owners
ARG_OWNERS = ("event_id", "statement_id")


def url_key(url: str | None) -> str | None:
    """Bounded index key of a URL (sha256, 32 hex characters)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] if url else None


def same_text(a: str, b: str) -> bool:
    """Texts equal up to whitespace: the same article fetched twice from one URL."""
    return a.split() == b.split()


# --- flattening -------------------------------------------------------------------------


def span_cols(name: str, span: Span | None) -> Row:
    """The three columns of a span (all None for a missing optional span)."""
    if span is None:
        return {f"{name}_start": None, f"{name}_end": None, f"{name}_text": None}
    return {f"{name}_start": span.start, f"{name}_end": span.end, f"{name}_text": span.text}


def count_cols(name: str, count: Count | None) -> Row:
    return {
        f"{name}_min": count.min if count else None,
        f"{name}_max": count.max if count else None,
        f"{name}_approximate": count.approximate if count else None,
        **span_cols(name, count.span if count else None),
    }


def check_references(report: ArticleReport) -> None:
    """Raise ValueError when a local id refers to nothing in the report
    (``ArticleReport.dangling_references``).

    The database enforces the same through its foreign keys (and unique local ids through
    its primary keys); this check gives a clearer message and covers ``affiliation``.
    """
    problems = report.dangling_references()
    if problems:
        raise ValueError(problems[0])


def _mention(article_id: str, owner: str, owner_id: str, position: int, span: Span) -> Row:
    row: Row = {"article_id": article_id, "position": position, **span_cols("span", span)}
    row.update({o: (owner_id if o == owner else None) for o in OWNERS})
    return row


def _argument(
    article_id: str, owner: str, owner_id: str, role: str, position: int, arg: Arg
) -> Row:
    row: Row = {
        "article_id": article_id,
        "role": role,
        "position": position,
        "actor_id": arg.actor_id,
        "place_id": arg.place_id,
        "individual": arg.individual,
        **span_cols("span", arg.span),
    }
    row.update({o: (owner_id if o == owner else None) for o in ARG_OWNERS})
    return row


def to_rows(report: ArticleReport, stored_at: dt.datetime) -> Rows:
    """Rows of every table for one report (raises ValueError on a broken reference)."""
    check_references(report)
    a = report.article
    aid = a.id
    rows: Rows = {
        "articles": [
            {
                "id": aid,
                "url": a.url,
                "url_key": url_key(a.url),
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published,
                "language": a.language,
                "text": a.text,
                "pipeline": report.pipeline,
                "warnings": list(report.warnings),
                "stored_at": stored_at,
            }
        ],
        "actors": [],
        "places": [],
        "dates": [],
        "events": [],
        "statements": [],
        "arguments": [],
        "mentions": [],
        "place_uses": [],
    }
    for i, actor in enumerate(report.actors):
        rows["actors"].append(
            {
                "article_id": aid,
                "id": actor.id,
                "position": i,
                "name": actor.name,
                "kind": actor.kind.value,
                "country": actor.country,
                "ref": actor.ref,
                "parent": actor.parent,
                "role": actor.role,
                "affiliation": actor.affiliation,
            }
        )
        for j, span in enumerate(actor.mentions):
            rows["mentions"].append(_mention(aid, "actor_id", actor.id, j, span))
    for i, place in enumerate(report.places):
        rows["places"].append(
            {
                "article_id": aid,
                "id": place.id,
                "position": i,
                "geonames_id": place.geonames_id,
                "name": place.name,
                "country": place.country,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "feature": place.feature.value,
                "confidence": place.confidence,
            }
        )
        for j, span in enumerate(place.mentions):
            rows["mentions"].append(_mention(aid, "place_id", place.id, j, span))
            if not span.literal:
                rows["place_uses"].append(
                    {
                        "article_id": aid,
                        "place_id": place.id,
                        "position": j,
                        "kind": span.kind.value,
                        "metonymic": span.metonymic,
                    }
                )
    for i, when in enumerate(report.dates):
        rows["dates"].append(
            {
                "article_id": aid,
                "id": when.id,
                "position": i,
                "value": when.value,
                "granularity": when.granularity.value,
                "first_day": when.start,
                "last_day": when.end,
                "relative": when.relative,
                **span_cols("span", when.span),
            }
        )
    for i, event in enumerate(report.events):
        when = report.date(event.date)
        rows["events"].append(
            {
                "article_id": aid,
                "id": event.id,
                "position": i,
                "type": event.type.value,
                "mode": list(event.mode),
                "context": list(event.context),
                "modality": event.modality.value,
                **span_cols("trigger", event.trigger),
                **span_cols("sentence", event.sentence),
                "date_id": event.date,
                "first_day": when.start if when else None,
                "last_day": when.end if when else None,
                "country": _event_country(report, event),
                **count_cols("killed", event.killed),
                **count_cols("injured", event.injured),
                "suicide": event.suicide,
                "attack_kind": event.attack_kind,
                "target_kind": list(event.target_kind),
                "confidence": event.confidence,
            }
        )
        for field, role in EVENT_ARGS.items():
            for j, arg in enumerate(getattr(event, field)):
                rows["arguments"].append(_argument(aid, "event_id", event.id, role, j, arg))
        for j, span in enumerate(event.mentions):
            rows["mentions"].append(_mention(aid, "event_id", event.id, j, span))
    for i, st in enumerate(report.statements):
        rows["statements"].append(
            {
                "article_id": aid,
                "id": st.id,
                "position": i,
                **span_cols("cue", st.cue),
                **span_cols("content", st.content),
                "direct": st.direct,
                "stance": st.stance.value,
                "stances": [s.value for s in st.stances],
                "about_event": st.about_event,
                **span_cols("channel", st.channel),
                "event_id": st.event_id,
                **span_cols("sentence", st.sentence),
            }
        )
        for field, role in STATEMENT_ARGS.items():
            arg = getattr(st, field)
            if arg is not None:
                rows["arguments"].append(_argument(aid, "statement_id", st.id, role, 0, arg))
    return rows


def _event_country(report: ArticleReport, event: Event) -> str | None:
    """Country of the first place argument that has one."""
    for arg in event.place:
        place = report.place(arg.place_id)
        if place is not None and place.country:
            return place.country
    return None


# --- rebuilding -------------------------------------------------------------------------
# Plain dicts, validated once as a whole ArticleReport (one pass of pydantic-core).

Data = dict[str, Any]


def span_of(row: Mapping[str, Any], name: str) -> Data | None:
    """The span stored in ``row`` as ``name_start/_end/_text`` (None when absent)."""
    start = row[f"{name}_start"]
    if start is None:
        return None
    return {"text": row[f"{name}_text"], "start": start, "end": row[f"{name}_end"]}


def _count(row: Mapping[str, Any], name: str) -> Data | None:
    span = span_of(row, name)
    if span is None:
        return None
    return {
        "min": row[f"{name}_min"],
        "max": row[f"{name}_max"],
        "approximate": row[f"{name}_approximate"],
        "span": span,
    }


def _arg(row: Mapping[str, Any]) -> Data:
    return {
        "actor_id": row["actor_id"],
        "place_id": row["place_id"],
        "individual": row["individual"],
        "span": span_of(row, "span"),
    }


def _article(row: Mapping[str, Any]) -> Data:
    return {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "outlet": row["outlet"],
        "published": row["published"],
        "language": row["language"],
        "text": row["text"],
    }


def article_of(row: Mapping[str, Any]) -> Article:
    """The Article of an ``articles`` row."""
    return Article.model_validate(_article(row))


def from_rows(rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> ArticleReport:
    """The report of one article from its rows (children sorted by ``position``)."""
    art = rows["articles"][0]
    mentions: dict[tuple[str, str], list[Data]] = {}
    for m in sorted(rows["mentions"], key=lambda r: r["position"]):
        owner = next(o for o in OWNERS if m[o] is not None)
        mentions.setdefault((owner, m[owner]), []).append(span_of(m, "span"))
    for use in rows.get("place_uses", []):
        place_mentions = mentions.get(("place_id", use["place_id"]), [])
        if use["position"] < len(place_mentions):
            place_mentions[use["position"]].update(kind=use["kind"], metonymic=use["metonymic"])
    arguments: dict[tuple[str, str, str], list[Data]] = {}
    for r in sorted(rows["arguments"], key=lambda r: r["position"]):
        owner = next(o for o in ARG_OWNERS if r[o] is not None)
        arguments.setdefault((owner, r[owner], r["role"]), []).append(_arg(r))

    def ordered(table: str) -> list[Mapping[str, Any]]:
        return sorted(rows[table], key=lambda r: r["position"])

    def event_args(event_id: str, role: str) -> list[Data]:
        return arguments.get(("event_id", event_id, role), [])

    def statement_arg(statement_id: str, role: str) -> Data | None:
        found = arguments.get(("statement_id", statement_id, role))
        return found[0] if found else None

    data: Data = {
        "article": _article(art),
        "actors": [
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "country": r["country"],
                "ref": r["ref"],
                "parent": r["parent"],
                "role": r["role"],
                "affiliation": r["affiliation"],
                "mentions": mentions.get(("actor_id", r["id"]), []),
            }
            for r in ordered("actors")
        ],
        "places": [
            {
                "id": r["id"],
                "geonames_id": r["geonames_id"],
                "name": r["name"],
                "country": r["country"],
                "admin1": r["admin1"],
                "lat": r["lat"],
                "lon": r["lon"],
                "feature": r["feature"],
                "confidence": r["confidence"],
                "mentions": mentions.get(("place_id", r["id"]), []),
            }
            for r in ordered("places")
        ],
        "dates": [
            {
                "id": r["id"],
                "value": r["value"],
                "granularity": r["granularity"],
                "start": r["first_day"],
                "end": r["last_day"],
                "relative": r["relative"],
                "span": span_of(r, "span"),
            }
            for r in ordered("dates")
        ],
        "events": [
            {
                "id": r["id"],
                "type": r["type"],
                "mode": r["mode"],
                "context": r["context"],
                "trigger": span_of(r, "trigger"),
                "sentence": span_of(r, "sentence"),
                "mentions": mentions.get(("event_id", r["id"]), []),
                "modality": r["modality"],
                **{field: event_args(r["id"], role) for field, role in EVENT_ARGS.items()},
                "date": r["date_id"],
                "killed": _count(r, "killed"),
                "injured": _count(r, "injured"),
                "suicide": r["suicide"],
                "attack_kind": r["attack_kind"],
                "target_kind": r["target_kind"],
                "confidence": r["confidence"],
            }
            for r in ordered("events")
        ],
        "statements": [
            {
                "id": r["id"],
                "speaker": statement_arg(r["id"], "speaker"),
                "cue": span_of(r, "cue"),
                "content": span_of(r, "content"),
                "direct": r["direct"],
                "stance": r["stance"],
                "stances": r["stances"],
                "about_event": r["about_event"],
                "target": statement_arg(r["id"], "target"),
                "channel": span_of(r, "channel"),
                "event_id": r["event_id"],
                "sentence": span_of(r, "sentence"),
            }
            for r in ordered("statements")
        ],
        "pipeline": art["pipeline"],
        "warnings": art["warnings"],
    }
    report = ArticleReport.model_validate(data)
    classify_events(report.events, report.actors)  # derived: by today's table
    return report
