"""Everyday news, more readings of attack words that report no attack (issue 12): wars named
as a whole, kinds of deeds, possibilities, beliefs, charges, cyber attacks, executions that
kill no one, epithets in quotes, and a bare "the attacks" that refers back to criticism —
each beside a sentence where the same word reports a real attack. Sentences written for
the tests, run through the whole pipeline."""

from __future__ import annotations

import pytest

from eventwire.incidents.facts import clustered_events
from eventwire.model import ArticleReport, EventType, Modality


def assaults(report: ArticleReport) -> list[tuple[str, Modality]]:
    return [(e.trigger.text, e.modality) for e in report.events if e.type == EventType.ASSAULT]


REAL = {Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED}


def real(report: ArticleReport) -> list[str]:
    return [t for t, m in assaults(report) if m in REAL]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a kind of deed: a bare plural with a classifying modifier and no anchor
        ("The mayor blamed police shootings on poor training and long shifts.", "shootings"),
        ("The debate kept returning to mass shootings and the gun lobby.", "shootings"),
        # what an indefinite deed can do
        ("Analysts noted that one bombing may have dozens of victims.", "bombing"),
        # the offence a person is accused of
        ("The lawyer once defended two men accused of robbery or murder.", "murder"),
        # a count kept, a gerund clause on a kind
        ("The paper keeps a running tally on robberies and stabbing victims.", "stabbing"),
        ("Tempers rose as a result of police shootings and police being shot.", "shootings"),
        ("She spoke, in the wake of attacks against police, about reform.", "attacks"),
        # what a kind of deed does; a war going on
        ("The sound of gunfire does not calm anyone down.", "gunfire"),
        ("Aid stalled in the valley, where the army is battling two militias.", "battling"),
        # a habit or a tally: a bare plural with a frequency adjective and no day named
        ("The province sees frequent attacks on border guards.", "attacks"),
        ("The valley has seen numerous bombings over the past decade.", "bombings"),
    ],
)
def test_kinds_possibilities_counts_and_charges_are_generic(report_of, text, trigger) -> None:
    report = report_of(text)
    found = [(t, m) for t, m in assaults(report) if t == trigger]
    assert found, assaults(report)
    assert all(m is Modality.GENERIC for _, m in found), found
    assert not [e for e in clustered_events(report) if e.type == EventType.ASSAULT]


@pytest.mark.parametrize(
    "text",
    [
        "The senator has never condemned Moscow's invasion of Georgia.",
        "She said he had backed the invasion in 2003 and changed his mind later.",
    ],
)
def test_a_war_named_as_a_whole_is_no_event(report_of, text) -> None:
    assert assaults(report_of(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Troops crossed the border on Monday and shelled two villages near Gori.",
        "The army today launched its long-awaited invasion of the northern province.",
        "The invasion of Kuwait began on Thursday morning, officials said.",
        "The police shootings of two unarmed men in Tulsa on Friday drew crowds.",
        "Police shootings in the northern district on Saturday left two men wounded.",
        "The bombing may have killed a dozen people, officials said on Tuesday.",
        "The attack could spark reprisals, but it killed no one on Sunday.",
        "He was accused of the murder of a shopkeeper in Leeds last week.",
        "Gunmen carried out attacks against police in Kandahar on Monday.",
        "Rebels shelled the camp during the cholera outbreak, killing 12.",
        "The sound of gunfire rang out across the square on Friday night.",
        "Troops were battling two militias in the valley on Tuesday.",
        "Numerous bombings shook the capital on Monday, killing nine people.",
    ],
)
def test_specific_attacks_beside_those_readings_stay_real(report_of, text) -> None:
    assert real(report_of(text)), assaults(report_of(text))


def test_a_simulated_attack_did_not_happen(report_of) -> None:
    report = report_of("The navy simulated an attack on the island during the drill.")
    assert real(report) == []


def test_the_content_of_a_belief_is_not_asserted(report_of) -> None:
    report = report_of(
        "She had come to believe the idea that the judge may have been murdered in a plot."
    )
    assert real(report) == []
    report = report_of("Investigators said the judge may have been murdered in his home.")
    assert real(report)


