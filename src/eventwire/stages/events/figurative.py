"""Triggers that are no deed: violent words used verbally or figuratively, and other words
that only look like a trigger.

``figurative(token, entry)`` is true for a trigger the events stage drops:

* criticism and metaphor (word lists in ``knowledge/everyday.yaml``): an abstract object
  ("attacked Clinton's record", "attack the virus", "fight against poverty", "killed in
  this deal"), done in or through speech ("attacked Machado in tweets", "a tweet
  attacking…"), a reason or a label ("attacked X for her vote", "as a fraud"), a verbal
  modifier ("personal attacks", "legislative attacks"), a criticism verb beside it
  ("attack and critique") or a speech participle after it ("attacked Trump, saying…"), a
  named person attacking a named person or group with no weapon
  or injury in the sentence ("Trump attacked Machado", "his attacks on moderators"), an
  attack on (or a beating of) a named person in a sentence about an election campaign
  ("attacks on Clinton at the convention", "able to beat Donald Trump"),
  "blasted"/"slammed" said of a person, "the population exploded";
* a damage word with a person as object ("he may have been sabotaged");
* "execute" done to a plan ("a terror campaign is being executed", "executed the
  strategy"): carried out, no one put to death;
* a word inside a hyphenated modifier ("gas-fired plants"), a noun trigger modifying a
  noun that is no event ("a fighting force", "attack helicopters"), an attack word
  modifying a plan ("a coordinated attack effort");
* "demonstrate" with an object or a clause (to show: "demonstrated her skill");
* a campaign rally: the candidate's ("Trump's rally", "a campaign rally", "Clinton held
  rallies"), the setting of a speech ("said at a rally in Michigan"), any rally in a
  sentence about an election with no word of protest; "rally" with an object or "behind"
  (support: "rally world leaders"); "a demonstration of" (a show);
* a state of arrest ("released from house arrest", "years under house arrest");
* a shot at no one: a harmless projectile ("shot flares at the planes") or a launch into
  the sea or the air with no "at" target ("fired three missiles into the sea": a test);
* "go off" with an object ("went off script"), "die down";
* a verb that needs a weapon or an attack as its subject ("hit", "slam") whose subject is
  one in words ("an advertising onslaught will hit the airwaves");
* an attack on computers ("cybersecurity under constant attack from foreign powers");
* "execution" that kills no one: a performance judged ("flawless execution") or the death
  penalty ("as governor he did not interfere with 11 executions");
* an incursion into waters or airspace: a border crossed, no one hit;
* a participle opening a short quoted phrase with no finite verb: an epithet cited
  ("went on about \"wounded American families\"").

A weapon or injury word in the sentence ("stabbed", "gun", "hospital") keeps the verbal
and figurative rules from applying: the reading is then physical, unless a verbal modifier
makes the weapon a figure too ("a political weapon").  The object of a noun after a copula
may stand after a parenthesis ("an invasion, in our estimation, of the regulatory domain").

``bare_reference(token)`` is true for a definite noun with no words of its own ("the
attacks"): the events stage gives it the reading of a figurative attack a few sentences
before it (one sense in a passage: "she would stand up to the attacks" after "attacked
Machado in tweets").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import Trigger, everyday, modality

__all__ = ["bare_reference", "figurative"]

_OBJECT_PREPS = {"on", "against", "of", "toward", "towards", "upon", "through"}
_SPEECH_PREPS = {"in", "on", "via", "with", "through", "during"}
_PEOPLE = {"PERSON", "NORP", "ORG"}
_PRONOUNS = {"him", "her", "them", "he", "she", "they"}
_REFLEXIVE = {"himself", "herself", "themselves", "myself", "yourself", "ourselves"}


def _words(part: str) -> frozenset[str]:
    return everyday()["figurative"][part]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _objects(token: Token, preps: set[str] = _OBJECT_PREPS) -> list[Token]:
    """What the trigger is done to: object, passive subject, "on"/"against"… objects."""
    out = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    children = list(token.children)
    if token.dep_ == "attr":  # "it's an invasion, in our estimation, of the domain"
        children += [c for c in token.head.children if c.i > token.i]
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in preps):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    more = [c for o in out for c in o.children if c.dep_ == "appos"]
    return out + more + [c for o in out + more for c in o.conjuncts]


def _subject(token: Token) -> Token | None:
    """The doer: the trigger's subject, its head's for an infinitive ("started attacking")."""
    for node in (token, token.head):
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if node.dep_ not in ("xcomp", "conj"):
            break
    return None


def _person(token: Token | None) -> bool:
    """A named individual as doer ("Trump", "Hillary Clinton"; "his", "her" before a noun)."""
    if token is None:
        return False
    return token.ent_type_ == "PERSON" or (token.dep_ == "poss" and token.lower_ in ("his", "her"))


def _named(token: Token) -> bool:
    """A named person, group or organisation as object ("Machado", "Latinos", "him"), or a
    political rival ("her opponent")."""
    return (
        token.ent_type_ in _PEOPLE
        or token.pos_ == "PROPN"
        or token.lower_ in _PRONOUNS
        or token.lower_ in _words("political_targets")
    )


def _physical(token: Token) -> bool:
    """A weapon or injury word elsewhere in the sentence, unless a verbal modifier makes it
    a figure too ("seized on the issue as a political weapon")."""
    words, verbal = _words("physical"), _words("modifiers")
    return any(
        t.lower_ in words and not any(c.dep_ == "amod" and c.lower_ in verbal for c in t.children)
        for t in token.sent
        if t.i != token.i
    )


def _cyber(token: Token) -> bool:
    """An attack on computers: "hackers attacked the servers", "under constant attack from
    foreign powers" in a sentence about cybersecurity."""
    words = _words("cyber")
    return any(t.lower_ in words for t in token.sent) and not _physical(token)


