"""Attribution: who said (or thinks) what, read from the dependency parse.

``find(doc)`` returns every attribution of a spaCy Doc as token ranges: the *source*
(who), the *cue* (the words that mark it: "stated", "asserted responsibility",
"according to") and the *content* (what was said: a clause, a quote, an object).  It
knows nothing of stances or actors; ``stance.py`` reads the stance and ``statements.py``
turns attributions into Statements.

The constructions tried for a cue verb of ``cues.yaml``, in this order:

* object cues: the verb with a listed object is the cue ("took responsibility for X",
  "offered condolences to X"); the content is what follows;
* ``clause``: a reported clause ("said that…", "“…,” he said", "said: “…”",
  "X, he said, …", "as Politico reported, …");
* ``to``: an infinitive ("vowed to retaliate");
* ``object``: a direct object ("condemned the attack", "denied involvement");
* ``describe``: an object and its description ("called the attack cowardly");
* prepositions ("called for protests", "warned of consequences", "called on X to…");
* ``quote``: a quotation next to a speech verb ("“Okay,” I said").

Contents follow PolNeAR's spans, compared by their hull: a cue between two parts of what
was said leaves the content whole ("The attack, he said, was cowardly"), and a quotation
the speaker resumes right after the cue continues it ("“A,” he said. “B.”").

Besides verbs: "according to X", "in a poll/statement…", a headline "Source: content", a
quotation signed with a dash ("“…” ― Maria Lopez"), and nominal cues with a possessive
source ("Islamic State's claim of responsibility for the attack").  The source of a verb
without a subject comes from the verb it is coordinated with or depends on ("…, saying
that", "responded by saying"); in a relative clause it is the pronoun ("X, who said"),
its antecedent kept apart.  Sources keep their relative clauses ("the experts I asked"),
and the cue runs from the verb that has the subject ("keeps saying").

Each attribution carries a ``confidence``: for a verb without a stance of its own, the
attribution model trained on PolNeAR train (``Lexicon.confidence``: how often the lemma
in that frame was a cue, the frame, the kind of subject).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from eventwire.knowledge.cues import Cue, Lexicon, lexicon

__all__ = ["Attribution", "find", "quotations", "subject_kind"]

Range = tuple[int, int]  # token indices [start, end) in the Doc

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OPEN_QUOTES = {"“", "``", "«", "„"}
CLOSE_QUOTES = {"”", "''", "»"}
QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {'"'}
KEEP = QUOTES | {"(", ")", "[", "]"}  # punctuation a span may start or end with
VERB_GROUP = {"aux", "auxpass", "neg", "advmod"}  # left of a cue verb, part of the cue
# right-hand children of a cue verb that continue its content ("denounced X as Y")
CONTENT_TAIL = {"prep", "oprd", "advmod", "npadvmod", "acomp", "attr", "dative", "agent"}
RELATIVE = {"who", "which", "that", "whom"}
# prepositions of the circumstances of a cue verb, not of what was said
CIRCUMSTANCES = {
    "during", "after", "before", "until", "despite", "without", "given", "amid", "following",
    "compared", "since",
}  # fmt: skip
WH_ADVERBS = {"so", "when", "how", "why", "where", "then", "earlier", "later", "also"}
# "responded by saying", "after saying": the gerund's subject is the verb's
GERUND_PREPS = {"by", "after", "before", "while", "without", "upon", "of"}
NEGATIVE_DETS = {"no", "neither"}
NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}
DATE_ENTS = {"DATE", "TIME"}
SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
# "In a poll released Monday, …": documents that speak
DOCUMENTS = {
    "poll", "survey", "report", "study", "statement", "interview", "letter", "memo",
    "editorial", "speech", "tweet", "post", "column", "op-ed", "filing", "lawsuit",
    "complaint", "analysis", "book", "essay", "message", "video", "communique", "release",
}  # fmt: skip
_QUOTE_IDS = np.array([get_string_id(q) for q in QUOTES], dtype=np.uint64)
_OTHER_IDS = np.array([get_string_id(w) for w in ("according", "in")], dtype=np.uint64)
_COLON_ID = get_string_id(":")
DASHES = ("―", "—", "–", "-", "--")
_DASH_IDS = np.array([get_string_id(d) for d in DASHES], dtype=np.uint64)
DEFAULT_CONFIDENCE = 0.6  # a headline "Source: content"
FIRST_PERSON = {"i", "we", "you", "me", "us"}
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


def _subtree(tok: Token) -> Range:
    return tok.left_edge.i, tok.right_edge.i + 1


def _trim(doc: Doc, rng: Range) -> Range | None:
    """Drop punctuation (but quotes and brackets), spaces and conjunctions at both ends."""
    a, b = rng
    while a < b and (doc[a].is_space or (doc[a].is_punct and doc[a].text not in KEEP)):
        a += 1
    while b > a and (
        doc[b - 1].is_space
        or (doc[b - 1].is_punct and doc[b - 1].text not in KEEP)
        or doc[b - 1].dep_ == "cc"
    ):
        b -= 1
    return (a, b) if a < b else None


def _verb_group(tok: Token) -> int:
    """Start of the verb group: "has vowed", "does not dispute", "also said"."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.i == start - 1 and child.dep_ in VERB_GROUP:
            start = child.i
        else:
            break
    return start


