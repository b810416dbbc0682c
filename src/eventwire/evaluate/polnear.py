"""PolNeAR attribution relations (Newell, Margolin, Ruths 2018), BRAT standoff.

Layout: ``{split}/text/NAME.txt`` and ``{split}/attributions/NAME_ANNOTATOR.ann``;
``metadata.tsv`` gives each article's publication date.  In an .ann file, ``T`` lines are
text-bound annotations ("T3<TAB>Content 120 211<TAB>words", discontinuous spans as
"2103 2168;2170 2425") labelled Source, Cue, Content, Content2, Attribution,
Attribution-no-source (and Discuss/Discard, the annotators' notes, ignored); ``E`` lines
tie one relation's parts together ("E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1").
Content2 is a second piece of the content.  Where several annotators annotated an
article, the first .ann file in name order is the gold.  The test split is held out.

Mapping: each eventwire statement is one relation: speaker span → source, cue → cue,
content → content.  Every piece is trimmed of white space, quotation marks and edge
punctuation.  Two parts match exactly when the hulls of their pieces (first start, last
end) are equal, and overlap when a piece of one shares a character with a piece of the
other (a quote split around "she said" is two pieces: the words between are not part of
it).  Scores: per part, one-to-one P/R/F1 with exact and with overlapping spans, and for
whole relations (every part matches, or is absent on both sides).

Offsets: eventwire indexes the normalised article text (``normalise_text``: no-break
spaces, trailing white space of lines, outer white space), the gold the file as it is;
predicted spans are mapped back onto the file's text (``raw_offsets``) before matching.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF, Alignment, SpanMode, assign, overlaps
from eventwire.evaluate.offsets import raw_offsets, to_raw
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Span

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

PARTS = ("source", "cue", "content")
SPLITS = ("train", "dev")
TABLE = "attribution relations: source, cue, content"
_LABELS = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
_TRIM = " \t\r\n\"'“”‘’«»,.;:—–-()[]"

Range = tuple[int, int]
Part = tuple[Range, ...]  # the pieces of a part, in text order


@dataclass
class Relation:
    """One attribution: the pieces of each part, None where the part is absent."""

    source: Part | None = None
    cue: Part | None = None
    content: Part | None = None

    def part(self, name: str) -> Part | None:
        return getattr(self, name)


def hull(part: Part) -> Range:
    return (min(s for s, _ in part), max(e for _, e in part))


@dataclass
class PolDoc:
    id: str
    text: str
    published: dt.date | None = None
    relations: list[Relation] = field(default_factory=list)


def trim(text: str, start: int, end: int) -> Range:
    """The range without edge white space, quotes and punctuation (unchanged if all trimmed)."""
    s, e = start, end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e) if s < e else (start, end)


def parse_ann(ann: str, text: str, source: str = "<ann>") -> list[Relation]:
    """The relations of one BRAT .ann file (ranges trimmed)."""
    pieces: dict[str, tuple[str, list[Range]]] = {}
    events: list[list[tuple[str, str]]] = []
    for n, line in enumerate(ann.splitlines(), 1):
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            try:
                ranges = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
            except ValueError as exc:
                raise InputError(f"{source}:{n}", f"bad BRAT offsets {offsets!r}") from exc
            pieces[cols[0]] = (label, ranges)
        elif line.startswith("E") and len(cols) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in cols[1].split() if ":" in arg])
    relations = []
    for args in events:
        parts: dict[str, list[Range]] = {}
        for role, ref in args:
            name = _LABELS.get(role)
            if name and ref in pieces:
                parts.setdefault(name, []).extend(pieces[ref][1])
        if "cue" not in parts and "content" not in parts:
            continue
        pieces_of = {k: tuple(sorted(trim(text, s, e) for s, e in v)) for k, v in parts.items()}
        relations.append(Relation(**pieces_of))
    return relations


def _metadata(root: Path) -> dict[str, dt.date]:
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    out = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        try:
            out[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
        except (KeyError, ValueError):
            continue
    return out


def load(root: Path, split: str) -> list[PolDoc]:
    if split not in SPLITS:
        raise InputError(f"--split {split}", "PolNeAR splits are train and dev; test is held out")
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(str(root / split), "missing PolNeAR text/ or attributions/ directory")
    dates = _metadata(root)
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs = []
    for path in sorted(text_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ann = anns.get(path.stem)
        relations = parse_ann(ann.read_text(encoding="utf-8"), text, str(ann)) if ann else []
        docs.append(PolDoc(path.stem, text, dates.get(path.stem), relations))
    return docs


def predict(report: ArticleReport | None, raw: str | None = None) -> list[Relation]:
    """eventwire's statements as relations (one trimmed piece per part).

    ``raw``: the text the gold indexes, when the article's (normalised) text differs from
    it; the spans are mapped onto it.
    """
    if report is None:
        return []
    text = report.article.text
    at: list[int] | None = None
    if raw is not None and raw != text:
        at, text = raw_offsets(raw, text), raw

    def piece(span: Span | None) -> Part | None:
        if span is None:
            return None
        start, end = to_raw(at, span.start, span.end) if at is not None else (span.start, span.end)
        return (trim(text, start, end),)

    return [
        Relation(
            source=piece(st.speaker.span) if st.speaker else None,
            cue=piece(st.cue),
            content=piece(st.content),
        )
        for st in report.statements
    ]


def same_part(a: Part | None, b: Part | None, mode: SpanMode) -> bool:
    """Exact: equal hulls; overlap: some piece of one overlaps some piece of the other."""
    if a is None or b is None:
        return a is None and b is None
    if mode == "exact":
        return hull(a) == hull(b)
    return any(overlaps(x, y) for x in a for y in b)


def _align(n_pred: int, n_gold: int, ok: Callable[[int, int], bool]) -> Alignment:
    weights = [[1.0 if ok(i, j) else 0.0 for j in range(n_gold)] for i in range(n_pred)]
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0]
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    return Alignment(
        score=PRF.of(len(pairs), n_pred, n_gold),
        pairs=pairs,
        missed=[j for j in range(n_gold) if j not in matched_g],
        spurious=[i for i in range(n_pred) if i not in matched_p],
    )


def match_parts(pred: Sequence[Part], gold: Sequence[Part], mode: SpanMode) -> Alignment:
    """One part (e.g. every cue) of a document, one-to-one."""
    return _align(len(pred), len(gold), lambda i, j: same_part(pred[i], gold[j], mode))


def match_relations(
    pred: Sequence[Relation], gold: Sequence[Relation], mode: SpanMode
) -> Alignment:
    """Whole relations, one-to-one: every part matches (or is absent on both sides)."""
    return _align(
        len(pred),
        len(gold),
        lambda i, j: all(same_part(pred[i].part(k), gold[j].part(k), mode) for k in PARTS),
    )


def score_doc(doc: PolDoc, pred: list[Relation], scores: dict[str, PRF], out: Report) -> None:
    """Add one article's counts per part and mode to ``scores``, its errors to ``out``."""
    for mode in ("exact", "overlap"):
        for part in PARTS:
            p = [x for r in pred if (x := r.part(part)) is not None]
            g = [x for r in doc.relations if (x := r.part(part)) is not None]
            key = f"{part} ({mode})"
            scores[key] = scores.get(key, PRF()) + match_parts(p, g, mode).score
        al = match_relations(pred, doc.relations, mode)
        scores[f"relation ({mode})"] = scores.get(f"relation ({mode})", PRF()) + al.score
        if mode == "overlap":
            for j in al.missed:
                gold = _show(doc.text, doc.relations[j])
                out.error(TABLE, doc.id, "relation", "missed", gold=gold)
            for i in al.spurious:
                out.error(TABLE, doc.id, "relation", "spurious", predicted=_show(doc.text, pred[i]))


