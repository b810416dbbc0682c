"""The country table: codes, names, aliases and demonyms (knowledge/countries.tsv)."""

from __future__ import annotations

from eventwire.knowledge import countries
from eventwire.knowledge.countries import by_demonym, by_iso2, by_iso3, by_name


def test_countries_every_row_is_complete_and_unique():
    rows = countries.all_countries()
    assert len(rows) >= 250
    assert len({c.iso3 for c in rows}) == len(rows)
    assert len({c.iso2 for c in rows}) == len(rows)
    assert len({c.geonames_id for c in rows}) == len(rows)
    for c in rows:
        assert len(c.iso3) == 3 and c.iso3.isupper(), c
        assert len(c.iso2) == 2 and c.iso2.isupper(), c
        assert c.name and c.geonames_id > 0, c


def test_countries_codes_ignore_case():
    assert by_iso3("irn").name == "Iran"
    assert by_iso2("xk").iso3 == "XKX"
    assert by_iso3("ZZZ") is None


def test_countries_names_and_aliases():
    assert by_name("United States").geonames_id == 6252001
    assert by_name("U.S.").iso3 == "USA"
    assert by_name("the United States").iso3 == "USA"
    assert by_name("america").iso3 == "USA"
    assert by_name("Britain").iso3 == "GBR"
    assert by_name("BURMA").iso3 == "MMR"
    assert by_name("Gaza").iso3 == "PSE"
    assert by_name("Kosovo").iso3 == "XKX"
    assert by_name("Atlantis") is None


def test_countries_abbreviations_match_only_in_capitals():
    assert by_name("US").iso3 == "USA"
    assert by_name("CAR").iso3 == "CAF"
    assert by_name("us") is None
    assert by_name("car") is None


def test_countries_demonyms():
    assert by_demonym("Iranian").iso3 == "IRN"
    assert by_demonym("IRANIAN").iso3 == "IRN"
    assert by_demonym("Afghan").iso3 == "AFG"
    assert by_demonym("Afghani").iso3 == "AFG"
    assert by_demonym("Israeli").iso3 == "ISR"
    assert by_demonym("American").iso3 == "USA"
    assert by_demonym("Dutch").iso3 == "NLD"
    assert by_demonym("Palestinian").iso3 == "PSE"
    assert by_demonym("Iran") is None


def test_countries_ambiguous_demonym_takes_the_first_row():
    assert by_demonym("Congolese").iso3 == "COD"
