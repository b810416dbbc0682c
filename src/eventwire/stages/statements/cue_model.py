"""The learned cue detector: how likely each word of a Doc is the head of an attribution
cue, from its parse ("has been critical of", "spoke about", "criticism of", "wants").

A logistic model over sparse features of every verb, noun and adjective outside
quotations: its lemma, part of speech, dependency and head, its children's dependencies
(a reported clause, an infinitive, an object, "about"/"of"/"for"), its subject's kind, the
words around it, and whether the lexicon of the rules lists it (``cues.yaml`` and the
learned table).  ``eventwire train attribution`` fits it on PolNeAR train and writes
``knowledge/attribution_tagger.json`` (weights per feature, as words; card in its
``about``).  At run time the features are read from the Doc's arrays and scored with numpy
only.  Without the file ``model()`` is None and the rules decide alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc

from eventwire.knowledge.cues import lexicon
from eventwire.knowledge.files import data_file, trained

__all__ = [
    "MODEL_FILE",
    "TEMPLATES",
    "CueModel",
    "features",
    "from_json",
    "load_model",
    "member",
    "model",
    "quoted",
]

MODEL_FILE = "attribution_tagger.json"
# feature templates: name → what its two values are (see ``features``)
TEMPLATES = (
    "bias",
    "lemma",  # lemma
    "pos_dep",  # part of speech, dependency
    "tag",  # fine tag
    "head_dep",  # the head's lemma, dependency
    "headpos_dep",  # the head's part of speech, dependency
    "child_dep",  # a child's dependency
    "lemma_child_dep",  # lemma, a child's dependency
    "prep",  # a child preposition ("about", "of")
    "lemma_prep",  # lemma, a child preposition
    "subject",  # the subject's part of speech, entity type
    "child_word",  # a child's dependency (acomp, dobj, attr, prt), its lemma
    "prev",  # the word before
    "next",  # the word after
    "lemma_dep",  # lemma, dependency
    "frame",  # part of speech, the set of its children's main dependencies
    "lemma_frame",  # lemma, the set of its children's main dependencies
    "subject_word",  # the subject's lemma
    "lemma_subject",  # lemma, the subject's part of speech
    "object",  # the object's part of speech, entity type
    "lexicon",  # a cue verb or noun of the lexicon (cues.yaml, learned table): POS, frame
)
_T = {name: k for k, name in enumerate(TEMPLATES)}
_CANDIDATE_POS = np.array([VERB, AUX, NOUN, ADJ], dtype=np.uint64)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_PREPS = np.array([get_string_id(d) for d in ("prep", "agent", "dative")], dtype=np.uint64)
_SUBJECTS = np.array([get_string_id(d) for d in ("nsubj", "nsubjpass")], dtype=np.uint64)
# the dependencies whose presence among a word's children makes its frame
FRAME_DEPS = (
    "ccomp",
    "xcomp",
    "dobj",
    "prep",
    "nsubj",
    "nsubjpass",
    "acomp",
    "attr",
    "dative",
    "agent",
    "oprd",
)
_FRAME_IDS = np.array([get_string_id(d) for d in FRAME_DEPS], dtype=np.uint64)


def frame_name(mask: int) -> str:
    """The words of a frame bit mask: "ccomp+nsubj" ("-" for none)."""
    return "+".join(d for k, d in enumerate(FRAME_DEPS) if mask >> k & 1) or "-"


FRAME_NAMES = {get_string_id(frame_name(m)): frame_name(m) for m in range(1 << len(FRAME_DEPS))}
_FRAME_SIG = np.array(list(FRAME_NAMES), dtype=np.uint64)
_OBJECTS = np.array([get_string_id("dobj")], dtype=np.uint64)
_FRAME_ORDER = np.argsort(_FRAME_IDS)
_FRAME_IDS_SORTED = _FRAME_IDS[_FRAME_ORDER]
_FRAME_BIT = _FRAME_ORDER.astype(np.int64)
_WORDS = np.array(
    [get_string_id(d) for d in ("acomp", "dobj", "attr", "prt", "xcomp")], dtype=np.uint64
)


def key(template: int | np.ndarray, a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """The hash of a feature: its template and two string ids (0 where unused)."""
    t = np.asarray(template, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return (
            (t + np.uint64(1)) * _M1
            ^ np.asarray(a, dtype=np.uint64) * _M2
            ^ (np.asarray(b, dtype=np.uint64) + np.uint64(7)) * _M1 * _M2
        )


def member(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``np.isin(values, ids)`` for sorted unique ``ids`` (bisection: no sort per call)."""
    if not len(ids):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(ids, values)
    at[at == len(ids)] = 0
    return ids[at] == values


