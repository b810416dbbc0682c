"""Everyday news: what is not an attack, events named in general, what becomes an incident,
what is not an actor or an accusation — on sentences written for the tests (each run through
the whole pipeline, published 2016-10-04)."""

from __future__ import annotations

import pytest

from eventwire.incidents.facts import clustered_events
from eventwire.model import ArticleReport, Event, EventType, Modality

PUBLISHED = "2016-10-04"


@pytest.fixture(scope="module")
def report_of(extractor):
    from eventwire.ingest.article import make_article

    def run(text: str, title: str | None = None) -> ArticleReport:
        article = make_article(
            text, source="test", published=PUBLISHED, title=title, check_language=False
        )
        report = extractor.extract(article)
        report.check_spans()
        return report

    return run


def of_type(report: ArticleReport, type_: EventType) -> list[Event]:
    return [e for e in report.events if e.type == type_]


def assaults(report: ArticleReport) -> list[tuple[str, Modality]]:
    return [(e.trigger.text, e.modality) for e in of_type(report, EventType.ASSAULT)]


# ------------------------------------------------------------------ (a) verbal and figurative


@pytest.mark.parametrize(
    "text",
    [
        "The governor attacked Senator Walsh in a string of late-night tweets on Sunday.",
        "Her rival attacked the senator's record on trade during Tuesday's debate.",
        "Public health officials promised to attack the virus with every tool they have.",
        "The mayor has spent a decade fighting against poverty in the eastern districts.",
        "Walsh attacked Governor Pike as a coward and a fraud.",
        "Pike attacked Walsh for his vote on the pipeline.",
        "The campaign ad attacks the congressman over his expenses.",
        "The candidate has doubled down on his personal attacks against the moderators.",
        "Walsh refused to stop attacking his opponent at campaign stops.",
        "Walsh blasted the governor on Monday as unfit for office.",
        "The county's prison population exploded in the 1990s.",
        "Critics said the senator battled through two bouts of pneumonia last winter.",
        "The state operates four gas-fired power plants near the river.",
        "The veteran shot himself in the parking lot of the clinic last month.",
        "The party's new fighting force of volunteers knocked on doors all weekend.",
        "A Republican advertising onslaught will hit the airwaves in Iowa next month.",
        "The senator was beaten in the Republican primary in 2010 by a rancher.",
        "Voters' hostility toward the incumbent is often explained by the economy.",
        "Her speech will focus on three main areas of attack against the governor.",
        "The newspaper attacked the senator on Sunday, saying he had misled voters.",
        "When the fuss dies down, the mayor will still face the same questions.",
        "At the convention, speakers launched relentless attacks on Hillary Clinton.",
        "She has begun to attack Donald Trump in her campaign appearances.",
        "As attack ads intensify on both sides, voters already appear fatigued.",
        "The other candidates are not able to beat Donald Trump in the primary, Cruz said.",
        "He seemed rattled by attacks from Governor Chris Christie on Saturday.",
        "The former chief executive waged a cross-country charm offensive last year.",
        "After the debate, her allies launched a new round of attacks designed to rattle him.",
        "Two fighter jets shot flares at a civilian airliner over the Baltic last week.",
        "The navy fired two cruise missiles into the ocean on Thursday in a test.",
        "The general said the new strategy was executed flawlessly by his staff.",
        "Aides denounced what they called a coordinated attack effort by the tabloids.",
    ],
)
def test_verbal_and_figurative_attacks_are_not_assault(report_of, text) -> None:
    assert assaults(report_of(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police station in Kabul on Monday, killing three officers.",
        "A man attacked two women with a knife outside the station on Saturday.",
        "Militants attacked the army positions near the border at dawn.",
        "The bomb exploded in a crowded market on Friday, killing 12 people.",
        "Rebels blamed the attack on the far-right militia.",
        "Soldiers fired two rockets at the village on Thursday.",
        "The regime executed three prisoners at dawn on Tuesday.",
    ],
)
def test_physical_attacks_stay_assault(report_of, text) -> None:
    found = assaults(report_of(text))
    assert found, text
    assert all(m != Modality.GENERIC for _, m in found)


def test_a_person_s_surname_is_no_lynching(report_of) -> None:
    report = report_of(
        "Attorney General Loretta Lynch spoke in Denver on Monday. Lynch said her office "
        "would review the case."
    )
    assert assaults(report) == []


