"""Recipients of an event: "to whom" — the actor an event is directed at (PLOVER's target).

Read from the dependency parse around the event's word (a verb, a noun, or the verb a
noun is the object of), with the prepositions of ``knowledge/recipients.yaml``:

- the direct and indirect object: "accused Russia", "met the envoy", "gave Tanzania a
  grant";
- a prepositional object whose preposition the event type lists: "talks with Iran",
  "aid to Mozambique", "sanctions against Nigeria", "called on Arabs", "withdraw from
  Lebanon";
- inside an object that names no actor, whose it is: "support Turkey's efforts",
  "rejected a U.S. request", "accepted demands from the rebels", and its own listed
  prepositions ("continue military aid to Mozambique");
- the open complement of the verb when the verb has no object of its own: "agreed to
  provide aid for Romania", "offered to hand over the suspects to Britain";
- for a request, the subject of the clause asked for: "demanded that the US cancel…".

A word is a recipient when it names an actor of the article (a country, government,
organisation, person) or people ("Darfur rebels", "refugees"); a town or region after a
preposition of motion ("sent troops to Kabul", "went to Paris") is where, not whom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import counts, is_person, nouns
from eventwire.knowledge.files import load_yaml
from eventwire.knowledge.words import pronouns
from eventwire.model import Actor
from eventwire.syntax import conjuncts

__all__ = ["Lexicon", "Recipient", "find", "lexicon", "named", "own_forces", "phrase"]

ActorAt = Callable[[int, int], "Actor | None"]
PlaceKind = Callable[[Token], "str | None"]  # "country", "town" (anything smaller) or None

_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}
_PRONOUNS = pronouns("recipient")
_LEFT = {"compound", "amod", "nmod", "poss", "case", "hmod", "hyph", "punct"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass(frozen=True)
class Lexicon:
    """The prepositions of ``recipients.yaml``."""

    types: dict[str, frozenset[str]]
    lemmas: dict[str, frozenset[str]]
    authors: frozenset[str]
    motion: frozenset[str]
    objects: frozenset[str]
    located: frozenset[str]
    unless: frozenset[str]
    places: frozenset[str]
    groups: frozenset[str]
    own: frozenset[str]

    def preps(self, event_type: str, lemma: str) -> frozenset[str]:
        return self.types.get(event_type, frozenset()) | self.lemmas.get(lemma, frozenset())


@cache
def lexicon() -> Lexicon:
    data = load_yaml("recipients.yaml")

    def words(values: object) -> frozenset[str]:
        return frozenset(str(v).lower() for v in (values or []))

    return Lexicon(
        types={k: words(v) for k, v in (data.get("types") or {}).items()},
        lemmas={str(k).lower(): words(v) for k, v in (data.get("lemmas") or {}).items()},
        authors=words(data.get("authors")),
        motion=words(data.get("motion")),
        objects=words(data.get("objects")),
        located=frozenset(str(v).upper() for v in data.get("located") or []),
        unless=frozenset(str(v).upper() for v in data.get("unless") or []),
        places=words(data.get("places")),
        groups=words(data.get("groups")),
        own=words(data.get("own")),
    )


@dataclass(frozen=True)
class Recipient:
    """A recipient: its words (token range, inclusive) and its actor, if one is known."""

    first: int
    last: int
    actor: Actor | None


_PEOPLE_SUFFIXES = ("ist", "ists", "ian", "ians", "man", "men")


def _people(token: Token) -> bool:
    """A noun naming people: the people list of ``counts.yaml``, or "-ist", "-ian",
    "-man", a plural "-ers" ("miners"); not a singular "-er" ("offer", "border")."""
    lex = counts()
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in lex.people or lower in lex.people:
        return True
    if lemma in lex.non_people or lower in lex.non_people:
        return False
    if not is_person(lemma, token.text):
        return False
    return lower.endswith(_PEOPLE_SUFFIXES) or (
        token.tag_ == "NNS" and lower.endswith(("ers", "ors"))
    )


def phrase(head: Token) -> tuple[int, int]:
    """The words naming a recipient: a name whole ("the Ivory Coast" → "Ivory Coast"), a
    noun with its modifiers ("Darfur rebels", "Belarus's rulers"), without determiners."""
    doc = head.doc
    if head.ent_type_ and head.ent_iob_ in ("B", "I") and head.pos_ == "PROPN":
        first, last = head.i, head.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        while first < head.i and (doc[first].pos_ == "DET" or doc[first].is_punct):
            first += 1
        while last > head.i and (doc[last].tag_ == "POS" or doc[last].is_punct):
            last -= 1
        return first, last
    first = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _LEFT or child.right_edge.i != first - 1:
            break
        first = child.left_edge.i
    while first < head.i and (doc[first].pos_ in ("DET", "PUNCT") or doc[first].dep_ == "det"):
        first += 1
    return first, head.i


def own_forces(token: Token) -> bool:
    """ "its troops", "their ambassador": the doer's own people (``own`` of
    ``recipients.yaml``), what it moves or recalls, not to whom."""
    own = lexicon().own
    return (token.lemma_.lower() in own or token.lower_ in own) and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "his", "her", "my")
        for c in token.children
    )


class _Finder:
    def __init__(
        self, event_type: str, actor_at: ActorAt, place_kind: PlaceKind, exclude: set[str]
    ) -> None:
        self.type = event_type
        self.actor_at = actor_at
        self.place_kind = place_kind
        self.exclude = exclude
        self.lex = lexicon()
        self.out: list[Recipient] = []
        self.seen: set[int] = set()

    def take(self, token: Token, prep: str | None = None, nested: int = 2) -> bool:
        """Add the recipient named by ``token`` (and its conjuncts); else, for an object
        naming no actor, whose it is (``nested`` levels down: "restrictions against
        German goods").  Whether any was added."""
        added = False
        for tok in conjuncts(token):
            if self._one(tok, prep):
                added = True
            elif nested and tok.pos_ in ("NOUN", "PROPN"):
                added = self.owner(tok, nested - 1) or added
        return added

    def _one(self, tok: Token, prep: str | None, owner: bool = False) -> bool:
        if tok.i in self.seen or tok.ent_type_ in _SKIP_ENTS:
            return False
        if tok.pos_ == "PRON" or (tok.lower_ in _PRONOUNS and not tok.text.isupper()):
            return False  # "us", not "US"
        if self.type != "COERCE" and own_forces(tok):
            return False  # not "arrested its own citizens"
        if tok.pos_ not in ("NOUN", "PROPN") and not (owner and tok.ent_type_ in ("NORP", "GPE")):
            return False  # an adjective only as the owner of an object: "a Bolivian request"
        first, last = phrase(tok)
        doc = tok.doc
        actor = self.actor_at(doc[first].idx, doc[last].idx + len(doc[last]))
        if actor is not None and actor.id in self.exclude:
            return False
        kind = self.place_kind(tok)
        if kind == "town" and (actor is None or prep in self.lex.motion):
            return False  # "went to Paris": where, not whom
        if prep == "in" and kind != "country":
            return False  # "a curfew in Sudan", not "talks in the capital"
        if actor is None and not (
            (tok.ent_type_ in _NAMED and (tok.pos_ == "PROPN" or owner))
            or (tok.pos_ == "NOUN" and _people(tok))
            or tok.lemma_.lower() in nouns().institutions
            or tok.lower_ in nouns().institutions
            or tok.lemma_.lower() in self.lex.groups
        ):
            return False
        self.seen.add(tok.i)
        self.out.append(Recipient(first, last, actor))
        return True

    def _listed(self, lemma: str) -> frozenset[str]:
        """The prepositions that introduce a recipient for this type and word, and "in"
        for the types that act on a place's people ("lifted the curfew in Montenegro")."""
        preps = self.lex.preps(self.type, lemma)
        return preps | {"in"} if self.type in self.lex.located else preps

    def owner(self, noun: Token, nested: int = 0) -> bool:
        """Whose the object is: "Turkey's efforts", "a U.S. request", "calls by X", and
        the object's own listed prepositions ("military aid to Mozambique"); a place
        word's owner is where, not whom ("the Bosnian town of Gorazde")."""
        added = False
        if noun.lemma_.lower() in self.lex.places:
            return False
        preps = self._listed(noun.lemma_.lower()) | self.lex.authors | self.lex.objects
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod")
                and child.i < noun.i
                and (child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"))
            ):
                added = self._one(child, None, owner=True) or added
            elif child.dep_ == "prep" and child.lower_ in preps:
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    added = self.take(obj, child.lower_, nested=nested) or added
        return added

    def verb(self, verb: Token, depth: int = 0) -> None:
        """Objects, listed prepositional objects and complements of a verb."""
        has_object = False
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ != "ADP":
                has_object = self.take(child) or has_object
            elif child.dep_ == "prt":
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        has_object = self.take(grand) or has_object
        self.preps(verb)
        if self.type == "REQUEST":
            for child in verb.children:
                if child.dep_ == "ccomp":
                    for subject in (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")):
                        self.take(subject, nested=0)
        if self.type in self.lex.unless:
            # "threatened to strike unless Baghdad accepted": the one the condition is on
            for child in verb.children:
                if child.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in child.children
                ):
                    for subject in (c for c in child.children if c.dep_ == "nsubj"):
                        self.take(subject, nested=0)
        if depth < 2 and not has_object:
            for child in verb.children:
                if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                    self.verb(child, depth + 1)

    def preps(self, owner: Token, lemma: str | None = None) -> None:
        """The listed prepositional objects of a verb or noun (``lemma``: the word whose
        own prepositions count besides the type's, when not the owner's)."""
        preps = self._listed(lemma or owner.lemma_.lower())
        for child in owner.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:  # "sent X to Y"
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    self.take(obj, child.lower_)


def named(
    token: Token,
    event_type: str,
    actor_at: ActorAt,
    place_kind: PlaceKind,
    exclude: set[str] | None = None,
) -> list[Recipient]:
    """The recipients named by one noun phrase (and its conjuncts): "the rebels", "Iraq
    and Libya"."""
    finder = _Finder(event_type, actor_at, place_kind, exclude or set())
    finder.take(token, nested=0)
    return finder.out


def find(
    trigger: Token,
    event_type: str,
    actor_at: ActorAt,
    place_kind: PlaceKind,
    exclude: set[str] | None = None,
) -> list[Recipient]:
    """The recipients of the event named by ``trigger`` (a verb or a noun), leaving out
    the actors in ``exclude`` (the event's own)."""
    finder = _Finder(event_type, actor_at, place_kind, exclude or set())
    if trigger.pos_ in ("VERB", "AUX"):
        finder.verb(trigger)
    else:
        finder.preps(trigger)
        for child in trigger.children:  # "a suspension of air links with Serbia"
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    finder.owner(obj, 1)
        head = trigger.head
        if trigger.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
            # "a mediation mission between X and Y"
            finder.preps(head, trigger.lemma_.lower())
        if trigger.dep_ == "dobj" and head.pos_ == "VERB":
            # "held talks with X", "lodged a protest with X", "gave a welcome to X"
            finder.preps(head)
            for child in head.children:
                if child.dep_ == "dative" and child.pos_ != "ADP":
                    finder.take(child)
    return finder.out
