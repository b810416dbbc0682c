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
content → content.  A part's span is the hull of its pieces; both sides are compared
after trimming white space, quotation marks and edge punctuation.  Scores: per part,
one-to-one P/R/F1 with exact offsets and with any overlap, and for whole relations
(every part matches, or is absent on both sides).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF, Alignment, SpanMode, assign, match_spans, overlaps
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

PARTS = ("source", "cue", "content")
SPLITS = ("train", "dev")
TABLE = "attribution relations: source, cue, content"
_LABELS = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
_TRIM = " \t\r\n\"'“”‘’«»,.;:—–-()[]"

Range = tuple[int, int]


@dataclass
class Relation:
    """One attribution: a (start, end) per part, None where the part is absent."""

    source: Range | None = None
    cue: Range | None = None
    content: Range | None = None

    def part(self, name: str) -> Range | None:
        return getattr(self, name)


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
        hull = {k: trim(text, min(s for s, _ in v), max(e for _, e in v)) for k, v in parts.items()}
        relations.append(Relation(**hull))
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


def predict(report: ArticleReport | None) -> list[Relation]:
    """eventwire's statements as relations (ranges trimmed)."""
    if report is None:
        return []
    text = report.article.text
    out = []
    for st in report.statements:
        out.append(
            Relation(
                source=trim(text, st.speaker.span.start, st.speaker.span.end)
                if st.speaker
                else None,
                cue=trim(text, st.cue.start, st.cue.end),
                content=trim(text, st.content.start, st.content.end) if st.content else None,
            )
        )
    return out


def _same(a: Range | None, b: Range | None, mode: SpanMode) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b if mode == "exact" else overlaps(a, b)


def match_relations(
    pred: Sequence[Relation], gold: Sequence[Relation], mode: SpanMode
) -> Alignment:
    """Whole relations, one-to-one: every part matches (or is absent on both sides)."""
    weights = [
        [1.0 if all(_same(p.part(k), g.part(k), mode) for k in PARTS) else 0.0 for g in gold]
        for p in pred
    ]
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0]
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    return Alignment(
        score=PRF.of(len(pairs), len(pred), len(gold)),
        pairs=pairs,
        missed=[j for j in range(len(gold)) if j not in matched_g],
        spurious=[i for i in range(len(pred)) if i not in matched_p],
    )


def score_doc(doc: PolDoc, pred: list[Relation], scores: dict[str, PRF], out: Report) -> None:
    for mode in ("exact", "overlap"):
        for part in PARTS:
            p = [r.part(part) for r in pred if r.part(part) is not None]
            g = [r.part(part) for r in doc.relations if r.part(part) is not None]
            al = match_spans(p, g, mode)  # type: ignore[arg-type]
            scores[f"{part} ({mode})"] = scores.get(f"{part} ({mode})", PRF()) + al.score
        al = match_relations(pred, doc.relations, mode)  # type: ignore[arg-type]
        scores[f"relation ({mode})"] = scores.get(f"relation ({mode})", PRF()) + al.score
        if mode == "overlap":
            for j in al.missed:
                out.error(
                    TABLE, doc.id, "relation", "missed", gold=_show(doc.text, doc.relations[j])
                )
            for i in al.spurious:
                out.error(TABLE, doc.id, "relation", "spurious", predicted=_show(doc.text, pred[i]))


def _show(text: str, r: Relation) -> str:
    parts = []
    for k in PARTS:
        span = r.part(k)
        parts.append(f"{k}: {text[span[0] : span[1]][:80]!r}" if span else f"{k}: -")
    return " | ".join(parts)


def run(root: Path, split: str, limit: int | None, extractor: Extractor) -> Report:
    docs = load(root, split)
    if limit is not None:
        docs = docs[:limit]
    out = Report(dataset="polnear", split=split, data=str(root))
    articles = [make_article(d.text, source=d.id, published=d.published) for d in docs]
    reports = run_pipeline(extractor, articles, [d.id for d in docs], out, label="PolNeAR")
    scores: dict[str, PRF] = {}
    for doc, report in zip(docs, reports, strict=True):
        score_doc(doc, predict(report), scores, out)
    table = out.table(
        TABLE, note="one-to-one; exact = same offsets after trimming quotes/punctuation"
    )
    for mode in ("exact", "overlap"):
        for part in (*PARTS, "relation"):
            table.add(Row.prf(f"{part} ({mode})", scores.get(f"{part} ({mode})", PRF())))
    return out
