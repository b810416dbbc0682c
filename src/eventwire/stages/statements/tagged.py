"""Attributions for the cues only the learned cue detector finds (``cue_model``): a verb
outside the lexicon ("has pooh-poohed X", "spoke about X", "attacked X"), an adjective
("has been critical of X", "is confident that…"), a noun ("questions about X", "Trump's
disdain for X").  The spans come from the parse as for the lexicon's cues: the verb's
frames (a clause, an infinitive, an object, a preposition), the adjective's or noun's
complement as content, the subject (or possessor) as source.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.cues import Cue
from eventwire.stages.statements.frames import _verb_cue, subject_kind
from eventwire.stages.statements.quotes import Attribution, Range, _Text
from eventwire.stages.statements.spans import (
    _cue_start,
    _negated,
    _noun_phrase,
    _quote_balance,
    _trim,
)
from eventwire.syntax import child_with, speaker_of, subtree_range

__all__ = ["tagged"]

# the frames tried for a verb the detector found: a reported clause, an infinitive, a
# preposition naming the topic, an object, a quotation
VERB_FRAMES = frozenset(
    {"clause", "to", "object", "quote", "about", "of", "on", "for", "against", "over", "with"}
)
COMPLEMENT_PREPS = frozenset({"of", "about", "for", "against", "on", "over", "to", "with", "that"})


def tagged(t: _Text, tok: Token, p: float) -> Attribution | None:
    """The attribution cued by ``tok`` (probability ``p`` of the cue detector), if its
    parse shows a content."""
    if tok.pos_ == "AUX" and (acomp := child_with(tok, "acomp")) is not None:
        att = _adjective(t, acomp)
    elif tok.pos_ in ("VERB", "AUX"):
        att = _verb_cue(t, tok, Cue(lemma=tok.lemma_.lower(), frames=VERB_FRAMES))
    elif tok.pos_ == "ADJ":
        att = _adjective(t, tok)
    else:
        att = _noun(t, tok)
    if att is not None:
        att.confidence, att.learned, att.detected = p, True, True
    return att


def _complement(t: _Text, tok: Token) -> tuple[Range, int] | None:
    """What an adjective or noun is about, and where its cue ends: the object of its
    preposition ("critical of X": X, after "of"), or its clause ("sure that…")."""
    hi = t.sentence(tok.i)[1]
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPS:
            obj = child_with(child, "pobj", "pcomp")
            if obj is None:
                return None
            end = child.i + 1 if child.i == tok.i + 1 else tok.i + 1
            return (obj.left_edge.i, min(obj.right_edge.i + 1, hi)), end
        if child.dep_ in ("ccomp", "xcomp", "acl"):
            a, b = subtree_range(child)
            return (max(a, tok.i + 1), min(b, hi)), tok.i + 1
    return None


def _finish(
    t: _Text, tok: Token, verb: Token, cue_end: int, content: Range, subject: Token | None
) -> Attribution | None:
    doc = t.doc
    trimmed = _trim(doc, content)
    if trimmed is None:
        return None
    content, direct = _quote_balance(doc, trimmed, t.sentence(tok.i), t.quote_marks)
    source = _noun_phrase(doc, subject, tok.i) if subject is not None else None
    return Attribution(
        cue=(_cue_start(verb, source) if verb.i <= tok.i else tok.i, cue_end),
        head=tok.i,
        source=source,
        content=content,
        frame="tagged",
        lemma=tok.lemma_.lower(),
        subject=subject_kind(subject),
        negated=_negated(verb),
        direct=direct,
        in_quote=t.quotation(tok.i) is not None,
    )


def _adjective(t: _Text, adj: Token) -> Attribution | None:
    """ "has been critical of X", "is confident that…": the copula's subject says it."""
    found = _complement(t, adj)
    if found is None:
        return None
    content, cue_end = found
    verb = adj.head if adj.dep_ == "acomp" else adj
    return _finish(t, adj, verb, cue_end, content, speaker_of(verb))


def _speaker_above(noun: Token) -> Token | None:
    """The speaker of a noun cue with no possessor or verb of its own: the subject the
    parse gives the noun itself ("Trump predicts that…" tagged a noun), or that of the
    verb the noun hangs on by a preposition or as its attribute ("says in a statement
    that…", "it was an assertion that…")."""
    own = next((c for c in noun.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if own is not None:
        return own
    tok = noun
    for _ in range(3):
        if tok.dep_ not in ("pobj", "prep", "attr") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return speaker_of(tok)
    return None


def _noun(t: _Text, noun: Token) -> Attribution | None:
    """ "Trump's disdain for X", "raised questions about X": the possessor, or the subject
    of the verb the noun is the object of, says it."""
    found = _complement(t, noun)
    if found is None:
        return None
    content, cue_end = found
    poss = child_with(noun, "poss")
    verb = noun
    subject: Token | None = None
    if poss is not None and poss.pos_ != "PRON":
        subject = poss
    elif noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        verb = noun.head
        subject = speaker_of(verb)
    elif poss is None:
        subject = _speaker_above(noun)
    att = _finish(t, noun, verb, cue_end, content, subject)
    if att is not None and poss is not None and subject is poss:
        a, b = subtree_range(poss)
        if t.doc[b - 1].dep_ == "case":
            b -= 1
        att.source = _trim(t.doc, (a, b)) or (poss.i, poss.i + 1)
    if att is not None and verb is not noun:
        att.cue = (att.cue[0], max(att.cue[1], noun.i + 1))
    return att
