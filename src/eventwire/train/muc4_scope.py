"""``eventwire train muc4-scope``: which attacks MUC-4 codes as incidents, from MUC-4 train.

    eventwire train muc4-scope [--data ../shared/data/muc4] [--out DIR]

Data: the 1,300 MUC-4 train messages (processed/train.json).  The whole pipeline runs on
each (the shipped role classifier on); every event the MUC-4 mapping's rules keep
(``evaluate.muc4.is_incident``) is labelled "in" when its message has templates and the
event matches one of them (its incident type is one of the message's, or one of its
fillers is a gold filler of the message), else "out": the attacks of a message without
templates, and those of a message with templates that match none.  A logistic regression
over ``evaluate.muc4_scope.features`` is fitted; the threshold is chosen by five-fold
cross-validation over the messages, where each fold's events are scored by a model fitted
on the other four, by the sum of CEAF-REE micro F1 and template micro F1 of the folds'
messages, among ``THRESHOLDS``.  The dev (TST1+TST2) and test (TST3+TST4) splits are never
read.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.evaluate import muc4
from eventwire.evaluate.metrics import PRF, normalize_string, total
from eventwire.evaluate.muc4_scope import CLASSES, MODEL_DIR, MODEL_FILE
from eventwire.evaluate.report import Report
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Event
from eventwire.pipeline import Extractor
from eventwire.train.roles import fit, predict, vocabulary

NAME = "muc4-scope"
FOLDS = 5
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


@dataclass
class Row:
    """One event the rules keep, in one message."""

    doc: int  # index of the message
    event: str
    features: dict[str, float]
    label: str


def collect(docs: Sequence[muc4.Doc]) -> list[ArticleReport]:
    """The pipeline's report of every message."""
    extractor = Extractor()
    return [
        extractor.extract(make_article(d.message.text, source=d.id, published=d.message.published))
        for d in docs
    ]


def matches(event: Event, report: ArticleReport, doc: muc4.Doc) -> bool:
    """Whether the event is one of the message's templates: same incident type, or a
    filler of its among the message's gold fillers."""
    if not doc.gold:
        return False
    if muc4.incident_type(event) in {t["incident_type"] for t in doc.gold}:
        return True
    gold = muc4.doc_gold(doc.gold)
    args = muc4.role_args(event, report)
    for role in muc4.ROLES:
        strings = {s for entity in gold[role] for s in entity}
        for entity in muc4.entities(args[role], report):
            if any(normalize_string(s) in strings for s in entity):
                return True
    return False


def rows_of(docs: Sequence[muc4.Doc], reports: Sequence[ArticleReport]) -> list[Row]:
    rows = []
    for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
        kept = [e for e in report.events if muc4.is_incident(e)]
        for e in kept:
            label = "in" if matches(e, report, doc) else "out"
            rows.append(Row(i, e.id, muc4.scope_features(e, report, kept), label))
    return rows


def score(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Callable[[int, Event], bool],
) -> tuple[PRF, PRF]:
    """CEAF-REE micro and template micro over the messages, mapping the events ``keep``
    keeps of those the rules keep."""
    scores, out = muc4.Scores(), Report(dataset="muc4", split="train", data="")
    for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
        events = [e for e in report.events if muc4.is_incident(e) and keep(i, e)]
        muc4.score_doc(doc, muc4.predict(report, events), scores, report, out)
    return total(list(scores.ceaf.values())), total(list(scores.templates.values()))


def cross_validated(rows: Sequence[Row], n_docs: int) -> dict[tuple[int, str], float]:
    """Each event's probability of "in" from the model fitted on the other folds."""
    out: dict[tuple[int, str], float] = {}
    for k in range(FOLDS):
        train = [r for r in rows if r.doc % FOLDS != k]
        test = [r for r in rows if r.doc % FOLDS == k]
        vocab = vocabulary(train)
        w = fit(train, vocab, classes=CLASSES)
        for r, p in zip(test, predict(w, test, vocab)[:, 1], strict=True):
            out[(r.doc, r.event)] = float(p)
    return out


