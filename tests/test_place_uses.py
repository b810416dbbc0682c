"""How a place is named: demonyms as place mentions, metonymic uses (stages.places.uses)."""

from __future__ import annotations

import pytest

from eventwire.stages.places.uses import demonym_spans, is_metonymic, is_people_noun
from eventwire.text.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


def demonyms(nlp, text: str) -> list[str]:
    return [text[s:e] for s, e in demonym_spans(nlp(text))]


def test_place_uses_demonyms_are_adjectives_of_places(nlp):
    assert demonyms(nlp, "Iranian officials said the blast killed dozens.") == ["Iranian"]
    assert demonyms(nlp, "A South African court ruled on Monday.") == ["South African"]
    assert demonyms(nlp, "The Syrian army shelled the town.") == ["Syrian"]


def test_place_uses_people_are_demonym_mentions_languages_are_not(nlp):
    assert demonyms(nlp, "Iranians protested in the streets.") == ["Iranians"]
    assert is_people_noun("Iranians") and not is_people_noun("Iranian")
    assert demonyms(nlp, "She speaks Arabic and writes in English.") == []
    assert demonyms(nlp, "Iran and Iraq signed the deal.") == []  # names, not demonyms


def metonymic(nlp, text: str, name: str) -> bool:
    start = text.index(name)
    return is_metonymic(nlp(text), start, start + len(name))


def test_place_uses_a_place_that_speaks_or_decides_is_metonymic(nlp):
    assert metonymic(nlp, "Tehran said on Monday it would respond.", "Tehran")
    assert metonymic(nlp, "Washington imposed new sanctions on the bank.", "Washington")
    assert metonymic(nlp, "Iran has vowed revenge for the attack.", "Iran")
    assert metonymic(nlp, "Moscow's decision angered its neighbours.", "Moscow")


def test_place_uses_a_place_where_things_happen_is_literal(nlp):
    assert not metonymic(nlp, "Paris is a big city on the Seine.", "Paris")
    assert not metonymic(nlp, "The bomb exploded in Kerman on Wednesday.", "Kerman")
    assert not metonymic(nlp, "Troops moved from Kyiv to the east.", "Kyiv")
