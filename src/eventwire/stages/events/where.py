"""Where and when: the places and the date of an event mention, read from its
locative phrases and its clause.

Places are the gazetteer's places in a locative phrase of the trigger ("in Kerman", "the
city of Lyon"), else of its clause when the phrase hangs on the clause's verb (not "asylum
seekers from Pakistan", nor the clause of "after the bombing"); an attack also takes the
sites no gazetteer lists ("at a busy square", "in the Markets area", a GPE/LOC/FAC name the
gazetteer lacks), after the named places and never one it hit.
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


_NAMED_AREAS = listed("events", "named_areas")
_SET_APART = listed("events", "set_apart")


def _phrase(index: Index, k: int) -> Token:
    """The head of the phrase a place mention stands in: the head of a multi-word name ("in
    San Miguel department"), the area noun of "the city of Lyon"."""
    node = index.doc[k]
    while node.head.i != node.i:
        if node.dep_ in ("compound", "flat", "nmod", "amod", "appos", "conj"):
            if node.dep_ in ("compound", "amod", "nmod") and node.head.i in index.trigger_tokens:
                return node  # "the Kerman bombing"
            node = node.head
        elif (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() in _NAMED_AREAS
        ):
            node = node.head.head  # "in the city of Lyon"
        else:
            break
    return node


def _is_locative(index: Index, k: int, event_type: str) -> bool:
    """A place mention that says where: "in Kerman", "the Kerman bombing", "Iraq's capital",
    "in the city of Lyon"."""
    node = _phrase(index, k)
    if node.dep_ in ("compound", "amod", "nmod") and node.head.i in index.trigger_tokens:
        return index.actor_of_token(node) is None  # "the Kerman bombing", not "U.S. drone"
    if node.dep_ == "pobj":
        word = node.head.lower_
        return word in _LOCATIVE_PLACE and (word != "on" or event_type == "ASSAULT")
    return node.dep_ == "npadvmod"


def _said_of_the_clause(node: Token, clause: Token) -> bool:
    """Whether the phrase headed by ``node`` (a place's "in …" phrase) says where the
    clause happened: it hangs on the clause's verb, on the object of one of its own
    phrases ("ripped through a market in Kabul") or on the building it hit; not "asylum
    seekers from Pakistan"."""
    if node.dep_ != "pobj":
        return True
    owner = node.head.head
    if owner.i == clause.i:
        return True
    if owner.dep_ in ("dobj", "nsubjpass") and owner.head.i == clause.i:
        # "the federal building in Oklahoma City was shattered by an explosion"
        return owner.lemma_.lower() in nouns().physical or owner.lemma_.lower() in _SITES
    return (
        owner.dep_ == "pobj"
        and owner.head.lower_ in _LOCATIVE_PLACE
        and owner.head.head.i == clause.i
    )


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
_WAYS = listed("events", "ways")
# prepositions whose place says where an attack was, not what it hit ("on", "against")
_SITE_PREPOSITIONS = _LOCATIVE_PLACE - {"on", "against", "from"}


def _site(index: Index, k: int, args: Args, event_type: str, clause: Token | None) -> Arg | None:
    """An unnamed or unlisted site said to be where an attack happened: "at the busy bus
    station", "in the Markets area", "across the city", "in Badia al-Sham" (a name the
    gazetteer lacks); not one the attack hit, nor a name the gazetteer holds.  ``clause``:
    the clause of a noun trigger when the site is looked for there."""
    token = index.doc[k]
    if event_type != "ASSAULT" or k in index.trigger_tokens or k in index.place_at:
        return None
    bounds = _site_words(index, token)
    if bounds is None:
        return None
    node = token
    while node.dep_ in ("conj", "appos", "compound") and node.head.i != node.i:
        if node.dep_ == "compound" and bounds[1] == node.i:
            return None  # "the border police": the site word only says what kind
        node = node.head
    if node.dep_ != "pobj":
        return None
    prep = node.head
    if prep.lower_ not in _SITE_PREPOSITIONS and not (
        prep.lower_ == "on" and prep.head.pos_ in ("VERB", "AUX")  # "exploded on a street"
    ):
        return None
    if clause is not None and not _said_of_the_clause(node, clause):
        return None
    span = index.span(*bounds)
    taken = [*args.targets, *args.victims, *args.instruments, *args.actors, *args.places]
    if any(a.span.start < span.end and span.start < a.span.end for a in taken):
        return None
    return Arg(span=span)


def _site_words(index: Index, token: Token) -> tuple[int, int] | None:
    """The first and last token of the site named at ``token`` (a site noun's phrase, "the
    city of Lyon" with its name, or a place name the gazetteer lacks), or None."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    ent = index.ent_at.get(token.i)
    if ent is not None:
        # a street's name is a site whatever the parser took it for ("Oxford Street", "the
        # Cavehill Road" as an organisation)
        street = token.lower_ in _WAYS and token.pos_ == "PROPN"
        named = (ent[2] in ("GPE", "LOC", "FAC") or street) and token.i == ent[1] - 1
        if not named or any(j in index.place_at for j in range(ent[0], ent[1])):
            return None
        start = ent[0]
        while start < token.i and index.doc[start].pos_ == "DET":
            start += 1
        return start, ent[1] - 1
    if token.lemma_.lower() not in _SITES:
        return None
    start, last = token.left_edge.i, token.i
    while start < last and index.doc[start].pos_ in ("DET", "NUM", "PRON"):
        start += 1
    if token.lemma_.lower() in _NAMED_AREAS:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for name in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN"):
                if any(t.i in index.place_at for t in name.subtree):
                    return None  # "the city of Lyon": the gazetteer's Lyon says it
                last = max(last, name.right_edge.i)
    return start, last


def _places_and_date(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Places ("in Kerman") and date attached to the trigger: its phrase, else its clause."""
    sent = trigger.sent
    scopes: list[Token] = [trigger]
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause is not trigger:
        scopes.append(clause)
    # "after the bombing, patrols were seen in East Belfast": the clause's places are its own
    apart = (trigger.dep_ == "pobj" and trigger.head.lower_ in _SET_APART) or _names_a_thing(
        index, trigger
    )
    seen_places: set[str] = set()
    sites: list[Arg] = []
    for scope in scopes[:1] if apart else scopes:
        found_sites: list[Arg] = []
        clause_scope = scope if scope is not trigger else None
        speaker = _speaker_tokens(scope, trigger) if scope is not trigger else set()
        for k in range(scope.left_edge.i, scope.right_edge.i + 1):
            if k in speaker:
                continue
            if (
                k in index.place_at
                and _is_locative(index, k, event_type)
                and (scope is trigger or _said_of_the_clause(_phrase(index, k), scope))
            ):
                place, mention = index.place_at[k]
                if any(m.metonymic and m.start == mention.start for m in place.mentions):
                    continue  # "Tehran said": the government, not where it happened
                if place.id not in seen_places:
                    seen_places.add(place.id)
                    args.places.append(Arg(place_id=place.id, span=mention))
                    args.place_objects.append(place)
            elif not sites and (site := _site(index, k, args, event_type, clause_scope)):
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


_ATTEMPTS = listed("events", "attempts")


def _names_a_thing(index: Index, trigger: Token) -> bool:
    """A noun trigger that only says what kind of thing its noun is: "police removed the
    cordon around the explosion area on Victor Hugo street", "the bombing suspect was
    arrested in Lyon": the clause's places are the noun's (not "the assassination
    attempt", which names the deed)."""
    noun = trigger.head
    return (
        trigger.dep_ == "compound"
        and trigger.pos_ == "NOUN"
        and noun.i > trigger.i
        and noun.i not in index.trigger_tokens
        and noun.lower_ not in _ATTEMPTS
    )


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
