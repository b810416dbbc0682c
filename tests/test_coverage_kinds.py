"""Kinds of events conflict analysts code (issue 12): territory, bases, disrupted weapons,
disasters, organised crime, chemical weapons, aircraft, artillery, grenades, riots and
force against protesters, sexual violence, property destruction, arrests and abductions.
Sentences written for the tests, each run through the whole pipeline."""

from __future__ import annotations

import pytest

from eventwire.model import NON_PLOVER_TYPES, ArticleReport, Event, EventType


def only(report: ArticleReport, type_: str) -> Event:
    found = [e for e in report.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.mode, e.trigger.text) for e in report.events]
    return found[0]


def texts(args) -> list[str]:
    return [a.span.text for a in args]


def kinds(report: ArticleReport, event: Event) -> set[str]:
    actors = {a.id: a for a in report.actors}
    return {str(actors[a.actor_id].kind) for a in event.actors if a.actor_id in actors}


# ------------------------------------------------------------------ territory


@pytest.mark.parametrize(
    ("text", "trigger", "modes", "actor"),
    [
        (
            "Government troops captured five villages near the border on Tuesday.",
            "captured",
            {"territory"},
            "Government troops",
        ),
        (
            "The army recaptured the town of Maro from the insurgents on Sunday.",
            "recaptured",
            {"territory", "regain"},
            "army",
        ),
        (
            "The army regained control of the district after a week of fighting.",
            "regained",
            {"territory", "regain"},
            "army",
        ),
        (
            "Rebel fighters overran an army outpost in the hills overnight.",
            "overran",
            {"territory"},
            "Rebel fighters",
        ),
        (
            "The militants seized control of the provincial capital on Friday.",
            "seized",
            {"territory"},
            "militants",
        ),
        (
            "Government forces took full control of the town of Dara after heavy clashes.",
            "took",
            {"territory"},
            "Government forces",
        ),
        ("Insurgents retook the village two days later.", "retook", {"territory", "regain"}, None),
    ],
)
def test_territory_taken(report_of, text, trigger, modes, actor):
    report = report_of(text)
    event = next(e for e in report.events if "territory" in e.mode)
    assert event.type == "ASSAULT"
    assert event.trigger.text == trigger
    assert modes <= set(event.mode)
    assert "territory" in event.context
    if actor is not None:
        assert actor in texts(event.actors)


def test_territory_actor_kind_tells_state_from_rebels(report_of):
    state = report_of("The Syrian army captured the town of Kafr Nabl on Monday.")
    event = next(e for e in state.events if "territory" in e.mode)
    assert kinds(state, event) & {"military", "state", "government"}
    rebels = report_of("Al-Shabaab fighters seized the town of Bulo Burte on Monday.")
    event = next(e for e in rebels.events if "territory" in e.mode)
    assert "armed_group" in kinds(rebels, event)


@pytest.mark.parametrize(
    "text",
    [
        "Police captured the gang's leader in a raid.",
        "The party took control of the Senate in the election.",
        "The team captured the title last season.",
    ],
)
def test_not_territory(report_of, text):
    assert not any("territory" in e.mode for e in report_of(text).events)


# ------------------------------------------------------------------ bases


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Turkish troops have set up a new observation post in the province.", "set up"),
        ("US forces established a military base near the border last month.", "established"),
        ("The militia set up its headquarters in an abandoned school.", "set up"),
    ],
)
def test_base_established(report_of, text, trigger):
    event = only(report_of(text), "MOBILIZE")
    assert event.mode == ["base"]
    assert event.trigger.text == trigger


def test_set_up_a_committee_is_no_base(report_of):
    assert not any("base" in e.mode for e in report_of("They set up a committee.").events)


# ------------------------------------------------------------------ disrupted weapons


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Police found two explosive devices in a canal near the zoo.", "found"),
        ("Bomb disposal experts defused a roadside bomb near the school.", "defused"),
        ("Air defences intercepted a ballistic missile over the capital.", "intercepted"),
        ("Soldiers seized a cache of rifles and ammunition in the forest.", "seized"),
        ("Troops destroyed an arms depot belonging to the rebels.", "destroyed"),
        ("The army dismantled an improvised explosive device on the highway.", "dismantled"),
        ("Air defences shot down two drones over the city.", "shot down"),
        ("Forty pistols and 9,000 bullets were captured in the capital.", "captured"),
    ],
)
def test_weapons_disrupted(report_of, text, trigger):
    event = only(report_of(text), "COERCE")
    assert "disrupt" in event.mode
    assert event.trigger.text == trigger
    assert not {"explosives", "heavy-weapons", "firearms"} & set(event.mode)  # not ASSAULT modes
    assert not any(e.type == "ASSAULT" for e in report_of(text).events)