def _quoted_phrase(token: Token) -> bool:
    """A participle that opens a short quoted phrase with no finite verb: an epithet cited,
    not a deed reported ("went on about \"wounded American families\""). A quoted noun
    stays a deed ("an \"attack with very powerful explosives\"")."""
    if token.tag_ not in ("VBN", "JJ"):
        return False
    sent = token.sent
    marks = ('"', "“", "”", "''", "``")
    before = [t for t in sent if t.i < token.i and t.text in marks]
    after = [t for t in sent if t.i > token.i and t.text in marks]
    if not before or not after or len(before) % 2 == 0:
        return False
    inside = token.doc[before[-1].i + 1 : after[0].i]
    return (
        inside.start == token.i
        and len(inside) <= 5
        and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside)
    )


def _not_a_killing(token: Token) -> bool:
    """ "execution" that is no killing: a performance judged ("flawless execution"), or the
    death penalty ("the governor did not interfere with 11 executions")."""
    if _lemma(token) not in _words("carried_out"):
        return False
    if any(
        c.dep_ in ("amod", "compound") and c.lower_ in _words("performance") for c in token.children
    ):
        return True
    return any(t.lemma_.lower() in _words("judicial") for t in token.sent)


def _abstract(token: Token) -> bool:
    words, within = _words("abstract"), _words("abstract_in")
    if any(o.pos_ == "NOUN" and o.lower_ in words for o in _objects(token)):
        return True
    inside = [o for o in _objects(token, {"in"}) if o.dep_ == "pobj"]
    return any(o.pos_ == "NOUN" and o.lower_ in within for o in inside)


def _through_speech(token: Token) -> bool:
    speech = _words("speech")
    for prep in (c for c in token.children if c.dep_ == "prep"):
        things = [c for c in prep.children if c.dep_ == "pobj"]
        things += [g for c in things for p in c.children if p.lower_ == "of" for g in p.children]
        if prep.lower_ in _SPEECH_PREPS and any(
            c.lower_ in speech and c.lower_ not in ("rally", "rallies") for c in things
        ):
            return True  # "in tweets", "in a string of tweets"
        if token.pos_ == "VERB" and prep.lower_ == "as":
            return True  # "attacked her opponent as a fraud"
        if (
            token.pos_ == "VERB"
            and prep.lower_ == "for"
            and any(
                c.dep_ in ("pobj", "pcomp") and c.lemma_.lower() not in ("time", "hour", "day")
                for c in prep.children
            )
        ):
            return True  # "attacked Clinton for her support of the war"
    subject = _subject(token)
    if subject is not None and subject.lower_ in speech:
        return True  # "the ad attacks"
    return token.dep_ == "acl" and token.head.lower_ in speech  # "a tweet attacking"


