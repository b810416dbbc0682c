"""Who attacked what, where: the arguments of attacks on sentences written for the tests
(each run through the whole pipeline, published 2024-01-04; ``report_of`` checks that every
span's text is the article's text at its offsets)."""

from __future__ import annotations

import pytest

from eventwire.model import ArticleReport, Event


def attack(report: ArticleReport) -> Event:
    found = [e for e in report.events if e.type == "ASSAULT"]
    assert len(found) == 1, [(e.trigger.text, e.mentions) for e in found]
    return found[0]


def texts(args) -> list[str]:
    return [a.span.text for a in args]


def test_a_named_camp_attacked_is_the_target_not_the_place(report_of):
    event = attack(report_of("Insurgents attacked Camp Tarlow in Kandor province on Monday."))
    assert "Camp Tarlow" in texts(event.targets)
    assert "Camp Tarlow" not in texts(event.place)


def test_a_town_attacked_stays_a_place(report_of):
    event = attack(report_of("Rebels attacked Kerman on Monday, killing four soldiers."))
    assert not any("Kerman" in t for t in texts(event.targets))


def test_a_bakery_attacked_is_the_target(report_of):
    event = attack(report_of("Masked men attacked a small bakery in Kerman on Friday."))
    assert "small bakery" in texts(event.targets)


def test_an_unnamed_site_says_where_the_attack_was(report_of):
    event = attack(report_of("Two gunmen shot dead three men in a crowded square on Sunday."))
    assert texts(event.place) == ["crowded square"]
    assert all(a.place_id is None for a in event.place)


def test_a_site_comes_after_the_named_town(report_of):
    event = attack(report_of("A car bomb exploded in a busy square in Kerman on Monday."))
    places = texts(event.place)
    assert places[0] == "Kerman", places
    assert any(t.endswith("square") for t in places[1:]), places


def test_a_site_the_attack_hit_is_no_place_of_it(report_of):
    event = attack(report_of("Militants stormed a hotel in the capital on Monday."))
    assert "hotel" in texts(event.targets)
    assert not any("hotel" in t for t in texts(event.place))


def test_the_doer_of_an_attack_believed_to_have_been_carried_out_by_it(report_of):
    event = attack(
        report_of(
            "The bombing of the power station is widely believed to have been carried out by "
            "the Northern Liberation Front."
        )
    )
    assert any("Northern Liberation Front" in t for t in texts(event.actors)), texts(event.actors)


def test_people_involved_in_a_failed_attempt_are_its_doers(report_of):
    event = attack(
        report_of("Prosecutors said that nine officers were involved in the assassination attempt.")
    )
    assert texts(event.actors) == ["nine officers"]


def test_the_name_of_the_cafe_before_the_bombing_is_no_attacker(report_of):
    event = attack(
        report_of(
            "A bomb exploded at the Veltro cafe in Kerman on Friday. Nobody has been charged "
            "with the Veltro bombing."
        )
    )
    assert not any("Veltro" in t for t in texts(event.actors)), texts(event.actors)


def test_the_city_of_a_name_is_that_place(report_of):
    event = attack(report_of("A parcel bomb exploded on a busy street in the city of Lyon."))
    places = texts(event.place)
    assert any("Lyon" in t for t in places), places
    assert any(t.endswith("street") for t in places), places


def test_a_place_said_of_someone_in_the_clause_is_not_the_attacks(report_of):
    event = attack(
        report_of(
            "The leader of the Sunday attack on the bank is said to have been a student from "
            "Pakistan."
        )
    )
    assert not any("Pakistan" in t for t in texts(event.place)), texts(event.place)


def test_the_town_of_a_building_the_explosion_hit_is_its_place(report_of):
    event = attack(
        report_of("The federal building in Kerman was shattered by an explosion on Monday.")
    )
    assert "Kerman" in texts(event.place), texts(event.place)


def test_the_owner_of_a_decision_to_carry_out_attacks_is_their_doer(report_of):
    event = attack(
        report_of(
            "The Northern Liberation Front's decision to carry out the market bombings in "
            "Kerman proved to be a disaster."
        )
    )
    assert any("Northern Liberation Front" in t for t in texts(event.actors)), texts(event.actors)


def test_what_bombings_were_targeted_at_is_hit_by_them(report_of):
    event = attack(
        report_of("Three bombings targeted at the border police shook Kerman on Monday.")
    )
    assert not any("border" in t for t in texts(event.place)), texts(event.place)
    event = attack(report_of("Three bombings targeted at soldiers killed nine people on Monday."))
    assert "soldiers" in texts(event.victims), texts(event.victims)