def test_seized_drugs_is_a_seizure_not_disrupted_weapons(report_of):
    event = only(report_of("Police seized two tons of cocaine at the port."), "COERCE")
    assert event.mode == ["seize"]
    assert "illegal drugs" in event.context


def test_defused_tension_is_no_event(report_of):
    assert report_of("The minister defused the tension with a joke.").events == []


# ------------------------------------------------------------------ disasters


@pytest.mark.parametrize(
    ("text", "trigger", "killed"),
    [
        ("A gas tank exploded at a chemical plant, killing four workers.", "exploded", 4),
        (
            "A warehouse of ammonium nitrate exploded in the port, killing 200 people.",
            "exploded",
            200,
        ),
        ("A boiler exploded at a textile factory on Monday.", "exploded", None),
        ("A gas leak at the fertilizer plant killed ten people.", "leak", 10),
        ("A fire broke out at a garment factory, killing 12 workers.", "fire", 12),
    ],
)
def test_man_made_disaster_is_no_bombing(report_of, text, trigger, killed):
    report = report_of(text)
    event = only(report, "DISASTER")
    assert event.mode == ["man-made"]
    assert "disasters" in event.context
    assert event.trigger.text == trigger
    assert (event.killed.min if event.killed else None) == killed
    assert not any(e.type == "ASSAULT" for e in report.events)


@pytest.mark.parametrize(
    ("text", "trigger", "killed"),
    [
        ("An earthquake struck the province on Monday, killing 20 people.", "earthquake", 20),
        ("Floods killed 35 people in the north of the country.", "Floods", 35),
        ("At least 66 people died after heavy floods hit parts of the island.", "floods", 66),
        ("A landslide buried a village, killing nine people.", "landslide", 9),
    ],
)
def test_natural_disaster_event(report_of, text, trigger, killed):
    report = report_of(text)
    event = only(report, "DISASTER")
    assert event.mode == ["natural"]
    assert event.trigger.text == trigger
    assert event.killed is not None and event.killed.min == killed
    assert not any(e.type == "ASSAULT" for e in report.events)
    assert event.type in NON_PLOVER_TYPES


def test_bomb_near_a_gas_station_is_still_a_bombing(report_of):
    report = report_of("A bomb exploded near a gas station, killing four people.")
    event = only(report, "ASSAULT")
    assert "explosives" in event.mode
    assert not any(e.type == "DISASTER" for e in report.events)


@pytest.mark.parametrize(
    "text",
    [
        "The candidate won the election by a landslide.",
        "The remarks caused a political storm in the capital.",
        "A flood of refugees crossed the border.",
    ],
)
def test_figurative_disasters(report_of, text):
    assert not any(e.type == "DISASTER" for e in report_of(text).events)


# ------------------------------------------------------------------ organised crime


@pytest.mark.parametrize(
    ("text", "trigger", "mode", "context"),
    [
        ("Gang members robbed a bank in the capital on Monday.", "robbed", "robbery", "crime"),
        ("The cartel smuggled weapons across the border.", "smuggled", "smuggling", "trafficking"),
        (
            "Police broke up a drug trafficking ring in the port city.",
            "trafficking",
            "drugs",
            "illegal drugs",
        ),
        (
            "An armed robbery at a jewellery store left one guard wounded.",
            "robbery",
            "robbery",
            "crime",
        ),
    ],
)
def test_organised_crime(report_of, text, trigger, mode, context):
    event = only(report_of(text), "CRIME")
    assert event.trigger.text == trigger
    assert mode in event.mode
    assert context in event.context
    assert EventType.CRIME in NON_PLOVER_TYPES


