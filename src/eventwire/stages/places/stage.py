"""The places stage: detected mentions resolved into the article's Places."""

from __future__ import annotations

from itertools import pairwise

from eventwire.findings import Findings
from eventwire.knowledge.gazetteer import Entry
from eventwire.model import Place, PlaceFeature, Span
from eventwire.stages.places.detect import _FEATURE, detect, mention_at
from eventwire.stages.places.resolve import resolve_mentions


def _place(pid: str, entry: Entry, confidence: float, spans: list[Span]) -> Place:
    return Place(
        id=pid,
        geonames_id=entry.geonames_id if entry.geonames_id > 0 else None,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.feature not in ("country", "continent") else None,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        feature=_FEATURE.get(entry.feature, PlaceFeature.OTHER),
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        mentions=spans,
    )


def extract(found: Findings) -> None:
    """Add the article's resolved places, mentions of one place merged, to ``found``."""
    mentions = detect(found)
    if not mentions:
        return
    outlet = found.article.outlet or found.article.url
    actor_countries = [a.country for a in found.actors if a.country]
    resolved = resolve_mentions(
        found.text, mentions, outlet=outlet, actor_countries=actor_countries
    )
    by_place: dict[int, tuple[Entry, float, list[Span]]] = {}
    for m, (entry, confidence) in zip(mentions, resolved, strict=True):
        if entry is None:
            continue
        _, best, spans = by_place.setdefault(entry.geonames_id, (entry, confidence, []))
        spans.append(found.span(m.start, m.end))
        by_place[entry.geonames_id] = (entry, max(best, confidence), spans)
    for n, (entry, confidence, spans) in enumerate(by_place.values(), 1):
        found.places.append(_place(f"P{n}", entry, confidence, spans))


def resolve_spans(
    text: str, spans: list[tuple[int, int]], doc=None, outlet: str | None = None
) -> list[Place | None]:
    """Resolve given toponym spans (gold spans, for evaluation) in the context of each other.

    ``doc`` is accepted for callers that have one; the context comes from the spans, the
    demonyms of the text and the outlet (a host or URL).
    """
    valid = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    mentions = sorted((mention_at(text, s, e) for s, e in valid), key=lambda m: m.start)
    for m, nxt in pairwise(mentions):
        if m.cue is None and text[m.end : nxt.start] in (", ", ","):
            m.within = nxt.name
    resolved = resolve_mentions(text, mentions, outlet=outlet)
    by_span = {(m.start, m.end): r for m, r in zip(mentions, resolved, strict=True)}
    out: list[Place | None] = []
    for n, (s, e) in enumerate(spans, 1):
        entry, confidence = by_span.get((s, e), (None, 0.0))
        out.append(_place(f"P{n}", entry, confidence, [Span.of(text, s, e)]) if entry else None)
    return out
