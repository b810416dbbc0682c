"""Fit the content-start model (``stages.statements.starts``) on PolNeAR train.

For each of our attributions (as ``find`` gives them, ends already moved) whose cue
meets an annotated cue, the candidate starts of its content are ranked; the one at the
start of PolNeAR's content (compared without edge spaces, quotes and punctuation, as
``eventwire evaluate polnear`` compares) is the answer.  Attributions whose gold start
is no candidate are left out.  The conditional logit is ``train.ends``'s (``fit``,
``accuracy``, ``write``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from eventwire.evaluate.polnear import trim
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.starts import features, prepare
from eventwire.train import ends
from eventwire.train.ends import Gold, Instance

WHAT = (
    "content-start model (stages/statements/starts.py): a conditional logit ranking "
    "the candidate starts"
)


def _char_start(doc: Doc, s: int, b: int) -> int:
    return trim(doc.text, doc[s].idx, doc[b - 1].idx + len(doc[b - 1]))[0]


def instances(pairs: Iterable[tuple[Doc, list[Gold]]]) -> tuple[list[Instance], Counter[str]]:
    """The ranking examples of ``pairs`` and counts of how they came out (the rules'
    start right, the gold start among the candidates, none)."""
    out: list[Instance] = []
    tally: Counter[str] = Counter()
    for doc, golds in pairs:
        found = find(doc, move_starts=False, move_cues=False)
        for att, cands, ctx in prepare(doc, found):
            assert att.content is not None
            b = att.content[1]
            gold = ends.gold_content(doc, att, golds)
            if gold is None:
                continue
            g_start = gold[0]
            starts = [_char_start(doc, c, b) for c in cands]
            tally["attributions"] += 1
            tally["rules right"] += _char_start(doc, ctx.rule_start, b) == g_start
            if g_start not in starts:
                tally["no candidate"] += 1
                continue
            out.append(([features(att, c, ctx) for c in cands], starts.index(g_start)))
    return out, tally


def learn(pairs: list[tuple[Doc, list[Gold]]], path: Path) -> str:
    """Fit the start model on ``pairs``, write it to ``path``; a line of report."""
    data, tally = instances(pairs)
    weights = ends.fit(data, l2=3e-4, epochs=500)  # less shrinkage than the ends model
    accuracy = ends.accuracy(data, weights)
    ends.write(weights, len(data), accuracy, path, WHAT)
    return (
        f"content starts: {len(data)} contents ({tally['rules right']} of"
        f" {tally['attributions']} started right by the rules), train accuracy"
        f" {accuracy:.3f} → {path}"
    )
