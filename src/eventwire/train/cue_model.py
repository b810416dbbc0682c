"""Fit the learned cue detector (``stages.statements.cue_model``) on PolNeAR train.

Every verb, noun and adjective outside quotations is an example: positive when it is the
head of an annotated cue (its last verb, noun or adjective: "critical" in "has been
critical of", "saying" in "keeps saying"), left out when it is another word of a cue,
negative otherwise.
A logistic regression (L2, full-batch Adam on the sparse features, numpy) is fitted on the
features seen at least ``MIN_COUNT`` times; the weights that matter are written as words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from eventwire.stages.statements.cue_model import FRAME_NAMES, TEMPLATES, features, quoted
from eventwire.stages.statements.quotes import quotations

CharSpan = tuple[int, int]
MIN_COUNT = 3  # features seen fewer times are left out
MIN_WEIGHT = 0.02  # weights smaller than this are not written
THRESHOLD = 0.5


def in_quote(doc: Doc) -> np.ndarray:
    """Whether each token stands strictly inside a quotation (marks excluded)."""
    return quoted(len(doc), quotations(doc))


def labels(doc: Doc, cues: list[list[CharSpan]]) -> tuple[np.ndarray, np.ndarray]:
    """(positive, ignored) per token: the head word of each cue (its last verb, noun or
    adjective, as the rules take it: "saying" in "keeps saying"); its other words."""
    pos = np.zeros(len(doc), dtype=bool)
    ignore = np.zeros(len(doc), dtype=bool)
    for fragments in cues:
        toks: list[int] = []
        for s, e in fragments:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                toks.extend(range(span.start, span.end))
        if not toks:
            continue
        ignore[toks] = True
        words = [i for i in toks if doc[i].pos_ in ("VERB", "NOUN", "ADJ")]
        words = words or [i for i in toks if doc[i].pos_ == "AUX"]
        if words:  # the last: "keeps saying", "has been critical of", "raised questions"
            pos[max(words)] = True
    return pos, ignore & ~pos


def examples(
    pairs: Iterable[tuple[Doc, list[list[CharSpan]]]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """The sparse design of all examples: rows, keys, (template, a, b) and labels, plus the
    strings of the ids seen."""
    rows, keys, trip, ys = [], [], [], []
    strings: dict[int, str] = {0: "", **FRAME_NAMES}
    offset = 0
    for doc, cues in pairs:
        f = features(doc, in_quote(doc))
        pos, ignore = labels(doc, cues)
        keep = ~ignore[f.candidates]
        cand = f.candidates[keep]
        index = np.full(len(doc), -1)
        index[cand] = np.arange(len(cand)) + offset
        r = index[f.rows]
        ok = r >= 0
        rows.append(r[ok])
        keys.append(f.keys[ok])
        trip.append(np.stack([f.template[ok], f.a[ok], f.b[ok]], axis=1))
        ys.append(pos[cand])
        missing = set(np.unique(np.concatenate([f.a[ok], f.b[ok]])).tolist()) - set(strings)
        strings.update(_strings(doc, missing))
        offset += len(cand)
    return (
        np.concatenate(rows),
        np.concatenate(keys),
        np.concatenate(trip),
        np.concatenate(ys).astype(float),
        strings,
    )


def _strings(doc: Doc, ids: set[int]) -> dict[int, str]:
    """The strings of ``ids`` (a parsed Doc read back from disk may lack some in its
    StringStore, e.g. lower-cased forms: they are read off its tokens)."""
    out: dict[int, str] = {}
    for v in ids:
        if v in doc.vocab.strings:
            out[v] = doc.vocab.strings[v]
    if len(out) < len(ids):
        for tok in doc:
            for v, s in ((tok.lower, tok.lower_), (tok.lemma, tok.lemma_)):
                if v in ids and v not in out:
                    out[v] = s
    return out


def fit(
    rows: np.ndarray, cols: np.ndarray, y: np.ndarray, n_features: int, l2: float, epochs: int
) -> np.ndarray:
    """Logistic regression weights (full-batch Adam)."""
    w = np.zeros(n_features)
    m, v = np.zeros(n_features), np.zeros(n_features)
    lr, b1, b2 = 0.1, 0.9, 0.999
    for t in range(1, epochs + 1):
        z = np.bincount(rows, weights=w[cols], minlength=len(y))
        p = 1.0 / (1.0 + np.exp(-z))
        g = np.bincount(cols, weights=(p - y)[rows], minlength=n_features) / len(y) + l2 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def train(
    pairs: Iterable[tuple[Doc, list[list[CharSpan]]]], l2: float = 3e-5, epochs: int = 600
) -> tuple[dict, int, int]:
    """The model as JSON data, the number of examples and of positives."""
    rows, keys, trip, y, strings = examples(pairs)
    uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
    kept = counts >= MIN_COUNT
    col_of = np.searchsorted(uniq, keys)
    ok = kept[col_of]
    remap = np.cumsum(kept) - 1
    w = fit(rows[ok], remap[col_of[ok]], y, int(kept.sum()), l2, epochs)
    weights: dict[str, list] = {name: [] for name in TEMPLATES}
    for j, k in enumerate(np.flatnonzero(kept).tolist()):
        if abs(w[j]) < MIN_WEIGHT and TEMPLATES[int(trip[first[k], 0])] != "bias":
            continue
        t, a, b = (int(x) for x in trip[first[k]])
        weights[TEMPLATES[t]].append([strings[a], strings[b], round(float(w[j]), 3)])
    for rows_ in weights.values():
        rows_.sort(key=lambda r: (-abs(r[2]), r[0], r[1]))
    return {"threshold": THRESHOLD, "weights": weights}, len(y), int(y.sum())


def write(data: dict, about: str, path: Path) -> None:
    data = {"about": about, **data}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
