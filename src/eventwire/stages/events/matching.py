"""Whether a trigger of the lexicon holds at a token: its part of speech, the words it
needs or refuses around it, and what its object or subject must be (``matches``): people,
a place or a weapon (knowledge/triggers.yaml explains the constraints).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.knowledge.event_lexicon import Trigger, is_person, nouns, triggers
from eventwire.stages.events.phrases import weapon_at


def _context_words(token: Token) -> set[str]:
    """Words around a trigger for its ``with`` constraint."""
    doc = token.doc
    words = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
    for k in (token.i - 1, token.i + 1):
        if 0 <= k < len(doc):
            words.add(doc[k].lemma_.lower())
            words.add(doc[k].lower_)
    head = token.head
    words.update((head.lemma_.lower(), head.head.lemma_.lower()))
    if token.dep_ == "dobj" and head.pos_ == "VERB":
        # "police launched raids": the subject of the verb that carries a noun trigger
        for subject in (c for c in head.children if c.dep_ == "nsubj"):
            words.update(t.lower_ for t in subject.subtree)
    for child in token.children:
        if child.dep_ in ("prep", "prt"):
            words.update(c.lower_ for c in child.children)
    return words


def _objects(token: Token) -> list[Token]:
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            objects.append(child)
        elif child.dep_ == "prt":
            objects.extend(c for c in child.children if c.dep_ == "dobj")
        elif child.dep_ == "prep" and child.lower_ == "of" and token.pos_ in ("NOUN", "PROPN"):
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN"):
        objects.append(token.head)  # "troop withdrawal" read as withdrawal of troops
    out: list[Token] = []
    for obj in objects:
        out.append(obj)
        out.extend(c for c in obj.children if c.dep_ == "conj")
        out.extend(c for c in obj.children if c.dep_ in ("compound",))
    return out


def matches(doc: Doc, token: Token, entry: Trigger) -> tuple[int, int] | None:
    """(first, last) token of the trigger when ``entry`` holds at ``token``."""
    pos = token.pos_
    if entry.pos == "noun" and pos not in ("NOUN", "PROPN"):
        return None
    if entry.pos == "verb" and pos != "VERB":
        return None
    if entry.pos == "any" and pos not in ("NOUN", "PROPN", "VERB"):
        return None
    last = token.i
    if entry.words:
        end = token.i + len(entry.words)
        if end >= len(doc):
            return None
        following = doc[token.i + 1 : end + 1]
        if any(
            t.lower_ != w and t.lemma_.lower() != w
            for t, w in zip(following, entry.words, strict=True)
        ):
            return None
        last = end
    if entry.with_ and not (_context_words(token) & entry.with_):
        return None
    if entry.without:
        near = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
        if token.i > 0:
            near.add(doc[token.i - 1].lower_)
        if near & entry.without:
            return None
    if entry.objects or entry.object_person:
        objects = _objects(token)
        if entry.objects and not any(
            o.lemma_.lower() in entry.objects or o.lower_ in entry.objects for o in _held(token)
        ):
            return None
        if entry.object_person and not any(
            is_person(o.lemma_, o.text) or o.ent_type_ in ("PERSON", "NORP") for o in objects
        ):
            return None
    if entry.object_place and not any(_territory(o) for o in _held(token)):
        return None
    if entry.object_weapon and not any(_weapon_object(doc, o) for o in _held(token)):
        return None
    if entry.subject_weapon and not any(
        c.dep_ == "nsubj" and _attack_word(doc, c) for c in token.children
    ):
        return None
    if entry.subject_perpetrator and not any(
        c.dep_ == "nsubj" and _perpetrator(c) for c in token.children
    ):
        return None
    return token.i, last


_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def _held(token: Token) -> list[Token]:
    """The objects of a trigger and what the nouns of holding or of quantity among them are
    about: "took control of the town" → control, town; "a stash of rifles" → stash,
    rifles; "two tons of cocaine" → tons, cocaine."""
    out: list[Token] = []
    lexicon = nouns()
    holders = lexicon.control | lexicon.caches | lexicon.quantities
    for obj in _objects(token):
        out.append(obj)
        # "a military base", "a naval outpost": the object's adjectives too
        out.extend(c for c in obj.children if c.dep_ == "amod")
        if obj.lemma_.lower() in holders or obj.lower_ in holders:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "over", "in", "inside"):
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
    for prep in token.children:  # "withdrew from the town", "captured it from the rebels"
        if prep.dep_ == "prep" and prep.lower_ == "from":
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "relcl" and any(o.lower_ in ("which", "that", "where") for o in out):
        out.append(token.head)  # "the town from which the forces withdrew": the town
    out.extend([c for o in out for c in o.children if c.dep_ == "appos"])  # "X, a base"
    held = any(o.lemma_.lower() in lexicon.control for o in out)
    for prep in token.children:  # "regained control in the north of X", "gained ground in X"
        if held and prep.dep_ == "prep" and prep.lower_ in ("of", "over", "in", "inside"):
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _territory(token: Token) -> bool:
    """A named place or a noun of territory ("the town", "an army base")."""
    return token.ent_type_ in _PLACE_ENTS or token.lemma_.lower() in nouns().territory


def _attack_word(doc: Doc, token: Token) -> bool:
    """A weapon or a noun that names an attack ("warplanes", "the strikes", "shells")."""
    if weapon_at(doc, token) is not None:
        return True
    return any(
        t.type == "ASSAULT" and not t.weak and t.pos != "verb"
        for t in triggers().by_lemma.get(token.lemma_.lower(), ())
    )


def _perpetrator(token: Token) -> bool:
    """A noun of the people who carry out attacks ("gunmen", "a suicide bomber")."""
    words = nouns().perpetrators
    phrase = " ".join(t.lower_ for t in token.subtree if t.i <= token.i and t.dep_ != "det")
    return token.lemma_.lower() in words or token.lower_ in words or phrase in words


def _weapon_object(doc: Doc, token: Token) -> bool:
    """A weapon ("two explosive devices", "234 pistols") or a store of them ("a cache")."""
    return weapon_at(doc, token) is not None or token.lemma_.lower() in nouns().caches