def _quote_balance(
    doc: Doc, rng: Range, limit: Range, quote_marks: list[int] | None = None
) -> tuple[Range, bool]:
    """Extend a content to the quote marks around it; say whether it is quoted words.

    ``quote_marks``: the sorted indexes of the Doc's tokens in ``QUOTES``, when known.
    """
    a, b = rng
    lo, hi = limit
    if a - 1 >= lo and doc[a - 1].text in OPEN_QUOTES | {'"'}:
        a -= 1
    if quote_marks is None:
        quotes = [i for i in range(a, b) if doc[i].text in QUOTES]
    else:
        quotes = quote_marks[bisect_left(quote_marks, a) : bisect_left(quote_marks, b)]
    if len(quotes) % 2 == 1:  # a quote opened inside the content and closes after it
        j = b
        while j < hi and j < b + 4 and doc[j].text not in QUOTES and doc[j].is_punct:
            j += 1
        if j < hi and doc[j].text in QUOTES:
            b = j + 1
            quotes.append(j)
    direct = False
    if len(quotes) >= 2:
        direct = (quotes[-1] - quotes[0] + 1) * 2 >= (b - a)
    return (a, b), direct


def _noun_phrase(doc: Doc, tok: Token, cue: int | None = None) -> Range:
    """The noun phrase of ``tok`` with its relative clauses ("the experts I interviewed",
    "Joseph, who has four children", "a report released Friday", as PolNeAR's sources
    have them), but a participle set off by a comma ("analysts, citing…") and a clause
    holding the cue (token ``cue``)."""
    a, b = _subtree(tok)
    for child in tok.rights:
        if child.dep_ not in ("relcl", "acl") or child.i < tok.i:
            continue
        start = child.left_edge.i
        holds_cue = cue is not None and start <= cue <= child.right_edge.i
        if holds_cue or (child.dep_ == "acl" and doc[start - 1].text == ","):
            b = min(b, start)
            break
    return _trim(doc, (a, b)) or (tok.i, tok.i + 1)


def _subject(tok: Token) -> Token | None:
    """The subject of verb ``tok``, looking through coordination and participles."""
    for _ in range(4):
        if any(c.dep_ == "nsubjpass" for c in tok.children):  # passive: "condemned by X"
            agent = _child(tok, "agent")
            return _child(agent, "pobj") if agent is not None else None
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if subjects:  # the nearest: "San Salvador, 12 Jan -- The Front claimed…"
            child = min(subjects, key=lambda c: abs(tok.i - c.i))
            if child.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return child
        for child in tok.children:
            if child.dep_ == "agent":
                return _child(child, "pobj")
        if tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children):
                return None
            tok = tok.head
            continue
        if tok.dep_ in ("acl", "relcl") and tok.head.i != tok.i:
            return tok.head
        prep = tok.head
        if tok.dep_ == "pcomp" and prep.lower_ in GERUND_PREPS and prep.head.pos_ == "VERB":
            tok = prep.head  # "began by saying…", "stopped short of calling…"
            continue
        return None
    return None


def _relative(tok: Token) -> Token | None:
    """The relative pronoun that is the subject of verb ``tok`` ("the senator, who said…",
    "who met them and said…"): PolNeAR's source is the pronoun itself."""
    for _ in range(4):
        child = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if child is not None:
            return child if child.lower_ in RELATIVE and tok.dep_ == "relcl" else None
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _cue_start(tok: Token, source: Range | None) -> int:
    """Where the cue of verb ``tok`` starts: its verb group, or that of the verbs it
    hangs from up to its subject ("went on to discuss", "stopped short of calling", "keeps
    saying": PolNeAR's cue is every word between source and content)."""
    top = tok
    while not any(c.dep_ in SUBJECTS for c in top.children) and top.head.i != top.i:
        head = top.head
        if top.dep_ in ("xcomp", "acomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
            top = head  # "keeps saying", "was able to tout"
        elif top.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "ADV"):
            top = head.head if head.head.pos_ == "VERB" else head.head.head
        else:
            break
    if top is tok or top.i > tok.i or source is None or source[1] > _verb_group(top):
        return _verb_group(tok)
    return _verb_group(top)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children)


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep(tok: Token, words: set[str] | frozenset[str]) -> Token | None:
    return next(
        (c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in words), None
    )