def test_the_people_the_bombings_were_aimed_at_are_their_victims(report_of):
    event = attack(
        report_of(
            "The Northern Liberation Front admitted the bombings, which seemed to be aimed at "
            "shoppers."
        )
    )
    assert "shoppers" in texts(event.victims), texts(event.victims)


def test_the_places_of_a_clause_after_the_attack_are_not_its_own(report_of):
    report = report_of(
        "A car bomb killed six soldiers at a checkpoint on Friday. Hours after the bombing, "
        "police patrols were seen on the streets of Kerman."
    )
    event = attack(report)
    assert not any("Kerman" in t or "streets" in t for t in texts(event.place)), texts(event.place)


def test_a_suicide_bomber_crashing_into_a_patrol_attacks_it(report_of):
    event = attack(
        report_of(
            "A suicide bomber riding a motorcycle loaded with explosives crashed into a foot "
            "patrol near the village of Tarlow on Monday."
        )
    )
    assert event.trigger.text == "crashed"
    assert texts(event.actors) == ["suicide bomber"]
    assert texts(event.instruments) == ["explosives"]


def test_a_plane_crashing_is_no_attack(report_of):
    report = report_of("A small plane crashed into a field near Kerman on Monday.")
    assert not [e for e in report.events if e.type == "ASSAULT"]


def test_a_road_where_bombs_went_off_is_a_site_not_a_target(report_of):
    event = attack(
        report_of("Two car bombs exploded at the Cavehill Road in Kerman on Friday afternoon.")
    )
    assert not any("Road" in t for t in texts(event.targets)), texts(event.targets)
    assert any("Cavehill Road" in t for t in texts(event.place)), texts(event.place)


def test_explosives_named_by_their_make_are_instruments(report_of):
    event = attack(report_of("A pressure-cooker bomb packed with nails exploded near the stadium."))
    assert texts(event.instruments) == ["pressure-cooker bomb"]
    event = attack(report_of("The attackers blew up the bridge with Semtex on Monday."))
    assert texts(event.instruments) == ["Semtex"]


def test_people_named_by_their_number_alone_are_the_toll_not_victims(report_of):
    event = attack(
        report_of("A car bomb exploded outside a bank in Kerman on Monday, killing 14 people.")
    )
    assert not any("people" in t for t in texts(event.victims)), texts(event.victims)
    assert event.killed is not None and event.killed.min == 14
    assert "private citizens" in event.target_kind
    event = attack(
        report_of("Gunmen opened fire on a bus on Monday, wounding several people and others.")
    )
    assert texts(event.victims) == [], texts(event.victims)


def test_people_of_a_count_named_by_including_are_victims(report_of):
    event = attack(
        report_of(
            "A bomb exploded at a market in Kerman on Monday, killing nine people, including "
            "two policemen."
        )
    )
    assert any("policemen" in t for t in texts(event.victims)), texts(event.victims)
    assert not any("people" in t for t in texts(event.victims)), texts(event.victims)


def test_people_named_by_more_than_their_number_stay_victims(report_of):
    event = attack(report_of("Gunmen killed four Kurdish farmers near Kerman on Monday."))
    assert any("farmers" in t for t in texts(event.victims)), texts(event.victims)


def test_what_an_attacker_crashed_into_is_hit(report_of):
    event = attack(report_of("Police fired tear gas into the crowd in Kerman on Monday."))
    assert "crowd" in texts(event.victims) + texts(event.targets), (event.victims, event.targets)


def test_a_patrol_or_convoy_attacked_is_hit(report_of):
    event = attack(report_of("A suicide bomber crashed into a military convoy on Monday."))
    assert texts(event.victims) == ["military convoy"], texts(event.victims)


def test_the_person_assassinated_is_the_victim_whatever_the_kind_of_the_name(report_of):
    event = attack(
        report_of(
            "Several members of the group were charged with complicity in the assassination "
            "of Luis Carrero Blanco one year before."
        )
    )
    assert texts(event.victims) == ["Luis Carrero Blanco"], texts(event.victims)


def test_a_life_attacked_is_no_victim(report_of):
    event = attack(report_of("The president said there had been an attack against his life."))
    assert "life" not in texts(event.victims), texts(event.victims)
    event = attack(report_of("The explosion in Kerman claimed the lives of three farmers."))
    assert texts(event.victims) == ["farmers"], texts(event.victims)


