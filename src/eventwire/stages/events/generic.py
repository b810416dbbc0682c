"""Events named in general: a kind of deed, a statistic, a habit — not one that happened.

``generic(token)`` is true for a trigger that names deeds in general (word lists in
``knowledge/everyday.yaml``); the events stage gives its event ``Modality.GENERIC``: kept
in the report, never an incident.

* a quantifier: "every attack", "any shooting", "all bombings";
* a statistic: "thousands of shootings", "a spate of police shootings", "3,210 shooting
  victims", "707 people shot" (a count of 100 or more), unless the sentence names the day
  ("a wave of bombings on Monday");
* a trend or a generic present of a bare plural: "attacks on police are rising",
  "attacks on the homeland stepped up", "shootings happen every day";
* a habit: "frequently targeted by insurgents", "routinely beaten", "frequent attacks on
  police", "numerous bombings" (a bare plural with no day named);
* an offence named by a legal verb: "charged with assault", "convicted of murder";
* a count asked: "how many attacks have there been?";
* what a generic deed is said to be: "every attack on a reporter is an attack on us";
* generic "you": "you walk down the street, you get shot";
* a deed done to "any" one: "ready to shoot any intruder";
* a present-tense "when"/"whenever" clause: "when the media gets a video of a man getting
  shot" (a habit);
* a generic present relative clause on a bare plural or an indefinite pronoun: "people who
  attack my family", "anyone who shoots a police officer";
* what an indefinite deed can do, by a modal: "one shooting may have more than one
  victim", "an attack could start a war" (a possibility, not a deed);
* a kind of deed named by a bare plural with a classifying modifier and nothing that
  anchors it: "blamed police shootings on bias", "as a result of police shootings" (the
  kind, as in "police shootings of unarmed men are rare"; "the police shootings of Martin
  and Brown", "police shootings in Tulsa on Friday" stay specific), a bare plural aimed at
  a kind of people with no anchor ("in the wake of attacks against police"), a gerund clause
  whose subject is a bare plural with no anchor: "as a result of police being shot";
* a bare mass noun in the subject of a present-tense verb: "the sound of gunfire does not
  concentrate the mind";
* a war going on: a fight in the present progressive with no day named ("Yemen, where a
  coalition is battling insurgents");

A bare plural with a name before it stays specific ("IS attacks", "Israeli airstrikes"),
and so does one with a determiner, a possessive or a small number ("two attacks").

``war_as_whole(token)`` is true for a war named as a whole, an aggregate of many deeds:
"Russia's invasion of Ukraine", "the U.S. invasion of Panama", "supported the invasion in
2003" (a country invaded, or a year for its date); the events stage makes no event of it.
Its onset stays a deed: "Israel today mounted its invasion of South Lebanon" (a day named,
or a verb of launching).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import everyday

__all__ = ["generic", "war_as_whole"]

_DAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"overnight|night|morning|afternoon|evening)\b",
    re.I,
)
_PRESENT = {"VBP", "VBZ"}
_YEAR = re.compile(r"^(in )?(the )?(late |early |mid-?)?(1[89]|20)\d\d'?s?$", re.I)
_PLACE_ENTS = {"GPE", "LOC", "NORP"}
_ANCHOR_ENTS = {"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP", "DATE", "TIME"}


def _words(part: str) -> frozenset[str]:
    return everyday()["generic"][part]


def _number(token: Token) -> float | None:
    text = token.text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _names_a_day(token: Token) -> bool:
    """A day or time of day in the trigger's clause ("a wave of bombings on Monday")."""
    clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
    return any(t.ent_type_ in ("DATE", "TIME") and _DAY.search(t.text) for t in clause.subtree)


def _large_count(token: Token) -> bool:
    """A count of 100 or more on the noun (or on the noun it modifies)."""
    nouns = [token, token.head] if token.dep_ in ("compound", "acl", "amod") else [token]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "nummod" and (n := _number(child)) is not None and n >= 100:
                return True
    return False


def _quantity(token: Token) -> bool:
    """ "thousands of shootings", "a spate of shootings": the trigger counted in bulk."""
    node = token.head if token.dep_ in ("compound", "acl", "amod") else token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "a tally on homicides and shooting victims"
    if node.dep_ != "pobj" or node.head.lower_ not in ("of", "on"):
        return False
    counted = node.head.head
    if node.head.lower_ == "on":  # "keeps a running tally on shootings"
        counted = next((c for c in counted.children if c.dep_ == "dobj"), counted)
    words = _words("quantities")
    return counted.lemma_.lower() in words or counted.lower_ in words


