"""Where and when: the places and the date of an event mention, read from its
locative phrases and its clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import counts, is_person, nouns
from eventwire.knowledge.words import listed, prepositions, verbs
from eventwire.model import Arg, When
from eventwire.stages.events.args import _QUANTITY_WORDS, Args, Index

_BESIDE = listed("events", "beside")


# parts of a building an attack damages: the building is the target
_PARTS = listed("events", "parts")


def _beside(obj: Token) -> Token:
    """The building of "in front of the ministry", "at the entrance of the bank", "the
    windows of the consulate"."""
    if obj.lemma_.lower() not in _PARTS:
        return obj
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to"):
            return next((c for c in child.children if c.dep_ == "pobj"), obj)
    return obj


_LOCATIVE_PLACE = prepositions("event_place")


def _is_locative(index: Index, k: int, event_type: str) -> bool:
    """A place mention that says where: "in Kerman", "the Kerman bombing", "Iraq's capital"."""
    token = index.doc[k]
    node = token
    # climb a multi-word name to its head ("in San Miguel department")
    while (
        node.dep_ in ("compound", "flat", "nmod", "amod", "appos", "conj") and node.head.i != node.i
    ):
        if node.dep_ in ("compound", "amod", "nmod") and node.head.i in index.trigger_tokens:
            return index.actor_of_token(node) is None  # "the Kerman bombing", not "U.S. drone"
        node = node.head
    if node.dep_ == "pobj":
        word = node.head.lower_
        return word in _LOCATIVE_PLACE and (word != "on" or event_type == "ASSAULT")
    return node.dep_ == "npadvmod"


def _dates_the_event(index: Index, k: int, when: When, trigger: Token) -> bool:
    """Whether the date at token ``k`` can date the trigger's event: not when it modifies
    another noun ("the deadliest since the 1979 Islamic Revolution")."""
    tokens = index.tokens(when.span.start, when.span.end)
    node = index.doc[k]
    while node.head.i in tokens and node.head.i != node.i:
        node = node.head
    head = node.head
    if head.i == trigger.i or head.i == node.i:
        return True
    modifier = node.dep_ in ("nummod", "compound", "amod", "poss", "nmod")
    return not (modifier and head.pos_ in ("NOUN", "PROPN") and head.i not in index.trigger_tokens)


def _speaker_tokens(clause: Token, trigger: Token) -> set[int]:
    """Tokens of the subject or agent of the clause that governs a noun trigger, unless
    the trigger is in it: "the embassy in Islamabad condemned the bombing" places the
    embassy, not the bombing."""
    out: set[int] = set()
    for child in clause.children:
        if child.dep_ in ("nsubj", "csubj", "agent"):
            if child.left_edge.i <= trigger.i <= child.right_edge.i:
                continue
            out.update(range(child.left_edge.i, child.right_edge.i + 1))
    return out


_SITES = listed("events", "sites")
# prepositions whose place says where an attack was, not what it hit ("on", "against")
_SITE_PREPOSITIONS = _LOCATIVE_PLACE - {"on", "against", "from"}


def _site(index: Index, k: int, args: Args, event_type: str) -> Arg | None:
    """An unnamed or unlisted site said to be where an attack happened: "at the busy bus
    station", "in the Markets area", "across the city", "in Badia al-Sham" (a name the
    gazetteer lacks); not one the attack hit, nor a name the gazetteer holds."""
    token = index.doc[k]
    if event_type != "ASSAULT" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if k in index.trigger_tokens or k in index.place_at:
        return None
    ent = index.ent_at.get(k)
    named = ent is not None and ent[2] in ("GPE", "LOC", "FAC")
    if named and ent is not None:
        if k != ent[1] - 1 or any(j in index.place_at for j in range(ent[0], ent[1])):
            return None
    elif ent is not None or token.lemma_.lower() not in _SITES:
        return None
    node = token
    while node.dep_ in ("conj", "appos", "compound") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj" or node.head.lower_ not in _SITE_PREPOSITIONS:
        return None
    if named and ent is not None:
        span = index.span(ent[0], ent[1] - 1)
    else:
        start = token.left_edge.i
        while start < k and index.doc[start].pos_ in ("DET", "NUM", "PRON"):
            start += 1
        span = index.span(start, k)
    taken = [*args.targets, *args.victims, *args.instruments, *args.actors, *args.places]
    if any(a.span.start < span.end and span.start < a.span.end for a in taken):
        return None
    return Arg(span=span)


def _places_and_date(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Places ("in Kerman") and date attached to the trigger: its phrase, else its clause."""
    sent = trigger.sent
    scopes: list[Token] = [trigger]
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause is not trigger:
        scopes.append(clause)
    seen_places: set[str] = set()
    sites: list[Arg] = []
    for scope in scopes:
        found_sites: list[Arg] = []
        speaker = _speaker_tokens(scope, trigger) if scope is not trigger else set()
        for k in range(scope.left_edge.i, scope.right_edge.i + 1):
            if k in speaker:
                continue
            if k in index.place_at and _is_locative(index, k, event_type):
                place, mention = index.place_at[k]
                if any(m.metonymic and m.start == mention.start for m in place.mentions):
                    continue  # "Tehran said": the government, not where it happened
                if place.id not in seen_places:
                    seen_places.add(place.id)
                    args.places.append(Arg(place_id=place.id, span=mention))
                    args.place_objects.append(place)
            elif not sites and (site := _site(index, k, args, event_type)):
                found_sites.append(site)
        sites = sites or found_sites
        if args.places:
            break
    args.places.extend(sites)  # after the named places, from the nearest scope naming one
    if not args.places and not index.place_at:
        # no gazetteer at all: named locations of spaCy said to be where it happened
        for k in range(trigger.left_edge.i, trigger.right_edge.i + 1):
            ent = index.ent_at.get(k)
            if (
                ent
                and ent[2] in ("GPE", "LOC", "FAC")
                and ent[0] == k
                and _is_locative(index, ent[1] - 1, event_type)
            ):
                args.places.append(Arg(span=index.span(ent[0], ent[1] - 1)))
    best: tuple[int, When] | None = None
    for scope in scopes:
        for k in range(max(scope.left_edge.i, sent.start), min(scope.right_edge.i + 1, sent.end)):
            when = index.date_at.get(k)
            if when is not None and _dates_the_event(index, k, when, trigger):
                distance = abs(k - trigger.i)
                if best is None or distance < best[0]:
                    best = (distance, when)
        if best is not None:
            break
    if best is not None:
        args.date = best[1]


_UNDERGO = verbs("undergo")


def elliptical_passive(verb: Token, subject: Token) -> bool:
    """ "more than 150 wounded", "dozens killed", "the minister died": a subject that
    underwent the verb."""
    if verb.lemma_.lower() in _UNDERGO:
        return True
    if verb.lemma_.lower() not in counts().verbs or any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and subject.pos_ == "NUM"):
        return False
    return (
        subject.pos_ == "NUM"
        or subject.lower_ in _QUANTITY_WORDS
        or (
            is_person(subject.lemma_, subject.text)
            and subject.lemma_.lower() not in nouns().perpetrators
        )
    )
