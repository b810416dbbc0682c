"""Geoparsing: LGL (lgl.xml, Lieberman et al. 2010) and GeoWebNews (GWN.xml, Gritta et al.
2019), read from their XML files.

LGL: ``<article docid>`` with ``<url>``, ``<dltime>``, ``<text>`` and ``<toponyms>``; each
``<toponym>`` has ``<start>``, ``<end>``, ``<phrase>`` and, when resolved, a ``<gaztag
geonameid>`` with ``<lat>``, ``<lon>``.  GWN: ``<article file>`` with ``<link>``, ``<text>``
and ``<toponym>`` entries with ``<extractedName>``, ``<type>``, ``<start>``, ``<end>`` and,
when the annotators located it, ``<geonamesID>`` and/or ``<latitude>``/``<longitude>``.

GWN types (Gritta et al. 2019): toponyms are Literal, Literal_Modifier, Mixed, Coercion,
Embedded_Literal (literal use) and Metonymic, Non_Literal_Modifier, Embedded_Non_Lit
(associative use); Demonym, Language, Homonym, Non_Toponym and the two *_Expression
types are not toponyms.

Two scores:
(a) resolution given the gold toponym spans (``places.resolve_spans``), on the gold
    toponyms that have coordinates: GeoNames id accuracy (those with an id), accuracy
    within 161 km, mean and median error, AUC; the right GeoNames id is 0 km off, an
    unresolved toponym 20,039 km and a wrong id;
(b) end to end: the mentions of ``report.places`` against the gold toponyms (GWN: the
    toponym types above), one-to-one by overlap (and exact offsets), and for the
    detected ones with gold coordinates, accuracy within 161 km and id accuracy.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from eventwire.errors import InputError
from eventwire.evaluate.metrics import MAX_ERROR_KM, distance_km, error_stats, match_spans
from eventwire.evaluate.offsets import raw_offsets, to_raw
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Place
from eventwire.stages.places.uses import is_people_noun

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

TOPONYM_TYPES = {
    "Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
}  # fmt: skip
PUBLISHED = {
    "geo-lgl": ("79.4 Mordecai3", "82.7 Mordecai3"),
    "geo-gwn": ("90.1 Mordecai3", "94.1 Mordecai3"),
}
LITERAL_TYPES = {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"}
FILES = {"geo-lgl": "lgl.xml", "geo-gwn": "GWN.xml"}
RESOLUTION_TABLE = "(a) resolution given the gold toponym spans"
DETECTION_TABLE = "(b) end to end: toponym detection and resolution"


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    kind: str = "toponym"  # GWN type; "toponym" for LGL
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GeoDoc:
    id: str
    text: str
    url: str | None = None
    published: dt.date | None = None
    toponyms: list[Toponym] = field(default_factory=list)
    misaligned: int = 0  # toponyms dropped: their offsets do not give their text


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


def _dltime(value: str | None) -> dt.date | None:
    """The day of an LGL ``<dltime>``: "2009-03-20 12:24:52.002364-05", or in other corpora
    of the format a written date ("17 December 2016"); None for a time of day alone ("7:58
    AM ET") or anything else that names no day."""
    if not value or not value.strip():
        return None
    if match := _ISO_DAY.match(value):
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed is not None else None


def _offset(top: ET.Element, tag: str, path: Path, doc_id: str) -> int:
    """A toponym's ``<start>``/``<end>``; InputError naming the file and article if it is
    not a number."""
    value = (top.findtext(tag) or "0").strip()
    try:
        return int(value)
    except ValueError:
        raise InputError(
            str(path), f"article {doc_id}: toponym <{tag}> {value[:40]!r} is not a number"
        ) from None


def _parse(path: Path) -> ET.Element:
    if not path.exists():
        raise InputError(str(path), "missing geoparsing XML file")
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML ({exc})") from exc


def _aligned(doc: GeoDoc, t: Toponym) -> Toponym | None:
    """The toponym, its offsets moved to its text when they are a few characters off."""
    if doc.text[t.start : t.end] == t.text:
        return t
    for shift in range(1, 40):
        for s in (t.start - shift, t.start + shift):
            if s >= 0 and doc.text[s : s + len(t.text)] == t.text:
                t.start, t.end = s, s + len(t.text)
                return t
    doc.misaligned += 1
    return None


def read_lgl(path: Path, notes: list[str] | None = None) -> list[GeoDoc]:
    """The articles of an LGL-format file; a ``<dltime>`` that names no day ("7:58 AM ET")
    leaves the article undated, with a note in ``notes``."""
    docs = []
    undated: list[str] = []
    for art in _parse(path).iter("article"):
        dltime = art.findtext("dltime")
        doc = GeoDoc(
            id=art.get("docid") or str(len(docs)),
            text=art.findtext("text") or "",
            url=art.findtext("url"),
            published=_dltime(dltime),
        )
        if doc.published is None and dltime and dltime.strip():
            undated.append(dltime.strip())
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            t = Toponym(
                start=_offset(top, "start", path, doc.id),
                end=_offset(top, "end", path, doc.id),
                text=top.findtext("phrase") or "",
                geonames_id=_int(gaz.get("geonameid")) if gaz is not None else None,
                lat=_float(gaz.findtext("lat")) if gaz is not None else None,
                lon=_float(gaz.findtext("lon")) if gaz is not None else None,
            )
            if _aligned(doc, t):
                doc.toponyms.append(t)
        docs.append(doc)
    if undated and notes is not None:
        notes.append(
            f"{len(undated)} <dltime> value(s) name no day (e.g. {undated[0][:40]!r}): "
            "those articles have no publication date"
        )
    return docs


def read_gwn(path: Path) -> list[GeoDoc]:
    docs = []
    for art in _parse(path).iter("article"):
        doc = GeoDoc(
            id=art.get("file") or str(len(docs)),
            text=art.findtext("text") or "",
            url=art.findtext("link"),
        )
        for top in art.iter("toponym"):
            t = Toponym(
                start=_offset(top, "start", path, doc.id),
                end=_offset(top, "end", path, doc.id),
                text=top.findtext("extractedName") or "",
                kind=top.findtext("type") or "",
                geonames_id=_int(top.findtext("geonamesID")),
                lat=_float(top.findtext("latitude")),
                lon=_float(top.findtext("longitude")),
            )
            if _aligned(doc, t):
                doc.toponyms.append(t)
        docs.append(doc)
    return docs


def is_toponym(t: Toponym) -> bool:
    return t.kind == "toponym" or t.kind in TOPONYM_TYPES


def error_km(place: Place | None, gold: Toponym) -> float:
    """Distance of the resolved place from the gold one; 0 for the same GeoNames id (the
    annotators' and the gazetteer's coordinates of a country or state differ by hundreds
    of kilometres); 20,039 km when unresolved or without coordinates."""
    if place is not None and gold.geonames_id is not None and place.geonames_id == gold.geonames_id:
        return 0.0
    if place is None or place.lat is None or place.lon is None or not gold.located:
        return MAX_ERROR_KM
    return distance_km(place.lat, place.lon, gold.lat, gold.lon)  # type: ignore[arg-type]


def _host(url: str | None) -> str | None:
    return urlparse(url).hostname if url else None


@dataclass
class GeoScores:
    """Per gold toponym: error in km and whether the GeoNames id is right."""

    errors: list[float] = field(default_factory=list)  # toponyms with a GeoNames id
    exact: list[bool] = field(default_factory=list)  # the same toponyms
    located_errors: list[float] = field(default_factory=list)  # all with coordinates


def score_resolution(docs: list[GeoDoc], out: Report) -> GeoScores:
    """(a): resolve the gold spans of each document together; score the located ones."""
    from eventwire.stages.places import resolve_spans

    scores = GeoScores()
    for doc in docs:
        gold = [t for t in doc.toponyms if t.located]
        if not gold:
            continue
        places = resolve_spans(doc.text, [(t.start, t.end) for t in gold], outlet=_host(doc.url))
        for t, place in zip(gold, places, strict=True):
            err = error_km(place, t)
            scores.located_errors.append(err)
            if t.geonames_id is not None:
                scores.errors.append(err)
                scores.exact.append(place is not None and place.geonames_id == t.geonames_id)
            if err > 161:
                out.error(
                    RESOLUTION_TABLE,
                    doc.id,
                    t.kind,
                    "wrong" if place else "unresolved",
                    text=t.text,
                    gold=t.geonames_id,
                    predicted=f"{place.name}, {place.country} ({place.geonames_id})"
                    if place
                    else None,
                    km=round(err),
                )
    return scores


def _mentions(
    report: ArticleReport, raw: str, people_nouns: bool = True
) -> list[tuple[tuple[int, int], Place, bool, bool]]:
    """The place mentions as (offsets of ``raw``, place, literal, metonymic); ``raw`` is
    the dataset's text, which the article's normalised text may differ from.  Without
    ``people_nouns``, demonyms naming people ("Iranians") are left out: GeoWebNews does
    not count them as toponyms (its type Demonym), LGL does."""
    text = report.article.text
    at = raw_offsets(raw, text) if raw != text else None
    found = [
        (
            to_raw(at, m.start, m.end) if at is not None else (m.start, m.end),
            p,
            m.literal,
            m.metonymic,
        )
        for p in report.places
        for m in p.mentions
        if people_nouns or m.kind != "demonym" or not is_people_noun(m.text)
    ]
    return sorted(found, key=lambda item: item[0])


def _literal_gold(t: Toponym) -> bool:
    """A gold toponym naming a place literally: GWN's literal types; in LGL, a toponym that
    is no demonym ("American")."""
    from eventwire.knowledge import countries

    if t.kind == "toponym":
        return countries.by_demonym(t.text) is None
    return t.kind in LITERAL_TYPES


def dataset_has_metonymy(gold: list[Toponym]) -> bool:
    """GWN types its toponyms (Metonymic among them); LGL does not."""
    return any(t.kind != "toponym" for t in gold)


def score_detection(docs: list[GeoDoc], reports: list[ArticleReport | None], out: Report) -> dict:
    """(b): predicted place mentions against the gold toponyms."""
    from eventwire.evaluate.metrics import PRF

    overlap, exact, literal, literal_only, metonymy = PRF(), PRF(), PRF(), PRF(), PRF()
    errors: list[float] = []
    ids: list[bool] = []
    spurious_kinds: Counter[str] = Counter()
    for doc, report in zip(docs, reports, strict=True):
        gold = [t for t in doc.toponyms if is_toponym(t)]
        others = [t for t in doc.toponyms if not is_toponym(t)]
        pred = _mentions(report, doc.text, not dataset_has_metonymy(doc.toponyms)) if report else []
        spans = [p[0] for p in pred]
        al = match_spans(spans, [(t.start, t.end) for t in gold], "overlap")
        overlap = overlap + al.score
        exact = exact + match_spans(spans, [(t.start, t.end) for t in gold], "exact").score
        lit = [(t.start, t.end) for t in gold if t.kind in LITERAL_TYPES]
        literal = literal + match_spans(spans, lit, "overlap").score
        # literal places only: our literal name mentions against the literal gold toponyms
        ours = [s for s, _, is_literal, _ in pred if is_literal]
        theirs = [(t.start, t.end) for t in gold if _literal_gold(t)]
        literal_only = literal_only + match_spans(ours, theirs, "overlap").score
        if dataset_has_metonymy(gold):
            flags = [(pred[i][3], gold[j].kind == "Metonymic") for i, j in al.pairs]
            hits = sum(1 for f, m in flags if f and m)
            metonymy = metonymy + PRF.of(
                hits, sum(1 for f, _ in flags if f), sum(1 for _, m in flags if m)
            )
        for i, j in al.pairs:
            t, place = gold[j], pred[i][1]
            if t.located:
                errors.append(error_km(place, t))
            if t.geonames_id is not None:
                ids.append(place.geonames_id == t.geonames_id)
        for j in al.missed:
            out.error(DETECTION_TABLE, doc.id, gold[j].kind, "missed", text=gold[j].text)
        for i in al.spurious:
            (s, e), place = pred[i][:2]
            kind = next((t.kind for t in others if t.start < e and s < t.end), "not annotated")
            spurious_kinds[kind] += 1
            out.error(
                DETECTION_TABLE,
                doc.id,
                kind,
                "spurious",
                text=doc.text[s:e],
                predicted=f"{place.name}, {place.country}",
            )
    return {
        "overlap": overlap,
        "literal": literal,
        "literal_only": literal_only,
        "metonymy": metonymy,
        "exact": exact,
        "errors": errors,
        "ids": ids,
        "spurious_kinds": spurious_kinds,
    }


def run(
    dataset: str, root: Path, split: str, limit: int | None, extractor: Extractor | None
) -> Report:
    if split not in ("dev", "all"):
        raise InputError(
            f"--split {split}", f"{dataset} has no splits: it is scored as a whole (all)"
        )
    path = root / FILES[dataset] if root.is_dir() else root
    notes: list[str] = []
    docs = read_lgl(path, notes) if dataset == "geo-lgl" else read_gwn(path)
    if limit is not None:
        docs = docs[:limit]
    out = Report(dataset=dataset, split="all", data=str(path))
    out.notes.append(f"{dataset} has no splits: scored on all {len(docs)} articles")
    out.notes.extend(notes)
    dropped = sum(d.misaligned for d in docs)
    if dropped:
        out.notes.append(f"{dropped} gold toponym(s) dropped: their offsets do not give their text")

    articles = [
        make_article(d.text, source=f"{dataset}:{d.id}", published=d.published, url=d.url)
        for d in docs
    ]
    reports = run_pipeline(extractor, articles, [d.id for d in docs], out, label=dataset)

    exact_pub, km_pub = PUBLISHED[dataset]
    t = out.table(
        RESOLUTION_TABLE,
        note="gold toponyms with a GeoNames id (last row: all with coordinates); "
        "unresolved = 20,039 km; published: Mordecai3 on a held-out subset",
    )
    res = score_resolution(docs, out)
    stats = error_stats(res.errors)
    t.add(Row("GeoNames id", {"accuracy": _mean(res.exact), "n": len(res.exact)}, exact_pub))
    t.add(Row("within 161 km", {"accuracy": stats["acc_161"], "n": stats["n"]}, km_pub))
    t.add(
        Row(
            "error",
            {
                "mean_km": stats["mean_km"],
                "median_km": stats["median_km"],
                "auc": stats["auc"],
                "n": stats["n"],
            },
        )
    )
    located = error_stats(res.located_errors)
    t.add(Row("within 161 km, all located", {"accuracy": located["acc_161"], "n": located["n"]}))

    det = score_detection(docs, reports, out)
    t = out.table(DETECTION_TABLE, note="place mentions vs gold toponyms, one-to-one")
    t.add(Row.prf("detection (overlap)", det["overlap"]))
    t.add(Row.prf("detection (exact offsets)", det["exact"]))
    if dataset == "geo-gwn":
        t.add(Row.prf("detection (overlap), literal types", det["literal"]))
    t.add(Row.prf("detection (overlap), literal places only", det["literal_only"]))
    if dataset == "geo-gwn":
        t.add(Row.prf("metonymic uses flagged (matched mentions)", det["metonymy"]))
    e2e = error_stats(det["errors"])
    t.add(Row("detected: within 161 km", {"accuracy": e2e["acc_161"], "n": e2e["n"]}))
    t.add(Row("detected: GeoNames id", {"accuracy": _mean(det["ids"]), "n": len(det["ids"])}))
    if det["spurious_kinds"]:
        kinds = ", ".join(f"{k} {n}" for k, n in det["spurious_kinds"].most_common())
        out.notes.append(f"spurious place mentions by the gold annotation they overlap: {kinds}")
    return out


def _mean(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0
