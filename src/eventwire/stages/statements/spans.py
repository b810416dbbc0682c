"""The spans of an attribution: subtrees trimmed, verb groups, subjects and relative
pronouns, the content's tail and the parts a cue leaves around it.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from eventwire.knowledge.cues import Lexicon
from eventwire.stages.statements.quotes import (
    CIRCUMSTANCES,
    CLOSE_QUOTES,
    CONTENT_TAIL,
    DATE_ENTS,
    KEEP,
    OPEN_QUOTES,
    QUOTES,
    RELATIVE,
    VERB_GROUP,
    Range,
    _Text,
)
from eventwire.syntax import SUBJECTS, child_with, subtree_range


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
    a, b = subtree_range(tok)
    for child in tok.rights:
        if child.dep_ not in ("relcl", "acl") or child.i < tok.i:
            continue
        start = child.left_edge.i
        holds_cue = cue is not None and start <= cue <= child.right_edge.i
        if holds_cue or (child.dep_ == "acl" and doc[start - 1].text == ","):
            b = min(b, start)
            break
    return _trim(doc, (a, b)) or (tok.i, tok.i + 1)


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


def _prep(tok: Token, words: set[str] | frozenset[str]) -> Token | None:
    return next(
        (c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in words), None
    )


def _pobj(prep: Token) -> Token | None:
    return child_with(prep, "pobj", "pcomp")


def _is_channel(tok: Token, lex: Lexicon) -> bool:
    """A preposition (or object) whose noun names a medium: "via Telegram", "on state TV"."""
    nouns = [tok] if tok.dep_ != "prep" else [c for c in tok.children if c.dep_ == "pobj"]
    words = lex.word("channel")
    return any(n.lower_ in words or n.lemma_.lower() in words for n in nouns)


def _channel(verb: Token, lex: Lexicon) -> Range | None:
    for child in verb.children:
        via = child.dep_ == "prep" and child.lower_ in ("via", "on", "in", "through", "over")
        if via and _is_channel(child, lex):
            return subtree_range(child)
    return None


def _is_date(tok: Token) -> bool:
    """A preposition of time: "on Wednesday", "in 2020"."""
    obj = child_with(tok, "pobj") if tok.dep_ == "prep" else tok
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
        if child.dep_ == "prep" and child.lower_ == "with" and child_with(child, "pcomp"):
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