def test_a_street_the_parser_took_for_an_organisation_is_where_bombs_went_off(report_of):
    event = attack(
        report_of(
            "In the case of the two worst explosions at Oxford Street and the Cavehill Road, "
            "warnings were given well in advance."
        )
    )
    assert texts(event.place) == ["Oxford Street", "Cavehill Road"], texts(event.place)
    assert texts(event.targets) == [], texts(event.targets)


def test_those_responsible_are_the_doers(report_of):
    event = attack(
        report_of(
            "The prosecutor said it is not ruled out that those responsible are involved in "
            "the assassination attempt."
        )
    )
    assert texts(event.actors) == ["those"], texts(event.actors)
    event = attack(report_of("Police are hunting those who carried out the bombing in Kerman."))
    assert texts(event.actors) == ["those"], texts(event.actors)


def test_those_told_of_twice_are_two_doers(report_of):
    report = report_of(
        "The police know much about those involved in the failed assassination attempt in "
        "Kerman. It is not ruled out that those responsible are also involved in the "
        "assassination attempt."
    )
    event = attack(report)
    assert len(event.actors) == 2, texts(event.actors)


def test_those_hurt_are_no_doers(report_of):
    event = attack(report_of("Those wounded in the attack in Kerman were taken to hospital."))
    assert texts(event.actors) == [], texts(event.actors)


def test_the_places_of_a_noun_an_attack_word_only_describes_are_not_the_attacks(report_of):
    report = report_of("The bombing suspect was arrested in Kerman on Monday.")
    event = attack(report)
    assert texts(event.place) == [], texts(event.place)


def test_what_an_attack_caused_damage_to_is_its_target(report_of):
    event = attack(report_of("The attack caused heavy damage to the hotel."))
    assert "hotel" in texts(event.targets), texts(event.targets)


def test_a_bomb_that_destroyed_a_building_is_an_attack_of_its_own(report_of):
    event = attack(report_of("Last night a bomb destroyed a branch of the Farmers Bank."))
    assert "branch of the Farmers Bank" in texts(event.targets), texts(event.targets)
    assert any("bomb" in t for t in texts(event.instruments))


def test_a_destruction_with_no_weapon_told_is_no_attack(report_of):
    report = report_of("The company destroyed its old paper records last year.")
    assert not [e for e in report.events if e.type == "ASSAULT"]


def test_a_telephone_exchange_is_a_target_and_an_exchange_of_fire_is_not(report_of):
    event = attack(report_of("A bomb exploded at a telephone exchange in Kerman on Sunday."))
    assert "telephone exchange" in texts(event.targets), texts(event.targets)
    event = attack(report_of("Two soldiers were shot dead in an exchange of fire on Sunday."))
    assert texts(event.targets) == [], texts(event.targets)


def test_a_shopping_center_bombed_is_the_target(report_of):
    event = attack(report_of("A bomb went off outside a shopping center in Kerman on Sunday."))
    assert "shopping center" in texts(event.targets), texts(event.targets)


def test_individuals_after_a_bracketed_name_are_spelt_without_it(report_of):
    event = attack(
        report_of(
            'The bridge was blown up by Maoist "Red Dawn" guerrillas on Monday, the police said.'
        )
    )
    individuals = [a.span.text for a in event.actors if a.individual]
    assert individuals == ["guerrillas"], individuals


def test_individuals_the_parser_hangs_on_a_name_after_its_abbreviation(report_of):
    event = attack(report_of("The mayor was shot dead by Red Dawn Front (RDF) gunmen on Monday."))
    individuals = [a.span.text for a in event.actors if a.individual]
    assert individuals == ["gunmen"], individuals
    assert "Red Dawn Front" in texts(event.actors)


def test_those_implicated_in_a_murder_are_its_doers_not_who_implicated_them(report_of):
    event = attack(
        report_of("The minister implicated three police officers in the murder of the judge.")
    )
    assert texts(event.actors) == ["three police officers"], texts(event.actors)


@pytest.mark.parametrize(
    "text",
    [
        "The bombing of the bank was blamed on urban guerrillas.",
        "The police attributed the attack on the bank to urban guerrillas.",
        # who is blamed for an attack did it, not who blames
        "The army blamed urban guerrillas for the bombing of the bank.",
        # whose work an attack was did it
        "The attack on the bank was the work of urban guerrillas.",
    ],
)
def test_an_attack_blamed_on_or_attributed_to_a_band_is_done_by_it(report_of, text):
    event = attack(report_of(text))
    assert texts(event.actors) == ["urban guerrillas"], texts(event.actors)