# ------------------------------------------------------------------ chemical weapons


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Civilians in the town were attacked with mustard gas on Tuesday.", "attacked"),
        ("The rebels carried out a poisonous gas attack on the village.", "attack"),
        ("Government helicopters dropped barrels of chlorine gas on the suburb.", None),
    ],
)
def test_chemical_weapons(report_of, text, trigger):
    report = report_of(text)
    event = next(e for e in report.events if "unconventional" in e.mode)
    assert event.type == "ASSAULT"
    assert "cbrn" in event.context
    if trigger is not None:
        assert event.trigger.text == trigger


def test_tear_gas_is_crowd_control_not_chemical(report_of):
    event = only(report_of("Police fired tear gas at the crowd outside parliament."), "ASSAULT")
    assert "crowd-control" in event.mode
    assert "unconventional" not in event.mode


# ------------------------------------------------------------------ aircraft


def test_warplanes_pounded(report_of):
    """The owner of the warplanes acts; the event hangs on "pounded", not on "killing"."""
    event = only(report_of("US warplanes pounded the village, killing 12 civilians."), "ASSAULT")
    assert event.trigger.text == "pounded"
    assert "aerial" in event.mode
    assert texts(event.actors) == ["US"]
    assert "warplanes" in " ".join(texts(event.instruments))
    assert event.killed is not None and event.killed.min == 12


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        ("A drone strike killed four militants in the tribal district.", "strike", "drone"),
        ("Israeli jets carried out strikes on targets in the south.", "strikes", None),
        (
            "The coalition carried out 563 strikes, largely by drones, last year.",
            "strikes",
            "drone",
        ),
        ("Fighter jets bombed rebel positions near the city.", "bombed", "aerial"),
        ("Helicopters dropped barrel bombs on the rebel-held suburb.", None, "aerial"),
    ],
)
def test_air_and_drone_strikes(report_of, text, trigger, mode):
    event = only(report_of(text), "ASSAULT")
    if trigger is not None:
        assert event.trigger.text == trigger
    if mode is not None:
        assert mode in event.mode


def test_labour_strike_is_no_air_strike(report_of):
    event = only(report_of("Teachers went on strike across the country."), "PROTEST")
    assert event.mode == ["strike"]


def test_set_off_a_bomb(report_of):
    event = only(report_of("Militants set off a bomb in the crowded market."), "ASSAULT")
    assert event.trigger.text == "set off"
    assert "explosives" in event.mode
    assert texts(event.actors) == ["Militants"]


# ------------------------------------------------------------------ artillery and grenades


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The army shelled rebel positions overnight.", "shelled"),
        ("Rebels fired mortars and rockets at the army base.", "fired"),
        ("A missile strike hit the airport on Sunday.", "strike"),
    ],
)
def test_shelling_artillery_missiles(report_of, text, trigger):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert "heavy-weapons" in event.mode
    assert "grenade" not in event.mode


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Militants hurled a grenade at a police patrol, wounding three officers.", "hurled"),
        ("Two people were hurt when a grenade exploded in the market.", "exploded"),
        ("A hand grenade attack on a restaurant killed four people.", "attack"),
    ],
)
def test_grenades(report_of, text, trigger):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert "grenade" in event.mode


def test_rocket_propelled_grenade_is_a_heavy_weapon(report_of):
    event = only(report_of("Rebels fired a rocket-propelled grenade at the convoy."), "ASSAULT")
    assert "heavy-weapons" in event.mode
    assert "grenade" not in event.mode


# ------------------------------------------------------------------ protests


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Protesters clashed with police in the capital on Friday.", "clashed"),
        ("Police clashed with protesters outside parliament.", "clashed"),
        ("Demonstrators pelted the police with stones.", "pelted"),
        ("Protesters torched two buses and a police post.", "torched"),
        ("Rioting broke out in the city after the verdict.", "Rioting"),
    ],
)
def test_violent_demonstration(report_of, text, trigger):
    report = report_of(text)
    event = only(report, "PROTEST")
    assert event.trigger.text == trigger
    assert event.mode == ["riot"]
    assert not any(e.type == "ASSAULT" for e in report.events)


def test_peaceful_protest(report_of):
    event = only(
        report_of("Thousands of people marched through the capital to demand new elections."),
        "PROTEST",
    )
    assert event.trigger.text == "marched"
    assert event.mode == ["demo"]


def test_troops_marching_are_no_protest(report_of):
    report = report_of("Government forces marched deeper into the rebel-held province.")
    assert not any(e.type == "PROTEST" for e in report.events)