def _bare_plural(token: Token) -> bool:
    if token.tag_ != "NNS":
        return False
    for child in token.children:
        if child.dep_ in ("det", "poss", "nummod", "predet"):
            return False
        if child.dep_ in ("compound", "amod") and (
            child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "ORG", "GPE", "PERSON")
        ):
            return False  # "IS attacks", "Israeli airstrikes"
    return True


def _trend_or_present(token: Token) -> bool:
    """A bare plural as the subject of a trend verb or of a present-tense verb."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if verb.lemma_.lower() in _words("trend_verbs"):
        return True
    tenses = [verb.tag_] + [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t in _PRESENT for t in tenses) and all(t in _PRESENT or t == "VBG" for t in tenses)


def _in_generic_subject(token: Token) -> bool:
    """A bare mass noun inside the subject of a present-tense verb: "the sound of gunfire
    does not concentrate the mind" (what gunfire does, not a shot fired)."""
    if token.tag_ != "NN" or token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in token.children):
        return False
    subject = token.head.head
    if subject.dep_ != "nsubj":
        return False
    verb = subject.head
    tags = [verb.tag_] + [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(t in _PRESENT for t in tags) and all(t in _PRESENT or t == "VB" for t in tags)


def _ongoing_war(token: Token) -> bool:
    """A fight in the present progressive with no day named: a war going on, "Yemen, where
    a coalition is battling insurgents" (not "troops were battling rebels on Monday")."""
    if token.tag_ != "VBG" or token.lemma_.lower() not in _words("ongoing"):
        return False
    aux = [c for c in token.children if c.dep_ == "aux"]
    return bool(aux) and all(c.tag_ in _PRESENT for c in aux) and not _names_a_day(token)


def _generic_you(token: Token) -> bool:
    if token.pos_ != "VERB":
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ != "you":
        return False
    tags = [token.tag_] + [c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")]
    return any(t in _PRESENT for t in tags) and "MD" not in tags and "VBD" not in tags


def _generic_relative(token: Token) -> bool:
    """A present-tense relative clause on a bare plural or "anyone": "people who attack my
    wife and attack my father" (a kind of person, not a deed)."""
    verb = token
    while verb.head.i != verb.i and (
        verb.dep_ == "conj" or (verb.dep_ == "xcomp" and verb.head.pos_ == "VERB")
    ):
        verb = verb.head  # "insurgents who continue to ambush": the relative clause's verb
    if token.pos_ != "VERB" or verb.dep_ != "relcl":
        return False
    tags = [verb.tag_] + [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not all(t in _PRESENT or t == "VBG" for t in tags) or not any(t in _PRESENT for t in tags):
        return False
    head = verb.head
    if head.lower_ in _words("indefinites"):
        return True
    return head.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "predet") for c in head.children
    )


def _any_object(token: Token) -> bool:
    """ "ready to shoot any intruder", "would kill anyone": a disposition, no deed."""
    if token.pos_ != "VERB":
        return False
    words = _words("any")
    return any(
        c.dep_ == "dobj"
        and (c.lower_ in words or any(d.dep_ == "det" and d.lower_ in words for d in c.children))
        for c in token.children
    )


def _habitual_when(token: Token) -> bool:
    """The trigger inside a present-tense "when"/"whenever" clause: a habit."""
    for node in (token, *token.ancestors):
        if node.pos_ not in ("VERB", "AUX"):
            continue
        sub = next(
            (c for c in node.children if c.dep_ in ("mark", "advmod") and c.tag_ in ("WRB", "IN")),
            None,
        )
        if sub is None or node.dep_ != "advcl":
            continue
        if sub.lower_ not in ("when", "whenever"):
            return False
        tags = [node.tag_] + [c.tag_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        return all(t in _PRESENT for t in tags)
    return False


def _modal_possibility(token: Token) -> bool:
    """An indefinite deed noun as subject of a modal verb in its base form: "one shooting may
    have more than one victim", "an attack could start a war". ("The attack could spark
    reprisals" is definite; "may have killed" is a hedged past, read by modality.)"""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj":
        return False
    verb = token.head
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    return not any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in ("a", "an"))
        for c in token.children
    )