def _show(text: str, r: Relation) -> str:
    parts = []
    for k in PARTS:
        part = r.part(k)
        words = " … ".join(text[s:e] for s, e in part) if part else "-"
        parts.append(f"{k}: {words[:80]!r}")
    return " | ".join(parts)


def extracted(
    root: Path, split: str, limit: int | None, extractor: Extractor | None, out: Report, label: str
) -> tuple[list[PolDoc], list[ArticleReport | None]]:
    """The split's first ``limit`` articles and the pipeline's reports on them (None where
    one failed; the run's speed and failures go to ``out``)."""
    docs = load(root, split)
    if limit is not None:
        docs = docs[:limit]
    articles = [make_article(d.text, source=d.id, published=d.published) for d in docs]
    return docs, run_pipeline(extractor, articles, [d.id for d in docs], out, label=label)


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    out = Report(dataset="polnear", split=split, data=str(root))
    docs, reports = extracted(root, split, limit, extractor, out, "PolNeAR")
    scores: dict[str, PRF] = {}
    for doc, report in zip(docs, reports, strict=True):
        score_doc(doc, predict(report, doc.text), scores, out)
    table = out.table(
        TABLE, note="one-to-one; exact: same hull after trimming quotes and punctuation"
    )
    for mode in ("exact", "overlap"):
        for part in (*PARTS, "relation"):
            table.add(Row.prf(f"{part} ({mode})", scores.get(f"{part} ({mode})", PRF())))
    return out
