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
messages, among ``THRESHOLDS``.  Then, with the events that threshold keeps, the weapon
words: the mapping's weapon fillers are counted by last word, matching a gold filler of
their message or not; a word seen at least ``MIN_SEEN`` times whose share of matching
fillers is below ``PRECISIONS``' choice is left out by the mapping ("BULLETS": MUC-4 fills
the gun), both chosen by the same five-fold cross-validation (each fold mapped without the
words the other folds' counts give).  The dev (TST1+TST2) and test (TST3+TST4) splits are
never read.  Every choice maps each event to its own template (``muc4.predict``'s
``merge`` off): the merging of one incident's events (``muc4.merged``) was chosen on MUC-4
train after them, with these settings.
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
from eventwire.evaluate.muc4_victims import BinaryLogit
from eventwire.evaluate.report import Report
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Event
from eventwire.pipeline import Extractor
from eventwire.train import Log
from eventwire.train.roles import fit, predict, vocabulary

NAME = "muc4-scope"
FOLDS = 5
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
# weapon fillers left out: a last word given at least MIN_SEEN times whose share of fillers
# matching a key is below PRECISIONS' choice (0.0: none left out)
PRECISIONS = (0.0, 0.05, 0.1, 0.2, 0.3)
MIN_SEEN = (3, 5)
# probability thresholds of the victims model (evaluate.muc4_victims); None: no model
VICTIM_THRESHOLDS = (None, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


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
        incidents = [e for e in report.events if muc4.is_incident(e)]
        for e in incidents:
            label = "in" if matches(e, report, doc) else "out"
            rows.append(Row(i, e.id, muc4.scope_features(e, report, incidents), label))
    return rows


Keep = Callable[[int, Event], bool]


def kept(i: int, report: ArticleReport, keep: Keep) -> list[Event]:
    """The events of message ``i`` the rules keep and ``keep`` keeps."""
    return [e for e in report.events if muc4.is_incident(e) and keep(i, e)]


def score(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
) -> tuple[PRF, PRF]:
    """CEAF-REE micro and template micro over the messages, mapping the events ``keep``
    keeps of those the rules keep."""
    scores, out = muc4.Scores(), Report(dataset="muc4", split="train", data="")
    for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
        muc4.score_doc(
            doc, muc4.predict(report, kept(i, report, keep), merge=False), scores, report, out
        )
    return total(list(scores.ceaf.values())), total(list(scores.templates.values()))


def weapon_counts(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
    part: Callable[[int], bool],
) -> dict[str, list[int]]:
    """Last word of the mapping's weapon fillers → [fillers matching a gold filler of their
    message, fillers matching none], over the messages ``part`` takes."""
    counts: dict[str, list[int]] = {}
    for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
        if not part(i):
            continue
        events = kept(i, report, keep)
        gold = {normalize_string(s) for e in muc4.doc_gold(doc.gold)["Weapon"] for s in e}
        for entity in muc4.predict(report, events, merge=False).doc_roles["Weapon"]:
            hit = any(normalize_string(s) in gold for s in entity)
            counts.setdefault(muc4.weapon_word(entity[0]), [0, 0])[0 if hit else 1] += 1
    return counts


def not_weapons(counts: dict[str, list[int]], precision: float, seen: int) -> frozenset[str]:
    """The last words seen at least ``seen`` times whose fillers match below ``precision``."""
    return frozenset(
        w for w, (ok, bad) in counts.items() if ok + bad >= seen and ok / (ok + bad) < precision
    )


def weapons_score(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
    precision: float,
    seen: int,
) -> tuple[PRF, PRF, PRF]:
    """CEAF-REE micro, template micro and CEAF-REE Weapon, each fold's messages mapped
    without the weapon words the other folds' counts leave out."""
    scores, out = muc4.Scores(), Report(dataset="muc4", split="train", data="")
    for k in range(FOLDS):
        counts = weapon_counts(docs, reports, keep, lambda i, k=k: i % FOLDS != k)
        skip = not_weapons(counts, precision, seen)
        for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
            if i % FOLDS != k:
                continue
            predicted = muc4.predict(report, kept(i, report, keep), skip, merge=False)
            muc4.score_doc(doc, predicted, scores, report, out)
    return (
        total(list(scores.ceaf.values())),
        total(list(scores.templates.values())),
        scores.ceaf["Weapon"],
    )


def choose_not_weapons(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
    log: Callable[[str], None],
) -> frozenset[str]:
    """The weapon words to leave out: precision and count chosen by cross-validation over
    the messages (the events ``keep`` keeps), counted on all of train."""
    best: tuple[float, float, int] = (-1.0, 0.0, MIN_SEEN[0])
    for seen in MIN_SEEN:
        for precision in PRECISIONS:
            ceaf, templates, weapon = weapons_score(docs, reports, keep, precision, seen)
            log(
                f"weapon words below precision {precision} seen {seen}+ times left out: "
                f"CEAF-REE {100 * ceaf.f1:.2f} (Weapon {100 * weapon.f1:.2f}), "
                f"templates {100 * templates.f1:.2f}"
            )
            if ceaf.f1 + templates.f1 > best[0] + 1e-9:
                best = (ceaf.f1 + templates.f1, precision, seen)
    counts = weapon_counts(docs, reports, keep, lambda i: True)
    words = not_weapons(counts, best[1], best[2])
    shown = ", ".join(f"{w} {counts[w][0]}/{sum(counts[w])}" for w in sorted(words))
    log(f"chosen: precision {best[1]}, seen {best[2]}+: {shown or 'none'} left out")
    return words


def victim_rows(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
    weapons: frozenset[str],
) -> list[Row]:
    """The victim candidates (``muc4.victim_candidates``) of the events ``keep`` keeps,
    one row per actor (``event``: its id), "in" when its filler is a gold victim of its
    message."""
    rows = []
    for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
        events = kept(i, report, keep)
        per_event = muc4.event_args(report, events, weapons)
        gold = {normalize_string(s) for e in muc4.doc_gold(doc.gold)["Victim"] for s in e}
        for _, arg, feats in muc4.victim_candidates(report, events, per_event):
            label = "in" if normalize_string(arg.span.text) in gold else "out"
            rows.append(Row(i, arg.actor_id or "", feats, label))
    return rows


def log_odds(vocab: Sequence[str], w: np.ndarray) -> dict[str, float]:
    """One weight per feature: the log-odds of "in" of a fitted binary model."""
    return {
        k: round(float(w[j, 1] - w[j, 0]), 4)
        for j, k in enumerate(vocab)
        if abs(w[j, 1] - w[j, 0]) >= 1e-3
    }


def choose_victims(
    docs: Sequence[muc4.Doc],
    reports: Sequence[ArticleReport],
    keep: Keep,
    weapons: frozenset[str],
    log: Callable[[str], None],
) -> dict | None:
    """The victims model (``evaluate.muc4_victims``): its threshold chosen among
    ``VICTIM_THRESHOLDS`` by five-fold cross-validation over the messages (each fold mapped
    with the model fitted on the others), then fitted on all; None when no threshold
    beats the mapping without it."""
    rows = victim_rows(docs, reports, keep, weapons)
    log(f"victim candidates: {len(rows)} actors, {sum(r.label == 'in' for r in rows)} victims")
    folds = []
    for k in range(FOLDS):
        train = [r for r in rows if r.doc % FOLDS != k]
        vocab = vocabulary(train)
        folds.append(log_odds(vocab, fit(train, vocab, classes=CLASSES)))
    best: tuple[float, float | None] = (-1.0, None)
    for threshold in VICTIM_THRESHOLDS:
        scores, out = muc4.Scores(), Report(dataset="muc4", split="train", data="")
        for i, (doc, report) in enumerate(zip(docs, reports, strict=True)):
            model = None
            if threshold is not None:
                model = BinaryLogit({"threshold": threshold, "weights": folds[i % FOLDS]})
            predicted = muc4.predict(report, kept(i, report, keep), weapons, model, merge=False)
            muc4.score_doc(doc, predicted, scores, report, out)
        ceaf, templates = total(list(scores.ceaf.values())), total(list(scores.templates.values()))
        log(
            f"victims threshold {threshold}: CEAF-REE {100 * ceaf.f1:.2f} "
            f"(Victim {100 * scores.ceaf['Victim'].f1:.2f}), templates {100 * templates.f1:.2f}"
        )
        if ceaf.f1 + templates.f1 > best[0] + 1e-9:
            best = (ceaf.f1 + templates.f1, threshold)
    log(f"chosen: victims threshold {best[1]}")
    if best[1] is None:
        return None
    vocab = vocabulary(rows)
    return {"threshold": best[1], "weights": log_odds(vocab, fit(rows, vocab, classes=CLASSES))}


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


def write(
    out: Path,
    vocab: Sequence[str],
    w: np.ndarray,
    threshold: float,
    card: str,
    weapons: frozenset[str] = frozenset(),
    victims: dict | None = None,
) -> None:
    """The model as one weight per feature (log-odds of "in"), with its card."""
    weights = log_odds(vocab, w)
    model = {
        "about": "eventwire MUC-4 scope: binary logistic regression over the features of "
        "eventwire.evaluate.muc4_scope, written by `eventwire train muc4-scope` (see "
        "CARD.md).  Do not edit: re-run the command.",
        "classes": list(CLASSES),
        "threshold": threshold,
        "not_weapons": sorted(weapons),
        "victims": victims,
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
number of attacks in the message); pure Python at run time.  With it, ``not_weapons``: the
last words of weapon fillers that MUC-4's keys hardly ever give, which the mapping leaves
out (their counts and the precision threshold, chosen by cross-validation, are below);
and ``victims``: a binary logistic regression over the actors of a message that fill no
role (``evaluate.muc4_victims.features``), one it keeps being a victim of the closest
incident, its threshold chosen by the same cross-validation.
Only the MUC-4 mapping reads it (``eventwire evaluate muc4``); the events eventwire
extracts and stores are not filtered.

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
    log = Log()

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
    weapons = choose_not_weapons(
        docs, reports, lambda i, e: probs.get((i, e.id), 1.0) >= threshold, log
    )
    victims = choose_victims(
        docs, reports, lambda i, e: probs.get((i, e.id), 1.0) >= threshold, weapons, log
    )
    vocab = vocabulary(rows)
    w = fit(rows, vocab, classes=CLASSES)
    seconds = time.perf_counter() - started
    about = card(log, started_at, seconds, len(vocab))
    write(out, vocab, w, threshold, about, weapons, victims)
    log(f"written to {out / MODEL_FILE} ({seconds / 60:.1f} minutes)")
    return "\n".join(log)
