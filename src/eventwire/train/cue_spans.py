"""Fit the cue-span model (``stages.statements.cue_spans``) on PolNeAR train.

For each of our attributions (as ``find`` gives them before the cue-span model, its
contents ended and started by their models) whose head lies in an annotated cue, the
candidate starts and ends of its cue are ranked; the ones at the start and at the end of
PolNeAR's cue (its hull, compared without edge spaces, quotes and punctuation, as
``eventwire evaluate polnear`` compares) are the answers.  Attributions whose gold start
(end) is no candidate are left out of the start (end) ranking.  The conditional logits
are ``train.ends``'s (``fit``, ``accuracy``).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from eventwire.evaluate.polnear import trim
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.cue_spans import end_features, prepare, start_features
from eventwire.train import ends
from eventwire.train.ends import Gold, Instance

CharSpan = tuple[int, int]


def _chars(doc: Doc, s: int, e: int) -> CharSpan:
    return trim(doc.text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))


def gold_cue(doc: Doc, head: int, golds: list[Gold]) -> CharSpan | None:
    """The trimmed hull of the gold cue one of whose pieces holds token ``head``."""
    at = doc[head].idx
    for cue, _ in golds:
        if any(x <= at < y for x, y in cue):
            return trim(doc.text, min(x for x, _ in cue), max(y for _, y in cue))
    return None


def instances(
    pairs: Iterable[tuple[Doc, list[Gold]]],
) -> tuple[list[Instance], list[Instance], Counter[str]]:
    """The start and end ranking examples of ``pairs`` and counts of how they came out."""
    starts: list[Instance] = []
    ends_: list[Instance] = []
    tally: Counter[str] = Counter()
    for doc, golds in pairs:
        found = find(doc, move_cues=False)
        for att, s_cands, e_cands, ctx in prepare(doc, found):
            gold = gold_cue(doc, att.head, golds)
            if gold is None:
                continue
            tally["cues"] += 1
            a, b = att.cue
            tally["rules right"] += _chars(doc, a, b) == gold
            s_chars = [_chars(doc, s, b)[0] for s in s_cands]
            e_chars = [_chars(doc, a, e)[1] for e in e_cands]
            if gold[0] in s_chars:
                starts.append(([start_features(s, ctx) for s in s_cands], s_chars.index(gold[0])))
            else:
                tally["no start candidate"] += 1
            if gold[1] in e_chars:
                ends_.append(([end_features(e, ctx) for e in e_cands], e_chars.index(gold[1])))
            else:
                tally["no end candidate"] += 1
    return starts, ends_, tally


def learn(pairs: list[tuple[Doc, list[Gold]]], path: Path) -> str:
    """Fit the cue-span model on ``pairs``, write it to ``path``; a line of report."""
    start_data, end_data, tally = instances(pairs)
    start_w = ends.fit(start_data, l2=3e-4, epochs=500)  # the starts model's shrinkage
    end_w = ends.fit(end_data, l2=3e-4, epochs=500)
    start_acc = ends.accuracy(start_data, start_w)
    end_acc = ends.accuracy(end_data, end_w)
    about = (
        "eventwire cue-span model (stages/statements/cue_spans.py): two conditional logits "
        "ranking the candidate starts and ends of a cue by string features of the parse "
        f"(the words added or cut, the word beyond, the cue's lemma and frame), fitted on "
        f"{len(start_data)} cue starts and {len(end_data)} cue ends of PolNeAR train "
        "(Newell, Margolin & Ruths, LREC 2018; CC BY-SA 4.0) by `eventwire train "
        f"attribution` ({time.strftime('%Y-%m-%d')}); train accuracy {start_acc:.3f} "
        f"(starts), {end_acc:.3f} (ends); no pretrained weights.  Do not edit: re-run the "
        "command."
    )

    def ordered(w: dict[str, float]) -> dict[str, float]:
        return dict(sorted(w.items(), key=lambda kv: (-abs(kv[1]), kv[0])))

    data = {"about": about, "start": ordered(start_w), "end": ordered(end_w)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return (
        f"cue spans: {tally['cues']} cues ({tally['rules right']} drawn right by the rules),"
        f" train accuracy {start_acc:.3f} (starts), {end_acc:.3f} (ends) → {path}"
    )