def _verbal(token: Token) -> bool:
    """Criticism: by a named person or a medium, in words, with verbal modifiers."""
    if any(
        c.dep_ in ("amod", "compound", "advmod") and c.lower_ in _words("modifiers")
        for c in token.children
    ):
        return True
    if any(c.lemma_.lower() in _words("speech_verbs") for c in token.conjuncts):
        return True
    if token.pos_ == "VERB" and any(
        c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in modality().say
        for c in token.children
    ):
        return True  # "it attacked Trump, saying he has offended…"
    if _through_speech(token):
        return True
    if any(o.lower_ in _words("political_targets") for o in _objects(token)):
        return True  # "refrain from attacking their opponent"
    campaign = _words("campaign")
    if (
        _lemma(token) in ("attack", "onslaught", "beat")
        and any(o.ent_type_ == "PERSON" for o in _objects(token, {"on", "against", "upon"}))
        and any(t.lower_ in campaign for t in token.sent)
    ):
        return True  # "relentless attacks on Clinton at the convention"
    strict = _words("campaign_strict")
    if _lemma(token) in ("attack", "onslaught") and any(t.lower_ in strict for t in token.sent):
        aimed = _objects(token, {"on", "against", "upon"})
        if all(o.ent_type_ in _PEOPLE or o.lower_ in _PRONOUNS for o in aimed):
            return True  # "a new round of attacks after the debate"
    doer = _subject(token) if token.pos_ == "VERB" else None
    if token.pos_ == "NOUN":
        doer = next((c for c in token.children if c.dep_ == "poss"), None)
        source = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if doer is None and source:
            doer = source[0]  # "attacks from New Jersey Gov. Chris Christie"
        if doer is None and token.dep_ in ("dobj", "pobj"):
            verb = token.head if token.dep_ == "dobj" else token.head.head
            doer = _subject(verb) if verb.pos_ == "VERB" else None  # "responded with attacks"
    if _lemma(token) in _words("speech_only"):
        return token.pos_ == "VERB" and (
            _person(doer) or (doer is not None and doer.pos_ == "PRON")
        )
    if not _person(doer):
        return False
    objects = _objects(token)
    return not objects or any(_named(o) for o in objects)


def _campaign_rally(token: Token) -> bool:
    lemma = _lemma(token)
    if lemma == "demonstration" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    ):
        return True  # "another demonstration of how divided the party is"
    if lemma == "rally" and token.pos_ == "VERB":
        return any(
            c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("behind", "around"))
            for c in token.children
        )  # "tried to rally world leaders", "rally behind him": support
    if lemma != "rally" or token.pos_ != "NOUN":
        return False
    words = {t.lower_ for t in token.sent if t.i != token.i}
    if words & _words("campaign") and not words & _words("protest_cues"):
        return True  # "at a victory rally in Vermont", "holding a rally in Springfield"
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ == "PERSON"):
            return True  # "his rally", "a Trump rally"
        if child.dep_ in ("amod", "compound") and child.lower_ in ("campaign", "election"):
            return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ("hold", "host", "headline"):
        subject = _subject(token.head)
        return subject is not None and subject.ent_type_ == "PERSON"  # "Clinton held rallies"
    if token.dep_ != "pobj" or token.head.lower_ not in ("at", "during"):
        return False
    verb = token.head.head  # the setting of a speech: "said at a rally", "told … during a rally"
    say = modality().say | _words("setting_verbs")
    return verb.lemma_.lower() in say


def _no_target(token: Token) -> bool:
    """ "shot flares at the planes", "fired three missiles into the sea": no one is hit."""
    if _lemma(token) not in ("fire", "shoot"):
        return False
    if any(c.dep_ == "dobj" and _lemma(c) in _words("harmless_shots") for c in token.children):
        return True
    preps = [c for c in token.children if c.dep_ == "prep"]
    if any(p.lower_ == "at" for p in preps):
        return False
    return any(
        p.lower_ in ("into", "over") and any(_lemma(g) in _words("no_target") for g in p.children)
        for p in preps
    )