def _listed(lemmas: np.ndarray) -> np.ndarray:
    """Whether each lemma is a cue verb or noun of the lexicon (``cues.yaml`` and the
    learned table): the rules' knowledge as a feature."""
    return member(lemmas, lexicon_ids())


@cache
def lexicon_ids() -> np.ndarray:
    """The sorted string ids of the lexicon's cue verbs and nouns (loaded once)."""
    lex = lexicon()
    return np.unique(
        np.array([get_string_id(w) for w in (*lex.verbs, *lex.nouns)], dtype=np.uint64)
    )


@dataclass(frozen=True)
class Features:
    """The features of a Doc's candidate words: ``rows`` (token index) and, per feature,
    ``template``, ``a``, ``b`` (string ids) and ``keys`` (their hashes)."""

    candidates: np.ndarray  # token indexes of the candidate words
    rows: np.ndarray
    template: np.ndarray
    a: np.ndarray
    b: np.ndarray

    @property
    def keys(self) -> np.ndarray:
        return key(self.template, self.a, self.b)


def quoted(n: int, quotations: Iterable[tuple[int, int]]) -> np.ndarray:
    """Whether each of ``n`` tokens stands strictly inside one of ``quotations`` (token
    ranges with their marks; the marks excluded): the ``in_quote`` of ``features``, the
    same at training and at run time."""
    mask = np.zeros(n, dtype=bool)
    for a, b in quotations:
        mask[a + 1 : b - 1] = True
    return mask


def features(doc: Doc, in_quote: np.ndarray) -> Features:
    """The features of every verb, noun and adjective of ``doc`` outside quotations
    (``in_quote``: a boolean per token)."""
    n = len(doc)
    cols = doc.to_array([LEMMA, LOWER, POS, TAG, DEP, HEAD, ENT_TYPE]).astype(np.uint64)
    lemma, lower, pos, tag, dep, _, ent = (cols[:, k] for k in range(7))
    idx = np.arange(n)
    head = idx + cols[:, 5].view(np.int64)
    cand = np.isin(pos, _CANDIDATE_POS) & ~in_quote
    rows_c = np.flatnonzero(cand)
    zero = np.zeros(len(rows_c), dtype=np.uint64)
    none = np.zeros(1, dtype=np.uint64)
    prev = np.concatenate([none, lower[:-1]])
    nxt = np.concatenate([lower[1:], none])
    parts: list[tuple[np.ndarray, int, np.ndarray, np.ndarray]] = [
        (rows_c, _T["bias"], zero, zero),
        (rows_c, _T["lemma"], lemma[rows_c], zero),
        (rows_c, _T["pos_dep"], pos[rows_c], dep[rows_c]),
        (rows_c, _T["tag"], tag[rows_c], zero),
        (rows_c, _T["head_dep"], lemma[head[rows_c]], dep[rows_c]),
        (rows_c, _T["headpos_dep"], pos[head[rows_c]], dep[rows_c]),
        (rows_c, _T["prev"], prev[rows_c], zero),
        (rows_c, _T["next"], nxt[rows_c], zero),
        (rows_c, _T["lemma_dep"], lemma[rows_c], dep[rows_c]),
    ]
    kids = np.flatnonzero((head != idx) & cand[head])  # children of candidates
    h = head[kids]
    kzero = np.zeros(len(kids), dtype=np.uint64)
    parts += [
        (h, _T["child_dep"], dep[kids], kzero),
        (h, _T["lemma_child_dep"], lemma[h], dep[kids]),
    ]
    p = kids[np.isin(dep[kids], _PREPS)]
    parts += [
        (head[p], _T["prep"], lower[p], np.zeros(len(p), dtype=np.uint64)),
        (head[p], _T["lemma_prep"], lemma[head[p]], lower[p]),
    ]
    s = kids[np.isin(dep[kids], _SUBJECTS)]
    parts.append((head[s], _T["subject"], pos[s], ent[s]))
    parts.append((head[s], _T["subject_word"], lemma[s], np.zeros(len(s), dtype=np.uint64)))
    parts.append((head[s], _T["lemma_subject"], lemma[head[s]], pos[s]))
    o = kids[np.isin(dep[kids], _OBJECTS)]
    parts.append((head[o], _T["object"], pos[o], ent[o]))
    at = np.searchsorted(_FRAME_IDS_SORTED, dep[kids])
    at[at == len(_FRAME_IDS_SORTED)] = 0
    is_frame = _FRAME_IDS_SORTED[at] == dep[kids]
    mask = np.zeros(n, dtype=np.int64)
    np.bitwise_or.at(mask, h[is_frame], 1 << _FRAME_BIT[at[is_frame]])
    sig = _FRAME_SIG[mask[rows_c]]
    parts.append((rows_c, _T["frame"], pos[rows_c], sig))
    listed = _listed(lemma[rows_c])
    parts.append((rows_c[listed], _T["lexicon"], pos[rows_c[listed]], sig[listed]))
    parts.append((rows_c, _T["lemma_frame"], lemma[rows_c], sig))
    w = kids[np.isin(dep[kids], _WORDS)]
    parts.append((head[w], _T["child_word"], dep[w], lemma[w]))
    return Features(
        candidates=rows_c,
        rows=np.concatenate([r for r, *_ in parts]),
        template=np.concatenate([np.full(len(r), t, dtype=np.uint64) for r, t, *_ in parts]),
        a=np.concatenate([a for _, _, a, _ in parts]),
        b=np.concatenate([b for *_, b in parts]),
    )