def _pobj(prep: Token) -> Token | None:
    return _child(prep, "pobj", "pcomp")


def _is_channel(tok: Token, lex: Lexicon) -> bool:
    """A preposition (or object) whose noun names a medium: "via Telegram", "on state TV"."""
    nouns = [tok] if tok.dep_ != "prep" else [c for c in tok.children if c.dep_ == "pobj"]
    words = lex.word("channel")
    return any(n.lower_ in words or n.lemma_.lower() in words for n in nouns)


def _channel(verb: Token, lex: Lexicon) -> Range | None:
    for child in verb.children:
        via = child.dep_ == "prep" and child.lower_ in ("via", "on", "in", "through", "over")
        if via and _is_channel(child, lex):
            return _subtree(child)
    return None


def _is_date(tok: Token) -> bool:
    """A preposition of time: "on Wednesday", "in 2020"."""
    obj = _child(tok, "pobj") if tok.dep_ == "prep" else tok
    return obj is not None and obj.ent_type_ in DATE_ENTS


def _tail(t: _Text, verb: Token, after: int, stop: int) -> int:
    """End of the content: extend over the verb's prepositional tail ("…as a cowardly act")."""
    end = after
    for child in verb.rights:
        if child.i < after:
            continue
        if child.dep_ not in CONTENT_TAIL:
            break
        if child.dep_ == "prep" and (_is_channel(child, t.lex) or _is_date(child)):
            break
        if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCES:
            break  # "denounced the plan as reckless during a town hall": when, not what
        if child.dep_ == "prep" and child.lower_ == "with" and _child(child, "pcomp"):
            break  # "…, with X saying that…": another statement
        if any(t.doc[k].text == "," for k in range(end, child.left_edge.i)):
            break
        end = max(end, child.right_edge.i + 1)
    return min(end, stop)


def _larger_side(whole: Range, hole: Range) -> Range:
    """The larger part of ``whole`` left of or right of ``hole``."""
    left, right = (whole[0], hole[0]), (hole[1], whole[1])
    return left if left[1] - left[0] >= right[1] - right[0] else right


def _around(doc: Doc, whole: Range, hole: Range) -> Range:
    """The words of ``whole`` around the attribution ``hole``: the side left of it when
    it closes the clause ("The attack was cowardly, he said."), the side right of it when
    it opens it, else the whole clause, the attribution within ("The attack, he said, was
    cowardly": PolNeAR's content is both sides, compared by their hull)."""
    left, right = (whole[0], hole[0]), (hole[1], whole[1])
    if _trim(doc, right) is None or all(doc[k].dep_ == "cc" for k in range(*right)):
        return left
    if _trim(doc, left) is None:
        return right
    return whole


def _own_words(tok: Token) -> Range:
    """A parenthetical speech verb with its subject and modifiers ("she said on Monday"),
    not the clauses hanging from it ("If the storm weakens, she said, …")."""
    a, b = tok.i, tok.i + 1
    for child in reversed(list(tok.lefts)):
        if child.dep_ in (*SUBJECTS, *VERB_GROUP) and child.right_edge.i == a - 1:
            a = child.left_edge.i
    for child in tok.rights:
        around = child.dep_ in (*SUBJECTS, "prep", "npadvmod", "advmod", "agent", "punct")
        if around and child.left_edge.i == b:
            b = child.right_edge.i + 1
    return a, b


def _resumed(t: _Text, tok: Token, subject: Token | None, content: Range) -> Range | None:
    """ "“The harbor will stay open,” the mayor said. “We have fuel.”": the quotation the
    speaker goes on with right after the attribution (in the same sentence after a comma,
    or as the next sentence of the paragraph) continues the quoted content: the content
    then runs from the first quotation to the end of this second one (returned)."""
    doc = t.doc
    end = tok.i
    if subject is not None and subject.i > tok.i:  # "…,” said Tim Hess, a developer."
        end = max(end, subject.right_edge.i)
    # "said on Tuesday", "told reporters", "said, referring to the country's name"
    for child in tok.rights:
        if child.i <= end or child.dep_ in ("punct", "cc", "conj", "ccomp", "parataxis"):
            continue
        quoted = any(doc[k].text in QUOTES for k in range(child.left_edge.i, child.i + 1))
        if quoted or any(not doc[k].is_punct for k in range(end + 1, child.left_edge.i)):
            break
        end = child.right_edge.i
    j = end + 1
    while j < len(doc) and j <= end + 3 and doc[j].text not in QUOTES:
        if not (doc[j].is_punct or doc[j].dep_ == "cc") or "\n" in doc[j - 1].whitespace_:
            return None
        j += 1
    if j >= len(doc) or "\n" in doc[j - 1].whitespace_ or doc[j].text in CLOSE_QUOTES - {"''"}:
        return None
    k = bisect_left(t.quote_starts, j)
    if k == len(t.quotes) or t.quote_starts[k] != j:
        return None
    return t.quotes[k]