def test_a_campaign_rally_is_no_protest(report_of) -> None:
    report = report_of("Speaking at a rally in Novi, Michigan, Walsh said taxes were too high.")
    assert of_type(report, EventType.PROTEST) == []
    report = report_of("Hundreds of people rallied against the pipeline in Bismarck on Saturday.")
    assert of_type(report, EventType.PROTEST)


@pytest.mark.parametrize(
    "text",
    [
        "Since Labor Day, Hillary Clinton has held rallies in Cleveland and Tampa.",
        "The senator is thanking supporters at a victory rally after the primary.",
        "The president tried to rally world leaders behind the climate deal.",
        "The primary was another demonstration of how divided the party has become.",
    ],
)
def test_campaign_rallies_and_support_are_no_protest(report_of, text) -> None:
    assert of_type(report_of(text), EventType.PROTEST) == []


def test_a_rally_against_something_stays_a_protest_in_campaign_news(report_of) -> None:
    report = report_of(
        "Hundreds of voters held a rally against the candidate outside the convention hall."
    )
    assert of_type(report, EventType.PROTEST)


def test_house_arrest_as_a_state_is_no_arrest(report_of) -> None:
    report = report_of("She visited Washington six years after she was released from house arrest.")
    assert not [e for e in of_type(report, EventType.COERCE) if "arrest" in e.mode]


def test_demonstrate_as_show_is_no_protest(report_of) -> None:
    report = report_of("The vote demonstrated that the party remains divided.")
    assert of_type(report, EventType.PROTEST) == []


# ------------------------------------------------------------------ (b) events named in general


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("There have been thousands of shootings in the city this year.", "shootings"),
        ("Attacks on police officers are rising across the state.", "Attacks"),
        ("Every attack on a reporter is an attack on all of us.", "attack"),
        ("You walk down the street, you get shot.", "shot"),
        ("Convoys in the north have frequently been attacked by insurgents.", "attacked"),
        ("The city recorded 2,400 shooting incidents between January and June.", "shooting"),
        ("Residents worry about a spate of stabbings near the station.", "stabbings"),
        ("Mass shootings are becoming an almost daily occurrence.", "shootings"),
        ("The mayor was twice convicted of assault as a young man.", "assault"),
        ("How many bombings have there been in the capital since May?", "bombings"),
        ("I will never back people who attack my brother and attack my mother.", "attack"),
        ("Anyone who assaults a nurse deserves a long sentence, the senator said.", "assaults"),
        ("The farmers kept rifles at the ready to shoot any thief near the barn.", "shoot"),
        ("Crowds gather whenever the police shoot an unarmed man in the city.", "shoot"),
    ],
)
def test_events_named_in_general_are_generic(report_of, text, trigger) -> None:
    report = report_of(text)
    found = [e for e in of_type(report, EventType.ASSAULT) if e.trigger.text == trigger]
    assert found, assaults(report)
    assert all(e.modality == Modality.GENERIC for e in found)
    assert not any(e.type == EventType.ASSAULT for e in clustered_events(report))


@pytest.mark.parametrize(
    "text",
    [
        "IS attacks killed 40 people in northern Syria on Tuesday.",
        "Two attacks on checkpoints left five soldiers dead on Sunday.",
        "A wave of bombings hit Baghdad on Monday, killing 30 people.",
        "Police arrested the men who attacked the shopkeeper on Sunday.",
        "Protests started when a station aired footage of the man getting shot on Monday.",
    ],
)
def test_specific_plurals_stay_specific(report_of, text) -> None:
    found = assaults(report_of(text))
    assert found
    assert all(m == Modality.OCCURRED for _, m in found), found


# ------------------------------------------------------------------ (c) what becomes an incident


def clustered(report: ArticleReport) -> list[tuple[str, str]]:
    return [(e.type.value, e.trigger.text) for e in clustered_events(report)]


def test_background_events_stay_in_the_report_off_the_map(report_of) -> None:
    report = report_of(
        "Gunmen attacked a checkpoint near Kandahar on Monday, killing four soldiers. "
        "In 2012, militants attacked the consulate in Benghazi, killing four Americans."
    )
    assert len(of_type(report, EventType.ASSAULT)) == 2
    assert clustered(report) == [("ASSAULT", "attacked")]
    assert clustered_events(report)[0].sentence.text.startswith("Gunmen")


def test_an_undated_attack_in_a_sentence_set_in_the_past_stays_off_the_map(report_of) -> None:
    report = report_of(
        "Gunmen attacked a checkpoint near Kandahar on Monday, killing four soldiers. "
        "The song recalls the 1998 death of a student who was shot by a guard at the gate."
    )
    assert ("shot", Modality.OCCURRED) in assaults(report)
    assert [t for _, t in clustered(report)] == ["attacked"]


