"""The modality of an event mention: occurred, planned, threatened, negated, alleged…

Read from the dependency parse with the cues of ``knowledge/modality.yaml``:

1. the trigger's own words: negation ("did not attack", "no attack"), adjectives
   ("foiled attacks", "planned strike", "the next attack"), adverbs ("allegedly"),
   auxiliaries ("will march"; "may have killed" is hedged past: alleged), a conditional
   clause ("if");
2. the nearest governing cue on the way up through complements ("plan to march",
   "called for protests", "denied that it shelled", "accused X of plotting attacks").  The
   walk stops at an ordinary noun: "responsibility for the attack" and "revenge for the
   bombings" presuppose that it happened;
3. a conditional clause above the trigger ("if you had a group that went around
   killing people"): hypothetical, unless the trigger is a definite noun ("if she was
   awake during the attack" presupposes the attack) or a nearer clause says it happened
   ("whether he held anything when he was shot");
4. an event reported by its own perpetrator through a speech verb is claimed (the events
   stage decides, from ``Reading.speaker``);
5. a yes/no question asserts nothing: hypothetical ("Did you shoot him?").

A cue on the trigger itself (negation, adjective, adverb, "if") outranks a governing cue,
which outranks an auxiliary ("vowed that it will strike" is threatened, not planned).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import modality as lexicon
from eventwire.knowledge.words import verbs
from eventwire.model import Modality

__all__ = ["Reading", "read"]

# relations through which a governing word passes its modality down to a trigger
_PASS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "conj",
    "nsubjpass",
    "acl",
    "advcl",
    "oprd",
    "attr",
    "compound",
}
_VIOLENT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
_COMPLEMENTS = {"xcomp", "ccomp", "dobj", "nsubjpass", "pcomp", "oprd", "advcl"}
# verbs whose object is the event itself: their auxiliaries and negation are the event's
_LIGHT = verbs("event_object")
# cues that qualify who did an event rather than whether it happened
_FACTUAL_CUES = {"alleged", "denied", "claimed"}
_NOUNS = {"NOUN", "PROPN"}
# verbs that say an event happens: their auxiliaries and negation are the event's
_HAPPEN = verbs("happen")


@dataclass(frozen=True)
class Reading:
    """The modality of one trigger and, when it sits in reported speech, the speaker."""

    modality: Modality
    cue: Token | None = None
    speaker: Token | None = None  # subject of the speech verb governing the trigger


def _own(token: Token, event_type: str) -> tuple[Modality | None, Modality | None, Token | None]:
    """(strong, weak, cue) read on the trigger itself and on the verb it is subject of."""
    lex = lexicon()
    strong: Modality | None = None
    weak: Modality | None = None
    cue: Token | None = None
    holders = [token]
    head = token.head
    if token.pos_ in _NOUNS and token.dep_ == "conj" and head.pos_ in _NOUNS and head.i != token.i:
        first = _own(head, event_type)  # "no bombings or murders": the murders too
        if first[0] is Modality.NEGATED:
            return first
    if token.pos_ in _NOUNS and token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in _HAPPEN:
        holders.append(head)  # "the protest will take place", "fighting has not resumed"
    elif token.pos_ in _NOUNS and token.dep_ == "dobj" and head.lemma_ in _LIGHT:
        holders.append(head)  # "will hold a strike", "did not launch an attack"
    elif (
        token.pos_ in _NOUNS
        and token.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in head.children)
    ):
        holders.append(head)  # "there will not be any more bombings"
    for holder in holders:
        children = list(holder.children)
        aux = [c.lower_ for c in children if c.dep_ in ("aux", "auxpass")]
        for child in children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and holder is token):
                return Modality.NEGATED, None, child
            if child.dep_ == "mark" and word in lex.marks:
                strong, cue = Modality.HYPOTHETICAL, child
            elif (child.dep_ == "amod" and holder is token and (m := lex.adjectives.get(word))) or (
                child.dep_ == "advmod" and (m := lex.adverbs.get(word))
            ):
                strong, cue = Modality(m), child
        if strong is None and weak is None and aux:
            if aux[0] in lex.hedged_past and "have" in aux and holder.tag_ == "VBN":
                weak = Modality.ALLEGED
            elif (m := lex.aux.get(aux[0])) is not None:
                weak = Modality(m)
            elif "going" in aux or (holder.lower_ == "going" and holder.dep_ == "aux"):
                weak = Modality.PLANNED
    if strong is Modality.THREATENED and event_type not in _VIOLENT:
        strong = Modality.PLANNED
    return strong, weak, cue


def _governing(token: Token, event_type: str) -> tuple[Modality | None, Token | None, Token | None]:
    """(modality, cue, speaker) from the nearest governing cue."""
    lex = lexicon()
    definite = token.pos_ in _NOUNS and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those"))
        for c in token.children
    )
    node = token
    prep: str | None = None
    for _ in range(8):
        head = node.head
        if head.i == node.i or node.dep_ not in _PASS:
            return None, None, None
        if node.dep_ == "pobj":
            prep = node.head.lower_ if node.head.pos_ == "ADP" else None
            node = head
            continue
        lemma = head.lemma_.lower()
        if node.pos_ in _NOUNS and (
            node.dep_ == "oprd"
            or (node.dep_ == "dobj" and any(c.dep_ == "oprd" for c in head.children))
        ):
            # "in what Macron called an attack", "called the explosion an attack": a name
            # given to a deed, not a call for one
            return None, None, None
        if head.pos_ in ("VERB", "AUX"):
            negated = any(c.dep_ == "neg" for c in head.children)
            if negated and lex.verbs.get(lemma) == "planned":
                return Modality.NEGATED, head, None  # "did not plan to attack"
            found = None
            if node.dep_ == "prep":
                # a verb governs through a preposition only as "call for", "warn of":
                # "promised revenge for the bombings" promises the revenge
                found = lex.preps.get((lemma, node.lower_))
            elif node.dep_ in _COMPLEMENTS:
                found = lex.verbs.get(lemma)
            if found in _FACTUAL_CUES and definite:
                found = None  # "denied the attack": the attack happened
            if found is not None:
                modality = Modality(found)
                if modality is Modality.THREATENED and event_type not in _VIOLENT:
                    modality = Modality.PLANNED
                return modality, head, None
            if node.dep_ == "ccomp" and lemma in lex.say:
                subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
                return None, head, subject
        elif head.pos_ in _NOUNS:
            if node.dep_ == "conj":
                node = head
                continue
            if lemma in lex.nouns and node.dep_ in ("prep", "acl", "compound", "pcomp"):
                modality = Modality(lex.nouns[lemma])
                if modality is Modality.THREATENED and event_type not in _VIOLENT:
                    modality = Modality.PLANNED
                return modality, head, None
            return None, None, None  # an ordinary noun: "responsibility for the attack"
        elif head.pos_ == "ADP":
            prep = head.lower_
        node = head
        prep = prep if node.pos_ == "ADP" else None
    return None, None, None


def _conditional(token: Token) -> Token | None:
    """The mark ("if", "unless") of a conditional clause that contains the trigger."""
    if token.pos_ in _NOUNS and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those"))
        for c in token.children
    ):
        return None
    marks = lexicon().marks
    for node in (token, *token.ancestors):
        mark = next(
            (
                c
                for c in node.children
                if c.dep_ == "mark"
                or (c.dep_ == "advmod" and c.tag_ == "WRB" and node.dep_ == "advcl")
            ),
            None,
        )
        if mark is not None:  # the nearest subordinator decides: "when he was shot" happened
            return mark if mark.lower_ in marks else None
    return None


def _yes_no_question(token: Token) -> bool:
    """The trigger is in a yes/no question ("Did you shoot him?"): nothing is asserted."""
    sent = token.sent
    words = [t for t in sent if not t.is_punct]
    if not words or not sent.text.rstrip(" \"'”’").endswith("?"):
        return False
    return words[0].pos_ == "AUX" and words[0].i < token.i


def read(token: Token, event_type: str) -> Reading:
    """The modality of the event mention whose trigger is ``token``."""
    if _yes_no_question(token):
        return Reading(Modality.HYPOTHETICAL)
    strong, weak, own_cue = _own(token, event_type)
    if strong is not None:
        return Reading(strong, own_cue)
    governing, cue, speaker = _governing(token, event_type)
    if governing is not None:
        return Reading(governing, cue)
    if (mark := _conditional(token)) is not None:
        return Reading(Modality.HYPOTHETICAL, mark)
    if weak is not None:
        return Reading(weak, None, speaker)
    return Reading(Modality.OCCURRED, None, speaker)