def test_protest_dispersed(report_of):
    report = report_of("Police fired tear gas to disperse the protesters.")
    fired = only(report, "ASSAULT")
    assert "crowd-control" in fired.mode
    dispersed = only(report, "COERCE")
    assert dispersed.trigger.text == "disperse"
    assert dispersed.mode == ["restrict"]
    assert dispersed.target_kind == ["protesters"]


def test_excessive_force_against_protesters(report_of):
    report = report_of("Security forces fired live rounds on protesters, killing five of them.")
    event = only(report, "ASSAULT")
    assert event.trigger.text == "fired"
    assert "protesters" in event.target_kind
    assert "Security forces" in texts(event.actors)
    assert "crowd-control" not in event.mode


def test_killed_demonstrators(report_of):
    event = only(report_of("Soldiers shot dead three demonstrators in the square."), "ASSAULT")
    assert event.target_kind == ["protesters"]


# ------------------------------------------------------------------ violence against civilians


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Soldiers raped at least ten women in the village.", "raped"),
        ("The militiamen sexually assaulted two girls.", "assaulted"),
        ("The report documents sexual violence by the security forces.", "violence"),
    ],
)
def test_sexual_violence(report_of, text, trigger):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert event.mode == ["sexual"]


def test_plain_assault_is_not_sexual(report_of):
    event = only(report_of("Gunmen assaulted a police post on Monday."), "ASSAULT")
    assert "sexual" not in event.mode


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The militia looted shops and torched houses in the town.", "looted"),
        ("Soldiers razed the village after the ambush.", "razed"),
        ("Gunmen ransacked the offices of the newspaper.", "ransacked"),
    ],
)
def test_property_destruction(report_of, text, trigger):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert "destroy" in event.mode


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode"),
    [
        ("Police arrested 15 people in the capital.", "arrested", "COERCE", "arrest"),
        ("Gunmen abducted 20 students from a school.", "abducted", "ASSAULT", "abduct"),
        (
            "Dozens of activists were forcibly disappeared by the security forces.",
            "disappeared",
            "ASSAULT",
            "abduct",
        ),
    ],
)
def test_arrests_abductions_disappearances(report_of, text, trigger, type_, mode):
    event = only(report_of(text), type_)
    assert event.trigger.text == trigger
    assert mode in event.mode


def test_disappeared_alone_is_no_abduction(report_of):
    assert report_of("The old customs disappeared long ago.").events == []


# ------------------------------------------------------------------ second round


@pytest.mark.parametrize(
    ("text", "trigger", "modes"),
    [
        ("Rebels have taken over four localities in the north.", "taken over", {"territory"}),
        (
            "Government forces recovered control of two villages.",
            "recovered",
            {"territory", "regain"},
        ),
    ],
)
def test_territory_more_words(report_of, text, trigger, modes):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert modes <= set(event.mode)


def test_the_company_taken_over_is_no_territory(report_of):
    assert not any("territory" in e.mode for e in report_of("The bank took over the firm.").events)


def test_withdrawal_from_a_town(report_of):
    event = only(report_of("The army withdrew from the town on Monday."), "RETREAT")
    assert event.mode == ["withdraw"]
    assert "territory" in event.context
    assert report_of("The senator withdrew from the race.").events == []


def test_place_taken_is_apart_from_the_bombing_beside_it(report_of):
    report = report_of(
        "Taliban fighters seized a district centre on Saturday, while a bomb at an army "
        "base in the south killed ten soldiers."
    )
    seized = next(e for e in report.events if e.trigger.text == "seized")
    assert "territory" in seized.mode
    assert "explosives" not in seized.mode


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Warplanes targeted the market, killing 30 civilians.", "targeted"),
        ("Airstrikes hit two hospitals in the north.", "Airstrikes"),
    ],
)
def test_weapon_as_subject(report_of, text, trigger):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert "aerial" in event.mode


def test_people_targeted_by_ads_are_no_attack(report_of):
    assert report_of("The ads targeted young voters in the suburbs.").events == []