def test_an_undated_attack_beside_a_recent_date_stays_on_the_map(report_of) -> None:
    report = report_of(
        "The army, which has held the valley since 2009, said on Monday that gunmen had "
        "attacked a checkpoint near Kandahar."
    )
    assert "attacked" in [t for _, t in clustered(report)]


def test_future_dates_and_promises_are_no_incident(report_of) -> None:
    report = report_of(
        "The governor promised to rebuild the homes destroyed in the flood. "
        "Ministers will meet in Paris in 2050 to review the treaty."
    )
    assert report.events
    assert clustered_events(report) == []
    promise = next(e for e in report.events if e.trigger.text == "promised")
    assert promise.modality == Modality.PLANNED


def test_a_bare_mention_alone_is_no_incident(report_of) -> None:
    report = report_of("Clinton said she was awake all night after the attacks.")
    assert of_type(report, EventType.ASSAULT)
    assert clustered_events(report) == []


def test_an_attack_named_by_its_place_alone_is_no_incident(report_of) -> None:
    report = report_of("Since the Paris attacks, the candidates have talked mostly about security.")
    assert [a.span.text for e in of_type(report, EventType.ASSAULT) for a in e.place] == ["Paris"]
    assert clustered_events(report) == []


def test_a_yes_no_question_asserts_no_attack(report_of) -> None:
    report = report_of('"Did you shoot him?" the woman asked the officer.')
    assert all(m == Modality.HYPOTHETICAL for _, m in assaults(report))
    assert clustered_events(report) == []


@pytest.mark.parametrize(
    "text",
    [
        "Security services in the capital are bracing for the next attack on the subway.",
        "If a gang went around the county beating shopkeepers, the sheriff would act.",
        "The mayor asked what voters would think if a group started burning cars downtown.",
    ],
)
def test_future_and_conditional_attacks_are_not_reported_as_real(report_of, text) -> None:
    report = report_of(text)
    assert all(m not in (Modality.OCCURRED, Modality.ALLEGED) for _, m in assaults(report))
    assert not any(e.type == EventType.ASSAULT for e in clustered_events(report))


def test_a_definite_attack_in_a_conditional_clause_still_happened(report_of) -> None:
    report = report_of(
        "If the governor was asleep during the attack on the embassy, she should say so."
    )
    assert ("attack", Modality.OCCURRED) in assaults(report)
    report = report_of(
        "The footage does not show whether the man held a phone, which he dropped when he was "
        "shot by the deputy on Friday."
    )
    assert ("shot", Modality.OCCURRED) in assaults(report)


# ------------------------------------------------------------------ (d) markup is no actor


def test_markup_remnants_never_become_actors(report_of) -> None:
    report = report_of(
        'The Dallas Morning News reported the arrests. tweet id="747970077610352640" '
        'author="@dallasnews" Police arrested two men after the shooting in Dallas on Monday.'
    )
    arrest = next(e for e in of_type(report, EventType.COERCE) if "arrest" in e.mode)
    words = [a.span.text for e in report.events for a in [*e.actors, *e.targets]]
    words += [s.speaker.span.text for s in report.statements if s.speaker]
    assert "Police" in [a.span.text for a in arrest.actors]
    assert not any("=" in w or "@" in w or "tweet" in w for w in words), words


# ------------------------------------------------------------------ (e) news attribution


@pytest.mark.parametrize(
    "text",
    [
        "Police reported that two gunmen carried out the attack on the bank on Monday.",
        "Militants from the group carried out the attack, according to media reports.",
        "The senator plans to visit Tulsa on Sunday, according to a campaign aide.",
        "Her lawyer said the video does not show whether he had something in his hand.",
    ],
)
def test_news_attribution_is_no_accusation(report_of, text) -> None:
    report = report_of(text)
    assert report.statements
    assert all(s.stance.value != "accuses" for s in report.statements)
    assert of_type(report, EventType.ACCUSE) == []


def test_an_accusation_stays_one(report_of) -> None:
    report = report_of("The minister said the rebels were behind the attack on the bank.")
    assert [s.stance.value for s in report.statements] == ["accuses"]


# ------------------------------------------------------------------ (f) places are no attackers


def test_a_church_is_no_shooter(report_of) -> None:
    report = report_of(
        "Survivors of the Mother Emanuel Church shooting met Clinton in Charleston on Monday."
    )
    shooting = next(e for e in of_type(report, EventType.ASSAULT))
    assert not any("Church" in a.span.text for a in shooting.actors)
