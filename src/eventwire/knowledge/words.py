"""The word lists of the stages' rules, as data.

Grammar words by use: each table (``knowledge/verbs.tsv``, ``prepositions.tsv``,
``titles.tsv``, ``pronouns.tsv``) has one word a row and one column per use, marked "x";
its header says which rule reads which column.  Open-class words by stage:
``knowledge/words.yaml`` (``listed("events", "done_to")``).  One list per use, written
once: a stage asks for ``verbs("undergo")``, not a set of its own.
"""

from __future__ import annotations

from functools import cache

from eventwire.knowledge.files import load_yaml, word_table

__all__ = ["listed", "mapped", "prepositions", "pronouns", "titles", "verbs"]


@cache
def verbs(use: str) -> frozenset[str]:
    """Verb lemmas with ``use`` (carries, event_object, doer, undergo, lends, fire)."""
    return word_table("verbs.tsv")[use]


@cache
def prepositions(use: str) -> frozenset[str]:
    """Prepositions with ``use`` (locates, event_place, place_cue, gazetteer_cue)."""
    return word_table("prepositions.tsv")[use]


@cache
def titles(use: str) -> frozenset[str]:
    """Titles before a person's name with ``use`` (left_out, person_cue)."""
    return word_table("titles.tsv")[use]


@cache
def pronouns(use: str) -> frozenset[str]:
    """Pronouns with ``use`` (group, reflexive, relative, source, recipient)."""
    return word_table("pronouns.tsv")[use]


@cache
def listed(section: str, name: str) -> frozenset[str]:
    """The word list ``name`` of ``section`` (a stage) in ``knowledge/words.yaml``."""
    return frozenset(str(w) for w in load_yaml("words.yaml")[section][name])


@cache
def mapped(section: str, name: str) -> dict[str, str]:
    """The word map ``name`` of ``section`` in ``knowledge/words.yaml`` (word → what it
    names).  The dict is shared: read it, do not change it."""
    return {str(k): str(v) for k, v in load_yaml("words.yaml")[section][name].items()}
