"""ACLED classes of events: the table knowledge/acled_classes.yaml and the pipeline's
classes stage, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.ingest.article import make_article
from eventwire.knowledge import acled
from eventwire.knowledge.files import load_yaml
from eventwire.model import ActorKind, Event, Span

ACLED_SUB_EVENT_TYPES = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
ADDITIONS = {
    "Disasters": {"Natural disaster", "Man-made disaster"},
    "Crime": {"Organised crime"},
    "Diplomacy": {"Diplomatic event"},
    "Political": {"Statement"},
}


def test_acled_table_uses_only_codebook_names_and_documented_additions():
    known = {**ACLED_SUB_EVENT_TYPES, **ADDITIONS}
    for rule in acled.rules():
        assert rule.sub_event_type in known[rule.event_type], rule
    covered = {r.sub_event_type for r in acled.rules()}
    assert set().union(*ACLED_SUB_EVENT_TYPES.values()) <= covered
    assert acled.rules()[-1].types is None  # the last rule is every type's fallback


def test_acled_table_groups_name_actor_kinds():
    data = load_yaml("acled_classes.yaml")
    kinds = {str(k) for k in ActorKind} | {"protesters", "mob", "aircraft"}  # the table's own
    for group in data["groups"].values():
        assert set(group) <= kinds
    assert set(data["arg_words"]) <= kinds


@pytest.mark.parametrize(
    ("plover", "modes", "extra", "expected"),
    [
        ("ASSAULT", ["explosives"], {"suicide": True}, "Suicide bomb"),
        ("ASSAULT", ["explosives", "suicide-attack"], {}, "Suicide bomb"),
        ("ASSAULT", ["drone"], {}, "Air/drone strike"),
        ("ASSAULT", ["heavy-weapons"], {}, "Shelling/artillery/missile attack"),
        ("ASSAULT", ["unconventional"], {}, "Chemical weapon"),
        ("ASSAULT", ["firearms"], {}, "Attack"),
        ("ASSAULT", [], {"trigger": "clashes"}, "Armed clash"),
        ("ASSAULT", [], {"actors": {"armed_group"}, "done_to": {"military"}}, "Armed clash"),
        ("ASSAULT", [], {"actors": {"armed_group"}, "done_to": {"civilians"}}, "Attack"),
        (
            "ASSAULT",
            ["firearms"],
            {"targets_kind": ["protesters"]},
            ("Excessive force against protesters"),
        ),
        ("ASSAULT", ["crowd-control"], {}, "Protest with intervention"),
        ("ASSAULT", ["explosives"], {"actors": {"protesters"}}, "Violent demonstration"),
        (
            "ASSAULT",
            [],
            {"trigger": "clashed", "done_to": {"protesters"}},
            ("Violent demonstration"),
        ),
        (
            "ASSAULT",
            ["firearms"],
            {"done_to": {"protesters"}},
            ("Excessive force against protesters"),
        ),
        ("COERCE", ["arrest"], {"done_to": {"protesters"}}, "Protest with intervention"),
        ("COERCE", ["restrict"], {"targets_kind": ["protesters"]}, "Protest with intervention"),
        ("COERCE", ["restrict"], {"trigger": "dispersal"}, "Protest with intervention"),
        ("COERCE", ["restrict"], {"trigger": "curfew"}, "Other"),
        ("RETREAT", ["resign"], {}, "Other"),
        ("RETREAT", ["disarm"], {}, "Change to group/activity"),
        (
            "COERCE",
            ["restrict"],
            {"targets_kind": ["protesters"], "sentence": "Police dispersed them, killing two."},
            "Excessive force against protesters",
        ),
        (
            "ASSAULT",
            [],
            {"trigger": "clashes", "sentence": "Clashes broke out at the rally."},
            ("Violent demonstration"),
        ),
        ("ASSAULT", ["beat"], {"actors": {"mob"}}, "Mob violence"),
        ("ASSAULT", [], {"done_to": {"military"}}, "Armed clash"),
        ("ASSAULT", [], {"done_to": {"military", "civilians"}}, "Attack"),
        ("ASSAULT", [], {"contexts": ["military"]}, "Armed clash"),
        (
            "ASSAULT",
            [],
            {"contexts": ["military"], "targets_kind": ["private citizens"]},
            ("Attack"),
        ),
        ("RETREAT", [], {"trigger": "surrendered"}, "Agreement"),
        ("THREATEN", [], {"actors": {"state"}}, "Diplomatic event"),
        ("COERCE", ["cyber"], {}, "Other"),
        ("PROTEST", ["riot"], {}, "Violent demonstration"),
        ("PROTEST", ["demo"], {}, "Peaceful protest"),
        ("ASSAULT", ["territory"], {"actors": {"military"}}, "Government regains territory"),
        (
            "ASSAULT",
            ["territory"],
            {"actors": {"armed_group"}},
            ("Non-state actor overtakes territory"),
        ),
        ("ASSAULT", ["sexual"], {}, "Sexual violence"),
        ("ASSAULT", ["abduct"], {}, "Abduction/forced disappearance"),
        ("COERCE", ["arrest"], {}, "Arrests"),
        ("COERCE", ["disrupt"], {}, "Disrupted weapons use"),
        ("MOBILIZE", ["base"], {}, "Headquarters or base established"),
        ("MOBILIZE", ["troops"], {}, "Change to group/activity"),
        ("RETREAT", ["withdraw"], {}, "Non-violent transfer of territory"),
        ("AGREE", [], {}, "Agreement"),
        ("SANCTION", ["expel"], {}, "Diplomatic event"),
        ("DISASTER", ["natural"], {}, "Natural disaster"),
        ("DISASTER", ["man-made"], {}, "Man-made disaster"),
        ("CRIME", ["robbery"], {}, "Organised crime"),
        ("ACCUSE", [], {}, "Statement"),
    ],
)
def test_acled_classify_by_type_modes_and_sides(plover, modes, extra, expected):
    event_type, sub = acled.classify(plover, modes, **extra)
    assert sub == expected
    assert acled.event_type_of()[sub] == event_type


def test_acled_arg_kind_reads_the_longest_words():
    assert acled.arg_kind("the riot police") == "police"
    assert acled.arg_kind("Government forces") == "military"
    assert acled.arg_kind("armed men on motorbikes") == "armed_group"
    assert acled.arg_kind("the villagers") == "civilians"
    assert acled.arg_kind("the committee") is None
    assert acled.arg_kind("hundreds of demonstrators") == "protesters"
    assert acled.arg_kind("an angry mob") == "mob"


def test_acled_classes_on_every_event_of_the_pipeline(extractor):
    def classes(text: str) -> list[tuple[str | None, str | None]]:
        report = extractor.extract(make_article(text, source="test"))
        return [(e.acled_event_type, e.acled_sub_event_type) for e in report.events]

    assert ("Battles", "Armed clash") in classes(
        "Rebels clashed with army troops near the river crossing on Sunday."
    )
    assert ("Violence against civilians", "Attack") in classes(
        "Gunmen shot dead five villagers at a cattle market in the north."
    )
    assert ("Strategic developments", "Arrests") in classes(
        "Police arrested twelve students outside the education ministry on Monday."
    )
    assert ("Protests", "Peaceful protest") in classes(
        "Thousands of farmers marched through the capital on Tuesday."
    )
    # one demonstration told by two events of a sentence gets one class
    assert set(
        classes(
            "Soldiers opened fire on a peaceful demonstration in the town square, killing "
            "three people."
        )
    ) == {("Protests", "Excessive force against protesters")}
    assert ("Riots", "Violent demonstration") in classes(
        "Heavy clashes broke out between police and students as demonstrations continued."
    )
    report = extractor.extract(
        make_article("Militants attacked an army convoy, and police detained two men.", source="t")
    )
    assert report.events and all(e.acled_sub_event_type for e in report.events)


def test_acled_same_sentence_rules_give_one_class_to_one_deed():
    text = "Villagers died in the attack on the market as the army shelled the town."
    sentence = Span.of(text, 0, len(text))

    def event(eid: str, word: str, kind: str, modes: list[str]) -> Event:
        start = text.index(word)
        return Event(
            id=eid,
            type=kind,
            mode=modes,
            trigger=Span.of(text, start, start + len(word)),
            sentence=sentence,
        )

    attack = event("E1", "attack", "ASSAULT", [])
    shelling = event("E2", "shelled", "ASSAULT", ["heavy-weapons"])
    acled.classify_events([attack, shelling], [])
    assert (
        attack.acled_sub_event_type
        == shelling.acled_sub_event_type
        == ("Shelling/artillery/missile attack")
    )
    alone = event("E1", "attack", "ASSAULT", [])
    acled.classify_events([alone], [])
    assert alone.acled_sub_event_type == "Attack"