@dataclass(slots=True)
class _Frame:
    name: str
    content: Range | None = None
    cue_end: int | None = None
    addressee: Range | None = None
    object_stance: str | None = None
    learned: bool = False


def _object_cue(t: _Text, tok: Token, cue: Cue, dobj: Token | None) -> _Frame | None:
    """ "asserted responsibility for the bombings", "offered condolences to the families"."""
    if dobj is None or not cue.objects:
        return None
    stance = cue.objects.get(dobj.lemma_.lower()) or cue.objects.get(dobj.lower_)
    if not stance:
        return None
    if dobj.i < tok.i:  # passive: "the bombing was claimed by X"
        return _Frame("object-cue", _subtree(dobj), object_stance=stance)
    frame = _Frame("object-cue", cue_end=dobj.i + 1, object_stance=stance)
    rest = [c for c in dobj.rights if c.dep_ in ("prep", "acl")]
    rest += [c for c in tok.rights if c.i > dobj.i and c.dep_ in ("prep", "dative")]
    rest = [c for c in rest if not _is_channel(c, t.lex) and not _is_date(c)]
    if rest:
        first = min(rest, key=lambda c: c.i)
        what = _pobj(first) if first.dep_ in ("prep", "dative") else first
        frame.content = ((what or first).left_edge.i, max(c.right_edge.i for c in rest) + 1)
        if first.lower_ == "to" and stance == "expresses_condolences":
            frame.addressee = _subtree(what or first)
    return frame


def _clause(t: _Text, tok: Token, stance: bool) -> _Frame | None:
    """A reported clause of ``tok`` (``stance``: the verb has a stance of its own)."""
    comp = _child(tok, "ccomp")
    if stance and comp is not None and comp.i < tok.i and _child(tok, "dobj") is not None:
        comp = None  # "X claims the bombing; Y deny role": the object, not a clause before
    if comp is not None:
        a, b = _subtree(comp)
        if comp.i > tok.i:  # "said (that) …": the clause starts after the cue
            a = max(a, tok.i + 1)
        return _Frame("clause", (a, b))
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ == "parataxis":  # "The attack, he said, was cowardly."
        return _Frame("clause", _around(t.doc, _subtree(head), _own_words(tok)))
    if tok.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in tok.children):
        return _Frame("clause", _larger_side(_subtree(head), _subtree(tok)))  # "As X said, …"
    return None


def _quote(t: _Text, tok: Token, subject: Token | None) -> _Frame | None:
    """ "“Okay,” I said" / "he said: “…”": a quotation next to the speech verb."""
    left = min(tok.i, subject.left_edge.i if subject is not None else tok.i)
    before = t.quotation_ending(left)
    if before is not None:
        return _Frame("quote", before)
    right = max(tok.i, subject.right_edge.i if subject is not None else tok.i) + 1
    after = t.quotation_starting(right)
    if after is not None:
        return _Frame("quote", after)
    if right < len(t.doc) and t.doc[right].text == ":":
        return _Frame("quote", (right + 1, t.sentence(right)[1]))
    return None


def _frame(t: _Text, tok: Token, cue: Cue, subject: Token | None) -> _Frame | None:
    """The first frame of ``cue`` that verb ``tok`` shows: curated frames, then learned."""
    dobj = _child(tok, "dobj")
    passive = _child(tok, "nsubjpass")
    if dobj is None and passive is not None and passive.pos_ != "PRON":
        dobj = passive  # "the attack was condemned by the EU": the object is the subject
    if (frame := _object_cue(t, tok, cue, dobj)) is not None:
        return frame
    frame = _frame_in(t, tok, cue, subject, dobj, cue.frames)
    if frame is None and cue.learned_frames:
        frame = _frame_in(t, tok, cue, subject, dobj, cue.learned_frames)
        if frame is not None:
            frame.learned = True
    return frame