def _anchored(token: Token) -> bool:
    """A name, place or date on the noun or in its clause: "of Trayvon Martin", "in Tulsa",
    "on Friday"."""
    for child in token.children:
        if child.dep_ in ("prep", "acl", "relcl") and any(
            t.ent_type_ in _ANCHOR_ENTS or t.pos_ == "PROPN" for t in child.subtree
        ):
            return True
    clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return False
    return any(
        c.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)
        for c in clause.children
    )


def _kind(token: Token) -> bool:
    """A bare plural with a classifying modifier and no anchor: "police shootings"."""
    if not _bare_plural(token) or token.dep_ == "compound":
        return False
    if _anchored(token):
        return False
    classifiers = [
        c
        for c in token.children
        if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and not c.ent_type_
    ]
    if classifiers:
        return all(c.lower_ in _words("classifiers") for c in classifiers)
    aimed = [  # "attacks against police": aimed at a kind of people
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("against", "on")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return bool(aimed) and all(
        g.pos_ == "NOUN" and not any(d.dep_ in ("det", "poss", "nummod") for d in g.children)
        for g in aimed
    )


def _gerund_of_kind(token: Token) -> bool:
    """A gerund clause whose subject is a kind: "as a result of police being shot"."""
    if token.pos_ != "VERB" or not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBG" for c in token.children
    ):
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and _bare_plural(subject) and not _anchored(subject)


def war_as_whole(token: Token) -> bool:
    """ "Russia's invasion of Ukraine", "the invasion in 2003": a war named as a whole, many
    deeds over months; the events stage reports no event for it, as for "a history of
    attacks" (a single raid or shelling stays an event)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _words("wars"):
        return False
    if _names_a_day(token) or (
        token.dep_ == "dobj" and token.head.lemma_.lower() in _words("onsets")
    ):
        return False  # "Israel today mounted its invasion of South Lebanon": its first day
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod") and child.ent_type_ in _PLACE_ENTS:
            return True  # "Russia's invasion", "the U.S. invasion", "the Soviet occupation"
        if child.dep_ != "prep":
            continue
        objects = [g for g in child.children if g.dep_ == "pobj"]
        if child.lower_ == "of" and any(g.ent_type_ in _PLACE_ENTS for g in objects):
            return True  # "the invasion of Panama"
    verb = token.head if token.dep_ == "dobj" else token
    dated = [c for c in (*token.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "in"]
    return any(
        g.ent_type_ == "DATE" and _YEAR.match(" ".join(t.text for t in g.subtree))
        for c in dated
        for g in c.children
        if g.dep_ == "pobj"
    )  # "the invasion in 2003", "supported the invasion in 2003"


def _charge(token: Token) -> bool:
    """A bare offence noun after a legal verb: "charged with assault", "convicted of murder",
    "exceptions for rape" (the offence, not a deed)."""
    while token.dep_ == "conj" and token.head.pos_ == "NOUN" and token.tag_ == "NN":
        token = token.head  # "accused of rape or murder": the murder too
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.tag_ != "NN":
        return False
    if any(
        c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "prep" and c.lower_ == "of")
        for c in token.children
    ):
        return False  # "charged with the murder of…": that murder
    governor = token.head.head
    return governor.lemma_.lower() in _words("legal")


def generic(token: Token) -> bool:
    """Whether the trigger ``token`` names deeds in general rather than one deed."""
    if token.sent.text.lower().lstrip(" \"'“‘").startswith("how many"):
        return True  # "How many terrorist attacks have there been…?"
    if _charge(token):
        return True
    if any(
        c.dep_ in ("det", "predet") and c.lower_ in _words("quantifiers") for c in token.children
    ):
        return True
    if token.pos_ == "VERB" and any(
        c.dep_ == "advmod" and c.lower_ in _words("habitual") for c in token.children
    ):
        return True
    if _generic_you(token) or _generic_relative(token):
        return True
    if _any_object(token) or _habitual_when(token):
        return True
    if _modal_possibility(token) or _kind(token) or _gerund_of_kind(token):
        return True
    if _in_generic_subject(token) or _ongoing_war(token):
        return True
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "NOUN" and generic(subject):
            return True  # "every attack on a reporter is an attack on all of us"
    if _names_a_day(token):
        return False
    if _large_count(token) or _quantity(token):
        return True
    if _bare_plural(token) and any(
        c.dep_ == "amod" and c.lower_ in _words("habitual_adjectives") for c in token.children
    ):
        return True  # "frequent attacks on security forces", "numerous bombings"
    return _bare_plural(token) and _trend_or_present(token)
