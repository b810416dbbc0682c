"""Stage places: toponym detection and context-aware resolution against GeoNames."""

from __future__ import annotations

import pytest

from eventwire.ingest.article import make_article
from eventwire.stages.places import outlet_country, resolve_spans


def places_of(extractor, text: str, url: str | None = None):
    report = extractor.extract(make_article(text, source="test", url=url))
    report.check_spans()
    return report.places


def by_mention(places, text: str):
    return next(p for p in places if any(m.text == text for m in p.mentions))


def test_places_kerman_article(kerman):
    ids = {p.geonames_id for p in kerman.places}
    assert 128234 in ids  # Kerman, Iran, not Kerman, California (5362909)
    assert 5362909 not in ids
    countries = {p.country for p in kerman.places if p.feature == "country"}
    assert {"IRN", "IRQ", "AFG", "ISR", "USA"} <= countries
    assert by_mention(kerman.places, "Tehran").geonames_id == 112931
    assert by_mention(kerman.places, "Gaza").country == "PSE"
    iran = by_mention(kerman.places, "Iran")
    assert len(iran.mentions) >= 4  # every "Iran" merged into one place


def test_places_demonyms_are_mentions_of_their_own_kind(kerman, extractor):
    names = {m.text for p in kerman.places for m in p.mentions if m.kind == "name"}
    assert not names & {"Iranian", "Israeli"}
    iran = by_mention(kerman.places, "Iran")
    assert "Iranian" in {m.text for m in iran.mentions if m.kind == "demonym"}
    places = places_of(extractor, "Iranian and Iraqi officials met on Sunday to talk.")
    assert {(p.geonames_id, m.text, m.kind) for p in places for m in p.mentions} == {
        (130758, "Iranian", "demonym"),
        (99237, "Iraqi", "demonym"),
    }
    assert all(not p.literal_mentions for p in places)


def test_places_demonyms_are_no_event_location(extractor):
    text = "Iranian officials said a bomb exploded in Kerman on Wednesday, killing 20 people."
    report = extractor.extract(make_article(text, source="test", published="2024-01-04"))
    located = {report.place(a.place_id).name for e in report.events for a in e.place}
    assert located == {"Kerman"}


def test_places_metonymic_uses_are_flagged(extractor):
    text = "Tehran said on Monday it would respond to the blast in Kerman."
    places = places_of(extractor, text)
    assert by_mention(places, "Tehran").mentions[0].metonymic
    assert not by_mention(places, "Kerman").mentions[0].metonymic


def test_places_ambiguous_name_resolved_by_the_state_beside_it(extractor):
    places = places_of(extractor, "Farmers near Kerman, California, said the harvest was poor.")
    kerman = by_mention(places, "Kerman")
    assert (kerman.geonames_id, kerman.country, kerman.admin1) == (5362909, "USA", "California")


def test_places_ambiguous_name_resolved_by_the_article_country(extractor):
    text = (
        "Iranian officials said the blast in Kerman killed dozens. "
        "Iran blamed foreign enemies; Tehran promised revenge."
    )
    assert by_mention(places_of(extractor, text), "Kerman").geonames_id == 128234


def test_places_container_resolved_by_the_place_it_contains(extractor):
    places = places_of(extractor, "The storm hit Atlanta, Georgia, late on Monday.")
    assert by_mention(places, "Georgia").geonames_id == 4197000  # the US state
    text = "Russian troops stayed near Tbilisi, the Georgian government said of Georgia."
    assert by_mention(places_of(extractor, text), "Georgia").geonames_id == 614540


def test_places_division_word_selects_the_province(extractor):
    text = "Gunmen attacked a checkpoint in Kandahar province on Tuesday, Afghan officials said."
    kandahar = places_of(extractor, text)[0]
    assert (kandahar.feature, kandahar.country) == ("admin1", "AFG")
    assert kandahar.mentions[0].text.startswith("Kandahar")


def test_places_mentions_merged_with_exact_spans(extractor):
    text = "Fighting went on in Mosul. People in Mosul said the city of Mosul had no water."
    places = places_of(extractor, text)
    mosul = by_mention(places, "Mosul")
    assert mosul.geonames_id == 99072 and mosul.country == "IRQ"
    starts = [m.start for m in mosul.mentions]
    assert starts == [i for i in range(len(text)) if text.startswith("Mosul", i)]
    assert all(text[m.start : m.end] == m.text == "Mosul" for m in mosul.mentions)


def test_places_all_caps_wire_copy(extractor):
    text = (
        "GUNMEN KILLED FIVE SOLDIERS IN SAN MIGUEL DEPARTMENT, EL SALVADOR, ON MONDAY, "
        "THE ARMY SAID. THE ATTACK NEAR SAN SALVADOR WAS THE SECOND THIS WEEK."
    )
    places = places_of(extractor, text)
    department = by_mention(places, "SAN MIGUEL DEPARTMENT")
    assert (department.geonames_id, department.feature) == (3583462, "admin1")
    assert by_mention(places, "EL SALVADOR").country == "SLV"
    assert by_mention(places, "SAN SALVADOR").country == "SLV"