def _frame_in(
    t: _Text, tok: Token, cue: Cue, subject: Token | None, dobj: Token | None, frames: frozenset
) -> _Frame | None:
    """The first of ``frames`` that verb ``tok`` shows."""
    hi = t.sentence(tok.i)[1]
    own = cue.stance != "other"
    if "clause" in frames and (frame := _clause(t, tok, own)) is not None:
        return frame
    xcomp = _child(tok, "xcomp")
    preps = frames - {"clause", "to", "object", "quote"}
    prep = _prep(tok, preps) if preps else None
    if prep is not None and (pobj := _pobj(prep)) is not None:
        frame = _Frame(prep.lower_, cue_end=prep.i + 1 if prep.i == tok.i + 1 else None)
        if prep.lower_ in ("on", "upon") and xcomp is not None:  # "called on X to …"
            frame.addressee = _subtree(pobj)
            frame.content = (pobj.left_edge.i, _subtree(xcomp)[1])  # whom and what
        else:
            frame.content = (pobj.left_edge.i, _tail(t, tok, pobj.right_edge.i + 1, hi))
            if dobj is not None and tok.i < dobj.i < prep.i:  # "criticized X for Y": both
                frame.content = (dobj.left_edge.i, frame.content[1])
        return frame
    if "to" in frames and xcomp is not None and xcomp.pos_ in ("VERB", "AUX"):
        a, b = _subtree(xcomp)
        if dobj is not None and tok.i < dobj.i < xcomp.i:  # "told her husband to come out"
            a = dobj.left_edge.i
        return _Frame("to", (a, b))
    describe = dobj is not None and (
        _child(tok, "oprd") is not None or (xcomp is not None and xcomp.pos_ != "VERB")
    )
    if describe and ("object" in frames or cue.lemma == "call"):  # "called it a crime"
        what = _child(tok, "oprd") or xcomp
        end = what.right_edge.i + 1 if what is not None and what.i > dobj.i else None
        end = _tail(t, tok, end or dobj.right_edge.i + 1, hi)
        return _Frame("describe", (dobj.left_edge.i, end), learned=True)
    if "object" in frames and dobj is not None:
        if dobj.i < tok.i:  # passive
            return _Frame("object", _subtree(dobj))
        frame = _Frame("object", (dobj.left_edge.i, _tail(t, tok, dobj.right_edge.i + 1, hi)))
        if cue.lemma in ("urge", "implore", "ask") and xcomp is not None:
            # "urged Pyongyang to resume talks": whom and what, PolNeAR's content
            frame.addressee = _subtree(dobj)
            frame.content = (dobj.left_edge.i, _subtree(xcomp)[1])
        return frame
    if "quote" in frames and (frame := _quote(t, tok, subject)) is not None:
        return frame
    return None


def subject_kind(subject: Token | None) -> str:
    """The kind of a cue verb's subject, a feature of the attribution model."""
    if subject is None:
        return "none"
    if subject.lower_ in FIRST_PERSON:
        return "first"
    return "pronoun" if subject.pos_ == "PRON" else "noun"


def _no_source(subject: Token | None) -> bool:
    """ "No group has claimed…", "nobody said…": the statement was not made."""
    if subject is None:
        return False
    if subject.lower_ in NEGATIVE_SUBJECTS:
        return True
    if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in subject.children):
        return True
    return subject.lower_ == "one" and subject.i > 0 and subject.nbor(-1).lower_ == "no"