@pytest.mark.parametrize(
    "text",
    [
        "The senator wants to protect the power grid, which is under constant attack from "
        "hackers working for foreign governments.",
        "The bank said its cybersecurity team repelled an attack from abroad on Monday.",
        "It was a flawless execution by the whole team.",
        "The coach had drawn up a plan for every debate.\n\nFlawless execution.\n\nHe won.",
        "As governor, he did not interfere with nine executions of death row inmates.",
        "Patrol boats reported two submarine incursions into Norwegian waters this month.",
        "He lacks experience and has attacked allies as well as adversaries.",
        "Hillary Clinton attacked Donald Trump on Monday, calling his tax plan a political weapon.",
        "“It is an invasion, in our view, of the state's regulatory domain,” the official said.",
        "The aid workers were blamed for bringing cholera to the valley, killing hundreds.",
        "He used his bullet points to make the case for the tax plan.",
    ],
)
def test_cyber_attacks_executions_incursions_and_figures_are_no_assault(report_of, text) -> None:
    assert real(report_of(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the computer shop on Monday, killing the owner.",
        "Rebels attacked the offices of a television network in the capital on Monday.",
        "Militants executed two soldiers in the town on Monday.",
        "The governor said the attack with “very powerful explosives” killed four guards.",
        "Two fighter jets fired rockets at boats in Norwegian waters on Friday.",
    ],
)
def test_physical_attacks_near_those_words_stay_assault(report_of, text) -> None:
    assert real(report_of(text)), assaults(report_of(text))


def test_weapons_used_are_an_attack(report_of) -> None:
    report = report_of("Security forces used live ammunition against the marchers on Sunday.")
    assert real(report)
    report = report_of("Riot police used batons on the crowd outside parliament on Monday.")
    assert real(report)


def test_attackers_who_target_a_place_attack_it(report_of) -> None:
    report = report_of("A suicide bomber targeted an army base on Monday, killing four soldiers.")
    assert "targeted" in real(report)
    report = report_of("Gunmen targeted a police station in the north on Friday.")
    assert real(report)
    for text in (
        "The senator targeted young voters in her new ads.",
        "The new rules target banks that lend to risky borrowers.",
    ):
        assert real(report_of(text)) == [], text


def test_the_attacks_refers_back_to_criticism(report_of) -> None:
    report = report_of(
        "The governor attacked Senator Walsh in a string of late-night tweets on Sunday. "
        "Walsh thanked his supporters on Monday. "
        "He said he would stand up to the attacks."
    )
    assert real(report) == []


def test_the_assault_refers_back_to_criticism_across_a_quoted_paragraph(report_of) -> None:
    report = report_of(
        "She then peppered him with attacks on his record and his platform. "
        "“Why won't he release his returns? I think there may be reasons,” she said. "
        "“First, maybe he is not as rich as he says. Second, maybe he is not generous. "
        "Third, we do not know his dealings.” "
        "He seemed unable to parlay the assault."
    )
    assert real(report) == []


def test_the_attacks_refers_back_to_a_real_attack(report_of) -> None:
    report = report_of(
        "Gunmen attacked a police station in Kabul on Monday, killing three officers. "
        "The governor visited the wounded on Tuesday. "
        "He said the city would stand up to the attacks."
    )
    words = {
        span.text
        for e in report.events
        if e.type == EventType.ASSAULT and e.modality in REAL
        for span in (e.trigger, *e.mentions)
    }
    assert "the attacks" in words, words


def test_an_attack_claimed_in_a_statement_is_a_deed(report_of) -> None:
    report = report_of(
        "A bomb exploded at the depot in Mosul on Monday. The militia claimed "
        "responsibility for the attack in a statement. The group said the bombing targeted "
        "army officers."
    )
    events = [e for e in report.events if e.type == EventType.ASSAULT]
    assert len(events) == 1, assaults(report)
    mentions = [m.text for m in events[0].mentions]
    assert "the attack" in mentions and "the bombing" in mentions, mentions