@dataclass(frozen=True)
class CueModel:
    """The fitted weights, as sorted feature hashes and their weights."""

    keys: np.ndarray
    weights: np.ndarray
    threshold: float

    def probabilities(self, doc: Doc, in_quote: np.ndarray) -> np.ndarray:
        """The probability that each token heads a cue (0 for words not scored)."""
        f = features(doc, in_quote)
        out = np.zeros(len(doc))
        if not len(f.candidates) or not len(self.keys):
            return out
        keys = f.keys
        at = np.searchsorted(self.keys, keys)
        at[at == len(self.keys)] = 0
        hit = self.keys[at] == keys
        z = np.bincount(f.rows[hit], weights=self.weights[at[hit]], minlength=len(doc))
        out[f.candidates] = 1.0 / (1.0 + np.exp(-z[f.candidates]))
        return out


def _string_id(word: str) -> int:
    return get_string_id(word) if word else 0


def from_json(data: dict) -> CueModel:
    """A CueModel from the JSON the trainer writes (weights by template, as words)."""
    ts: list[int] = []
    a_ids: list[int] = []
    b_ids: list[int] = []
    weights: list[float] = []
    for name, rows in data["weights"].items():
        t = _T[name]
        for a, b, w in rows:
            ts.append(t)
            a_ids.append(_string_id(a))
            b_ids.append(_string_id(b))
            weights.append(float(w))
    keys = key(np.array(ts), np.array(a_ids, dtype=np.uint64), np.array(b_ids, dtype=np.uint64))
    order = np.argsort(keys)
    return CueModel(
        keys=keys[order],
        weights=np.array(weights, dtype=np.float64)[order],
        threshold=float(data["threshold"]),
    )


def load_model(path: Traversable | Path) -> CueModel | None:
    """The cue detector in file ``path``; None where there is no such file."""
    if not path.is_file():
        return None
    return from_json(json.loads(path.read_text("utf-8")))


@trained("attribution")
def model() -> CueModel | None:
    """The package's cue detector; None without its file."""
    return load_model(data_file(MODEL_FILE))