def _verb_cue(t: _Text, tok: Token, cue: Cue) -> Attribution | None:
    """An attribution with the verb ``tok`` as cue, if one of its frames is present."""
    doc = t.doc
    subject = _subject(tok)
    frame = _frame(t, tok, cue, subject)
    if frame is None:
        return None
    cue_end = frame.cue_end or tok.i + 1
    particle = _child(tok, "prt")
    if particle is not None and particle.i == tok.i + 1:
        cue_end = max(cue_end, tok.i + 2)
    for child in tok.rights:  # "said explicitly", "fired back forcefully"
        if child.i != cue_end or child.dep_ not in ("advmod", "prt") or child.pos_ != "ADV":
            break
        inside = frame.content is not None and child.i >= frame.content[0]
        if inside or child.lower_ in WH_ADVERBS:
            break
        cue_end = child.i + 1
    content, direct, gap = None, False, None
    if frame.content is not None and (trimmed := _trim(doc, frame.content)) is not None:
        if frame.name == "quote":
            content, direct = trimmed, True
        else:
            content, direct = _quote_balance(doc, trimmed, t.sentence(tok.i), t.quote_marks)
            widened = t.widen_to_quotation(content, tok.i)
            if widened != content:
                content, direct = widened, True
        if direct and content[1] <= tok.i and (resumed := _resumed(t, tok, subject, content)):
            gap, content = (content[1], resumed[0]), (content[0], resumed[1])
    dobj = _child(tok, "dobj", "dative")
    channel = _channel(tok, t.lex)
    addressee = frame.addressee
    if cue.lemma == "tell" and dobj is not None:
        if channel is None and _is_channel(dobj, t.lex):
            channel = _subtree(dobj)  # "told state TV"
        elif addressee is None:
            addressee = _subtree(dobj)
    kind = subject_kind(subject)
    source = _noun_phrase(doc, subject, tok.i) if subject is not None else None
    antecedent = None
    if source is not None and (pronoun := _relative(tok)) is not None:
        source, antecedent = (pronoun.i, pronoun.i + 1), source
    if frame.object_stance or (cue.stance != "other" and not frame.learned):
        confidence = STANCE_CONFIDENCE
    else:
        confidence = t.lex.confidence(cue.lemma, frame.name, kind, curated=not frame.learned)
    return Attribution(
        cue=(_cue_start(tok, source), cue_end),
        head=tok.i,
        source=source,
        antecedent=antecedent,
        gap=gap,
        content=content,
        frame=frame.name,
        lemma=cue.lemma,
        confidence=confidence,
        learned=frame.learned,
        subject=kind,
        object_stance=frame.object_stance,
        negated=_negated(tok),
        no_source=_no_source(subject),
        direct=direct,
        in_quote=t.quotation(tok.i) is not None,
        channel=channel,
        addressee=addressee,
    )


def _clause_of(tok: Token) -> Token:
    """The clause a modifier hangs from."""
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return clause


def _prepositional(t: _Text, tok: Token, pobj: Token, cue: Range, frame: str) -> Attribution:
    """ "…, according to X" / "In a poll released Monday, …": content is the clause."""
    lo, hi = t.sentence(tok.i)
    clause = _clause_of(tok)
    a, b = _subtree(clause)
    hole = (min(cue[0], tok.i), max(cue[1], pobj.right_edge.i + 1))
    content = _trim(t.doc, _larger_side((max(a, lo), min(b, hi)), hole))
    direct = False
    if content is not None:
        content, direct = _quote_balance(t.doc, content, (lo, hi), t.quote_marks)
    return Attribution(
        cue=cue,
        head=tok.i,
        source=_noun_phrase(t.doc, pobj, tok.i),
        content=content,
        frame=frame,
        lemma=t.doc[cue[0] : cue[1]].text.lower(),
        confidence=STANCE_CONFIDENCE,
        direct=direct,
        in_quote=t.quotation(tok.i) is not None,
    )


def _according(t: _Text, tok: Token) -> Attribution | None:
    if tok.i + 1 >= len(t.doc) or tok.nbor(1).lower_ != "to":
        return None
    pobj = _pobj(tok.nbor(1)) or _child(tok, "pobj")
    if pobj is None:
        return None
    return _prepositional(t, tok, pobj, (tok.i, tok.i + 2), "according")


def _in_document(t: _Text, tok: Token) -> Attribution | None:
    """ "In a poll released Monday, 50 percent…" (not the channel of a speech verb)."""
    pobj = _pobj(tok)
    if pobj is None or pobj.lemma_.lower() not in DOCUMENTS or tok.head.i == tok.i:
        return None
    head = tok.head
    if head.pos_ != "VERB" or head.lemma_.lower() in t.lex.verbs:
        return None
    after = pobj.right_edge.i + 1
    if tok.i > head.i or after >= len(t.doc) or t.doc[after].text != ",":
        return None  # "In a poll released Monday, …" opens the clause, set off by a comma
    return _prepositional(t, tok, pobj, (tok.i, tok.i + 1), "in")


