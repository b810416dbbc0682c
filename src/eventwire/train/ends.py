"""Fit the content-end model (``stages.statements.ends``) on PolNeAR train.

For each of our attributions whose cue meets an annotated cue, the candidate ends of its
content are ranked; the one at the end of PolNeAR's content (compared without edge
spaces, quotes and punctuation, as ``eventwire evaluate polnear`` compares) is the
answer.  Attributions whose gold end is no candidate are left out.  A conditional logit
(softmax over each attribution's candidates, L2, full-batch Adam, numpy) is fitted on
the features seen at least ``MIN_COUNT`` times.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from eventwire.evaluate.polnear import trim
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.ends import features, prepare
from eventwire.stages.statements.quotes import Attribution

CharSpan = tuple[int, int]
Gold = tuple[list[CharSpan], list[CharSpan]]  # cue fragments, content fragments
Instance = tuple[list[list[str]], int]  # the candidates' features, the answer's index
MIN_COUNT = 3
MIN_WEIGHT = 0.01


def _char_end(doc: Doc, a: int, e: int) -> int:
    text = doc.text
    return trim(text, doc[a].idx, doc[e - 1].idx + len(doc[e - 1]))[1]


def gold_content(doc: Doc, att: Attribution, golds: list[Gold]) -> CharSpan | None:
    """The trimmed hull of the gold content whose cue meets ``att``'s; None if none."""
    s, e = doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1])
    gold = next((c for cue, c in golds if c and any(x < e and s < y for x, y in cue)), None)
    if gold is None:
        return None
    return trim(doc.text, min(x for x, _ in gold), max(y for _, y in gold))


def instances(pairs: Iterable[tuple[Doc, list[Gold]]]) -> tuple[list[Instance], Counter[str]]:
    """The ranking examples of ``pairs`` and counts of how they came out (the rules' end
    right, the gold end among the candidates, none)."""
    out: list[Instance] = []
    tally: Counter[str] = Counter()
    for doc, golds in pairs:
        found = find(doc, adjust=False, move_cues=False)
        for att, cands, ctx in prepare(doc, found, bounded=False):
            assert att.content is not None
            a = att.content[0]
            gold = gold_content(doc, att, golds)
            if gold is None:
                continue
            g_end = gold[1]
            ends = [_char_end(doc, a, c) for c in cands]
            tally["attributions"] += 1
            tally["rules right"] += _char_end(doc, a, ctx.rule_end) == g_end
            if g_end not in ends:
                tally["no candidate"] += 1
                continue
            out.append(([features(att, c, ctx) for c in cands], ends.index(g_end)))
    return out, tally


def _design(
    data: list[Instance], index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """rows (candidate of each feature), cols, group of each candidate, answer mask."""
    rows, cols, groups, ys = [], [], [], []
    n = 0
    for g, (cands, answer) in enumerate(data):
        for k, feats in enumerate(cands):
            for f in feats:
                j = index.get(f)
                if j is not None:
                    rows.append(n)
                    cols.append(j)
            groups.append(g)
            ys.append(k == answer)
            n += 1
    return np.array(rows), np.array(cols), np.array(groups), np.array(ys, dtype=float)


def fit(data: list[Instance], l2: float = 1e-3, epochs: int = 300) -> dict[str, float]:
    """The weights of the features seen at least ``MIN_COUNT`` times."""
    counts = Counter(f for cands, _ in data for feats in cands for f in feats)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: j for j, f in enumerate(names)}
    rows, cols, groups, y = _design(data, index)
    n_groups = len(data)
    w = np.zeros(len(names))
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, epochs + 1):
        z = np.bincount(rows, weights=w[cols], minlength=len(y))
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, groups, z)
        p = np.exp(z - top[groups])
        p /= np.bincount(groups, weights=p, minlength=n_groups)[groups]
        g = np.bincount(cols, weights=(p - y)[rows], minlength=len(w)) / n_groups + l2 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return {f: round(float(x), 3) for f, x in zip(names, w, strict=True) if abs(x) >= MIN_WEIGHT}


def accuracy(data: list[Instance], weights: dict[str, float]) -> float:
    """How often the best-scored candidate is the answer."""
    right = 0
    for cands, answer in data:
        scores = [sum(weights.get(f, 0.0) for f in feats) for feats in cands]
        right += int(np.argmax(scores)) == answer
    return right / len(data) if data else 0.0


def write(
    weights: dict[str, float],
    n: int,
    train_accuracy: float,
    path: Path,
    what: str = "content-end model (stages/statements/ends.py): a conditional logit "
    "ranking the candidate ends",
) -> None:
    """Write ``weights`` to ``path`` with their card (``what``: the model, for it)."""
    about = (
        f"eventwire {what} of a content by string features of the parse, fitted "
        f"on {n} contents of PolNeAR train (Newell, Margolin & Ruths, LREC 2018; CC BY-SA "
        f"4.0) by `eventwire train attribution` ({time.strftime('%Y-%m-%d')}); train "
        f"accuracy {train_accuracy:.3f}; no pretrained weights.  Do not edit: re-run the "
        "command."
    )
    ordered = dict(sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])))
    path.write_text(
        json.dumps({"about": about, "weights": ordered}, ensure_ascii=False, indent=0) + "\n",
        "utf-8",
    )
