"""Statement cues: which words mark a statement, with which stance (cues.yaml).

The lexicon is data (``cues.yaml`` beside this module; format in its header) plus the
cue table learned from PolNeAR train (``attribution_cues.tsv``, optional: built by
``eventwire train attribution``).  ``lexicon()`` loads both once per process.

    >>> lexicon().verbs["condemn"].stance
    'condemns'
    >>> lexicon().plover["threatens"]
    ('THREATEN', None)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import yaml

__all__ = ["STANCES", "Cue", "Lexicon", "lexicon"]

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
FRAMES = {"clause", "to", "object"}
LEARNED_FILE = "attribution_cues.tsv"
LEARNED_MIN_PROBABILITY = 0.5
LEARNED_MIN_COUNT = 3


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

    def probability(self, lemma: str, frame: str) -> float | None:
        """How often ``lemma`` in ``frame`` was an attribution cue in PolNeAR train."""
        return self.learned.get((lemma, frame))

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


def _learned(verbs: dict[str, Cue]) -> dict[tuple[str, str], float]:
    """Read the cue table learned from PolNeAR train; add its frequent cue verbs.

    A lemma×frame seen as a cue at least LEARNED_MIN_COUNT times with probability at
    least LEARNED_MIN_PROBABILITY becomes a cue: a new verb, or a new frame of a curated
    verb (``Cue.learned_frames``: in those frames the verb's curated stance does not apply).
    """
    path = resources.files("eventwire.knowledge").joinpath(LEARNED_FILE)
    table: dict[tuple[str, str], float] = {}
    if not path.is_file():
        return table
    frames_of: dict[str, set[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "lemma\t")):
            continue
        lemma, frame, cues, total, *_ = line.split("\t")
        table[(lemma, frame)] = int(cues) / int(total)
        if int(cues) >= LEARNED_MIN_COUNT and int(cues) / int(total) >= LEARNED_MIN_PROBABILITY:
            frames_of.setdefault(lemma, set()).add(frame)
    for lemma, frames in frames_of.items():
        cue = verbs.get(lemma)
        if cue is None:
            verbs[lemma] = Cue(lemma=lemma, learned_frames=frozenset(frames))
        elif frames - cue.frames:
            verbs[lemma] = replace(cue, learned_frames=frozenset(frames - cue.frames))
    return table


@cache
def lexicon() -> Lexicon:
    """The cue lexicon, loaded once per process."""
    text = resources.files("eventwire.knowledge").joinpath("cues.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    verbs = {str(k): _cue(str(k), v, "verbs:") for k, v in data["verbs"].items()}
    nouns = {str(k): _cue(str(k), v, "nouns:") for k, v in data["nouns"].items()}
    learned = _learned(verbs)
    plover = {
        stance: (str(v["type"]), v.get("mode")) for stance, v in (data.get("plover") or {}).items()
    }
    words = {k: frozenset(str(w).lower() for w in v) for k, v in data["words"].items()}
    return Lexicon(verbs=verbs, nouns=nouns, plover=plover, words=words, learned=learned)
