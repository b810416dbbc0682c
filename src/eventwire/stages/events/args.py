"""The arguments of an event mention (``Args``) and the per-article lookups of the events
stage (``Index``: actors, places and dates at a token), with the word lists of the
argument rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Token

from eventwire.findings import ArticleIndex, Findings
from eventwire.knowledge.words import listed, prepositions, pronouns, titles, verbs
from eventwire.model import Actor, ActorKind, Arg, Place, When
from eventwire.syntax import ACTIVE_SUBJECTS

_ORG_KINDS = {
    ActorKind.STATE,
    ActorKind.GOVERNMENT,
    ActorKind.MILITARY,
    ActorKind.POLICE,
    ActorKind.ARMED_GROUP,
    ActorKind.IGO,
    ActorKind.NGO,
    ActorKind.MEDIA,
}


_PRONOUNS = pronouns("group")


_REFLEXIVE = pronouns("reflexive")


_RELATIVE = pronouns("relative")


# nouns of what is done to someone: their possessive is the victim ("Soleimani's killing")
_DONE_TO = listed("events", "done_to")


_LEFT_KEEP = {"compound", "amod", "nmod", "punct", "poss", "case", "hmod", "hyph"}


_SUBJECT_DEPS = ACTIVE_SUBJECTS


_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}


_LOCATIVE = prepositions("locates")


_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


# verbs whose subject can be an event that lends them its objects ("the blasts wounded 284")
_LENDING_VERBS = verbs("lends")


# verbs that only carry a noun event: "launched an investigation", "lodged a protest"
_LIGHT_VERBS = verbs("carries")


_FIRE_VERBS = verbs("fire")


# heads whose "of" phrase says who they are ("a group of subversives", "members of the army")
_COLLECTIVE = listed("events", "collective")


# physical heads named by their owner: "offices of labor unions", "houses of opposition members"
_OF_PHYSICAL = listed("events", "of_physical")


# titles before a person's name, left out of the name ("Judge Mariela Espinosa Arango")
_TITLES = titles("left_out")


_QUANTITY_WORDS = {"numerous", "several", "many", "few", "some", "various", "dozens", "hundreds"}


@dataclass
class Args:
    """The arguments of one mention (or of several merged mentions)."""

    actors: list[Arg] = field(default_factory=list)
    victims: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    instruments: list[Arg] = field(default_factory=list)
    recipients: list[Arg] = field(default_factory=list)
    places: list[Arg] = field(default_factory=list)
    place_objects: list[Place] = field(default_factory=list)
    date: When | None = None
    modes: set[str] = field(default_factory=set)
    suicide: bool = False
    natural: bool = False  # "killed by a flood": no attack
    victim_words: list[str] = field(default_factory=list)  # lemmas of victims and targets
    persons_hit: set[str] = field(default_factory=set)  # actor ids of the persons among victims
    # people named by their number alone ("killed 130 people"): the counts say them, no
    # victim does; their words still give the target kind
    counted: list[Arg] = field(default_factory=list)

    def merge(self, other: Args) -> None:
        for name in (
            "actors",
            "victims",
            "targets",
            "instruments",
            "recipients",
            "places",
            "counted",
        ):
            mine: list[Arg] = getattr(self, name)
            keys = {_key(a): k for k, a in enumerate(mine)}
            for arg in getattr(other, name):
                k = keys.get(_key(arg))
                if k is None:
                    keys[_key(arg)] = len(mine)
                    mine.append(arg)
                elif arg.actor_id and len(arg.span.text) > len(mine[k].span.text):
                    mine[k] = arg  # the fullest name of an actor: "Hector Oqueli Colindres"
        ids = {p.id for p in self.place_objects}
        self.place_objects.extend(p for p in other.place_objects if p.id not in ids)
        if self.date is None:
            self.date = other.date
        self.modes |= other.modes
        self.suicide = self.suicide or other.suicide
        self.natural = self.natural or other.natural
        self.victim_words.extend(other.victim_words)
        self.persons_hit |= other.persons_hit

    def actor_ids(self, *roles: str) -> set[str]:
        return {a.actor_id for r in roles for a in getattr(self, r) if a.actor_id}


# words that name no one by themselves ("those" responsible): two of them are two arguments
_BARE = listed("events", "those")


def _key(arg: Arg) -> tuple:
    if arg.actor_id:
        return ("actor", arg.actor_id, arg.individual)
    if arg.place_id:
        return ("place", arg.place_id)
    words = " ".join(arg.span.text.lower().split())
    if words in _BARE:
        return ("span", arg.span.start, arg.span.end)
    return ("text", words, arg.individual)


class Index(ArticleIndex):
    """The article's index (``findings.ArticleIndex``) with the tokens of the event
    triggers found so far (a trigger is no argument of another event)."""

    def __init__(self, found: Findings) -> None:
        super().__init__(found)
        self.trigger_tokens: set[int] = set()
        # heads of attacks and coercions, casualty words included ("attacked and injured")
        self.deed_tokens: set[int] = set()

    def actor_at(
        self, start: int, end: int, prefer: Literal["head", "overlap"] = "overlap"
    ) -> Actor | None:
        """The actor of an argument: the mention overlapping it most (``ArticleIndex``)."""
        return super().actor_at(start, end, prefer)

    def actor_of_token(
        self, token: Token, prefer: Literal["head", "overlap"] = "overlap"
    ) -> Actor | None:
        """The actor of an argument's token: the mention overlapping it most."""
        return super().actor_of_token(token, prefer)
