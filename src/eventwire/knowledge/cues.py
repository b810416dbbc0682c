"""Statement cues: which words mark a statement, with which stance (cues.yaml).

The lexicon is data (``cues.yaml`` beside this module; format in its header) plus what
``eventwire train attribution`` learns from PolNeAR train: the cue table
(``attribution_cues.tsv``: how often each verb lemma, in each frame, was an attribution
cue) and a small logistic model (``attribution_model.json``: table probability, frame,
kind of subject → confidence).  Both are optional.  ``lexicon()`` loads it all once.

    >>> lexicon().verbs["condemn"].stance
    'condemns'
    >>> lexicon().plover["threatens"]
    ('THREATEN', None)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from eventwire.knowledge.files import data_file, load_yaml, model_on

__all__ = ["STANCES", "SUBJECTS", "Cue", "Lexicon", "features", "lexicon", "load_lexicon"]

STANCES = (
    "claims_responsibility",
    "denies",
    "condemns",
    "threatens",
    "accuses",
    "suspects",
    "confirms",
    "does_not_dispute",
    "calls_for",
    "expresses_condolences",
    "other",
)
LEARNED_FILE = "attribution_cues.tsv"
MODEL_FILE = "attribution_model.json"
LEARNED_MIN_PROBABILITY = 0.25  # a learned lemma×frame is a candidate cue from this on…
LEARNED_MIN_COUNT = 3  # …when seen as a cue at least this often
DEFAULT_CONFIDENCE = 0.6  # without a trained model: a curated cue PolNeAR has not scored
SUBJECTS = ("none", "first", "pronoun", "noun")  # kinds of source a cue verb has
TABLE_FRAME = {"quote": "clause", "describe": "object"}  # frames counted as others


def features(p: float | None, frame: str, subject: str, curated: bool) -> dict[str, float]:
    """The features of a candidate cue for the attribution model."""
    found = {"bias": 1.0, f"frame={frame}": 1.0, f"subject={subject}": 1.0}
    if p is None:
        found["unseen"] = 1.0
    else:
        q = min(max(p, 0.01), 0.99)
        found["logit_p"] = math.log(q / (1 - q))
    if curated:
        found["curated"] = 1.0
    return found


@dataclass(frozen=True, slots=True)
class Cue:
    """One verb or noun of the lexicon."""

    lemma: str
    stance: str = "other"
    frames: frozenset[str] = frozenset()
    objects: dict[str, str] = field(default_factory=dict)
    hedge: bool = False
    promise: bool = False
    learned_frames: frozenset[str] = frozenset()  # frames learned from PolNeAR train

    def has(self, frame: str) -> bool:
        """Whether ``frame`` makes this verb a cue (curated or learned)."""
        return frame in self.frames or frame in self.learned_frames


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue verbs and nouns, stance → PLOVER type, and the word classes of contents."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    plover: dict[str, tuple[str, str | None]]
    words: dict[str, frozenset[str]]
    learned: dict[tuple[str, str], float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)

    def probability(self, lemma: str, frame: str) -> float | None:
        """How often ``lemma`` in ``frame`` was an attribution cue in PolNeAR train
        (outside quotations; add-one smoothed)."""
        return self.learned.get((lemma, TABLE_FRAME.get(frame, frame)))

    def confidence(self, lemma: str, frame: str, subject: str, curated: bool) -> float:
        """How likely a verb in this frame, with this kind of subject, is an attribution:
        the logistic model trained on PolNeAR train (``attribution_model.json``)."""
        p = self.probability(lemma, frame)
        if not self.weights:
            return p if p is not None else DEFAULT_CONFIDENCE
        w = self.weights
        z = sum(w.get(k, 0.0) * v for k, v in features(p, frame, subject, curated).items())
        return 1.0 / (1.0 + math.exp(-z))

    def word(self, kind: str) -> frozenset[str]:
        """A word class of ``words:`` ("hostile", "attack", "channel"…)."""
        return self.words.get(kind, frozenset())


def _cue(lemma: str, entry: dict | None, where: str) -> Cue:
    entry = entry or {}
    unknown = set(entry) - {"stance", "frames", "objects", "hedge", "promise"}
    if unknown:
        raise ValueError(f"cues.yaml: {where} {lemma}: unknown keys {sorted(unknown)}")
    frames = entry.get("frames") or ()
    if any(not isinstance(f, str) for f in frames):  # YAML reads a bare on/off as a boolean
        raise ValueError(f'cues.yaml: {where} {lemma}: frames must be words (quote "on")')
    stance = entry.get("stance", "other")
    objects = {str(k): str(v) for k, v in (entry.get("objects") or {}).items()}
    for value in (stance, *objects.values()):
        if value not in STANCES:
            raise ValueError(f"cues.yaml: {where} {lemma}: unknown stance {value!r}")
    return Cue(
        lemma=lemma,
        stance=stance,
        frames=frozenset(frames),
        objects=objects,
        hedge=bool(entry.get("hedge", False)),
        promise=bool(entry.get("promise", False)),
    )


def _learned(verbs: dict[str, Cue], path: Traversable | Path) -> dict[tuple[str, str], float]:
    """Read the cue table learned from PolNeAR train; add its frequent cue verbs.

    A lemma×frame seen as a cue at least LEARNED_MIN_COUNT times with probability at
    least LEARNED_MIN_PROBABILITY becomes a cue: a new verb, or a new frame of a curated
    verb (``Cue.learned_frames``: in those frames the verb's curated stance does not apply).
    A curated verb with listed ``objects`` learns no other object frame.
    """
    table: dict[tuple[str, str], float] = {}
    if not path.is_file():
        return table
    frames_of: dict[str, set[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "lemma\t")):
            continue
        lemma, frame, cues, total, *_ = line.split("\t")
        table[(lemma, frame)] = (int(cues) + 1) / (int(total) + 2)
        if int(cues) >= LEARNED_MIN_COUNT and int(cues) / int(total) >= LEARNED_MIN_PROBABILITY:
            frames_of.setdefault(lemma, set()).add(frame)
    for lemma, frames in frames_of.items():
        cue = verbs.get(lemma)
        if cue is None:
            verbs[lemma] = Cue(lemma=lemma, learned_frames=frozenset(frames))
            continue
        if cue.objects:  # listed objects are the only ones: "claimed responsibility", not lives
            frames.discard("object")
        if frames - cue.frames:
            verbs[lemma] = replace(cue, learned_frames=frozenset(frames - cue.frames))
    return table


def lexicon() -> Lexicon:
    """The cue lexicon with the learned table and model of the package, loaded once;
    the curated cues alone when ``EVENTWIRE_MODELS`` turns the attribution models off."""
    return _lexicon(model_on("attribution"))


def forget_lexicon() -> None:
    """Forget the loaded lexicon (a trainer has just written its learned files)."""
    _lexicon.cache_clear()


@cache
def _lexicon(learned: bool) -> Lexicon:
    return load_lexicon(weights=learned, table=learned)


def load_lexicon(learned: Path | None = None, weights: bool = True, table: bool = True) -> Lexicon:
    """The cue lexicon, with the learned files of folder ``learned`` (default: the package).

    ``weights=False`` leaves the model out (while training it); ``table=False`` the learned
    cue table too (the curated cues alone).
    """

    def learned_file(name: str) -> Traversable:
        return learned.joinpath(name) if learned is not None else data_file(name)

    data = load_yaml("cues.yaml")
    verbs = {str(k): _cue(str(k), v, "verbs:") for k, v in data["verbs"].items()}
    nouns = {str(k): _cue(str(k), v, "nouns:") for k, v in data["nouns"].items()}
    found_table = _learned(verbs, learned_file(LEARNED_FILE)) if table else {}
    plover = {
        stance: (str(v["type"]), v.get("mode")) for stance, v in (data.get("plover") or {}).items()
    }
    words = {k: frozenset(str(w).lower() for w in v) for k, v in data["words"].items()}
    model = learned_file(MODEL_FILE)
    found = json.loads(model.read_text("utf-8"))["weights"] if weights and model.is_file() else {}
    return Lexicon(
        verbs=verbs, nouns=nouns, plover=plover, words=words, learned=found_table, weights=found
    )
