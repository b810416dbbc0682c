"""The events of ../shared/examples/kerman.txt (published 2024-01-04): the bombing with its
coreferent mentions and figures, the planned protests, and the 2020 killing of Soleimani
as a background event of its own."""

from __future__ import annotations

import pytest

from eventwire.model import ArticleReport, Event


def assaults(report: ArticleReport) -> list[Event]:
    return [e for e in report.events if e.type == "ASSAULT"]


@pytest.fixture(scope="module")
def bombing(kerman) -> Event:
    """The ASSAULT event of the bombings in Kerman."""
    found = [e for e in assaults(kerman) if "bombings" in e.trigger.text]
    assert len(found) == 1, [(e.trigger.text, e.sentence.text[:60]) for e in kerman.events]
    return found[0]


def test_kerman_one_bombing_event_with_all_its_mentions(kerman, bombing):
    about_kerman = [
        e
        for e in assaults(kerman)
        if any(
            kerman.place(p.place_id) and kerman.place(p.place_id).name == "Kerman" for p in e.place
        )
    ]
    assert about_kerman == [bombing]
    mentions = [m.text for m in bombing.mentions]
    for words in (
        "the recent bombings",
        "the attack",
        "The twin blasts",
        "the attacks",
        "the bombings",
        "the explosions",
        "the blasts",
    ):
        assert words in mentions, words


def test_kerman_bombing_type_mode_context_modality(bombing):
    assert {"explosives", "suicide-attack"} <= set(bombing.mode)
    assert "terrorism" in bombing.context
    assert bombing.modality == "occurred"
    assert bombing.suicide is True
    assert bombing.attack_kind == "bombing/explosion"
    assert "private citizens" in bombing.target_kind


def test_kerman_bombing_place(kerman, bombing):
    places = [kerman.place(p.place_id) for p in bombing.place]
    assert places[0].name == "Kerman"
    assert places[0].country == "IRN"
    assert places[0].geonames_id == 128234


def test_kerman_bombing_casualties(bombing):
    assert (bombing.killed.min, bombing.killed.max, bombing.killed.approximate) == (None, 100, True)
    assert bombing.killed.span.text == "nearly 100 lives"
    assert (bombing.injured.min, bombing.injured.max, bombing.injured.approximate) == (
        284,
        284,
        False,
    )
    assert bombing.injured.span.text == "284 people"


def test_kerman_bombing_arguments(kerman, bombing):
    assert "children" in [v.span.text for v in bombing.victims]
    assert [i.span.text for i in bombing.instruments] == ["explosive belts"]
    individuals = [a.span.text for a in bombing.actors if a.individual]
    assert individuals == ["two of its members"]
    organisations = [kerman.actor(a.actor_id).name for a in bombing.actors if not a.individual]
    assert organisations == ["Islamic State"]
    assert bombing.date is None  # "recent" is not a date


def test_kerman_bombing_claimed_by_islamic_state(kerman, bombing):
    """claimed_by comes from the statements stage (claims_responsibility about the event)."""
    assert [kerman.actor(a.actor_id).name for a in bombing.claimed_by] == ["Islamic State"]


def test_kerman_planned_protests_on_friday(kerman):
    protests = [e for e in kerman.events if e.type == "PROTEST" and e.modality == "planned"]
    assert len(protests) == 1
    assert protests[0].trigger.text == "protests"
    assert kerman.date(protests[0].date).value == "2024-01-05"


def test_kerman_soleimani_killing_is_a_separate_background_event(kerman, bombing):
    killings = [
        e
        for e in assaults(kerman)
        if any(
            kerman.actor(v.actor_id) and kerman.actor(v.actor_id).name == "Qassem Soleimani"
            for v in e.victims
        )
    ]
    assert len(killings) == 1
    killing = killings[0]
    assert killing is not bombing
    assert "drone" in killing.mode
    assert killing.modality == "occurred"
    assert [kerman.actor(a.actor_id).country for a in killing.actors] == ["USA"]
    assert kerman.date(killing.date).value == "2020"
    assert [kerman.place(p.place_id).name for p in killing.place] == ["Iraq"]
    assert "the U.S. drone assassination" in [m.text for m in killing.mentions]


def test_kerman_no_assault_from_threats_or_condemnations(kerman):
    """ "vowed strong retaliation" and "promised revenge for the bombings" are statements,
    not attacks; the bombings they mention are the one event."""
    for event in assaults(kerman):
        assert event.modality in ("occurred", "negated"), (event.trigger.text, event.modality)
    foiled = [e for e in assaults(kerman) if e.modality == "negated"]
    assert [e.trigger.text for e in foiled] == ["attacks"]  # "numerous foiled attacks"