def test_mob_violence(report_of):
    event = only(report_of("A mob beat two men to death in the village."), "ASSAULT")
    assert "mob" in event.mode
    assert texts(event.actors) == ["mob"]
    lynched = only(report_of("Villagers lynched a man accused of theft."), "ASSAULT")
    assert "mob" in lynched.mode


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Violent protests erupted in the capital on Tuesday.", "protests"),
        ("Heavy clashes broke out between police and protesters near the gate.", "clashes"),
        ("Protesters stormed the parliament building.", "stormed"),
    ],
)
def test_violent_demonstration_more(report_of, text, trigger):
    event = only(report_of(text), "PROTEST")
    assert event.trigger.text == trigger
    assert event.mode == ["riot"]


def test_gunmen_storming_a_campus_is_an_attack_not_a_storm(report_of):
    report = report_of("Gunmen stormed the university complex at dawn.")
    assert only(report, "ASSAULT").trigger.text == "stormed"
    assert not any(e.type == "DISASTER" for e in report.events)
    storm = only(report_of("A tropical storm hit the coast, killing four people."), "DISASTER")
    assert storm.trigger.text == "storm"


def test_dispersed_protest_has_no_police_protesters(report_of):
    report = report_of("Police used tear gas to disperse the protest.")
    protest = only(report, "PROTEST")
    assert protest.actors == []
    assert only(report, "COERCE").trigger.text == "disperse"


def test_landmines_cleared(report_of):
    event = only(report_of("The troops cleared more than 2,000 landmines."), "COERCE")
    assert event.trigger.text == "cleared"
    assert event.mode == ["disrupt"]


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "Officers attacked and injured a peaceful student demonstration in the capital.",
            "attacked",
            "peaceful student demonstration",
        ),
        ("Gunmen opened fire on a rally in the city.", "opened", "rally"),
    ],
)
def test_attack_on_a_protest(report_of, text, trigger, target):
    report = report_of(text)
    event = only(report, "ASSAULT")
    assert event.trigger.text == trigger
    assert texts(event.targets) == [target]
    assert event.target_kind == ["protesters"]
    assert only(report, "PROTEST").actors == []  # the attackers do not protest


def test_protest_suppressed(report_of):
    event = only(report_of("The authorities suppressed the peaceful protests."), "COERCE")
    assert event.trigger.text == "suppressed"
    assert event.target_kind == ["protesters"]
    assert "repression" in event.context


def test_killed_by_vigilantes_is_mob_violence(report_of):
    event = only(report_of("Seven people were murdered by vigilantes last week."), "ASSAULT")
    assert "mob" in event.mode
    assert texts(event.actors) == ["vigilantes"]


def test_clashes_between_police_somewhere_and_demonstrators(report_of):
    text = "Clashes broke out between police in the capital and anti-government demonstrators."
    assert only(report_of(text), "PROTEST").mode == ["riot"]


def test_place_taken_takes_no_weapon_of_the_clause_around_it(report_of):
    report = report_of(
        "Government forces captured five villages near a town that was the scene of a "
        "chemical weapons attack in 2017."
    )
    captured = next(e for e in report.events if e.trigger.text == "captured")
    assert "unconventional" not in captured.mode


def test_sexually_abused(report_of):
    event = only(report_of("The guards sexually abused several detainees."), "ASSAULT")
    assert event.mode == ["sexual"]
    assert report_of("The official abused his power.").events == []


def test_collapse_caused_by_a_bomb_is_no_disaster(report_of):
    report = report_of("The bomb caused part of the cafe's ceiling to collapse.")
    assert not any(e.type == "DISASTER" for e in report.events)
    accident = report_of("Part of the hotel's ceiling collapsed, injuring six guests.")
    assert only(accident, "DISASTER").mode == ["man-made"]


def test_withdrawal_from_a_place_named_with_an_apposition(report_of):
    event = only(
        report_of("All regime forces have withdrawn from Mastumah, a large base."), "RETREAT"
    )
    assert event.trigger.text == "withdrawn"


def test_dispersal_of_a_sit_in(report_of):
    event = only(report_of("Police carried out the violent dispersal of the sit-in."), "COERCE")
    assert event.trigger.text == "dispersal"
    assert event.mode == ["restrict"]


def test_a_mine_that_went_off(report_of):
    event = only(report_of("A landmine went off near the village, killing two farmers."), "ASSAULT")
    assert "explosives" in event.mode


