"""The actors stage's working state on one article (``_Article``) and its records:
dictionary matches (``_Cand``), actors before they get their ids (``_Info``), persons
(``_Person``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.findings import Findings
from eventwire.knowledge.actors import (
    Dictionary,
    Entry,
    dictionary,
)

DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those"))


POSSESSIVE = frozenset(("'s", "’s", "'", "’"))


NAME_ENTS = ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")


INITIAL = re.compile(r"^[A-Z]\.$")


ORG_KINDS = frozenset(("armed_group", "ngo", "igo", "other", "media"))


# ---- per-article working data ------------------------------------------------------------


@dataclass
class _Cand:
    """A dictionary match (tokens start:end) and the entry it names."""

    start: int
    end: int
    ref: str
    how: str
    rank: int
    country: str | None = None  # the country named, for country words
    acronym: bool = False  # the alias is written in capitals ("US", "UAE")


@dataclass
class _Info:
    """What an actor of this article is, before it gets its id."""

    key: str
    name: str
    kind: str
    country: str | None = None
    ref: str | None = None
    parent: str | None = None
    role: str | None = None
    affiliation: str | None = None  # key of another _Info
    first: int = 1 << 30  # char offset of the first mention
    referenced: int = 1 << 30  # char offset of the first person affiliated with it
    mentions: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class _Person:
    start: int  # the name (with honorifics), without role words
    end: int
    ref: str | None = None
    role: tuple[int, int] | None = None
    role_cls: str | None = None
    aff: _Cand | None = None
    aff_org: tuple[int, int] | None = None  # an ORG entity (tokens) the person works for


class _Article:
    """The state of the stage on one article."""

    def __init__(self, found: Findings):
        from spacy.attrs import IDX, LENGTH, LOWER, ORTH, SENT_START

        self.found = found
        self.doc: Doc = found.doc
        self.text = text = found.text
        self.d: Dictionary = dictionary()
        # token attributes in one array: no Token objects for the whole text
        rows = self.doc.to_array([IDX, LENGTH, LOWER, ORTH, SENT_START]).tolist()
        strings = self.doc.vocab.strings
        self.idx = [r[0] for r in rows]
        self.ends = [r[0] + r[1] for r in rows]
        self.tw = [text[a:b] for a, b in zip(self.idx, self.ends, strict=True)]  # as written
        self.words = [strings[r[2]] for r in rows]
        model = [strings[r[3]] for r in rows]  # as the model saw them (truecased)
        # ALL-CAPS wire copy: the model saw a truecased text
        self.shouting = model != self.tw
        # the text the names are read from: the truecased one in ALL-CAPS copy (built once:
        # ``Doc.text`` joins every token each time it is read)
        self.name_text = self.doc.text if self.shouting else text
        self.caps = [w[:1].isupper() for w in (model if self.shouting else self.tw)]
        self.ents = list(self.doc.ents)
        self.ent_at = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self.infos: dict[str, _Info] = {}
        self.used: set[int] = set()  # tokens that belong to a mention or a role
        self.blocked: set[int] = set()  # tokens of dictionary matches: no spaCy names there
        self.cands: list[_Cand] = []  # every dictionary match, before any filter
        self.marks: list[tuple[int, str]] = []  # (token, country) of every country word
        self.main_country: str | None = None
        self.extra_orgs: list[tuple[int, int]] = []  # PERSON entities that are organisations
        self.covered: set[int] = set()  # tokens inside any dictionary match
        # sentence starts from the parser (none without one: the article is one sentence)
        self.sent_starts = [i for i, r in enumerate(rows) if i == 0 or r[4] == 1]
        self._surnames: tuple[int, dict[str, str]] = (-1, {})

    # -- helpers ---------------------------------------------------------------------------

    def w(self, name: str) -> frozenset[str]:
        """A word list of the dictionary (``words:`` in actors.yaml)."""
        return self.d.words.get(name, frozenset())

    def written(self, start: int, end: int) -> list[str]:
        """The tokens start:end as written in the article (not truecased)."""
        return self.tw[start:end]

    def capitalised(self, i: int) -> bool:
        """Token ``i`` is written with a capital (in ALL-CAPS copy: after truecasing)."""
        return self.caps[i]

    def sentence_of(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def info(self, key: str, entry: Entry | None = None, **fields) -> _Info:
        found = self.infos.get(key)
        if found is None:
            if entry is not None:
                found = _Info(
                    key=key,
                    name=entry.name,
                    kind=entry.kind,
                    country=entry.country,
                    ref=entry.ref,
                    parent=entry.parent,
                )
            else:
                found = _Info(key=key, name=fields.pop("name"), kind=fields.pop("kind"))
            self.infos[key] = found
        for name, value in fields.items():
            if value is not None and getattr(found, name) is None:
                setattr(found, name, value)
        return found

    def entry_info(self, ref: str) -> _Info:
        return self.info(ref, self.d.get(ref))

    def mention(self, key: str, start: int, end: int) -> None:
        """Tokens start:end mention the actor ``key``."""
        if end <= start:
            return
        info = self.infos[key]
        a = self.idx[start]
        b = self.ends[end - 1]
        info.mentions.add((a, b))
        info.first = min(info.first, a)
        self.used.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.used or i in self.blocked for i in range(start, end))

    def phrase_ending(self, table, end: int, longest: int = 5) -> int:
        """Length of the longest phrase of ``table`` ending at token ``end`` (0 if none)."""
        if end <= 0 or self.words[end - 1] not in _edge_words(table)[1]:
            return 0
        for k in range(min(longest, end), 0, -1):
            if tuple(self.words[end - k : end]) in table:
                return k
        return 0

    def phrase_starting(self, table, start: int, longest: int = 5) -> int:
        """Length of the longest phrase of ``table`` starting at token ``start``."""
        n = len(self.words)
        if start >= n or self.words[start] not in _edge_words(table)[0]:
            return 0
        for k in range(min(longest, n - start), 0, -1):
            if tuple(self.words[start : start + k]) in table:
                return k
        return 0


def _surname_words(words: list[str], particles: frozenset[str]) -> list[str]:
    """The words of a name that name the person alone: the last; of three or more, also
    the one before it, the first of two surnames ("Alberto Medina Salcedo" → Medina)."""
    if len(words) >= 3 and words[-2].lower() not in particles:
        return words[-2:]
    return words[-1:]


def _run_of(short: list[str], long: list[str]) -> bool:
    """``short`` is a run of two words or more of ``long``, in order, and shorter."""
    n = len(short)
    if n < 2 or n >= len(long):
        return False
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _surnames(art: _Article) -> dict[str, str]:
    """Surname (as written) → person key, for the persons found so far."""
    size = sum(len(i.mentions) for i in art.infos.values() if i.kind == "person")
    if art._surnames[0] == size:
        return art._surnames[1]
    surnames: dict[str, str] = {}
    particles = art.w("name_particles")
    for key, info in art.infos.items():
        if info.kind != "person":
            continue
        for a, b in info.mentions:
            for last in _surname_words(art.text[a:b].split(), particles):
                if len(last) >= 3 and last[:1].isupper() and last.lower() not in particles:
                    surnames[last] = key if surnames.get(last, key) == key else ""
    found = {k: v for k, v in surnames.items() if v}
    art._surnames = (size, found)
    return found


_EDGES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _edge_words(table: dict) -> tuple[frozenset[str], frozenset[str]]:
    """(first words, last words) of a phrase table, for a quick test before slicing."""
    edges = _EDGES.get(id(table))
    if edges is None:
        edges = (frozenset(p[0] for p in table), frozenset(p[-1] for p in table))
        _EDGES[id(table)] = edges
    return edges
