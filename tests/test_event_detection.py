"""Which attacks are reported and how their mentions join into events, on sentences
written for the tests (each run through the whole pipeline, published 2024-01-04)."""

from __future__ import annotations

import pytest

from eventwire.model import ArticleReport, Event


def attacks(report: ArticleReport) -> list[Event]:
    return [e for e in report.events if e.type == "ASSAULT"]


def texts(args) -> list[str]:
    return [a.span.text for a in args]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police are still hunting accomplices of the Manchester suicide bombing.", "Manchester"),
        ("A court convicted a friend of Boston Marathon bombing suspect Adil Karimov.", "Marathon"),
    ],
)
def test_detection_a_place_or_occasion_before_an_attack_noun_is_no_attacker(report_of, text, name):
    (attack,) = attacks(report_of(text))
    assert not any(name in a.span.text for a in attack.actors)


def test_detection_an_organisation_before_an_attack_noun_still_acts(report_of):
    (attack,) = attacks(report_of("The Taliban attack on the checkpoint killed four guards."))
    assert texts(attack.actors) == ["Taliban"]


def test_detection_the_attempt_named_by_the_deed_is_a_definite_reference(report_of):
    report = report_of(
        "Gunmen tried to kill the governor of Kandor province on Sunday, firing at his car "
        "near the airport. Officials said on Tuesday that twelve people were involved in "
        "the failed assassination attempt."
    )
    assert len(attacks(report)) == 1, [(e.trigger.text, e.mentions) for e in attacks(report)]


def test_detection_groups_hit_do_not_tell_attacks_apart(report_of):
    report = report_of(
        "A suicide bomber blew himself up near a NATO convoy outside Bagram on Monday, killing "
        "six Afghan soldiers. The State Department condemned the Taliban attack, which killed "
        "two Americans."
    )
    assert len(attacks(report)) == 1, [(e.trigger.text, e.mentions) for e in attacks(report)]


def test_detection_different_persons_hit_are_different_attacks(report_of):
    report = report_of(
        "Gunmen shot dead the mayor of Tarvo, Ramon Ilves, on Monday. "
        "In a separate attack, a bomb killed the judge Maria Koppel in the capital."
    )
    assert len(attacks(report)) == 2, [(e.trigger.text, e.mentions) for e in attacks(report)]


def test_detection_a_toll_alone_belongs_to_the_main_attack(report_of):
    report = report_of(
        "A car bomb exploded outside the central market in Tarvo on Monday, killing nine "
        "people. The market had reopened in March after years of repairs. Traders sold fruit "
        "and cloth there every morning. The mayor had promised new lights for the square. "
        "Of the 40 injured, twelve were children."
    )
    (attack,) = attacks(report)
    assert attack.injured is not None and attack.injured.min == 40


def test_detection_a_toll_alone_without_an_attack_is_still_reported(report_of):
    (attack,) = attacks(report_of("Three people were killed in Tarvo on Monday, police said."))
    assert attack.killed is not None and attack.killed.min == 3


@pytest.mark.parametrize(
    "text",
    [
        "A parcel bomb exploded on a busy street in Tarvo on Friday, in what the president "
        'called an "attack."',
        "A parcel bomb exploded in Tarvo on Friday. The president called the explosion an attack.",
    ],
)
def test_detection_the_name_given_to_a_deed_is_that_deed(report_of, text):
    (attack,) = attacks(report_of(text))
    assert attack.modality == "occurred"
    assert any("attack" in m.text for m in attack.mentions)


def test_detection_calling_a_strike_is_still_a_plan(report_of):
    (strike,) = [e for e in report_of("The union called a strike for Monday.").events
                 if e.type == "PROTEST"]  # fmt: skip
    assert strike.modality == "planned"


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("A shopkeeper was shot dead outside his store in Tarvo on Monday.", ["shopkeeper"]),
        ("Two farmers were beaten unconscious by soldiers near the border.", ["farmers"]),
    ],
)
def test_detection_how_victims_were_left_is_no_victim(report_of, text, victims):
    (attack,) = attacks(report_of(text))
    assert texts(attack.victims) == victims


def test_detection_a_street_named_after_a_city_is_not_that_city(report_of):
    report = report_of("A bomb exploded near a bus station on Oxford Street in Belfast on Friday.")
    (attack,) = attacks(report)
    assert "Oxford" not in [p.name for p in report.places]
    assert texts(attack.place) == ["Belfast"]


def test_detection_a_capitalised_plural_taken_for_a_name_is_still_a_deed(report_of):
    report = report_of(
        'The minister said: "We will not give in."\n\nShootings in Tarvo had continued '
        "overnight, police said."
    )
    assert [e.trigger.text for e in attacks(report)] == ["Shootings"]


def test_detection_combating_symptoms_is_no_fight(report_of):
    report = report_of("The clinic gave out a medicine used to combat the symptoms of the fever.")
    assert attacks(report) == []


def test_detection_what_a_kind_of_people_keep_doing_is_generic(report_of):
    report = report_of("The valley is rife with bandits who continue to ambush trucks.")
    (attack,) = attacks(report)
    assert attack.modality == "generic"


def test_detection_a_place_named_by_the_deed_is_no_deed(report_of):
    report = report_of("The old regime banned opposition papers and ran torture centres.")
    assert attacks(report) == []


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("Police and customs officers launched raids on three warehouses in Tarvo.", False),
        ("Gunmen launched raids on three villages near Tarvo, killing ten people.", True),
    ],
)
def test_detection_raids_by_police_are_searches(report_of, text, assault):
    assert bool(attacks(report_of(text))) is assault