def _not_an_event_word(token: Token) -> bool:
    doc = token.doc
    lemma = _lemma(token)
    hyphen = token.i > 0 and doc[token.i - 1].text == "-"
    if (
        hyphen
        and token.tag_ in ("VBN", "JJ")
        and not any(c.dep_.startswith("nsubj") for c in token.children)
    ):
        return True  # "gas-fired power plants"
    if lemma in ("kill", "shoot") and any(
        c.dep_ == "dobj" and c.lower_ in _REFLEXIVE and not c.conjuncts for c in token.children
    ):
        return True  # "shot himself": a suicide
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("compound", "amod")
        and token.head.lemma_.lower() in everyday()["figurative"]["not_event_heads"]
    ):
        return True  # "a fighting force", "attack helicopters"
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children):
        return True  # "demonstrated her skill", "demonstrating that…"
    if lemma == "die" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return True  # "when the media dies down"
    if lemma == "arrest" and token.dep_ == "pobj" and token.head.lower_ in ("under", "from"):
        return True  # "released from house arrest", "15 years under house arrest": a state
    if lemma == "incursion" and any(
        c.dep_ == "prep"
        and c.lower_ in ("into", "in")
        and any(_lemma(g) in _words("no_target") for g in c.children)
        for c in (*token.children, *token.head.children)
    ):
        return True  # "submarine incursions into Swedish waters": a border crossed, no attack
    if lemma == "hostility" and token.tag_ == "NN":
        return True  # "Europeans' hostility": an attitude; "hostilities" are fighting
    if _no_target(token):
        return True
    if lemma == "go":
        return any(
            c.lower_ == "off" and any(g.dep_ == "pobj" for g in c.children) for c in token.children
        )  # "went off script"
    return _campaign_rally(token)


def _deed_claimed(token: Token) -> bool:
    """What responsibility or credit is claimed for is a deed: "claimed responsibility for
    the attack in a statement" (the parser may hang "in a statement" on "attack")."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.lemma_.lower() in _words("deed_for")
    )


def bare_reference(token: Token) -> bool:
    """A definite noun that only refers back ("the attacks", "the assault"): no words of
    its own but its determiner, and no weapon or injury in its sentence. It takes the
    reading of the mention it refers to: after "attacks on Machado in tweets", "she would
    stand up to the attacks" is criticism too."""
    if token.pos_ != "NOUN" or _physical(token):
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in ("the", "this", "that", "these", "those", "such"):
        return False
    return all(c.dep_ in ("det", "punct") for c in token.children)


def figurative(token: Token, entry: Trigger) -> bool:
    """Whether the trigger ``token`` (of lexicon ``entry``) reports no deed."""
    if _not_an_event_word(token):
        return True
    if _deed_claimed(token):
        return False
    lemma = _lemma(token)
    if lemma in _words("person_only") and any(
        o.ent_type_ == "PERSON" or o.lower_ in ("he", "she", "him", "her") for o in _objects(token)
    ):
        return not _physical(token)
    if (
        entry.type == "ASSAULT"
        and token.dep_ == "compound"
        and token.head.lemma_.lower() in _words("plan_heads")
    ):
        return True  # "a coordinated attack effort by the media", "attack plans"
    if lemma in _words("carried_out") and (_abstract(token) or _not_a_killing(token)):
        return True  # "a worldwide campaign is being deliberately executed"
    if entry.type == "ASSAULT" and (_cyber(token) or _quoted_phrase(token)):
        return True
    if entry.subject_weapon and not _physical(token):
        subject = _subject(token)  # "an advertising onslaught will hit the airwaves"
        if subject is not None and _verbal(subject):
            return True
    if lemma not in _words("verbal_triggers") or entry.type not in ("ASSAULT", "PROTEST"):
        return False
    if _physical(token):
        return False
    if lemma == "explode":
        subject = _subject(token)
        return subject is not None and subject.lower_ in _words("not_explosive")
    return _abstract(token) or _verbal(token)
