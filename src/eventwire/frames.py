"""Reports and stores as pandas DataFrames: ``to_frame(source, what=...)``.

One row per event, statement or place of the reports (a report, reports, or every report
of a Store), or per incident of a Store (the ACLED-like rows of ``eventwire.export``).
Names are resolved (an event's actors as their names, its place as the place's name,
its date as the ISO value), with the evidence beside them (the sentence and its
offsets), so that a row reads on its own.  pandas is an optional dependency:
``pip install "eventwire[frames]"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from eventwire.export import COLUMNS, incident_rows
from eventwire.model import Arg, ArticleReport, Count
from eventwire.store import Store

if TYPE_CHECKING:
    import pandas

__all__ = ["WHAT", "to_frame"]

What = Literal["events", "statements", "places", "incidents"]
WHAT: tuple[What, ...] = ("events", "statements", "places", "incidents")


def to_frame(
    source: ArticleReport | Iterable[ArticleReport] | Store,
    what: What = "events",
    non_conflict: bool = False,
) -> pandas.DataFrame:
    """A DataFrame of the events, statements or places of ``source`` (reports or a
    Store), or of the incidents of a Store (the ACLED-like export's rows: disasters and
    crime only with ``non_conflict``); the columns are the same for an empty source."""
    try:
        import pandas
    except ImportError:
        raise ImportError('to_frame needs pandas: pip install "eventwire[frames]"') from None
    if what not in WHAT:
        raise ValueError(f"what={what!r}: one of {', '.join(WHAT)}")
    if what == "incidents":
        if not isinstance(source, Store):
            raise ValueError("incidents come from a store: to_frame(store, what='incidents')")
        found = incident_rows(source, non_conflict=non_conflict)
        return pandas.DataFrame(list(found), columns=[c.name for c in COLUMNS])
    reports: Iterable[ArticleReport]
    if isinstance(source, ArticleReport):
        reports = [source]
    elif isinstance(source, Store):
        reports = source.reports()
    else:
        reports = source
    rows = {"events": _event_rows, "statements": _statement_rows, "places": _place_rows}[what]
    return pandas.DataFrame(list(rows(reports)), columns=list(_COLUMNS[what]))


_ARTICLE = ("article_id", "url", "published")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        *_ARTICLE,
        *("event_id", "type", "mode", "acled_event_type", "acled_sub_event_type"),
        *("modality", "context", "date", "place", "country"),
        *("latitude", "longitude", "actors", "victims", "targets", "instruments"),
        *("recipients", "claimed_by", "killed_min", "killed_max", "injured_min"),
        *("injured_max", "trigger", "sentence", "sentence_start", "sentence_end"),
    ),
    "statements": (
        *_ARTICLE,
        *("statement_id", "speaker", "stance", "stances", "cue", "content", "direct"),
        *("target", "about_event", "event_id", "sentence", "sentence_start", "sentence_end"),
    ),
    "places": (
        *_ARTICLE,
        *("place_id", "name", "feature", "country", "admin1", "latitude", "longitude"),
        *("geonames_id", "confidence", "mentions", "first_mention", "first_start"),
    ),
}


def _article(report: ArticleReport) -> dict[str, Any]:
    article = report.article
    return {"article_id": article.id, "url": article.url, "published": article.published}


def _names(report: ArticleReport, args: Iterable[Arg]) -> str | None:
    """ "; "-separated: the actor's or place's name where the argument has one, else its
    words."""
    names: dict[str, None] = {}
    for arg in args:
        actor = report.actor(arg.actor_id)
        place = report.place(arg.place_id)
        name = actor.name if actor else place.name if place else " ".join(arg.span.text.split())
        names.setdefault(name, None)
    return "; ".join(names) or None


def _count(count: Count | None) -> tuple[int | None, int | None]:
    return (count.min, count.max) if count is not None else (None, None)


def _event_rows(reports: Iterable[ArticleReport]) -> Iterator[dict[str, Any]]:
    for report in reports:
        article = _article(report)
        for event in report.events:
            place = next((p for a in event.place if (p := report.place(a.place_id))), None)
            when = report.date(event.date)
            killed, injured = _count(event.killed), _count(event.injured)
            yield {
                **article,
                "event_id": event.id,
                "type": str(event.type),
                "mode": "; ".join(event.mode) or None,
                "acled_event_type": event.acled_event_type,
                "acled_sub_event_type": event.acled_sub_event_type,
                "modality": str(event.modality),
                "context": "; ".join(event.context) or None,
                "date": when.value if when else None,
                "place": place.name if place else _names(report, event.place),
                "country": place.country if place else None,
                "latitude": place.lat if place else None,
                "longitude": place.lon if place else None,
                "actors": _names(report, event.actors),
                "victims": _names(report, event.victims),
                "targets": _names(report, event.targets),
                "instruments": _names(report, event.instruments),
                "recipients": _names(report, event.recipients),
                "claimed_by": _names(report, event.claimed_by),
                "killed_min": killed[0],
                "killed_max": killed[1],
                "injured_min": injured[0],
                "injured_max": injured[1],
                "trigger": event.trigger.text,
                "sentence": event.sentence.text,
                "sentence_start": event.sentence.start,
                "sentence_end": event.sentence.end,
            }


def _statement_rows(reports: Iterable[ArticleReport]) -> Iterator[dict[str, Any]]:
    for report in reports:
        article = _article(report)
        for st in report.statements:
            yield {
                **article,
                "statement_id": st.id,
                "speaker": _names(report, [st.speaker]) if st.speaker else None,
                "stance": str(st.stance),
                "stances": "; ".join(map(str, st.stances)) or None,
                "cue": st.cue.text,
                "content": st.content.text if st.content else None,
                "direct": st.direct,
                "target": _names(report, [st.target]) if st.target else None,
                "about_event": st.about_event,
                "event_id": st.event_id,
                "sentence": st.sentence.text,
                "sentence_start": st.sentence.start,
                "sentence_end": st.sentence.end,
            }


def _place_rows(reports: Iterable[ArticleReport]) -> Iterator[dict[str, Any]]:
    for report in reports:
        article = _article(report)
        for place in report.places:
            first = min(place.mentions, key=lambda m: m.start, default=None)
            yield {
                **article,
                "place_id": place.id,
                "name": place.name,
                "feature": str(place.feature),
                "country": place.country,
                "admin1": place.admin1,
                "latitude": place.lat,
                "longitude": place.lon,
                "geonames_id": place.geonames_id,
                "confidence": place.confidence,
                "mentions": len(place.mentions),
                "first_mention": first.text if first else None,
                "first_start": first.start if first else None,
            }
