"""The actor dictionary (knowledge/actors.yaml + the entries generated per country)."""

from __future__ import annotations

import pytest

from eventwire.knowledge.actors import KINDS, dictionary, matcher, variants
from eventwire.knowledge.countries import all_countries


def test_actor_dictionary_entries_are_well_formed():
    d = dictionary()
    curated = [e for e in d.entries.values() if not e.generated]
    assert len(curated) >= 300
    for entry in d.entries.values():
        assert entry.kind in KINDS, entry
        assert entry.name, entry
        if entry.country is not None:
            assert d.get(entry.country) is not None, f"{entry.ref}: unknown country"
        for ref in (entry.parent, entry.affiliation):
            assert ref is None or d.get(ref) is not None, f"{entry.ref}: unknown ref {ref}"


def test_actor_dictionary_every_country_has_its_entries():
    d = dictionary()
    for country in all_countries():
        for suffix, kind in [
            ("", "state"),
            ("gov", "government"),
            ("mil", "military"),
            ("pol", "police"),
            ("head", "government"),
        ]:
            entry = d.country_entry(country.iso3, suffix)
            assert entry is not None and entry.kind == kind, (country.iso3, suffix)
            assert entry.country == country.iso3
    assert d.get("IRN.gov").name == "Government of Iran"
    assert d.get("USA.gov").name == "Government of the United States"
    assert d.get("USA.mil").parent == "USA"


def test_actor_dictionary_islamic_state_and_its_khorasan_branch_are_distinct():
    d = dictionary()
    isis, iskp = d.get("isis"), d.get("iskp")
    assert isis.kind == "armed_group" and iskp.kind == "armed_group"
    assert iskp.parent == "isis" and isis.parent is None
    assert {"ISIS", "ISIL", "IS", "Daesh"} <= set(isis.aliases)
    assert {"ISIS-K", "ISKP", "Islamic State Khorasan Province"} <= set(iskp.aliases)
    assert not set(isis.aliases) & set(iskp.aliases)


@pytest.mark.parametrize(
    ("ref", "kind", "country", "parent"),
    [
        ("irgc", "military", "IRN", "IRN.mil"),
        ("irgc.quds", "military", "IRN", "irgc"),
        ("un.sc", "igo", None, "un"),
        ("un.ga", "igo", None, "un"),
        ("nato", "igo", None, None),
        ("fmln", "armed_group", "SLV", None),
        ("fmln.fpl", "armed_group", "SLV", "fmln"),
        ("shiningpath", "armed_group", "PER", None),
        ("mrta", "armed_group", "PER", None),
        ("fpmr", "armed_group", "CHL", None),
        ("aqap", "armed_group", "YEM", "aq"),
        ("shabaab", "armed_group", "SOM", "aq"),
        ("jnim", "armed_group", "MLI", "aq"),
        ("iswap", "armed_group", "NGA", "isis"),
        ("hamas.qassam", "armed_group", "PSE", "hamas"),
        ("mossad", "government", "ISR", "ISR.gov"),
        ("fbi", "police", "USA", "USA.gov"),
        ("amnesty", "ngo", None, None),
        ("irna", "media", "IRN", "IRN.media"),
        ("wagner", "armed_group", "RUS", None),
    ],
)
def test_actor_dictionary_facts(ref, kind, country, parent):
    entry = dictionary().get(ref)
    assert entry is not None, ref
    assert (entry.kind, entry.country, entry.parent) == (kind, country, parent)


def test_actor_dictionary_variants_cover_spelling():
    assert "Farabundo Marti National Liberation Front" in variants(
        "Farabundo Martí National Liberation Front"
    )
    assert "al Qaeda" in variants("al-Qaeda")
    assert "Kata’ib Hezbollah" in variants("Kata'ib Hezbollah")
    assert "Associated Press" in variants("The Associated Press")


def _found(words: list[str]) -> set[tuple[str, str]]:
    return {
        (" ".join(words[s:e]), p.ref)
        for s, e, patterns in matcher()([w.lower() for w in words])
        for p in patterns
    }


def test_actor_dictionary_matcher_finds_aliases_as_token_sequences():
    words = ["Fighters", "of", "ISIS", "-", "K", "and", "al", "-", "Qaeda", "met", "in", "Tehran"]
    found = _found(words)
    assert ("ISIS - K", "iskp") in found
    assert ("ISIS", "isis") in found  # overlaps are the stage's to resolve
    assert ("al - Qaeda", "aq") in found
    assert ("Tehran", "IRN.gov") in found


def test_actor_dictionary_case_rules():
    d = dictionary()
    by_text = {}
    for p in d.patterns:
        by_text.setdefault(p.text, p)
    is_ = by_text["IS"]
    assert is_.case_ok(["IS"], shouting=False)
    assert not is_.case_ok(["is"], shouting=False)
    assert not is_.case_ok(["IS"], shouting=True)  # "IS" in wire copy is the verb
    fmln = by_text["FMLN"]
    assert fmln.case_ok(["FMLN"], shouting=True)
    white_house = by_text["White House"]
    assert white_house.case_ok(["White", "House"], shouting=False)
    assert not white_house.case_ok(["white", "house"], shouting=False)
    quds = by_text["Quds Force"]
    assert quds.case_ok(["Quds", "force"], shouting=False)
    assert by_text["CAR"].common and by_text["WHO"].common
