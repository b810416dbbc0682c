"""Noun phrases of arguments: the words a value's evidence covers (``np_span``,
``mention_span``), the weapon a phrase names (``weapon_at``) and the unit it comes in
(``weapon_unit``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.knowledge.event_lexicon import Weapon, nouns
from eventwire.model import Span
from eventwire.stages.events.args import (
    _COLLECTIVE,
    _LEFT_KEEP,
    _OF_PHYSICAL,
    _QUANTITY_WORDS,
    _TITLES,
    Index,
)

# ------------------------------------------------------------------ noun phrases


def weapon_at(doc: Doc, head: Token) -> tuple[Weapon, int] | None:
    """The weapon named by the phrase ending at ``head`` and the phrase's first token."""
    weapons = nouns().weapons
    candidates = weapons.get(head.lemma_.lower(), ())
    if head.lower_ != head.lemma_.lower():  # "jets": the plural's own entries too
        candidates = tuple(
            sorted((*candidates, *weapons.get(head.lower_, ())), key=lambda w: -len(w.phrase))
        )
    if not candidates:
        return None
    for weapon in candidates:
        n = len(weapon.phrase)
        first = head.i - n + 1
        if first < 0:
            continue
        words = doc[first : head.i + 1]
        if all(
            t.lower_ == w or t.lemma_.lower() == w
            for t, w in zip(words, weapon.phrase, strict=True)
        ):
            return weapon, first
    return None


def weapon_unit(token: Token) -> Token | None:
    """The unit or measure (``weapon_units`` of event_nouns.yaml) that names the weapon at
    ``token`` with it: "charge" in "a dynamite charge", "a charge of dynamite"; "kg" in
    "7 kg of dynamite"."""
    units = nouns().weapon_units
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i:
        head = head.head
    elif token.dep_ not in ("compound", "nmod") or head.i < token.i:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.i == token.i:
        return None
    return head if head.lemma_.lower() in units or head.lower_ in units else None


def names_weapon(doc: Doc, head: Token) -> bool:
    """Whether the phrase of ``head`` names a weapon: a weapon itself, or a unit of one
    ("a dynamite charge", "7 kg of dynamite")."""
    if weapon_at(doc, head) is not None:
        return True
    near = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.i < head.i]
    near += [o for c in head.rights if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return any(weapon_unit(t) == head and weapon_at(doc, t) is not None for t in near)


def np_span(index: Index, head: Token, numbers: bool = False) -> Span:
    """The words of the noun phrase headed by ``head``, without determiners, brackets at
    its end or left open ("… Liberation Front (FMLN)" → "… Liberation Front")."""
    start, last = _np_tokens(index, head, numbers)
    return index.span(*_without_brackets(index.doc, start, last, head.i))


_OPEN, _CLOSE = "([{", ")]}"


def _without_brackets(doc: Doc, start: int, last: int, head: int) -> tuple[int, int]:
    """start..last cut before a bracket that is left open or that closes the phrase, unless
    the head is inside it."""
    opened: list[int] = []
    for k in range(start, last + 1):
        if doc[k].text in _OPEN:
            opened.append(k)
        elif doc[k].text in _CLOSE and opened:
            at = opened.pop()
            if k == last and at > start and not at < head < k:
                opened.append(at)  # "(FMLN)" closing the phrase goes too
    cut = min(opened, default=last + 1)
    if cut <= head:
        return start, last
    last = cut - 1
    while last > head and (doc[last].is_punct or doc[last].pos_ in ("DET", "ADP", "CCONJ")):
        last -= 1  # "offices of all the [words indistinct]" → "offices"
    return start, last


def _np_tokens(index: Index, head: Token, numbers: bool = False) -> tuple[int, int]:
    """The first and last token of the noun phrase headed by ``head``, without determiners.

    "the Las Canas bridge" → "Las Canas bridge"; "two of its members" → "two of its
    members"; "a group of subversives" → "group of subversives"; a name → the whole name.
    Numbers are kept with ``numbers`` ("five soldiers", "four explosive charges"), else
    dropped ("about 50 peasants" → "peasants").
    """
    doc = index.doc
    if (
        head.pos_ == "NUM"
        or head.lower_
        in ("one", "some", "several", "many", "dozens", "hundreds", "thousands", "tens", "millions")
        or head.lemma_.lower() in _COLLECTIVE
        or (head.lemma_.lower() in _OF_PHYSICAL)
    ):
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    start = head.i
                    if head.pos_ != "NUM":
                        start = np_span_start(index, head, numbers)
                    return (
                        start,
                        objects[0].right_edge.i
                        if objects[0].right_edge.i - objects[0].i < 4
                        else objects[0].i,
                    )
    if head.i in index.ent_at and head.pos_ == "PROPN":
        start, end, label = index.ent_at[head.i]
        last = max(end - 1, head.i)
        while start < head.i and (
            doc[start].pos_ == "DET" or (label == "PERSON" and doc[start].lower_ in _TITLES)
        ):
            start += 1  # "the FMLN", "Judge Mariela Espinosa" → the name
        for k in range(head.i + 1, last + 1):
            if doc[k].pos_ in ("VERB", "AUX"):
                last = k - 1  # '"La Eminencia" Farm located near…': the name ends
                break
        while last > head.i and (doc[last].tag_ == "POS" or doc[last].is_punct):
            last -= 1  # "Jaramillo's"
        return start, last
    return np_span_start(index, head, numbers), head.i


def np_span_start(index: Index, head: Token, numbers: bool = False) -> int:
    """The first token of the noun phrase of ``head`` (see ``np_span``)."""
    doc = index.doc
    keep = _LEFT_KEEP | {"nummod"} if numbers else _LEFT_KEEP
    first = head.i
    for child in reversed(list(head.lefts)):
        if child.i != first - 1 and doc[first - 1].dep_ not in ("punct",):
            break
        if child.dep_ not in keep or (child.dep_ == "poss" and child.pos_ == "PRON"):
            break
        if child.lower_ in _QUANTITY_WORDS or child.ent_type_ in ("GPE", "NORP"):
            break  # "numerous individuals", "a U.S. drone"
        left = child.left_edge.i
        if any(
            doc[k].dep_ in ("det", "quantmod")
            or (doc[k].dep_ == "advmod" and doc[k].head.pos_ == "NUM")
            or (doc[k].dep_ == "nummod" and not numbers)
            for k in range(left, child.i)
        ):
            left = child.i
        first = left
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "case"):
        if doc[first].text in _QUOTES and any(
            doc[k].text in _QUOTES for k in range(first + 1, head.i)
        ):
            break  # '"La Eminencia" farm': the quotation is part of the name
        first += 1
    return first


_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def mention_span(index: Index, head: Token) -> Span:
    """The span of an event mention: the noun phrase with its determiner ("the twin
    blasts"), or the verb."""
    doc = index.doc
    if head.pos_ not in ("NOUN", "PROPN"):
        return index.span(head.i, head.i)
    first = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in (
            "det",
            "amod",
            "compound",
            "nmod",
            "poss",
            "nummod",
            "punct",
            "quantmod",
            "case",
            "advmod",
        ):
            first = min(first, child.left_edge.i)
        else:
            break
    while first < head.i and doc[first].is_punct:
        first += 1
    last = head.i
    opened = sum(1 for k in range(first, head.i) if doc[k].text in ("“", '"', "‘"))
    if opened and head.i + 1 < len(doc) and doc[head.i + 1].text in ("”", '"', "’"):
        last = head.i + 1
    return index.span(first, last)
