"""Precision on everyday news: real attacks, protests and arrests in PolNeAR dev.

Gold: ``quality/polnear_events/labels.tsv`` in the repository (its GUIDELINE.md says what
counts), one row per sentence of the 84 PolNeAR dev articles that reports a specific
physical ATTACK, PROTEST or ARREST that happened, ``recent`` (within about a month before
publication) or ``background``; every other sentence is a negative.  The texts and
publication dates are read from the PolNeAR folder (``--data ../shared/data/polnear``).

Mapping: an eventwire event is an ATTACK when its type is ASSAULT, a PROTEST when PROTEST,
an ARREST when COERCE with the mode ``arrest``.  Two tables:

- *events reported as real*: events of modality occurred, claimed or alleged, against every
  gold row;
- *incidents (the map)*: the events that become incidents (``clustered_events``), against
  the ``recent`` rows.

Units: a prediction is (article, sentence, kind), from an event's trigger and each of its
coreferent mentions; it is right when that word lies inside a gold sentence of the same
kind.  Several events of one kind in one sentence are one prediction, so precision counts
sentences, not events; recall is the share of gold rows with a right prediction.  Offsets
are mapped onto the file's own text (``raw_offsets``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF
from eventwire.evaluate.offsets import raw_offsets, to_raw
from eventwire.evaluate.polnear import extracted
from eventwire.evaluate.report import Report, Row
from eventwire.incidents.facts import clustered_events
from eventwire.model import ArticleReport, Event, EventType, Modality

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

LABELS = Path(__file__).resolve().parents[3] / "quality" / "polnear_events" / "labels.tsv"
KINDS = {"ATTACK": "ASSAULT", "PROTEST": "PROTEST", "ARREST": "COERCE arrest"}
REAL = frozenset({Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED})
REAL_TABLE = "PolNeAR dev events reported as real (sentences)"
MAP_TABLE = "PolNeAR dev incidents: recent events on the map (sentences)"


@dataclass(frozen=True)
class Gold:
    """One labelled sentence: file stem, raw offsets, kind, recent or background."""

    doc: str
    start: int
    end: int
    kind: str
    when: str


@dataclass(frozen=True)
class Predicted:
    """One event as a prediction: its kind, trigger and sentence in raw offsets."""

    kind: str
    trigger: int
    sentence: tuple[int, int]
    words: str


def load_labels(path: Path = LABELS) -> list[Gold]:
    """The gold rows (header ``file start end kind when note``)."""
    if not path.exists():
        raise InputError(str(path), "the PolNeAR event labels are missing")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], 2):
        cols = line.split("\t")
        if len(cols) < 5 or cols[3] not in KINDS or cols[4] not in ("recent", "background"):
            raise InputError(f"{path}:{n}", "expected file, start, end, kind, when")
        rows.append(Gold(cols[0].removesuffix(".txt"), int(cols[1]), int(cols[2]), *cols[3:5]))
    return rows


def kind_of(event: Event) -> str | None:
    """The gold kind an event stands for, None for the others."""
    if event.type == EventType.ASSAULT:
        return "ATTACK"
    if event.type == EventType.PROTEST:
        return "PROTEST"
    if event.type == EventType.COERCE and "arrest" in event.mode:
        return "ARREST"
    return None


def predictions(report: ArticleReport, events: Iterable[Event], raw: str) -> list[Predicted]:
    """The events of a kind, their offsets mapped onto ``raw``."""
    text = report.article.text
    at = raw_offsets(raw, text) if raw != text else None
    sentences = sorted(
        {(x.sentence.start, x.sentence.end) for x in [*report.events, *report.statements]}
    )

    def sentence_of(pos: int, default: tuple[int, int]) -> tuple[int, int]:
        return next(((a, b) for a, b in sentences if a <= pos < b), default)

    out = []
    for e in events:
        kind = kind_of(e)
        if kind is None:
            continue
        own = (e.sentence.start, e.sentence.end)
        for span in [e.trigger, *e.mentions]:
            start = span.start
            sentence = own if own[0] <= start < own[1] else sentence_of(start, (start, span.end))
            words = f"{span.text} | {e.modality.value} | {text[sentence[0] : sentence[1]]}"
            if at is not None:
                start, sentence = at[start], to_raw(at, *sentence)
            out.append(Predicted(kind, start, sentence, words))
    return out


def score(
    doc: str,
    pred: list[Predicted],
    gold: list[Gold],
    scores: dict[str, PRF],
    out: Report,
    table: str,
) -> None:
    """Add one article's sentence-level counts per kind to ``scores``, errors to ``out``."""
    for kind in KINDS:
        g = [x for x in gold if x.kind == kind]
        units: dict[tuple[int, int], Predicted] = {}
        hit: set[int] = set()
        for p in (p for p in pred if p.kind == kind):
            match = next((i for i, x in enumerate(g) if x.start <= p.trigger < x.end), None)
            if match is not None:
                hit.add(match)
                units.setdefault((g[match].start, g[match].end), p)
            else:
                units.setdefault(p.sentence, p)
        right = sum(1 for key in units if any((x.start, x.end) == key for x in g))
        scores[kind] = scores.get(kind, PRF()) + PRF(right, len(units), len(hit), len(g))
        for key, p in units.items():
            if not any((x.start, x.end) == key for x in g):
                out.error(table, doc, KINDS[kind], "spurious", predicted=p.words[:300])
        for i, x in enumerate(g):
            if i not in hit:
                out.error(table, doc, KINDS[kind], "missed", gold=f"{x.start}-{x.end} {x.when}")


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    if split != "dev":
        raise InputError(f"--split {split}", "the PolNeAR event labels cover the dev split only")
    gold = load_labels()
    out = Report(dataset="polnear-events", split=split, data=str(root))
    docs, reports = extracted(root, split, limit, extractor, out, "PolNeAR events")
    real: dict[str, PRF] = {}
    onmap: dict[str, PRF] = {}
    for doc, report in zip(docs, reports, strict=True):
        g = [x for x in gold if x.doc == doc.id]
        if report is None:
            score(doc.id, [], g, real, out, REAL_TABLE)
            score(doc.id, [], [x for x in g if x.when == "recent"], onmap, out, MAP_TABLE)
            continue
        events = [e for e in report.events if e.modality in REAL]
        score(doc.id, predictions(report, events, doc.text), g, real, out, REAL_TABLE)
        recent = [x for x in g if x.when == "recent"]
        clustered = predictions(report, clustered_events(report), doc.text)
        score(doc.id, clustered, recent, onmap, out, MAP_TABLE)
    note = "a prediction is an (article, sentence, kind); right when its trigger is in a gold"
    for title, scores, which in ((REAL_TABLE, real, "every"), (MAP_TABLE, onmap, "recent")):
        table = out.table(title, note=f"{note} sentence of that kind ({which} gold rows)")
        for kind, name in KINDS.items():
            table.add(Row.prf(name, scores.get(kind, PRF())))
        table.add(Row.prf("micro average", sum(scores.values(), PRF())))
    return out
