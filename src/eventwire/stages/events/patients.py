"""Who or what undergoes, and with what: victims (people), targets (things),
instruments (weapons), and the prepositional phrases and modifiers of a trigger.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import Weapon, is_person, nouns
from eventwire.knowledge.gazetteer import ALTERNATE, gazetteer
from eventwire.knowledge.words import listed
from eventwire.model import Actor, ActorKind, Arg, PlaceFeature
from eventwire.stages.events.args import (
    _DONE_TO,
    _FIRE_VERBS,
    _LOCATIVE,
    _ORG_KINDS,
    _PRONOUNS,
    _QUANTITY_WORDS,
    _REFLEXIVE,
    _RELATIVE,
    Args,
    Index,
    _key,
)
from eventwire.stages.events.doers import (
    _actor_args,
    _antecedent,
    _is_person_np,
    _named_by_apposition,
    _resolve_pronoun,
)
from eventwire.stages.events.phrases import (
    _CLOSE,
    np_span,
    np_span_start,
    weapon_at,
    weapon_unit,
)
from eventwire.stages.events.where import _PARTS, _beside
from eventwire.stages.recipients import lexicon as recipient_words
from eventwire.stages.recipients import own_forces
from eventwire.syntax import conjuncts


def _physical(token: Token) -> bool:
    """A building, vehicle or installation: "the Las Canas bridge", "electric towers"."""
    if token.ent_type_ == "FAC":
        return True
    physical = nouns().physical
    if token.lemma_.lower() in physical or token.lower_ in physical:
        return True
    # "a telephone exchange", "the voting tables": two words that name one together
    return any(
        f"{c.lower_} {token.lemma_.lower()}" in physical
        for c in token.children
        if c.dep_ == "compound" and c.i == token.i - 1
    )


# roads and streets: in a locative phrase of an attack they say where, not what it hit
_WAYS = listed("events", "ways")
_AREAS = {PlaceFeature.COUNTRY, PlaceFeature.ADMIN1, PlaceFeature.CONTINENT}


def _facility(index: Index, token: Token, feature: PlaceFeature) -> bool:
    """A named place that is a building or an installation, not a country or a province:
    "Camp Shorabak", "Bagram Air Base" (a building word in its name; the gazetteer may take
    the name for a district's)."""
    if feature in _AREAS:
        return False
    name = [t for t in token.children if t.dep_ == "compound" and t.i < token.i]
    physical = nouns().physical
    return any(t.lemma_.lower() in physical or t.lower_ in physical for t in (*name, token))


_COUNTED_PEOPLE = listed("events", "counted_people")
_HARM = listed("events", "harm")
_FORMATIONS = listed("events", "formations")
_LIVES = {"life", "lives"}


def _owner(token: Token) -> Token | None:
    """Whose a noun is: its possessive ("his life") or its "of" object ("the lives of
    three farmers")."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _only_counted(token: Token) -> bool:
    """People named by their number alone: "130 people", "several people", "dozens of
    people", "others" (``counted_people``)."""
    if token.lower_ == "others":
        return True
    if token.lower_ in _COUNTED_PEOPLE:
        return any(
            c.dep_ in ("nummod", "amod", "quantmod", "det")
            and (c.pos_ == "NUM" or c.lower_ in _QUANTITY_WORDS)
            for c in token.children
        )
    if token.pos_ != "NUM" and token.lower_ not in _QUANTITY_WORDS:
        return False
    return any(  # "dozens of people"
        o.dep_ == "pobj" and o.lower_ in _COUNTED_PEOPLE
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
    )


def _included(index: Index, token: Token, args: Args, event_type: str) -> None:
    """Those an "including" or "among" phrase names: "284 people, including children"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "among"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    _patient_args(index, obj, args, event_type)


def _patient_args(index: Index, head: Token, args: Args, event_type: str) -> None:
    """Add who or what underwent the event: victims, targets, recipients, instruments."""
    head = _antecedent(head)
    gathering = event_type in ("ASSAULT", "COERCE") and head.lemma_.lower() in nouns().gatherings
    if head.lower_ in _RELATIVE or (head.i in index.trigger_tokens and not gathering):
        return
    if gathering:  # "attacked a peaceful demonstration", "dispersed the protest"
        args.targets.append(Arg(span=np_span(index, head)))
        return
    for token in conjuncts(head):
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or token.lower_ in _REFLEXIVE:
            continue
        if token.pos_ == "ADJ" and token.dep_ in ("oprd", "acomp"):
            continue  # "shot dead", "beaten unconscious": how they were left, not who
        if (weapon := weapon_at(index.doc, token)) is not None:
            _instrument(index, token, weapon, args)
            continue
        if event_type == "ASSAULT" and token.lemma_.lower() in _HARM:
            # "the blast caused heavy damage to the hotel": the hotel underwent it
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("to", "on"):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        _patient_args(index, obj, args, event_type)
            continue
        if event_type == "ASSAULT" and token.lower_ in _LIVES:
            owner = _owner(token)
            if owner is None or owner.pos_ == "PRON":
                continue  # "claimed 100 lives", "an attempt on his life": no one named
            token = owner  # "took the lives of three farmers": the farmers
        if event_type == "ASSAULT" and _only_counted(token):
            # "killing 130 people": the count says them (``Args.counted``)
            args.counted.append(Arg(span=np_span(index, token)))
            _included(index, token, args, event_type)
            continue
        if token.lower_ in _PRONOUNS:
            actor = _resolve_pronoun(index, token)
            if actor is not None:
                args.recipients.append(Arg(actor_id=actor.id, span=index.span(token.i, token.i)))
            continue
        if event_type == "ASSAULT" and token.lemma_.lower() in _PARTS:
            token = _beside(token)  # "damaged the windows of the consulate"
        span = np_span(index, token)
        own = index.span(np_span_start(index, token), token.i)  # without an "of" phrase
        actor = index.actor_at(own.start, own.end)
        if (
            actor is not None
            and actor.kind == ActorKind.PERSON
            and _physical(token)
            and index.actor_of_token(token) is None
        ):
            actor = None  # 'the "Santo Tomas" farm': a place named after someone
        if token.i in index.place_at and actor is None:
            place, mention = index.place_at[token.i]
            if event_type == "ASSAULT" and _facility(index, token, place.feature):
                args.targets.append(Arg(span=span))  # "attacked Camp Shorabak"
                continue
            if event_type != "ASSAULT" and place.feature == PlaceFeature.COUNTRY:
                # "sanctions on Russia": the country, named as a place
                args.recipients.append(Arg(place_id=place.id, span=mention))
            continue
        if (
            actor is not None
            and event_type not in ("ASSAULT", "COERCE")
            and index.actor_of_token(token) is None
        ):
            continue  # "Turkey's efforts": the owner is a recipient (``_recipients``)
        # "transformers", "newspaper": a building or machine, whatever its suffix says
        person = _is_person_np(index, token, actor) and not (actor is None and _physical(token))
        if event_type == "ASSAULT" and not person:
            # "ambushed a patrol"; "the assassination of Luis Carrero Blanco": a named actor
            # of no known kind that a deed done to persons hit is one
            person = token.lemma_.lower() in _FORMATIONS or (
                "targeted" in args.modes
                and actor is not None
                and actor.kind == ActorKind.OTHER
                and token.pos_ == "PROPN"
            )
        if event_type not in ("ASSAULT", "COERCE") and own_forces(token):
            continue  # "withdrew its troops": what moves, not to whom
        if token.pos_ == "NUM" and not any(c.dep_ == "prep" for c in token.children):
            continue  # "killed 12": the count says it
        if token.i in index.place_at and actor is None:
            continue  # "attacked Kerman": the place
        arg = Arg(actor_id=actor.id if actor else None, span=span)
        args.victim_words.append(token.lemma_.lower())
        names: list[Arg] = []
        if event_type == "ASSAULT" and (actor is None or actor.kind != ActorKind.PERSON):
            names = _named_by_apposition(index, token)
            if len(names) == 1:  # "the mayor's driver, Pedro Salas": the driver is him
                arg = Arg(actor_id=names[0].actor_id, span=span)
                person = True
            elif names:  # "two of his guards, Juan Diaz and Luis Mora": each of them
                args.victims.extend(names)
                args.persons_hit.update(a.actor_id for a in names if a.actor_id)
                continue
        if person:
            if event_type in ("ASSAULT", "COERCE"):
                args.victims.append(arg)
                if arg.actor_id and (names or (actor and actor.kind == ActorKind.PERSON)):
                    args.persons_hit.add(arg.actor_id)
            else:
                args.recipients.append(arg)
            _included(index, token, args, event_type)  # "284 people, including children"
        elif actor is not None and actor.kind in _ORG_KINDS:
            if event_type == "ASSAULT" and actor.kind in (ActorKind.MILITARY, ActorKind.POLICE):
                args.victims.append(arg)
            else:
                args.recipients.append(arg)
        elif event_type == "ASSAULT" and _physical(token):
            args.targets.append(arg)
            # "three vehicles -- an ambulance, a fuel truck and a station wagon": each
            for appos in (c for c in token.children if c.dep_ == "appos" and c.i > token.i):
                for part in conjuncts(appos):
                    if _physical(part) and part.i not in index.trigger_tokens:
                        args.targets.append(Arg(span=np_span(index, part)))


def _instrument(index: Index, token: Token, found: tuple[Weapon, int], args: Args) -> None:
    weapon, start = found
    start = min(start, np_span_start(index, token, numbers=True))  # "four explosive charges"
    last = token.i
    if (unit := weapon_unit(token)) is not None:  # "a dynamite charge", "a charge of dynamite"
        start, last = _with_unit(index, token, unit, start)
    doc = index.doc
    for k in range(start, token.i):
        if doc[k].text in _CLOSE:
            start = k + 1  # "(0415 GMT) incendiary bombs": a bracket closed before
    while start < token.i and (doc[start].ent_type_ in ("DATE", "TIME") or doc[start].is_punct):
        start += 1  # "last year dynamite was placed"
    arg = Arg(span=index.span(start, last))
    if _key(arg) not in {_key(a) for a in args.instruments}:
        args.instruments.append(arg)
    args.modes.update(weapon.mode)
    if weapon.suicide:
        args.suicide = True


def _with_unit(index: Index, weapon: Token, unit: Token, start: int) -> tuple[int, int]:
    """The first and last token of a weapon named with its unit: "charges of dynamite" with
    its count ("two charges of dynamite"); "dynamite charge" with the count and compounds
    just before it ("three 5-kg dynamite charges"), not an adjective ("a powerful dynamite
    charge": MUC-4 train's keys say "dynamite charge")."""
    if unit.i < weapon.i:
        return np_span_start(index, unit, numbers=True), weapon.i
    for child in reversed([c for c in unit.lefts if c.i < start]):
        if child.dep_ not in ("nummod", "compound") or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    return start, unit.i


def _placer(index: Index, weapon: Token, args: Args) -> None:
    """Who placed the weapon that went off: "a bomb, planted by unidentified men, exploded",
    "the grenade thrown by a youth": the agent of a participle after the weapon acts."""
    for child in weapon.children:
        if child.dep_ != "acl" or child.tag_ != "VBN":
            continue
        for agent in (c for c in child.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                _agent_or_instrument(index, obj, args)


def _agent_or_instrument(index: Index, head: Token, args: Args, sides: bool = False) -> None:
    head = _antecedent(head)
    for token in conjuncts(head):
        if token.i in index.trigger_tokens:
            continue
        if token.pos_ == "NUM" or token.lower_ in ("some", "several", "many"):
            # "one of the explosive devices went off": the devices
            token = next(
                (
                    o
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children
                    if o.dep_ == "pobj" and weapon_at(index.doc, o) is not None
                ),
                token,
            )
        if (weapon := weapon_at(index.doc, token)) is not None:
            _instrument(index, token, weapon, args)
            # "a U.S. drone": the owner acts
            for child in token.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < weapon[1]:
                    actor = index.actor_of_token(child)
                    if actor is not None and actor.kind != ActorKind.PERSON:
                        args.actors.append(Arg(actor_id=actor.id, span=np_span(index, child)))
            _placer(index, token, args)
            continue
        lemma = token.lemma_.lower()
        if lemma in nouns().natural or token.lower_ in nouns().natural:
            args.natural = True
            continue
        _actor_args(index, token, args, sides)


def _modifiers(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Compounds, adjectives and possessives of a noun trigger."""
    doc = index.doc
    done_to = trigger.lemma_.lower() in _DONE_TO
    for child in trigger.children:
        if (
            child.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod")
            or child.i > trigger.i
        ):
            continue
        if child.lower_ in nouns().suicide or child.lemma_.lower() in nouns().suicide:
            args.suicide = True
            args.modes.add("suicide-attack")
            continue
        if (weapon := weapon_at(doc, child)) is not None:
            _instrument(index, child, weapon, args)
            for sub in child.children:
                if sub.dep_ in ("compound", "amod", "nmod") and sub.i < child.i:
                    actor = index.actor_of_token(sub)
                    if actor is not None and actor.kind != ActorKind.PERSON:
                        args.actors.append(Arg(actor_id=actor.id, span=np_span(index, sub)))
            continue
        actor = index.actor_of_token(child) if child.lower_ not in _PRONOUNS else None
        if child.lower_ in _PRONOUNS and child.dep_ == "poss":
            actor = _resolve_pronoun(index, child)
        if actor is None:
            if child.dep_ == "poss" and done_to:
                _patient_args(index, child, args, event_type)
            continue
        if done_to and (actor.kind == ActorKind.PERSON or child.dep_ == "poss"):
            _patient_args(index, child, args, event_type)
        elif child.dep_ != "poss" and _names_where(index, child, actor):
            continue  # "the Manchester bombing", "the Boston Marathon bombing": where, not who
        else:
            span = (
                np_span(index, child)
                if child.lower_ not in _PRONOUNS
                else index.span(child.i, child.i)
            )
            args.actors.append(
                Arg(actor_id=actor.id, individual=actor.kind == ActorKind.PERSON, span=span)
            )


def _names_a_building(index: Index, name: Token) -> bool:
    """Whether the article names a building with this word before its noun ("the Rolando
    cafe", "the Rolando Cafe's ceiling")."""
    return any(
        t.lower_ == name.lower_ and t.dep_ == "compound" and t.i != name.i and _physical(t.head)
        for t in index.doc
    )


def _names_where(index: Index, child: Token, actor: Actor) -> bool:
    """A name before an attack noun that says where or at what occasion, not who: a
    place below a country ("the Manchester bombing", "the Bagram Airfield bombing") or
    an event or facility ("the Boston Marathon bombing").  Organisations and states act
    ("the Taliban attack", "the U.S. strike")."""
    if actor.kind in _ORG_KINDS:
        return False
    if child.ent_type_ in ("EVENT", "FAC"):
        return True
    found = index.place_at.get(child.i)
    if found is not None:
        return found[0].feature != PlaceFeature.COUNTRY
    if _names_a_building(index, child):
        return True  # "the Rolando bombing" at "the Rolando cafe"
    # a name the parser took for a person or thing that begins with a place's own name
    first = index.doc[child.left_edge.i]
    return first.pos_ == "PROPN" and any(
        e.name_kind != ALTERNATE and e.feature != "country" for e in gazetteer().lookup(first.text)
    )


def _prep_args(index: Index, owner: Token, args: Args, event_type: str, noun_trigger: bool) -> None:
    """Prepositional arguments of a trigger (or of the verb a noun trigger is subject of)."""
    done_to = owner.lemma_.lower() in _DONE_TO
    for child in owner.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        word = child.lower_
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            if child.dep_ == "agent" or word == "by":
                _agent_or_instrument(index, obj, args)
            elif word in ("with", "using"):
                # "talks with Iran": a recipient (``recipients``), not a second actor
                for token in conjuncts(obj):
                    if (weapon := weapon_at(index.doc, token)) is not None:
                        _instrument(index, token, weapon, args)
            elif (
                (word == "of" and noun_trigger)
                or (
                    word == "to"
                    and owner.lemma_.lower() in ("fire", "set")
                    and event_type == "ASSAULT"
                )
                or (
                    word in ("on", "against", "upon", "targeting")
                    and event_type in ("ASSAULT", "PROTEST", "SANCTION", "COERCE")
                    and (noun_trigger or word == "against" or owner.lemma_.lower() in _FIRE_VERBS)
                )
                # "crashed into a patrol", "fired into the crowd": what the deed went into
                or (word == "into" and event_type == "ASSAULT" and not noun_trigger)
            ):
                _patient_args(index, obj, args, event_type)
            elif (
                word in ("between", "among")
                and event_type in ("ASSAULT", "CONSULT", "AGREE", "COOPERATE")
                and word not in recipient_words().preps(event_type, owner.lemma_.lower())
            ):
                # "talks between X and Y": both act; "mediation between X and Y": recipients
                for token in conjuncts(obj):
                    _actor_args(index, token, args)
            elif word in _LOCATIVE and event_type == "ASSAULT" and not done_to:
                # "a bomb exploded at the embassy": a facility is the target
                obj = _beside(obj)  # "in front of the ministry"
                for token in conjuncts(obj):
                    if (
                        _physical(token)
                        and not is_person(token.lemma_, token.text)
                        and token.i not in index.place_at
                        and token.i not in index.trigger_tokens
                        and token.lemma_.lower()
                        not in ("memorial", "cemetery", "funeral", "wedding", "gathering", "crowd")
                        and token.lemma_.lower() not in _WAYS  # "at Cavehill Road": where
                    ):
                        args.targets.append(Arg(span=np_span(index, token)))
                        args.victim_words.append(token.lemma_.lower())