def write(out: Path, vocab: Sequence[str], w: np.ndarray, threshold: float, card: str) -> None:
    """The model as one weight per feature (log-odds of "in"), with its card."""
    weights = {
        k: round(float(w[j, 1] - w[j, 0]), 4)
        for j, k in enumerate(vocab)
        if abs(w[j, 1] - w[j, 0]) >= 1e-3
    }
    model = {
        "about": "eventwire MUC-4 scope: binary logistic regression over the features of "
        "eventwire.evaluate.muc4_scope, written by `eventwire train muc4-scope` (see "
        "CARD.md).  Do not edit: re-run the command.",
        "classes": list(CLASSES),
        "threshold": threshold,
        "weights": weights,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(json.dumps(model, separators=(",", ":")) + "\n", "utf-8")
    (out / "CARD.md").write_text(card, "utf-8")


def card(report: list[str], started: dt.datetime, seconds: float, size: int) -> str:
    lines = "\n".join(f"    {line}" for line in report)
    return f"""# muc4-scope: which attacks MUC-4 codes as incidents

What: of the attacks the MUC-4 mapping's rules keep (``evaluate.muc4.is_incident``), the
ones MUC-4 would code as incidents, not the fighting, past massacres and generic violence
its messages also mention.  A binary logistic regression over {size} features of the event
(``evaluate.muc4_scope.features``: trigger, kind, MUC type, modality, modes, target kinds,
contexts, the place's country, date against the publication date, participants, position,
number of attacks in the message); pure Python at run time.  Only the MUC-4 mapping reads
it (``eventwire evaluate muc4``); the events eventwire extracts and stores are not filtered.

- Training data: MUC-4 train (the 1,300 DEV messages of ../shared/data/muc4,
  processed/train.json), each event labelled by its message's templates; threshold chosen
  by {FOLDS}-fold cross-validation over the messages.  MUC-4 dev (TST1+TST2) and test
  (TST3+TST4) are not read.
- Command: `eventwire train muc4-scope --data ../shared/data/muc4` (or `make train`, after
  the role classifier, whose arguments are features here).
- Trained: {started:%Y-%m-%d} in {seconds / 60:.1f} minutes on a 2-core CPU.
- Cross-validated figures on MUC-4 train (CEAF-REE micro F1, template micro F1) and log:

{lines}

End-to-end dev figures are in the README's accuracy table (`make quality`).
"""


def main(data: Path, out: Path | None = None) -> str:
    """Collect, cross-validate the threshold, fit on all, write; returns the report."""
    started_at = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    out = out or MODEL_DIR
    report: list[str] = []

    def log(line: str) -> None:
        report.append(line)
        print(line, flush=True)

    docs = muc4.load(data, "train")
    reports = collect(docs)
    rows = rows_of(docs, reports)
    inside = sum(r.label == "in" for r in rows)
    log(f"MUC-4 train: {len(docs)} messages, {len(rows)} events the rules keep, {inside} in")
    probs = cross_validated(rows, len(docs))
    best: tuple[float, float] = (-1.0, 0.0)
    for threshold in THRESHOLDS:
        ceaf, templates = score(
            docs, reports, lambda i, e, t=threshold: probs.get((i, e.id), 1.0) >= t
        )
        figures = f"CEAF-REE {100 * ceaf.f1:.2f}, templates {100 * templates.f1:.2f}"
        log(f"threshold {threshold}: {figures}")
        if ceaf.f1 + templates.f1 > best[0] + 1e-9:
            best = (ceaf.f1 + templates.f1, threshold)
    threshold = best[1]
    log(f"chosen: threshold {threshold} (threshold 0.0: the rules alone)")
    vocab = vocabulary(rows)
    w = fit(rows, vocab, classes=CLASSES)
    seconds = time.perf_counter() - started
    write(out, vocab, w, threshold, card(report, started_at, seconds, len(vocab)))
    log(f"written to {out / MODEL_FILE} ({seconds / 60:.1f} minutes)")
    return "\n".join(report)