def test_places_outlet_in_a_dateline_is_not_a_place(extractor):
    text = (
        "QUETTA, PAKISTAN, MAY 2 (CAPITAL WIRE) - A ROADSIDE BOMB WOUNDED SIX POLICEMEN "
        "NEAR QUETTA ON FRIDAY, OFFICIALS SAID."
    )
    names = {p.name for p in places_of(extractor, text)}
    assert "Quetta" in names and "Pakistan" in names
    assert not any("Capital" in name for name in names), names


def test_places_outlet_country():
    assert outlet_country("https://www.irna.ir/news/1") == ("IRN", 1.0)
    assert outlet_country("bbc.co.uk")[0] == "GBR"
    assert outlet_country("example.com") == ("USA", pytest.approx(0.3))
    assert outlet_country(None) == (None, 0.0)


def test_places_resolve_spans_given_gold_spans():
    text = "Paris police said the suspect fled Paris, Texas, for Dallas. Syrian refugees"
    spans = [(0, 5), (35, 40), (42, 47), (53, 59), (61, 67), (-3, 2)]
    places = resolve_spans(text, spans)
    assert [p.geonames_id if p else None for p in places[1:4]] == [4717560, 4736286, 4684888]
    assert places[4].geonames_id == 163843  # the demonym "Syrian" → Syria
    assert places[5] is None  # a span outside the text
    for place, (start, end) in zip(places, spans, strict=True):
        assert place is None or place.mentions[0].text == text[start:end]


def test_places_world_region_is_not_a_small_town(extractor):
    text = "Tensions rose across the Middle East as Iran and the United States traded threats."
    region = by_mention(places_of(extractor, text), "Middle East")
    assert region.geonames_id == 6269133  # the GeoNames id given in regions.tsv
    assert region.feature == "other" and region.country is None


def test_places_one_sense_per_discourse(extractor):
    text = (
        "Heavy rain flooded streets in Gainesville on Monday. "
        "Gainesville residents carried sandbags to the river, and the Gainesville Police "
        "Department closed two bridges. Gainesville expects more rain in March."
    )
    places = places_of(extractor, text)
    gainesville = by_mention(places, "Gainesville")
    starts = [m.start for m in gainesville.mentions]
    assert starts == [i for i in range(len(text)) if text.startswith("Gainesville", i)]
    assert not any(m.text == "March" for p in places for m in p.mentions)  # a date


def test_places_repeated_name_not_inside_a_persons_name(extractor):
    text = (
        "The festival in Paris drew large crowds on Saturday. "
        "The singer Paris Jackson, who flew in for the show, praised the organisers."
    )
    paris = by_mention(places_of(extractor, text), "Paris")
    assert [m.start for m in paris.mentions] == [text.index("Paris")]
    text = (
        "Police in Austin said the road was closed. Mayor Steve Austin said repairs would "
        "take a week. Austin added that buses would run."
    )
    austin = by_mention(places_of(extractor, text), "Austin")  # the surname of the mayor
    assert [m.start for m in austin.mentions] == [text.index("Austin")]


def test_places_name_the_model_took_for_a_person_or_organisation(extractor):
    # the small model tags these towns ORG and PERSON; the words beside them say place
    text = "Gainesville residents marched to city hall on Friday to protest the new tax."
    assert by_mention(places_of(extractor, text), "Gainesville").country == "USA"
    text = "An Alexandria man was charged with theft after the robbery."
    assert by_mention(places_of(extractor, text), "Alexandria").feature == "city"
    text = "Torrington firefighters spent the night at the burning warehouse."
    assert by_mention(places_of(extractor, text), "Torrington").country in ("USA", "GBR")


def test_places_person_with_a_place_name_is_not_a_place(extractor):
    text = "Senator Tom Bell said the tax would pass. Reporters waited near Bell for hours."
    assert places_of(extractor, text) == []


def test_places_names_listed_with_a_place(extractor):
    text = "The governor toured flooded farms in Fargo and Moorhead on Tuesday."
    places = places_of(extractor, text)
    assert by_mention(places, "Moorhead").country == "USA"
    text = "In Moscow, Lincoln said the talks would go on."  # a comma, then a person speaking
    assert {m.text for p in places_of(extractor, text) for m in p.mentions} == {"Moscow"}


def test_places_all_caps_common_nouns_are_not_places(extractor):
    text = "GUERRILLAS SET FIRE TO A GRAIN STORE IN SAN MIGUEL ON MONDAY, THE ARMY SAID."
    places = places_of(extractor, text)
    assert "Štore" not in {p.name for p in places}
    assert all("STORE" not in m.text for p in places for m in p.mentions)


