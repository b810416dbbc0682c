"""What an attribution is (``Attribution``: source, cue, content as token ranges), the
article's token tables (``_Text``) and its quotations.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_SPACE, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from eventwire.knowledge.cues import Lexicon
from eventwire.knowledge.words import listed, prepositions, pronouns

Range = tuple[int, int]  # token indices [start, end) in the Doc


OPEN_QUOTES = {"“", "``", "«", "„"}


CLOSE_QUOTES = {"”", "''", "»"}


QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {'"'}


KEEP = QUOTES | {"(", ")", "[", "]"}  # punctuation a span may start or end with


VERB_GROUP = {"aux", "auxpass", "neg", "advmod"}  # left of a cue verb, part of the cue


# right-hand children of a cue verb that continue its content ("denounced X as Y")
CONTENT_TAIL = {"prep", "oprd", "advmod", "npadvmod", "acomp", "attr", "dative", "agent"}


RELATIVE = pronouns("source")


# prepositions of the circumstances of a cue verb, not of what was said
CIRCUMSTANCES = prepositions("circumstance")


WH_ADVERBS = {"so", "when", "how", "why", "where", "then", "earlier", "later", "also"}


# "responded by saying", "after saying": the gerund's subject is the verb's
GERUND_PREPS = prepositions("gerund")


NEGATIVE_DETS = {"no", "neither"}


NEGATIVE_SUBJECTS = pronouns("negative")


DATE_ENTS = {"DATE", "TIME"}


SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


# "In a poll released Monday, …": documents that speak
DOCUMENTS = listed("statements", "documents")


_QUOTE_IDS = np.array([get_string_id(q) for q in QUOTES], dtype=np.uint64)


_OTHER_IDS = np.array([get_string_id(w) for w in ("according", "in")], dtype=np.uint64)


_COLON_ID = get_string_id(":")


DASHES = ("―", "—", "–", "-", "--")


_DASH_IDS = np.array([get_string_id(d) for d in DASHES], dtype=np.uint64)


DEFAULT_CONFIDENCE = 0.6  # a headline "Source: content"


FIRST_PERSON = pronouns("first_person")


STANCE_CONFIDENCE = 0.9  # a cue with a stance of its own, or an object cue


@dataclass(slots=True)
class Attribution:
    """One attribution as token ranges of the Doc (``content`` may be absent)."""

    cue: Range
    head: int  # the cue's head token (verb, noun or "according")
    source: Range | None
    content: Range | None
    frame: str  # object-cue, clause, to, object, describe, <preposition>, quote, according…
    lemma: str  # lemma of the cue head
    confidence: float = DEFAULT_CONFIDENCE
    learned: bool = False  # the frame was learned from PolNeAR: the curated stance does not apply
    subject: str = "none"  # kind of source: none, first (I, we, you), pronoun, noun
    object_stance: str | None = None  # stance given by the cue's object ("responsibility")
    negated: bool = False  # "does not dispute", "has not claimed"
    no_source: bool = False  # "no group has claimed": nobody said it
    direct: bool = False  # the content is quoted words
    in_quote: bool = False  # the cue stands inside someone's quoted words
    channel: Range | None = None  # "via its affiliated Telegram channels"
    addressee: Range | None = None  # "called on X to…", "urged X to…", "told X"
    sentence: Range | None = None  # the cue's sentence, within its paragraph
    antecedent: Range | None = None  # what a relative source stands for ("X, who said": X)
    gap: Range | None = None  # words inside the content that are not said ("“A,” he said. “B”")
    detected: bool = False  # found by the learned cue detector, not by the lexicon


class _Text:
    """What ``find`` looks up often in one Doc: sentence bounds and quotations."""

    def __init__(
        self, doc: Doc, lex: Lexicon, quotes: list[Range], quote_marks: list[int] | None = None
    ) -> None:
        self.doc = doc
        self.lex = lex
        # tokens that are quote marks (QUOTES), in order; computed here when not given
        if quote_marks is None:
            quote_marks = [t.i for t in doc if t.text in QUOTES]
        self.quote_marks = quote_marks
        self.starts = [s.start for s in doc.sents]
        self.ends = [*self.starts[1:], len(doc)]
        self.quotes = quotes
        self.quote_starts = [a for a, _ in self.quotes]

    def sentence(self, i: int) -> Range:
        k = bisect_right(self.starts, i) - 1
        return self.starts[k], self.ends[k]

    def quotation(self, i: int) -> Range | None:
        """The quotation (with its marks) that token ``i`` is strictly inside."""
        k = bisect_right(self.quote_starts, i) - 1
        if k >= 0:
            a, b = self.quotes[k]
            if a < i < b - 1:
                return a, b
        return None

    def widen_to_quotation(self, content: Range, cue: int) -> Range:
        """A content inside a quotation (the cue outside it) is the whole quotation."""
        k = bisect_right(self.quote_starts, content[0]) - 1
        if k >= 0:
            a, b = self.quotes[k]
            if a <= content[0] and content[1] <= b and not a <= cue < b:
                return a, b
        return content

    def quotation_ending(self, i: int) -> Range | None:
        """A quotation whose closing mark is at or just before ``i`` (commas between)."""
        k = bisect_right(self.quote_starts, i) - 1
        while k >= 0:
            a, b = self.quotes[k]
            if b <= i:
                gap = self.doc[b:i]
                if all(t.is_punct or t.is_space for t in gap) and len(gap) <= 2:
                    return a, b
                return None
            k -= 1
        return None

    def quotation_starting(self, i: int) -> Range | None:
        """A quotation opening at or just after ``i`` (a colon or comma between)."""
        k = bisect_right(self.quote_starts, i + 2) - 1
        if k >= 0:
            a, b = self.quotes[k]
            gap = self.doc[i:a]
            if a >= i and all(t.is_punct or t.is_space for t in gap):
                return a, b
        return None


def _quotations(doc: Doc, orth: np.ndarray, space: np.ndarray) -> list[Range]:
    """Quoted passages as token ranges including their marks.

    A quotation left open at the end of a paragraph ends there (news style: a quote
    running over paragraphs reopens each one).  ``orth`` and ``space`` are the ORTH and
    IS_SPACE columns of the Doc: only quote marks and spaces are looked at.
    """
    found: list[Range] = []
    start: int | None = None
    marks = np.flatnonzero(np.isin(orth, _QUOTE_IDS) | (space == 1))
    for i in marks.tolist():
        text = doc[i].text
        if text in OPEN_QUOTES or (text in ('"', "''") and start is None):
            start = i  # '' opens too where nothing is open (''We will,'' she said.)
        elif text in CLOSE_QUOTES or text == '"':
            if start is not None:
                found.append((start, i + 1))
                start = None
        elif start is not None and "\n" in text:
            found.append((start, i + 1))
            start = None
    if start is not None:
        found.append((start, len(doc)))
    return found


def quotations(doc: Doc) -> list[Range]:
    """The quoted passages of ``doc`` as token ranges including their marks."""
    cols = doc.to_array([ORTH, IS_SPACE])
    return _quotations(doc, cols[:, 0], cols[:, 1])