def _headline(t: _Text, colon: Token) -> Attribution | None:
    """ "Clinton camp: Trump's rhetoric threatens security", "Poll: …", a transcript's
    "SMITH: …" or "Q: …": a name (words with capitals) before a colon at the start of a
    line (or of a quotation opening it)."""
    doc = t.doc
    start = colon.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    if start < colon.i and doc[start].text in OPEN_QUOTES | {'"', "''"}:
        start += 1  # a transcript quoted paragraph by paragraph: '"SMITH: Well, …'
    source = doc[start : colon.i]
    if not 0 < len(source) <= 5:
        return None
    if any(w.like_num or w.is_punct or w.pos_ in ("VERB", "AUX", "ADP") for w in source):
        return None
    if source.text.lower() in t.lex.word("not_speakers"):
        return None
    named = any(w.ent_type_ in SPEAKER_ENTS for w in source)
    if not named and any(not w.text[:1].isupper() for w in source):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and "\n" not in doc[end].text:
        end += 1
    content = _trim(doc, (colon.i + 1, end))
    if content is None or not any(w.pos_ in ("VERB", "AUX") for w in doc[content[0] : content[1]]):
        return None  # "Clinton: 1,769.", "Iowa: Tim Albrecht, Brad Anderson"
    return Attribution(
        cue=(colon.i, colon.i + 1),
        head=colon.i,
        source=(start, colon.i),
        content=content,
        frame="headline",
        lemma=":",
        confidence=DEFAULT_CONFIDENCE,
    )


def _signed(t: _Text, dash: Token) -> Attribution | None:
    """ "“We will rebuild.” ― Maria Lopez" (or on the next line, "- Maria Lopez, Ohio."):
    a quotation signed with a dash and a name that ends the line."""
    doc = t.doc
    quote = t.quotation_ending(dash.i)
    if quote is None:
        return None
    end = dash.i + 1
    while end < len(doc) and not doc[end].is_space and "\n" not in doc[end - 1].whitespace_:
        end += 1
    stop = next((k for k in range(dash.i + 1, end) if doc[k].text in (",", "(")), end)
    source = _trim(doc, (dash.i + 1, stop))
    if source is None or source[1] - source[0] > 5:
        return None
    words = doc[source[0] : source[1]]
    if any(not w.text[:1].isupper() and not w.is_punct for w in words):
        return None
    if not any(w.pos_ == "PROPN" or w.ent_type_ in SPEAKER_ENTS for w in words):
        return None
    content = _trim(doc, quote)
    if content is None:
        return None
    return Attribution(
        cue=(dash.i, dash.i + 1),
        head=dash.i,
        source=source,
        content=content,
        frame="signed",
        lemma=dash.text,
        confidence=STANCE_CONFIDENCE,
        direct=True,
    )


def _noun_cue(t: _Text, tok: Token, cue: Cue) -> Attribution | None:
    """ "Islamic State's claim of responsibility for the attack": a possessive source."""
    poss = _child(tok, "poss")
    if poss is None or poss.pos_ == "PRON":
        return None
    stance = cue.stance
    cue_end = tok.i + 1
    content: Range | None = None
    of = _prep(tok, {"of"})
    obj = _pobj(of) if of is not None else None
    if obj is not None and cue.objects.get(obj.lemma_.lower()):
        stance = cue.objects[obj.lemma_.lower()]
        cue_end = obj.i + 1
        follow = _prep(obj, {"for", "over", "in"})
        if follow is not None and (what := _pobj(follow)) is not None:
            content = _subtree(what)
    else:
        follow = _prep(tok, {"for", "of", "against", "to", "over", "on"})
        if follow is not None and (what := _pobj(follow)) is not None:
            content = _subtree(what)
        clause = _child(tok, "acl", "ccomp")
        if content is None and clause is not None:
            content = _subtree(clause)
    if stance == "other" or content is None:
        return None
    a, b = _subtree(poss)
    if t.doc[b - 1].dep_ == "case":
        b -= 1
    return Attribution(
        cue=(tok.i, cue_end),
        head=tok.i,
        source=_trim(t.doc, (a, b)) or (poss.i, poss.i + 1),
        content=content,
        frame="noun",
        lemma=cue.lemma,
        confidence=STANCE_CONFIDENCE,
        object_stance=stance,
        in_quote=t.quotation(tok.i) is not None,
    )


_IDS: dict[int, tuple[Lexicon, np.ndarray, np.ndarray]] = {}