@pytest.mark.parametrize(
    ("text", "type_", "trigger", "mode"),
    [
        ("Riot police chased demonstrators through the old town.", "COERCE", "chased", "restrict"),
        (
            "Police resorted to a lathi charge near the assembly.",
            "ASSAULT",
            "charge",
            "crowd-control",
        ),
        ("Police detained 40 protesters during the march.", "COERCE", "detained", "arrest"),
    ],
)
def test_intervention_against_protesters(report_of, text, type_, trigger, mode):
    event = only(report_of(text), type_)
    assert event.trigger.text == trigger
    assert mode in event.mode


def test_arrested_protesters_are_their_target_kind(report_of):
    event = only(report_of("Police detained 40 protesters during the march."), "COERCE")
    assert event.target_kind == ["protesters"]
    assert (
        only(report_of("Police detained 40 protesters during the march."), "PROTEST").actors == []
    )


def test_charges_in_court_are_no_crowd_control(report_of):
    report = report_of("Prosecutors filed charges against the former minister.")
    assert not any("crowd-control" in e.mode for e in report.events)


def test_toxic_gas_leak_is_a_disaster_despite_the_chemical(report_of):
    report = report_of(
        "Dozens of people fell ill after poisonous gas leaked from a chemical factory."
    )
    event = only(report, "DISASTER")
    assert event.trigger.text == "leaked"
    assert not any(e.type == "ASSAULT" for e in report.events)


def test_tear_gas_deployed(report_of):
    event = only(report_of("Police deployed tear gas against the crowd."), "ASSAULT")
    assert event.trigger.text == "deployed"
    assert event.mode == ["crowd-control"]
    assert only(report_of("The army deployed troops to the border."), "MOBILIZE").mode == ["troops"]


def test_protest_with_clashes_is_a_riot(report_of):
    report = report_of(
        "Hundreds of protesters rallied in several cities and were involved in clashes."
    )
    rally = next(e for e in report.events if e.trigger.text == "rallied")
    assert rally.mode == ["riot"]
    peaceful = only(report_of("Thousands rallied peacefully in the capital."), "PROTEST")
    assert peaceful.mode == ["demo"]


def test_sit_in(report_of):
    event = only(report_of("Demonstrators staged a sit-in outside the ministry."), "PROTEST")
    assert event.trigger.text == "sit-in"
    assert "obstruct" in event.mode
    assert texts(event.actors) == ["Demonstrators"]


def test_jets_firing_missiles_is_an_air_strike_by_their_owner(report_of):
    event = only(report_of("Saudi jets fired missiles at a village on Saturday."), "ASSAULT")
    assert event.trigger.text == "fired"
    assert {"aerial", "heavy-weapons"} <= set(event.mode)
    assert texts(event.actors) == ["Saudi"]


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        ("Rebels fired shells into two districts of the city.", "fired", "heavy-weapons"),
        ("A mortar shell landed on a house in the village.", "landed", "heavy-weapons"),
        ("A rocket slammed into a school in the north.", "slammed", "heavy-weapons"),
        ("A mine went off under a police vehicle near the border.", "went", "explosives"),
    ],
)
def test_shells_rockets_and_mines(report_of, text, trigger, mode):
    event = only(report_of(text), "ASSAULT")
    assert event.trigger.text == trigger
    assert mode in event.mode


def test_a_plane_landing_is_no_attack(report_of):
    assert report_of("The plane landed safely in the capital.").events == []


def test_defection(report_of):
    event = only(report_of("About 160 soldiers have defected to the rebels."), "MOBILIZE")
    assert event.trigger.text == "defected"
    assert event.mode == ["defect"]


@pytest.mark.parametrize(
    ("text", "type_", "trigger", "mode"),
    [
        (
            "The rebels and the army exchanged prisoners on Tuesday.",
            "RETREAT",
            "exchanged",
            "release",
        ),
        ("A cease-fire took hold in the province on Monday.", "RETREAT", "cease-fire", "ceasefire"),
        (
            "Russia will close the US consulate in St Petersburg.",
            "SANCTION",
            "close",
            "discontinue",
        ),
    ],
)
def test_exchanges_ceasefires_and_closed_missions(report_of, text, type_, trigger, mode):
    event = only(report_of(text), type_)
    assert event.trigger.text == trigger
    assert mode in event.mode


def test_a_store_that_closes_is_no_sanction(report_of):
    assert report_of("The store will close early on Friday.").events == []


