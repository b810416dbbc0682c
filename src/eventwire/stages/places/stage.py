"""The places stage: detected mentions resolved into the article's Places."""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.gazetteer import Entry
from eventwire.model import Place, PlaceFeature, PlaceMention, PlaceMentionKind, Span
from eventwire.stages.places import ranker, uses
from eventwire.stages.places.candidates import demonym_entry, place_demonym
from eventwire.stages.places.detect import _FEATURE, detect, link_within, mention_at
from eventwire.stages.places.resolve import Prepared, prepare, resolve_mentions, resolve_prepared


def _place(pid: str, entry: Entry, confidence: float, spans: list[PlaceMention]) -> Place:
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
    """Add the article's resolved places to ``found``: the mentions of one place merged,
    names (flagged when metonymic: "Tehran said") and demonyms ("Iranian officials")."""
    mentions = detect(found)
    outlet = found.article.outlet or found.article.url
    actor_countries = [a.country for a in found.actors if a.country]
    resolved = resolve_mentions(
        found.text, mentions, outlet=outlet, actor_countries=actor_countries
    )
    by_place: dict[int, tuple[Entry, float, list[PlaceMention]]] = {}

    def add(entry: Entry, confidence: float, mention: PlaceMention) -> None:
        _, best, spans = by_place.setdefault(entry.geonames_id, (entry, confidence, []))
        spans.append(mention)
        by_place[entry.geonames_id] = (entry, max(best, confidence), spans)

    for m, (entry, confidence) in zip(mentions, resolved, strict=True):
        if entry is not None:
            metonymic = uses.is_metonymic(found.doc, m.start, m.end)
            add(
                entry, confidence, PlaceMention(**_span(found, m.start, m.end), metonymic=metonymic)
            )
    taken = [(m.start, m.end) for m in mentions]
    for start, end in uses.demonym_spans(found.doc, place_demonym):
        if any(s < end and start < e for s, e in taken):
            continue
        entry = demonym_entry(found.text[start:end])
        if entry is not None:
            kind = PlaceMentionKind.DEMONYM
            add(entry, 1.0, PlaceMention(**_span(found, start, end), kind=kind))
    for n, (entry, confidence, spans) in enumerate(by_place.values(), 1):
        spans.sort(key=lambda m: m.start)
        found.places.append(_place(f"P{n}", entry, confidence, spans))


def _span(found: Findings, start: int, end: int) -> dict:
    return found.span(start, end).model_dump()


def prepare_spans(text: str, spans: list[tuple[int, int]], outlet: str | None = None) -> Prepared:
    """What resolution reads for given toponym spans (gold spans), in the order given;
    "Alexandria, Louisiana": a span right after another, past a comma, contains it."""
    mentions = [mention_at(text, s, e) for s, e in spans]
    link_within(text, mentions)
    return prepare(text, mentions, outlet=outlet)


def resolve_spans(
    text: str, spans: list[tuple[int, int]], doc=None, outlet: str | None = None
) -> list[Place | None]:
    """Resolve given toponym spans (gold spans, for evaluation) in the context of each other.

    ``doc`` is accepted for callers that have one; the context comes from the spans, the
    demonyms of the text and the outlet (a host or URL).
    """
    valid = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    resolved = resolve_prepared(prepare_spans(text, valid, outlet), ranker.ranker())
    by_span = dict(zip(valid, resolved, strict=True))
    out: list[Place | None] = []
    for n, (s, e) in enumerate(spans, 1):
        entry, confidence = by_span.get((s, e), (None, 0.0))
        out.append(_place(f"P{n}", entry, confidence, [Span.of(text, s, e)]) if entry else None)
    return out
