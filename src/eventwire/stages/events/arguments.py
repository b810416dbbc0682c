"""Arguments of an event mention, read from the dependency parse.

Who did it (``actors``: individuals such as "gunmen" or "two of its members" kept apart
from organisations), to whom (``victims``: people; ``targets``: buildings, vehicles,
bridges; ``recipients``: the actors an event is directed at, the one met, aided, accused
or sanctioned, found by ``stages.recipients`` for every type but attacks), with what
(``instruments``: "explosive belts", "a car bomb", "a drone"), where (``places``) and when
(``date``).

Roles follow the syntax of the trigger:

- verb triggers: the active subject and the passive agent ("by …") act; the object and
  the passive subject undergo; "with …" gives the instrument;
- noun triggers: a possessive or compound acts ("the Taliban crackdown", "U.S. drone
  assassination") except on nouns of what was done to someone ("Soleimani's
  assassination"); "by …" acts; "of …", "on …", "against …" undergo; a noun trigger
  that is the subject of a verb lends it its objects ("the blasts wounded 284 people");
  the doer of a verb that carries it acts, through raising verbs ("is believed to have
  been carried out by ETA") and attempts ("involved in the assassination attempt"); what
  it was aimed or targeted at undergoes ("bombings targeted at the army");
- a named place an attack hits that is a building ("attacked Camp Shorabak") is its
  target, not its place;
- weapons are instruments wherever they stand; people undergo as victims, things as
  targets; a relative pronoun stands for its antecedent; people named by their number
  alone ("killing 130 people", "several others") are the toll the counts give, no victims
  (``Args.counted``).

Actors, places and dates are looked up in what the earlier stages found (by span); a
pronoun ("two of its members") is resolved to the organisation it stands for.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import Trigger, nouns
from eventwire.knowledge.words import listed
from eventwire.model import Arg, PlaceFeature
from eventwire.stages.events.args import (
    _LENDING_VERBS,
    _LIGHT_VERBS,
    _OBJECT_DEPS,
    _SUBJECT_DEPS,
    Args,
    Index,
    _key,
)
from eventwire.stages.events.patients import (
    _agent_or_instrument,
    _instrument,
    _modifiers,
    _patient_args,
    _prep_args,
)
from eventwire.stages.events.phrases import weapon_at
from eventwire.stages.events.where import _places_and_date, elliptical_passive
from eventwire.stages.recipients import find as find_recipients
from eventwire.syntax import subject_of


def arguments(index: Index, trigger: Token, entry: Trigger) -> Args:
    """The arguments of the mention whose trigger is ``trigger``."""
    args = Args(modes=set(entry.mode))
    event_type = entry.type
    noun_trigger = trigger.pos_ in ("NOUN", "PROPN")
    if noun_trigger:
        _modifiers(index, trigger, args, event_type)
        _prep_args(index, trigger, args, event_type, noun_trigger=True)
        if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in _LENDING_VERBS:
            verb = trigger.head
            for child in verb.children:
                if child.dep_ in ("dobj",):
                    _patient_args(index, child, args, event_type)
            _prep_args(index, verb, args, event_type, noun_trigger=False)
        if event_type == "ASSAULT":
            _doers(index, trigger, args)
            _aimed_at(index, trigger, args)
        if (
            trigger.dep_ == "dobj"
            and trigger.head.i not in index.deed_tokens  # not "police dispersed the protest"
            and (
                event_type
                in ("PROTEST", "CONSULT", "AGREE", "MOBILIZE", "COERCE", "SANCTION", "AID")
                or (event_type != "ASSAULT" and trigger.head.lemma_.lower() in _LIGHT_VERBS)
            )
        ):
            # "staged a protest", "held talks", "imposed a curfew": the verb's subject acts
            subject = subject_of(trigger.head)
            if subject is not None:
                _agent_or_instrument(index, subject, args, sides=True)
    else:
        subject = None
        for child in trigger.children:
            if child.dep_ in _SUBJECT_DEPS:
                subject = child
        if subject is None and trigger.dep_ in ("conj", "xcomp"):
            subject = subject_of(trigger)
        if subject is None and trigger.dep_ == "acl" and trigger.tag_ == "VBG":
            subject = trigger.head  # "crowds chanting slogans"
        if subject is not None and elliptical_passive(trigger, subject):
            _patient_args(index, subject, args, event_type)  # "284 injured"
        elif subject is not None:
            _agent_or_instrument(index, subject, args, sides=event_type != "ASSAULT")
        for child in trigger.children:
            if child.dep_ in _OBJECT_DEPS:
                _patient_args(index, child, args, event_type)
            if child.dep_ == "dobj" and child.lower_ == "fire" and event_type == "ASSAULT":
                _prep_args(index, child, args, event_type, noun_trigger=True)  # "set fire to"
            elif child.dep_ == "prt":
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        _patient_args(index, grand, args, event_type)
        _prep_args(index, trigger, args, event_type, noun_trigger=False)
        # "blew himself up"
        reflexive = any(
            c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves")
            for c in trigger.children
        )
        if reflexive and trigger.lemma_.lower() in ("blow", "detonate", "explode"):
            args.suicide = True
            args.modes.add("suicide-attack")
    if event_type != "ASSAULT":
        _recipients(index, trigger, args, event_type)
    # a suicide bomber, "suicide attackers"
    for arg in args.actors:
        if any(w in nouns().suicide for w in arg.span.text.lower().split()):
            args.suicide = True
            args.modes.add("suicide-attack")
    if args.suicide:
        args.modes.add("suicide-attack")
    if event_type == "ASSAULT" and "territory" not in entry.mode:
        # a place taken: its weapons are those of its own phrases ("with tanks"), not those
        # of the clauses around it ("a town that was the scene of a chemical attack")
        _sweep_weapons(index, trigger, args)
    _places_and_date(index, trigger, args, event_type)
    return args


def _place_kind(index: Index, token: Token) -> str | None:
    """ "country" for a country's name, "town" for a smaller place ("Paris", "Darfur")."""
    found = index.place_at.get(token.i)
    if found is None:
        return None
    return "country" if found[0].feature == PlaceFeature.COUNTRY else "town"