def test_withdrawal_told_in_a_relative_clause(report_of):
    report = report_of("They reached Dara, a town from which the government forces withdrew.")
    event = only(report, "RETREAT")
    assert event.trigger.text == "withdrew"
    assert "territory" in event.context


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Hundreds of demonstrators participated in the march on Wednesday.", "participated"),
        ("A group of strikers gathered outside the venue.", "gathered"),
    ],
)
def test_protesters_taking_part(report_of, text, trigger):
    event = next(e for e in report_of(text).events if e.type == "PROTEST")
    assert event.trigger.text == trigger
    assert report_of("Lawmakers participated in the debate.").events == []


def test_selling_drugs_is_crime_selling_arms_to_a_state_is_not(report_of):
    event = only(report_of("The gang was selling cocaine in the port."), "CRIME")
    assert event.trigger.text == "selling"
    assert not any(
        e.type == "CRIME" for e in report_of("The company sold weapons to the government.").events
    )


# ------------------------------------------------------------------ everyday political news


@pytest.mark.parametrize(
    "text",
    [
        "Trump captured Florida and Ohio on election night.",
        "Clinton pounded Trump in the debate.",
        "Trump stormed through Iowa last week.",
        "The senator stormed off the stage.",
        "The campaign set up its headquarters in Brooklyn.",
        "The party has established a position on trade.",
        "The campaign was hit by a wave of defections.",
        "Democrats seized control of the House.",
        "He captured Vermont last month.",
        "The rally stampeded the party into a choice.",
    ],
)
def test_campaign_words_are_no_conflict_events(report_of, text):
    kinds = {"ASSAULT", "MOBILIZE", "DISASTER"}
    assert not [e.trigger.text for e in report_of(text).events if e.type in kinds]


def test_pounded_positions_and_stormed_buildings_are_attacks(report_of):
    assert only(
        report_of("Government forces pounded rebel positions."), "ASSAULT"
    ).trigger.text == ("pounded")
    stormed = only(report_of("Gunmen stormed the hotel at dawn."), "ASSAULT")
    assert stormed.trigger.text == "stormed"


@pytest.mark.parametrize(
    "text",
    [
        "Lynch said her colleague had not worked on the case.",
        "Reagan went on to win that year in a landslide.",
        "The developers looted investors' funds.",
        "Human trafficking is a growing problem.",
        "They say Turkey has used the crisis to extort financial gains.",
    ],
)
def test_names_and_topics_are_no_events(report_of, text):
    kinds = {"ASSAULT", "DISASTER", "CRIME"}
    assert not [e.trigger.text for e in report_of(text).events if e.type in kinds]


def test_smuggling_suspects(report_of):
    event = only(report_of("Police arrested four men suspected of smuggling migrants."), "CRIME")
    assert event.mode == ["smuggling"]
    assert event.modality == "alleged"


def test_gang_extortion(report_of):
    event = only(report_of("The gang extorted money from traders in the market."), "CRIME")
    assert event.mode == ["extortion"]


def test_protesters_named_later_do_not_make_a_police_shooting_a_riot(report_of):
    report = report_of(
        "A police officer shot a man on Tuesday. The family, protesters and civic leaders "
        "have been demanding that police release video of the shooting."
    )
    shooting = only(report, "ASSAULT")
    assert shooting.trigger.text == "shot"
    assert not any(e.type == "PROTEST" for e in report.events)


@pytest.mark.parametrize(
    "text",
    [
        "He is building his base of support in Iowa.",
        "The party established a strong base in the suburbs.",
        "Democrats are regaining control of the Senate.",
        "The physician, who briefly caught fire in the campaign, spoke on Monday.",
    ],
)
def test_political_bases_control_and_fire(report_of, text):
    kinds = {"ASSAULT", "MOBILIZE", "DISASTER"}
    assert not [e.trigger.text for e in report_of(text).events if e.type in kinds]


def test_military_base_and_warehouse_fire(report_of):
    base = only(report_of("The US has established a new military base inside Iraq."), "MOBILIZE")
    assert base.mode == ["base"]
    fire = only(report_of("The warehouse caught fire on Sunday night."), "DISASTER")
    assert fire.mode == ["man-made"]


def test_drugs_seized_are_no_territory(report_of):
    event = only(report_of("Agents helped seize tons of marijuana and cocaine."), "COERCE")
    assert event.mode == ["seize"]