def _ids(lex: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """String ids of the cue verbs and nouns (sorted, unique), to pick candidate tokens
    from Doc arrays."""
    if id(lex) not in _IDS:
        verbs = [get_string_id(w) for w in lex.verbs]
        verbs += [get_string_id(w.title()) for w in lex.verbs]
        nouns = [get_string_id(w) for w in lex.nouns]
        nouns += [get_string_id(w + "s") for w in lex.nouns]
        ids = np.unique(np.array(verbs, dtype=np.uint64)), np.unique(np.array(nouns, np.uint64))
        _IDS[id(lex)] = (lex, *ids)
    return _IDS[id(lex)][1:]


def _member(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``np.isin(values, ids)`` for sorted unique ``ids`` (bisection: no sort per call)."""
    at = np.searchsorted(ids, values)
    at[at == len(ids)] = 0
    return ids[at] == values


def find(doc: Doc, lex: Lexicon | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order (nested ones included).

    Candidates are picked from the Doc's attribute arrays (cue lemmas, "according",
    "in", ":"), so that Token objects are made only for them.
    """
    lex = lex or lexicon()
    if not len(doc):
        return []
    cols = doc.to_array([LEMMA, LOWER, ORTH, POS, IS_SPACE])
    lemma, lower, orth, pos, space = (cols[:, k] for k in range(5))
    verb_ids, noun_ids = _ids(lex)
    verbal = ((pos == VERB) | (pos == AUX)) & _member(lemma, verb_ids)
    nominal = (pos == NOUN) & _member(lemma, noun_ids)
    other = np.isin(lower, _OTHER_IDS) | (orth == _COLON_ID) | np.isin(orth, _DASH_IDS)
    marks = np.flatnonzero(np.isin(orth, _QUOTE_IDS)).tolist()
    t = _Text(doc, lex, _quotations(doc, orth, space), marks)
    breaks = [i for i in np.flatnonzero(space).tolist() if "\n" in doc[i].text]
    found: list[Attribution] = []
    for i in np.flatnonzero(verbal | nominal | other).tolist():
        tok = doc[i]
        att: Attribution | None = None
        if tok.lower_ == "according":
            att = _according(t, tok)
        elif verbal[i] and (tok.pos != AUX or tok.dep_ != "aux"):
            cue = lex.verbs.get(tok.lemma_.lower())
            if cue is not None:
                att = _verb_cue(t, tok, cue)
        elif nominal[i]:
            cue = lex.nouns.get(tok.lemma_.lower())
            if cue is not None:
                att = _noun_cue(t, tok, cue)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            att = _in_document(t, tok)
        elif tok.text == ":":
            att = _headline(t, tok)
        elif tok.text in DASHES:
            att = _signed(t, tok)
        if att is not None:
            found.append(_in_paragraph(doc, att, breaks, t.sentence(att.head)))
    _split_sequels(doc, found)
    return found


def _split_sequels(doc: Doc, found: list[Attribution]) -> None:
    """ "China said it was opposed to the test and warned Pyongyang…", "…, saying that…":
    a cue verb without a subject of its own, joined to the end of another attribution's
    content (by "and" or a comma; the same tense, or a participle), goes on with the same
    speaker: a statement of its own (as PolNeAR annotates it), where the first one's
    content ends.  The parse hangs it inside the content, a conjunct of its verb."""
    for outer in found:
        if outer.content is None or outer.content[0] <= outer.head or outer.frame == "quote":
            continue
        a, b = outer.content
        for inner in found:
            verb = doc[inner.head]
            if inner is outer or verb.pos_ != "VERB" or inner.in_quote != outer.in_quote:
                continue
            if not a < inner.cue[0] < b:
                continue
            if verb.dep_ not in ("conj", "advcl") or any(c.dep_ in SUBJECTS for c in verb.children):
                continue
            if doc[inner.cue[0] - 1].lower_ not in (",", "and", "--", "—", "–"):
                continue
            if verb.tag_ != "VBG" and verb.tag_ != doc[outer.head].tag_:
                continue
            content = _trim(doc, (a, inner.cue[0]))
            if content is None:
                continue
            outer.content = content
            inner.source, inner.subject, inner.no_source = outer.source, outer.subject, False
            break


def _in_paragraph(
    doc: Doc, att: Attribution, breaks: list[int], sentence: Range | None = None
) -> Attribution:
    """Source, content and sentence stay in the cue's paragraph (a title line is one).

    ``sentence``: the bounds of the cue's sentence when the caller knows them.
    """
    k = bisect_right(breaks, att.head)
    lo = breaks[k - 1] + 1 if k > 0 else 0
    hi = breaks[k] if k < len(breaks) else len(doc)
    if sentence is None:
        sent = doc[att.head].sent
        sentence = sent.start, sent.end
    a, b = max(sentence[0], lo), min(sentence[1], hi)
    while a < b and doc[a].is_space:
        a += 1
    while b > a and doc[b - 1].is_space:
        b -= 1
    att.sentence = (a, b) if a < b else (att.head, att.head + 1)
    for name in ("source", "content"):
        if name == "content" and att.frame == "signed":
            continue  # the quotation a line signs may be the paragraph before it
        rng = getattr(att, name)
        if rng is not None and (rng[0] < lo or rng[1] > hi):
            clipped = (max(rng[0], lo), min(rng[1], hi))
            setattr(att, name, _trim(doc, clipped) if clipped[0] < clipped[1] else None)
    return att