def _konduga(extractor, mark: str) -> None:
    text = f"Gunmen attacked Kon{mark}duga in Borno State on Monday, residents said."
    konduga = by_mention(places_of(extractor, text), f"Kon{mark}duga")
    assert (konduga.name, konduga.country) == ("Konduga", "NGA")
    start = text.index("Kon")
    assert (konduga.mentions[0].start, konduga.mentions[0].end) == (start, start + 8)


@pytest.mark.parametrize("mark", ["\u200b", "\u200d"])
def test_places_name_split_by_a_zero_width_character_resolves(extractor, mark):
    """A zero-width space or joiner inside a name does not lose the place (the gazetteer's
    keys drop format characters); the mention indexes the text as given."""
    _konduga(extractor, mark)


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u200c", "\u2060", "\u00ad"])
def test_places_name_split_by_a_bidi_mark_or_joiner_resolves(extractor, mark):
    """The text layer ignores format characters (text/invisible.py): spaCy reads one token."""
    _konduga(extractor, mark)


def test_places_airport_below_city_level(extractor):
    text = "Flights at Dulles International Airport were delayed after the storm on Monday."
    airport = by_mention(places_of(extractor, text), "Dulles International Airport")
    assert (airport.name, airport.geonames_id, airport.feature) == (
        "Washington Dulles International Airport", None, "other",
    )  # fmt: skip


def test_places_place_at_the_start_of_an_organisations_name(extractor):
    text = "Officers of the Alexandria Police Department said the Texas Department of Health knew."
    mentioned = {m.text for p in places_of(extractor, text) for m in p.mentions}
    assert {"Alexandria", "Texas"} <= mentioned
    text = "The Olympic Committee met on Monday."
    assert places_of(extractor, text) == []


def _resolved(text: str, names: list[str], url: str | None = None) -> dict:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return dict(zip(names, resolve_spans(text, spans, outlet=url), strict=True))


def test_places_landmark_stands_for_its_seat():
    text = (
        "Aides in the West Wing were told on Tuesday that the White House would not comment, "
        "and the Oval Office meeting was moved."
    )
    found = _resolved(text, ["West Wing", "White House", "Oval Office"])
    assert {p.geonames_id for p in found.values()} == {9675434}  # not White House, Tennessee
    assert found["White House"].country == "USA"
    heathrow = _resolved("Her flight landed at Heathrow late on Sunday.", ["Heathrow"])
    assert heathrow["Heathrow"].country == "GBR"  # not Heathrow, Florida


def test_places_region_demonym_is_not_the_countrys():
    text = "Central American migrants reached the border on Friday, officials in Mexico said."
    found = _resolved(text, ["Central American", "Mexico"])
    assert found["Central American"].geonames_id == 7729892  # Central America, not the USA


def test_places_list_of_names_is_no_containment():
    text = "After stops in Washington, New York and Boston, the prince flew to Houston."
    found = _resolved(text, ["Washington", "New York", "Boston", "Houston"])
    assert found["Washington"].geonames_id == 4140963  # the capital, not a county of New York
    text = "Flooding hit Alexandria, Louisiana on Monday."
    assert _resolved(text, ["Alexandria", "Louisiana"])["Alexandria"].country == "USA"


def test_places_kind_word_before_a_list_of_names():
    text = "Tech firms moved jobs to states such as Oregon or Washington, where rents were lower."
    found = _resolved(text, ["Oregon", "Washington"])
    assert found["Washington"].geonames_id == 5815135  # the state, not the capital
    text = "The tour visits cities like Portland, Austin and Washington this spring."
    assert _resolved(text, ["Washington"])["Washington"].geonames_id == 4140963


def test_places_part_of_a_name_far_from_the_article_is_not_its_place():
    text = "Crowds filled the Meydan Racecourse in Dubai as the season's richest race began."
    found = _resolved(text, ["Meydan Racecourse", "Dubai"])
    assert found["Meydan Racecourse"].country == "ARE"  # the article's Dubai, not Meydan, Turkey
    text = "The Bank of Japan kept its rates, traders in London said on Thursday."
    assert _resolved(text, ["Bank of Japan", "London"])["Bank of Japan"].country == "JPN"


def test_places_dateline_names_a_city():
    text = (
        "NEW YORK (AP) — Subway service resumed on Monday after a power failure. "
        "New York officials said the outage began near a station in Queens."
    )
    found = _resolved(text, ["NEW YORK", "New York", "Queens"])
    assert found["NEW YORK"].geonames_id == 5128581  # New York City, not the state
    assert found["New York"].geonames_id == 5128581  # one sense per article


def test_places_state_abbreviation_shared_by_two_countries():
    text = "Bushfires closed roads across WA on Sunday, and Perth sweltered as Sydney cooled."
    assert _resolved(text, ["WA", "Perth", "Sydney"])["WA"].country == "AUS"  # Western Australia
    text = "The company moved from Seattle, WA to Austin, Texas, last year."
    assert _resolved(text, ["Seattle", "WA", "Austin", "Texas"])["WA"].geonames_id == 5815135