def _recipients(index: Index, trigger: Token, args: Args, event_type: str) -> None:
    """Add to whom the event is directed (``stages.recipients``): "met the envoy", "aid to
    Mozambique", "agreed to provide aid for Romania"; not the event's own actors."""
    exclude = args.actor_ids("actors")
    taken = [
        (a.span.start, a.span.end)
        for a in [*args.recipients, *args.actors, *args.victims, *args.targets]
    ]
    keys = {_key(a) for a in args.recipients}
    for found in find_recipients(
        trigger, event_type, index.actor_at, lambda t: _place_kind(index, t), exclude
    ):
        span = index.span(found.first, found.last)
        arg = Arg(actor_id=found.actor.id if found.actor else None, span=span)
        place = index.place_at.get(found.last)
        if found.actor is None and place is not None:
            arg = Arg(place_id=place[0].id, span=place[1])  # a country named as a place
        if _key(arg) in keys or any(a < span.end and span.start < b for a, b in taken):
            continue
        keys.add(_key(arg))
        taken.append((span.start, span.end))
        args.recipients.append(arg)


def _doer_of(word: Token) -> Token | None:
    """Who the doer word is said of: the subject of "was responsible", the noun of "the
    officers involved", the object of "held the army responsible" and of "implicated two
    officers in"."""
    if word.dep_ == "acl":
        return word.head  # "the soldiers involved in the massacre"
    if word.pos_ == "NOUN" and word.dep_ == "nsubj" and word.head.lemma_ == "be":
        # "the authors of the murder are sectors who…": what the copula says they are
        return next((c for c in word.head.children if c.dep_ == "attr"), None)
    if word.pos_ == "VERB" and word.lemma_.lower() in nouns().object_doers:
        # "the president implicated four officers in the murder": its object, not its subject
        obj = next((c for c in word.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    for child in word.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if word.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp", "advcl") or word.pos_ == "ADP":
        verb = word.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < word.i]
        if objects and word.dep_ in ("oprd", "xcomp", "ccomp"):
            return objects[0]  # "held the army responsible for"
        return subject_of(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if word.pos_ in ("VERB", "AUX"):
        return subject_of(word) or next((c for c in word.children if c.dep_ == "nsubjpass"), None)
    return None


_SERIES = listed("events", "series")


_AIM_NOUNS = listed("events", "aim_nouns")


_AIM_VERBS = listed("events", "aim_verbs")


def _aimed_at(index: Index, trigger: Token, args: Args) -> None:
    """What an attack was aimed at: "bombings targeted at the army", "the attacks, which
    seemed to be aimed at civilians", "the attacks were aimed at tourists"; what a copula
    says it was aimed at: "the embassy was the target of the attack", "the targets of the
    attacks were two banks"."""
    verbs = [c for c in trigger.children if c.dep_ in ("acl", "relcl")]
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(trigger.head)
    for verb in verbs:
        aim: Token | None = verb
        while aim is not None and aim.lemma_.lower() not in _AIM_VERBS:
            aim = next((c for c in aim.children if c.dep_ == "xcomp"), None)  # "seemed to be"
        for prep in aim.children if aim is not None else ():
            if prep.dep_ == "prep" and prep.lower_ in ("at", "against"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        _patient_args(index, obj, args, "ASSAULT")
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
        return
    noun = trigger.head.head
    if noun.lemma_.lower() not in _AIM_NOUNS or noun.head.lemma_ != "be":
        return
    copula = noun.head
    wanted = "nsubj" if noun.dep_ == "attr" else "attr" if noun.dep_ == "nsubj" else None
    for child in copula.children:
        if child.dep_ == wanted:
            _patient_args(index, child, args, "ASSAULT")


_ATTEMPTS = listed("events", "attempts")


def _raised(node: Token, doer_verbs: frozenset[str]) -> Token:
    """The verb of which ``node`` is said: its head, or the doer verb its head's "to"
    clause holds when ``node`` is its subject ("the attack is believed to have been carried
    out by ETA")."""
    head = node.head
    if node.dep_ not in ("nsubj", "nsubjpass") or head.lemma_.lower() in doer_verbs:
        return head
    verb: Token | None = head
    while verb is not None and verb.lemma_.lower() not in doer_verbs:
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if verb is None or not any(c.dep_ == "auxpass" for c in verb.children):
        return head
    return verb


def _doers(index: Index, trigger: Token, args: Args) -> None:
    """Who carried out an attack named by a noun: "the rebels carried out an attack", "the
    bombing was perpetrated by commandos", "three soldiers were involved in the massacre",
    "the gang was responsible for the murder" (``doer_verbs``, ``doer_words``)."""
    lexicon = nouns()
    node = trigger
    if trigger.dep_ in ("compound", "amod", "nmod") and trigger.head.lemma_.lower() in _ATTEMPTS:
        node = trigger = trigger.head  # "were involved in the failed assassination attempt"
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_.lower() in _SERIES
    ):
        node = trigger.head.head  # "began a series of attacks"
    _blamed_on(index, node, args)
    head = _raised(node, lexicon.doer_verbs)
    if head.lemma_.lower() in lexicon.doer_verbs and head.pos_ == "VERB":
        if node.dep_ == "dobj":
            subject = subject_of(head)
            if subject is None and head.dep_ == "acl":
                # "the IRA's decision to carry out the attacks": the owner of the decision
                subject = next((c for c in head.head.children if c.dep_ == "poss"), None)
            if subject is not None:
                _agent_or_instrument(index, subject, args)
        elif node.dep_ == "nsubjpass" or head.i != node.head.i:
            for child in head.children:
                if child.dep_ == "agent":
                    for obj in (c for c in child.children if c.dep_ == "pobj"):
                        _agent_or_instrument(index, obj, args)
        return
    if trigger.dep_ != "pobj":
        return
    prep = head
    word = prep.head
    if word.lemma_.lower() == "take" and any(c.lower_ == "part" for c in word.children):
        wanted = lexicon.doer_words.get("part")  # "took part in the murder"
    elif word.lower_ == "part":
        wanted, word = lexicon.doer_words.get("part"), word.head
        if word.lemma_.lower() != "take":
            return
    else:
        wanted = lexicon.doer_words.get(word.lemma_.lower()) or lexicon.doer_words.get(word.lower_)
    if wanted != prep.lower_:
        return
    doer = _doer_of(word)
    if doer is not None and doer.i != trigger.i:
        _agent_or_instrument(index, doer, args)


def _blamed_on(index: Index, node: Token, args: Args) -> None:
    """Who an attack is blamed on (``blamed_on``): "the bombing was blamed on rebels",
    "police attributed the attack to rebels", "an action attributed to the mafias"; whose
    work it was (``work_of``): "the attack was the work of rebels"."""
    blamed_on = nouns().blamed_on
    verbs = [c for c in node.children if c.dep_ == "acl" and c.i > node.i]
    if node.dep_ in ("dobj", "nsubjpass"):
        verbs.append(node.head)
    for verb in verbs:
        wanted = blamed_on.get(verb.lemma_.lower())
        if wanted is None or verb.pos_ != "VERB":
            continue
        for prep in verb.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ == wanted:
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    _agent_or_instrument(index, obj, args)
    if node.dep_ == "nsubj" and node.head.lemma_ == "be":
        # "the attack was the work of rebels"
        for attr in node.head.children:
            if attr.dep_ == "attr" and attr.lemma_.lower() in nouns().work_of:
                for prep in attr.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in (c for c in prep.children if c.dep_ == "pobj"):
                            _agent_or_instrument(index, obj, args)


def _sweep_weapons(index: Index, trigger: Token, args: Args) -> None:
    """Weapons anywhere in the trigger's phrase or clause ("attacked with rifles and
    grenades", "the clash involved mortar and rifle fire")."""
    scope = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass"):
        scope = trigger.head

    span = list(range(scope.left_edge.i, scope.right_edge.i + 1))
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in nouns().doer_verbs:
        # "carried out 563 strikes, largely by drones": the doer verb's "by" object
        for prep in trigger.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                span.extend(c.i for c in prep.children if c.dep_ == "pobj")
    for k in span:
        token = index.doc[k]
        if token.pos_ not in ("NOUN", "PROPN", "ADJ") or (
            k in index.trigger_tokens and k != trigger.i
        ):
            continue
        weapon = weapon_at(index.doc, token)
        if weapon is None:
            continue
        # the longest weapon phrase only: "car bomb", not also "bomb"
        if k + 1 < len(index.doc) and weapon_at(index.doc, index.doc[k + 1]) is not None:
            longer = weapon_at(index.doc, index.doc[k + 1])
            if longer and longer[1] <= k:
                continue
        _instrument(index, token, weapon, args)
