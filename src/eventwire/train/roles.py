"""``eventwire train roles``: the argument-role classifier of attack events, from MUC-4 train.

    eventwire train roles [--data ../shared/data/muc4] [--out DIR]     # or: make train

Data: the 1,300 MUC-4 train messages (the DEV messages; processed/train.json and the raw
keys).  eventwire's stages up to the events stage run on each message, with the trained
model off (the rules alone); every ASSAULT event's candidate spans
(``stages.events.candidates``) are labelled by their filler words (a person's fullest
name, as the MUC-4 mapping writes it) against the message's gold strings, normalised as
GRIT does: PerpInd → actor_ind, PerpOrg → actor_org, Target → target, Victim → victim
(also the raw key's HUM TGT: DESCRIPTION strings: "PEASANTS" are people attacked),
Weapon → instrument; anything else is ``none``.  The last ``HELD_OUT`` messages are held
out to choose the decision thresholds and to measure the classifier (document-level role
fillers, as CEAF-REE counts them, against the rules on the same events); the dev
(TST1+TST2) and test (TST3+TST4) splits are never read.

Model: a multinomial logistic regression over the sparse features (those seen at least
``MIN_COUNT`` times), fitted by full-batch gradient descent (Adam) in numpy, written as
JSON with its card (``knowledge/models/roles/model.json``, ``CARD.md``), with the two
thresholds of ``stages.events.learned`` chosen on the held-out messages.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from eventwire.evaluate import muc4
from eventwire.evaluate import muc4_keys as keys
from eventwire.evaluate.metrics import normalize_string
from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.knowledge.files import models_only
from eventwire.knowledge.roles import CLASSES, MODEL_DIR, MODEL_FILE
from eventwire.model import ActorKind, EventType
from eventwire.pipeline import Extractor, Stage, default_stages
from eventwire.stages.events.candidates import candidates
from eventwire.stages.events.learned import FIELD_OF
from eventwire.train import Log

NAME = "roles"
HELD_OUT = 130
MIN_COUNT = 3
L2 = 1e-4
STEPS = 400
THRESHOLDS = (0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3)
# a rule argument goes only when the classifier is this sure: lower ones gained on MUC-4
# and lost on PLOVER (see stages.events.learned)
DROPS = (2.0, 0.99, 0.98, 0.97)
MUC_ROLES = {
    "PerpInd": "actor_ind",
    "PerpOrg": "actor_org",
    "Target": "target",
    "Victim": "victim",
    "Weapon": "instrument",
}


@dataclass
class Row:
    """One candidate of one event: its features, filler words and gold label."""

    doc: str
    event: str
    features: dict[str, float]
    filler: str  # normalised filler words
    person: bool  # names a person actor (MUC-4 scores those victims only)
    rule: str | None  # the role the rules gave it
    scored: bool  # the event is one the MUC-4 mapping turns into a template
    label: str


def gold_strings(doc: muc4.Doc) -> dict[str, set[str]]:
    """role → the normalised gold strings of the message (every alternative)."""
    out: dict[str, set[str]] = {role: set() for role in MUC_ROLES.values()}
    for template in doc.gold:
        for muc_role, role in MUC_ROLES.items():
            for entity in template.get(muc_role, []):
                out[role].update(normalize_string(s) for s in entity)
    for template in doc.key_templates:
        for alternatives in template.strings(keys.HUM_TGT_DESCRIPTION):
            out["victim"].update(normalize_string(s) for s in alternatives)
    return {role: strings - {""} for role, strings in out.items()}


def collect(root: Path, limit: int | None = None) -> list[Row]:
    """The labelled candidates of every ASSAULT event of MUC-4 train (rules alone)."""
    docs = muc4.load(root, "train")[:limit]
    golds = {d.id: gold_strings(d) for d in docs}
    rows: list[Row] = []
    current: list[str] = [""]

    def capture(found: Findings) -> None:
        gold = golds[current[0]]
        actors = {a.id: a for a in found.actors}
        for event in found.events:
            if event.type != EventType.ASSAULT:
                continue
            scored = event.modality in muc4.KEEP_MODALITIES
            for cand in candidates(found, event):
                actor = found.index.actor_at(cand.start, cand.end, prefer="overlap")
                person = actor is not None and actors[actor.id].kind == ActorKind.PERSON
                words = found.text[cand.start : cand.end]
                if person and actor is not None:
                    named = [m.text for m in actor.mentions if not muc4._is_pronoun(m.text)]
                    words = max(named, key=lambda t: len(t.split()), default=words)
                filler = normalize_string(words)
                label = next((r for r in CLASSES[1:] if filler in gold[r]), "none")
                rows.append(
                    Row(
                        current[0],
                        event.id,
                        cand.features,
                        filler,
                        person,
                        cand.rule,
                        scored,
                        label,
                    )
                )

    stages = []
    for stage in default_stages():
        stages.append(stage)
        if stage.name == "events":
            break
    stages.append(Stage("capture", capture, requires=("events",)))
    extractor = Extractor(stages=stages)
    # the rules' arguments, as the model sees them (the other trained components on)
    with models_only("attribution", "geo"):
        for d in docs:
            current[0] = d.id
            article = make_article(d.message.text, source=d.id, published=d.message.published)
            extractor.extract(article)
    return rows


# --------------------------------------------------------------------------------------
# the model


class Labelled(Protocol):
    """What the model's fitting reads of a row (``Row`` here; other trainers' rows too)."""

    features: dict[str, float]
    label: str


def vocabulary(rows: Sequence[Labelled]) -> list[str]:
    counts = Counter(k for r in rows for k in r.features)
    return sorted(k for k, n in counts.items() if n >= MIN_COUNT)


def matrix(rows: Sequence[Labelled], vocab: Sequence[str]) -> tuple[np.ndarray, ...]:
    """Sparse rows: (row index, column, value) arrays."""
    index = {k: j for j, k in enumerate(vocab)}
    r, c, v = [], [], []
    for i, row in enumerate(rows):
        for k, x in row.features.items():
            j = index.get(k)
            if j is not None:
                r.append(i)
                c.append(j)
                v.append(x)
    return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64), np.array(v, dtype=np.float64)


def scores(w: np.ndarray, x: tuple[np.ndarray, ...], n: int) -> np.ndarray:
    r, c, v = x
    out = np.zeros((n, w.shape[1]))
    np.add.at(out, r, w[c] * v[:, None])
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def fit(
    rows: Sequence[Labelled],
    vocab: Sequence[str],
    steps: int = STEPS,
    classes: Sequence[str] = CLASSES,
) -> np.ndarray:
    """Multinomial logistic regression, full batch, Adam, L2 (rows need ``features`` and a
    ``label`` among ``classes``)."""
    x = matrix(rows, vocab)
    r, c, v = x
    n, k = len(rows), len(classes)
    y = np.zeros((n, k))
    y[np.arange(n), [classes.index(row.label) for row in rows]] = 1.0
    w = np.zeros((len(vocab), k))
    m = np.zeros_like(w)
    s = np.zeros_like(w)
    rate, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        err = (softmax(scores(w, x, n)) - y) / n
        grad = np.stack(
            [np.bincount(c, weights=v * err[r, j], minlength=len(vocab)) for j in range(k)], 1
        )
        grad += L2 * w
        m = b1 * m + (1 - b1) * grad
        s = b2 * s + (1 - b2) * grad**2
        w -= rate * (m / (1 - b1**t)) / (np.sqrt(s / (1 - b2**t)) + 1e-8)
    return w


def predict(w: np.ndarray, rows: Sequence[Labelled], vocab: Sequence[str]) -> np.ndarray:
    return softmax(scores(w, matrix(rows, vocab), len(rows)))


# --------------------------------------------------------------------------------------
# held-out figures: document-level fillers, as CEAF-REE counts them


def doc_f1(
    rows: Sequence[Row], chosen: Sequence[str | None], golds: dict[str, dict[str, list[set[str]]]]
) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 per role and micro: a gold entity is found when one of its strings is
    predicted for its role in its message; each predicted string counts once."""
    pred: dict[tuple[str, str], set[str]] = {}
    for row, role in zip(rows, chosen, strict=True):
        if role is None or not row.scored or (role == "victim" and not row.person):
            continue
        pred.setdefault((row.doc, role), set()).add(row.filler)
    counts = {role: [0, 0, 0] for role in CLASSES[1:]}
    for doc, gold in golds.items():
        for role in CLASSES[1:]:
            strings = pred.get((doc, role), set())
            found = sum(1 for entity in gold[role] if entity & strings)
            counts[role][0] += found
            counts[role][1] += len(strings)
            counts[role][2] += len(gold[role])
    counts["micro"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    out = {}
    for role, (ok, n_pred, n_gold) in counts.items():
        p = ok / n_pred if n_pred else 0.0
        r = ok / n_gold if n_gold else 0.0
        out[role] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def decide(
    probs: np.ndarray, rows: Sequence[Row], threshold: float, drop: float
) -> list[str | None]:
    """The role of each candidate as the events stage gives it (``stages.events.learned``):
    a rule argument naming no actor (no pronoun) goes when "none" is ``drop`` likely, the
    others stay; another candidate gets the classifier's likeliest role when that is
    ``threshold`` likely and the rules left that role of its event empty.  (The stage
    also keeps rule arguments the rules resolved to an actor, or with a pronoun inside:
    the rows do not say so, a small difference.)"""
    out: list[str | None] = []
    for row, p in zip(rows, probs, strict=True):
        goes = "actor=none" in row.features and "pronoun" not in row.features
        out.append(None if row.rule is None or (goes and p[0] >= drop) else row.rule)
    filled = {(r.doc, r.event, FIELD_OF[role]) for r, role in zip(rows, out, strict=True) if role}
    for k, (row, p) in enumerate(zip(rows, probs, strict=True)):
        best = int(p[1:].argmax()) + 1
        empty = (row.doc, row.event, FIELD_OF[CLASSES[best]]) not in filled
        if row.rule is None and p[best] >= threshold and empty:
            out[k] = CLASSES[best]
    return out


def doc_golds(docs: Sequence[muc4.Doc]) -> dict[str, dict[str, list[set[str]]]]:
    out = {}
    for d in docs:
        merged = muc4.doc_gold(d.gold)
        out[d.id] = {
            MUC_ROLES[role]: [{normalize_string(s) for s in e} for e in entities]
            for role, entities in merged.items()
        }
    return out


def _line(name: str, figures: dict[str, tuple[float, float, float]]) -> str:
    cells = ", ".join(f"{k} {100 * f[2]:.1f}" for k, f in figures.items() if k != "micro")
    p, r, f = figures["micro"]
    return f"{name}: micro P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f} ({cells})"


# --------------------------------------------------------------------------------------
# the command


def write(
    out: Path, vocab: Sequence[str], w: np.ndarray, thresholds: tuple[float, float], card: str
) -> None:
    weights = {
        k: [round(float(x), 3) for x in w[j]]
        for j, k in enumerate(vocab)
        if np.abs(w[j]).max() >= 1e-3
    }
    out.mkdir(parents=True, exist_ok=True)
    model = {
        "about": "eventwire argument-role classifier: multinomial logistic regression over the "
        "features of eventwire.stages.events.candidates, written by `eventwire train roles` "
        "(see CARD.md).  Do not edit: re-run the command.",
        "classes": list(CLASSES),
        "threshold": thresholds[0],
        "drop": thresholds[1],
        "weights": weights,
    }
    (out / MODEL_FILE).write_text(json.dumps(model, separators=(",", ":")) + "\n", "utf-8")
    (out / "CARD.md").write_text(card, "utf-8")


def card(report: list[str], started: dt.datetime, seconds: float, size: int) -> str:
    lines = "\n".join(f"    {line}" for line in report)
    return f"""# roles: the argument-role classifier of attack events

What: for each ASSAULT event, which candidate spans of the sentences holding its trigger
or mentions (noun chunks, entities, actor mentions, weapon phrases, the rules' own
arguments) are its individual perpetrators (actor_ind), perpetrating organisations
(actor_org), targets, victims and instruments.  A multinomial logistic regression over
{size} sparse features (``eventwire.stages.events.candidates``: the rules' role, syntax
relative to the trigger, lexicons, head lemma, entity label, trigger); numpy at run time
(``eventwire.knowledge.roles``), no other library.  The events stage lets the classifier
fill the roles the rules left empty (``threshold``) and drop a rule argument that names
no actor of the article when it is sure that is no argument (``drop``); the rules' other
arguments stay (``eventwire.stages.events.learned``); a new target loses its leading count
or determiner at run time ("several electricity poles" → "electricity poles"), which the
held-out figures below do not include.  The drop threshold is chosen on
the held-out messages among 0.97 and up only: lower ones gained on MUC-4 and lost on
PLOVER (dev) by dropping soldiers and armies, no victims or perpetrators in MUC-4.

- Training data: MUC-4 train (the 1,300 DEV messages of ../shared/data/muc4:
  processed/train.json and the raw keys), candidates labelled by their words against the
  message's gold strings; the last {HELD_OUT} messages held out for the threshold and the
  figures below.  MUC-4 dev (TST1+TST2) and test (TST3+TST4) are not read.
- Command: `eventwire train roles --data ../shared/data/muc4` (or `make train`).
- Trained: {started:%Y-%m-%d} in {seconds / 60:.1f} minutes on a 2-core CPU.
- Held-out figures (document-level role fillers, GRIT's normalisation, the events the
  rules found) and log:

{lines}

End-to-end dev figures are in the README's accuracy table (`make quality`).
"""


def choose(
    probs: np.ndarray, rows: Sequence[Row], golds: dict[str, dict[str, list[set[str]]]]
) -> tuple[tuple[float, float], dict[str, tuple[float, float, float]]]:
    """The thresholds (fill, drop) of best held-out micro F1; ties: the fewer changes."""
    best = ((2.0, 2.0), doc_f1(rows, [r.rule for r in rows], golds))
    for drop in DROPS:
        for threshold in THRESHOLDS:
            figures = doc_f1(rows, decide(probs, rows, threshold, drop), golds)
            if figures["micro"][2] > best[1]["micro"][2] + 1e-9:
                best = ((threshold, drop), figures)
    return best


def train_and_report(
    rows: Sequence[Row], docs: Sequence[muc4.Doc], log: object
) -> tuple[list[str], np.ndarray, tuple[float, float]]:
    """Fit on all but the held-out messages, choose the threshold on those, report."""
    held = {d.id for d in docs[-HELD_OUT:]}
    train = [r for r in rows if r.doc not in held]
    test = [r for r in rows if r.doc in held]
    golds = doc_golds([d for d in docs if d.id in held])
    vocab = vocabulary(train)
    labels = Counter(r.label for r in train)
    log(f"{len(train)} training candidates ({dict(labels)}), {len(test)} held out")  # type: ignore[operator]
    w = fit(train, vocab)
    probs = predict(w, test, vocab)
    thresholds, _ = choose(probs, test, golds)
    log(_line("held out, the rules", doc_f1(test, [r.rule for r in test], golds)))  # type: ignore[operator]
    for drop in DROPS:
        f = doc_f1(test, decide(probs, test, thresholds[0], drop), golds)
        log(_line(f"held out, rules + model (threshold {thresholds[0]}, drop {drop})", f))  # type: ignore[operator]
    log(f"chosen: threshold {thresholds[0]}, drop {thresholds[1]}")  # type: ignore[operator]
    return vocab, w, thresholds


def main(data: Path, out: Path | None = None) -> str:
    """Collect, fit, choose the threshold, write; returns the report."""
    started_at = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    out = out or MODEL_DIR
    log = Log()

    docs = muc4.load(data, "train")
    rows = collect(data)
    log(f"MUC-4 train: {len(docs)} messages, {len(rows)} candidates of attack events")
    vocab, w, thresholds = train_and_report(rows, docs, log)
    log(f"final model: all {len(docs)} messages")
    vocab = vocabulary(rows)
    w = fit(rows, vocab)
    seconds = time.perf_counter() - started
    write(out, vocab, w, thresholds, card(log, started_at, seconds, len(vocab)))
    log(f"written to {out / MODEL_FILE} ({seconds / 60:.1f} minutes)")
    return "\n".join(log)
