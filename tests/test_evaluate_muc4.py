"""MUC-4 readers (raw messages, raw keys, processed templates), the mapping of eventwire's
output onto MUC templates, and one document scored by hand.

The fixtures in tests/fixtures/evaluate/muc4 are written for these tests in the format of
the MUC-4 distribution (they are not from the corpus).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import muc4
from eventwire.evaluate import muc4_keys as keys
from eventwire.evaluate.metrics import total
from eventwire.evaluate.report import Report
from eventwire.model import (
    Actor,
    ActorKind,
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    EventType,
    Granularity,
    Modality,
    Place,
    PlaceFeature,
    Span,
    Stance,
    Statement,
    When,
)

ROOT = Path(__file__).parent / "fixtures" / "evaluate" / "muc4"


@pytest.fixture(scope="module")
def docs() -> list[muc4.Doc]:
    return muc4.load(ROOT, "dev")


# --------------------------------------------------------------------------------------
# readers


def test_evaluate_muc4_parse_filler_forms():
    assert keys.parse_filler('"URBAN GUERRILLAS" / "GUERRILLAS"').values == [
        "URBAN GUERRILLAS",
        "GUERRILLAS",
    ]
    uncertain = keys.parse_filler('? "PAV"')
    assert uncertain.values == ["PAV"] and uncertain.uncertain
    cross = keys.parse_filler('"NIGHT WATCHMAN": "JUAN PEREZ ORTIZ"')
    assert (cross.values, cross.ref) == (["NIGHT WATCHMAN"], ["JUAN PEREZ ORTIZ"])
    setfill = keys.parse_filler('SUSPECTED OR ACCUSED / POSSIBLE: "PAV"')
    assert (setfill.values, setfill.ref) == (["SUSPECTED OR ACCUSED", "POSSIBLE"], ["PAV"])
    escaped = keys.parse_filler(r'"\"ARMED MEN\"" / "ARMED MEN"')
    assert escaped.values == ['"ARMED MEN"', "ARMED MEN"]
    assert keys.parse_filler("*").values == [] and keys.parse_filler("-").values == []


def test_evaluate_muc4_parse_keys_fixture():
    templates = keys.parse_keys((ROOT / "raw/tst1/key-tst1.v7").read_text("latin-1"))
    assert [(t.message_id, t.template_id, t.optional) for t in templates] == [
        ("TST1-MUC3-0001", "1", False),
        ("TST1-MUC3-0001", "2", True),
        ("TST1-MUC3-0002", "*", False),
    ]
    first, second, _ = templates
    assert first.incident_type == "bombing" and second.incident_type == "attack"
    assert first.strings(keys.PERP_ORGANIZATION) == [["PEOPLE'S ARMED VANGUARD", "PAV"]]
    # a slot on two lines: two fillers; the second description has no cross-reference
    descriptions = first.slots[keys.HUM_TGT_DESCRIPTION]
    assert [(f.values, f.ref) for f in descriptions] == [
        (["NIGHT WATCHMAN"], ["JUAN PEREZ ORTIZ"]),
        (["PASSERSBY"], []),
    ]
    assert keys.effects(first) == {"DEATH", "INJURY"} and keys.effects(second) == {"INJURY"}
    assert second.slots[keys.PERP_ORGANIZATION][0].uncertain
    assert first.strings(keys.PHYS_TGT_ID) == [["TELEPHONE EXCHANGE"]]
    assert second.strings(keys.PHYS_TGT_ID) == []


def test_evaluate_muc4_dates_and_locations():
    d = dt.date
    assert keys.parse_date_slot(["12 MAR 89"]) == [(d(1989, 3, 12), d(1989, 3, 12))]
    assert keys.parse_date_slot(["(10 MAR 89) / (- 12 MAR 89)"]) == [
        (d(1989, 3, 10), d(1989, 3, 10)),
        (None, d(1989, 3, 12)),
    ]
    assert keys.parse_date_slot(["26 DEC 89 - 28 DEC 89"]) == [(d(1989, 12, 26), d(1989, 12, 28))]
    assert keys.parse_date_slot(["- 14 MAR"], year_hint=1989) == [(None, d(1989, 3, 14))]
    assert keys.parse_date_slot(["*"]) == [] and keys.parse_date_slot(["-"]) == []
    alts = keys.parse_location_slot(
        ["(EL SALVADOR: LA PAZ (DEPARTMENT): SAN ISIDRO (TOWN)) / (EL SALVADOR)"]
    )
    assert [(a.country, a.levels, a.most_specific) for a in alts] == [
        ("EL SALVADOR", [("LA PAZ", "DEPARTMENT"), ("SAN ISIDRO", "TOWN")], "SAN ISIDRO"),
        ("EL SALVADOR", [], "EL SALVADOR"),
    ]
    inherit = keys.parse_location_slot(["EL SALVADOR: PERQUIN (CITY) / SAN FERNANDO (TOWN)"])
    assert inherit[1].country == "EL SALVADOR" and inherit[1].levels == [("SAN FERNANDO", "TOWN")]


def test_evaluate_muc4_messages_dateline_and_unwrapping():
    messages = keys.read_messages([ROOT / "raw/tst1/tst1-muc3", ROOT / "raw/tst2/tst2-muc4"])
    assert [m.id for m in messages] == [
        "TST1-MUC3-0001",
        "TST1-MUC3-0002",
        "TST2-MUC4-0001",
        "TST2-MUC4-0002",
    ]
    assert [m.published for m in messages] == [
        dt.date(1989, 3, 12),
        dt.date(1989, 3, 13),  # "13 MAR": the year of the message before it
        dt.date(1989, 3, 14),
        None,  # "NO DATE"
    ]
    first = messages[0].text
    assert first.startswith("VILLANUEVA, 12 MAR 89 (RADIO EJEMPLO) -- [TEXT] URBAN GUERRILLAS")
    assert "MAYOR ANA ROJAS" in first  # hard line break inside the name joined
    assert first.count("\n\n") == 1  # two paragraphs


def test_evaluate_muc4_load_and_gold_agrees_with_keys(docs):
    assert [d.id for d in docs] == [
        "TST1-MUC3-0001",
        "TST1-MUC3-0002",
        "TST2-MUC4-0001",
        "TST2-MUC4-0002",
    ]
    assert [len(d.gold) for d in docs] == [2, 0, 1, 0]
    assert docs[0].gold[0]["PerpInd"] == [["urban guerrillas", "guerrillas"]]
    assert muc4.check_gold(docs) == []
    broken = muc4.Doc(
        docs[2].id, docs[2].message, [dict(docs[2].gold[0], Target=[])], docs[2].key_templates
    )
    problems = muc4.check_gold([broken])
    assert len(problems) == 1 and "Target" in problems[0]


def test_evaluate_muc4_test_split_is_held_out():
    with pytest.raises(InputError, match="held out"):
        muc4.load(ROOT, "test")


def test_evaluate_muc4_document_gold_merges_subset_entities(docs):
    gold = muc4.doc_gold(docs[0].gold)
    # template 2's PerpOrg "pav" is a subset of template 1's entity: one entity
    assert gold["PerpOrg"] == [["people's armed vanguard", "pav"]]
    assert gold["PerpInd"] == [["urban guerrillas", "guerrillas"], ["gunmen"]]
    assert gold["Victim"] == [["juan perez ortiz"], ["ana rojas"]]


# --------------------------------------------------------------------------------------
# mapping and scoring one document by hand


def span(text: str, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def first_report(doc: muc4.Doc) -> ArticleReport:
    """What a pipeline could say about TST1-MUC3-0001 (written for this test)."""
    text = doc.message.text
    article = Article(id="t1", text=text, published=doc.message.published)
    s = lambda words, nth=0: span(text, words, nth)  # noqa: E731
    pav = Actor(id="A1", name="People's Armed Vanguard", kind=ActorKind.ARMED_GROUP,
                mentions=[s("PEOPLE'S ARMED VANGUARD"), s("PAV", 1)])  # fmt: skip
    juan = Actor(
        id="A2", name="Juan Perez Ortiz", kind=ActorKind.PERSON, mentions=[s("JUAN PEREZ ORTIZ")]
    )
    ana = Actor(id="A3", name="Ana Rojas", kind=ActorKind.PERSON, mentions=[s("ANA ROJAS")])
    places = [
        Place(id="P1", name="Villanueva", country="SLV", feature=PlaceFeature.CITY,
              mentions=[s("VILLANUEVA", 1)]),
        Place(id="P2", name="La Paz", country="SLV", feature=PlaceFeature.ADMIN1,
              mentions=[s("LA PAZ")]),
    ]  # fmt: skip
    dates = [
        When(id="D1", value="1989-03-12", granularity=Granularity.DAY, start=dt.date(1989, 3, 12),
             end=dt.date(1989, 3, 12), relative=True, span=s("TODAY")),
        When(id="D2", value="1989-03-10", granularity=Granularity.DAY, start=dt.date(1989, 3, 10),
             end=dt.date(1989, 3, 10), span=s("10 MARCH")),
    ]  # fmt: skip
    sentence1 = Span.of(text, text.index("URBAN"), text.index("PASSERSBY.") + 10)
    sentence2 = Span.of(text, text.index("IN A SEPARATE"), text.index("DEPARTMENT.") + 11)
    bombing = Event(
        id="E1", type=EventType.ASSAULT, mode=["explosives"], attack_kind="bombing",
        trigger=s("SET OFF"), sentence=sentence1,
        actors=[
            Arg(individual=True, span=s("URBAN GUERRILLAS")),
            Arg(individual=True, span=s("GUERRILLAS")),  # a second, shorter filler: spurious
            Arg(actor_id="A1", span=s("PEOPLE'S ARMED VANGUARD")),
        ],
        targets=[Arg(span=s("THE TELEPHONE EXCHANGE IN VILLANUEVA"))],  # too long: no match
        victims=[Arg(actor_id="A2", span=s("JUAN PEREZ ORTIZ")), Arg(span=s("TWO PASSERSBY"))],
        instruments=[Arg(span=s("A CAR BOMB"))],
        place=[Arg(place_id="P1", span=s("VILLANUEVA", 1))],
        date="D1",
        killed=Count(min=1, max=1, span=s("KILLING")),
        injured=Count(min=2, max=2, span=s("TWO PASSERSBY")),
    )  # fmt: skip
    shooting = Event(
        id="E2", type=EventType.ASSAULT, mode=["firearms"], trigger=s("SHOT"), sentence=sentence2,
        actors=[Arg(individual=True, span=s("GUNMEN")), Arg(actor_id="A1", span=s("PAV", 1))],
        victims=[Arg(actor_id="A3", span=s("ANA ROJAS"))],
        place=[Arg(place_id="P2", span=s("LA PAZ"))],
        date="D2",
        injured=Count(min=1, max=1, span=s("WOUNDED")),
    )  # fmt: skip
    hypothetical = Event(
        id="E3", type=EventType.ASSAULT, trigger=s("SHOT"), sentence=sentence2,
        modality=Modality.HYPOTHETICAL, actors=[Arg(individual=True, span=s("POLICE"))],
    )  # fmt: skip
    protest = Event(id="E4", type=EventType.ACCUSE, trigger=s("BLAMED"), sentence=sentence2,
                    actors=[Arg(individual=True, span=s("POLICE"))])  # fmt: skip
    report = ArticleReport(
        article=article, actors=[pav, juan, ana], places=places, dates=dates,
        events=[bombing, shooting, hypothetical, protest],
    )  # fmt: skip
    report.check_spans()
    return report


def test_evaluate_muc4_incident_types_from_attack_kind_and_mode():
    text = "x"
    base = {"id": "E", "type": EventType.ASSAULT, "trigger": Span.of(text, 0, 1),
            "sentence": Span.of(text, 0, 1)}  # fmt: skip
    assert muc4.incident_type(Event(**base, attack_kind="bombing/explosion")) == "bombing"
    assert muc4.incident_type(Event(**base, attack_kind="kidnapping")) == "kidnapping"
    assert muc4.incident_type(Event(**base, attack_kind="hostage taking")) == "kidnapping"
    assert muc4.incident_type(Event(**base, attack_kind="arson")) == "arson"
    assert muc4.incident_type(Event(**base, attack_kind="armed assault")) == "attack"
    assert muc4.incident_type(Event(**base, mode=["abduct"])) == "kidnapping"
    assert muc4.incident_type(Event(**base, mode=["suicide-attack"])) == "bombing"
    assert muc4.incident_type(Event(**base)) == "attack"


def test_evaluate_muc4_mapping_roles(docs):
    report = first_report(docs[0])
    pred = muc4.predict(report)
    assert [t["incident_type"] for t in pred.templates] == ["bombing", "attack"]  # E3, E4 dropped
    bombing, attack = pred.templates
    assert bombing["PerpInd"] == [["URBAN GUERRILLAS"], ["GUERRILLAS"]]
    assert bombing["PerpOrg"] == [["PEOPLE'S ARMED VANGUARD"]]
    assert bombing["Victim"] == [["JUAN PEREZ ORTIZ"]]  # "TWO PASSERSBY" is no named person
    assert attack["PerpOrg"] == [["PAV"]]
    # document level: the two arguments naming actor A1 are one entity
    assert pred.doc_roles["PerpOrg"] == [["PEOPLE'S ARMED VANGUARD"]]
    assert pred.doc_roles["PerpInd"] == [["URBAN GUERRILLAS"], ["GUERRILLAS"], ["GUNMEN"]]
    assert muc4.predict(None).templates == []


def test_evaluate_muc4_claimed_by_is_a_perpetrator_organisation():
    text = "THE PAV CLAIMED THE BOMBING."
    event = Event(id="E1", type=EventType.ASSAULT, trigger=Span.of(text, 20, 27),
                  sentence=Span.of(text, 0, len(text)),
                  claimed_by=[Arg(actor_id="A1", span=Span.of(text, 4, 7))])  # fmt: skip
    pav = Actor(id="A1", name="PAV", kind=ActorKind.ARMED_GROUP, mentions=[Span.of(text, 4, 7)])
    report = ArticleReport(article=Article(id="x", text=text), actors=[pav], events=[event])
    assert muc4.role_args(event, report)["PerpOrg"][0].span.text == "PAV"


def test_evaluate_muc4_accused_are_perpetrators():
    text = "POLICE BLAMED THE PAV FOR THE BOMBING."
    s = lambda words: span(text, words)  # noqa: E731
    event = Event(id="E1", type=EventType.ASSAULT, trigger=s("BOMBING"), sentence=s(text),
                  instruments=[Arg(span=s("BOMBING"))])  # fmt: skip
    pav = Actor(id="A1", name="PAV", kind=ActorKind.ARMED_GROUP, mentions=[s("PAV")])
    blame = Statement(id="S1", cue=s("BLAMED"), sentence=s(text), stance=Stance.ACCUSES,
                      about_event="E1", target=Arg(actor_id="A1", span=s("THE PAV")))  # fmt: skip
    other = blame.model_copy(update={"id": "S2", "stance": Stance.OTHER, "stances": []})
    report = ArticleReport(article=Article(id="x", text=text), actors=[pav], events=[event],
                           statements=[blame, other])  # fmt: skip
    roles = muc4.role_args(event, report)
    assert [a.span.text for a in roles["PerpOrg"]] == ["THE PAV"]
    assert roles["PerpInd"] == []


def test_evaluate_muc4_incidents_need_participants_and_civilian_aims():
    text = "ATTACKS CONTINUED. REBELS ATTACKED AN ARMY POST."
    s = lambda words: span(text, words)  # noqa: E731
    base = {"type": EventType.ASSAULT, "sentence": s(text)}
    bare = Event(id="E1", trigger=s("ATTACKS"), **base)
    rebels = [Arg(individual=True, span=s("REBELS"))]
    post = [Arg(span=s("ARMY POST"))]
    combat = Event(
        id="E2",
        trigger=s("ATTACKED"),
        actors=rebels,
        targets=post,
        target_kind=["military"],
        **base,
    )
    civilian = combat.model_copy(update={"id": "E3", "target_kind": ["military", "business"]})
    unknown = combat.model_copy(update={"id": "E4", "target_kind": []})
    assert not muc4.is_incident(bare)
    assert not muc4.is_incident(combat)
    assert muc4.is_incident(civilian)
    assert muc4.is_incident(unknown)


def test_evaluate_muc4_one_document_scored_by_hand(docs):
    doc = docs[0]
    report = first_report(doc)
    scores, out = muc4.Scores(), Report("muc4", "dev", "fixture")
    muc4.score_doc(doc, muc4.predict(report), scores, report, out)

    # CEAF-REE: PerpInd 2 of 3 predicted, 2 gold; PerpOrg 1/1/1; Target 0 of 1/1;
    # Victim 2/2/2; Weapon 1/1/1 → micro 6 matched, 8 predicted, 7 gold
    c = {role: (s.p_num, s.p_den, s.r_den) for role, s in scores.ceaf.items()}
    assert c == {
        "PerpInd": (2, 3, 2),
        "PerpOrg": (1, 1, 1),
        "Target": (0, 1, 1),
        "Victim": (2, 2, 2),
        "Weapon": (1, 1, 1),
    }
    micro = total(list(scores.ceaf.values()))
    assert micro.p == 6 / 8 and micro.r == 6 / 7
    assert micro.f1 == pytest.approx(2 * 6 / (8 + 7))

    # templates (GTT): bombing→bombing, attack→attack.  Precision is not one-to-one:
    # "URBAN GUERRILLAS" and "GUERRILLAS" both match the gold PerpInd entity.
    t = {f: (s.p_num, s.p_den, s.r_num, s.r_den) for f, s in scores.templates.items()}
    assert t == {
        "incident_type": (2, 2, 2, 2),
        "PerpInd": (3, 3, 2, 2),
        "PerpOrg": (2, 2, 2, 2),
        "Target": (0, 1, 0, 1),
        "Victim": (2, 2, 2, 2),
        "Weapon": (1, 1, 1, 1),
    }
    micro = total(list(scores.templates.values()))
    assert (micro.p, micro.r) == (10 / 11, 9 / 10)

    # beyond: dates right (12 MAR; 10 MAR within "(10 MAR 89) / (- 12 MAR 89)"), countries
    # right, "La Paz" is not the most specific place (San Isidro) but is on the path
    e = {name: (s.p_num, s.p_den, s.r_num, s.r_den) for name, s in scores.extra.items()}
    assert e["relevant document"] == (1, 1, 1, 1)
    assert e["incident types (document)"] == (2, 2, 2, 2)
    assert e["date"] == (2, 2, 2, 2)
    assert e["location country"] == (2, 2, 2, 2)
    assert e["location place"] == (1, 2, 1, 2)
    assert e["location any level"] == (2, 2, 2, 2)
    assert e["effect: death"] == (1, 1, 1, 1)
    assert e["effect: injury"] == (2, 2, 2, 2)

    errors = out.errors
    ceaf_errors = {(x["field"], x["kind"]) for x in errors[muc4.CEAF_TABLE]}
    assert ceaf_errors == {("PerpInd", "spurious"), ("Target", "spurious"), ("Target", "missed")}
    assert all(x["doc"] == "TST1-MUC3-0001" for x in errors[muc4.CEAF_TABLE])
    assert [x["field"] for x in errors[muc4.EXTRA_TABLE]] == ["location"]


def test_evaluate_muc4_no_prediction_counts_everything_missed(docs):
    scores, out = muc4.Scores(), Report("muc4", "dev", "fixture")
    muc4.score_doc(docs[2], muc4.predict(None), scores, None, out)
    assert scores.ceaf["Weapon"].r_den == 1 and scores.ceaf["Weapon"].p_den == 0
    assert scores.templates["incident_type"].r_den == 1
    assert scores.extra["date"].r_den == 1 and scores.extra["location place"].r_den == 1
    assert [x["kind"] for x in out.errors[muc4.TEMPLATE_TABLE]] == ["missed"]
    # an irrelevant document with no prediction adds nothing
    quiet = muc4.Scores()
    muc4.score_doc(docs[1], muc4.predict(None), quiet, None, Report("muc4", "dev", "fixture"))
    assert total(list(quiet.ceaf.values())).r_den == 0


def test_evaluate_muc4_arson_and_robbery_from_the_trigger_word():
    text = "GUERRILLAS BURNED A BUS AND ROBBED A BANK AFTER A BOMB WENT OFF."

    def event(trigger: str, kind: str | None) -> Event:
        start = text.index(trigger)
        return Event(id="E", type=EventType.ASSAULT, attack_kind=kind,
                     trigger=Span.of(text, start, start + len(trigger)),
                     sentence=Span.of(text, 0, len(text)))  # fmt: skip

    assert muc4.incident_type(event("BURNED", "facility attack")) == "arson"
    assert muc4.incident_type(event("ROBBED", "armed assault")) == "robbery"
    assert muc4.incident_type(event("BURNED", "bombing/explosion")) == "bombing"


def test_evaluate_muc4_filler_of_a_pronoun_or_a_claim_is_the_actors_name():
    text = (
        "THE EXTRADITABLES CLAIMED RESPONSIBILITY FOR THE MURDER OF THE POLICE COMMANDER "
        "IN MEDELLIN.  THEY SAID IT WAS A WARNING."
    )

    def s(words: str) -> Span:
        i = text.index(words)
        return Span.of(text, i, i + len(words))

    group = Actor(id="A1", name="The Extraditables", kind=ActorKind.ARMED_GROUP,
                  mentions=[s("THE EXTRADITABLES"), s("THEY")])  # fmt: skip
    report = ArticleReport(article=Article(id="x", text=text), actors=[group])
    claim = Arg(actor_id="A1", span=s("THE EXTRADITABLES CLAIMED RESPONSIBILITY FOR THE MURDER"))
    event = Event(id="E1", type=EventType.ASSAULT, trigger=s("MURDER"), sentence=claim.span,
                  claimed_by=[claim])  # fmt: skip
    [claimant] = muc4.role_args(event, report)["PerpOrg"]
    assert claimant.span.text == "THE EXTRADITABLES"
    assert muc4.filler_text(Arg(actor_id="A1", span=s("THEY")), report) == "THE EXTRADITABLES"
    assert muc4.filler_text(Arg(span=s("IT")), report) is None
    assert muc4.filler_text(Arg(span=s("THE POLICE COMMANDER")), report) == "THE POLICE COMMANDER"


def test_evaluate_muc4_filler_of_a_person_is_the_fullest_name():
    text = (
        "JUDGE ROSA PARRA OSPINA WAS KILLED ON MONDAY.  GUNMEN SHOT PARRA IN HER CAR.  "
        "IT WAS A WARNING."
    )

    def s(words: str) -> Span:
        i = text.index(words)
        return Span.of(text, i, i + len(words))

    judge = Actor(id="A1", name="Rosa Parra Ospina", kind=ActorKind.PERSON,
                  mentions=[s("ROSA PARRA OSPINA"), s("PARRA IN")])  # fmt: skip
    judge.mentions[1] = Span.of(text, judge.mentions[1].start, judge.mentions[1].start + 5)
    gunmen = Actor(id="A2", name="Gunmen", kind=ActorKind.OTHER, mentions=[s("GUNMEN")])
    report = ArticleReport(article=Article(id="x", text=text), actors=[judge, gunmen])
    report.check_spans()
    victim = Arg(actor_id="A1", span=judge.mentions[1])
    assert victim.span.text == "PARRA"
    assert muc4.filler_text(victim, report) == "ROSA PARRA OSPINA"  # no title "JUDGE"
    assert muc4.filler_text(Arg(actor_id="A2", span=s("GUNMEN")), report) == "GUNMEN"


def test_evaluate_muc4_an_accused_phrase_holding_the_deed_is_no_perpetrator():
    text = "THE BOMBING OF THE DAS BUILDING WAS CONDEMNED."
    s = lambda words: span(text, words)  # noqa: E731
    event = Event(id="E1", type=EventType.ASSAULT, trigger=s("BOMBING"), sentence=s(text),
                  targets=[Arg(span=s("DAS BUILDING"))])  # fmt: skip
    das = Actor(id="A1", name="DAS", kind=ActorKind.POLICE, mentions=[s("DAS")])
    deed = Arg(actor_id="A1", span=s("THE BOMBING OF THE DAS BUILDING"))
    blame = Statement(id="S1", cue=s("CONDEMNED"), sentence=s(text), stance=Stance.ACCUSES,
                      about_event="E1", target=deed)  # fmt: skip
    report = ArticleReport(article=Article(id="x", text=text), actors=[das], events=[event],
                           statements=[blame])  # fmt: skip
    report.check_spans()
    roles = muc4.role_args(event, report)
    assert roles["PerpOrg"] == [] and roles["PerpInd"] == []


def test_evaluate_muc4_a_left_out_mention_referring_back_gives_its_fillers():
    text = (
        "A JUDGE WAS ASSASSINATED IN MEDELLIN TODAY.  A CALLER SAID THAT THE KILLING HAD BEEN "
        "ORDERED BY JOSE PEREZ.  IN 1985 A KILLING BY RAUL DIAZ SHOOK THE CITY."
    )
    s = lambda words, nth=0: span(text, words, nth)  # noqa: E731
    first, second, third = (s(x) for x in ("A JUDGE", "A CALLER", "IN 1985"))
    assassination = Event(id="E1", type=EventType.ASSAULT, trigger=s("ASSASSINATED"),
                          sentence=first, targets=[Arg(span=s("JUDGE"))])  # fmt: skip
    killing = Event(id="E2", type=EventType.ASSAULT, trigger=s("KILLING"), sentence=second,
                    actors=[Arg(individual=True, span=s("JOSE PEREZ"))])  # fmt: skip
    other = Event(id="E3", type=EventType.ASSAULT, trigger=s("KILLING", 1), sentence=third,
                  actors=[Arg(individual=True, span=s("RAUL DIAZ"))])  # fmt: skip
    report = ArticleReport(article=Article(id="x", text=text),
                           events=[assassination, killing, other])  # fmt: skip
    report.check_spans()
    assert [muc4.refers_back(e, report) for e in report.events] == [False, True, False]
    # the scope keeps the assassination alone: "THE KILLING" is the same deed told again,
    # "A KILLING" in 1985 another one
    pred = muc4.predict(report, [assassination])
    assert [t["PerpInd"] for t in pred.templates] == [[["JOSE PEREZ"]]]
    assert pred.doc_roles["PerpInd"] == [["JOSE PEREZ"]]
    everything = muc4.predict(report, report.events, merge=False)
    assert len(everything.templates) == 3  # nothing left out
    # merged, they are one incident: the events name no victim or target apart
    assert len(muc4.predict(report, report.events).templates) == 1


def test_evaluate_muc4_fillers_leave_out_a_weapons_ordinal_and_a_perpetrators_hedge():
    text = "ALLEGED URBAN GUERRILLAS SET OFF THE SECOND BOMB NEAR A FIRST AID POST."
    s = lambda words: span(text, words)  # noqa: E731
    event = Event(id="E1", type=EventType.ASSAULT, trigger=s("SET OFF"), sentence=s(text),
                  actors=[Arg(individual=True, span=s("ALLEGED URBAN GUERRILLAS"))],
                  instruments=[Arg(span=s("SECOND BOMB"))],
                  targets=[Arg(span=s("FIRST AID POST"))])  # fmt: skip
    report = ArticleReport(article=Article(id="x", text=text), events=[event])
    roles = muc4.role_args(event, report)
    [perpetrator], [weapon], [target] = roles["PerpInd"], roles["Weapon"], roles["Target"]
    assert perpetrator.span == s("URBAN GUERRILLAS") and weapon.span == s("BOMB")
    assert target.span.text == "FIRST AID POST"  # only a weapon's ordinal goes
    assert muc4.predict(report, [event]).doc_roles["Weapon"] == [["BOMB"]]


def test_evaluate_muc4_a_defused_bomb_is_an_attempted_bombing_with_its_weapon_only():
    text = "POLICE DEFUSED A BOMB AT THE BANK. TROOPS FOUND TWO RIFLES IN A HOUSE."
    s = lambda words: span(text, words)  # noqa: E731
    disrupt = {"type": EventType.COERCE, "mode": ["disrupt"], "sentence": s(text)}
    defused = Event(id="E1", trigger=s("DEFUSED"), actors=[Arg(span=s("POLICE"))],
                    instruments=[Arg(span=s("BOMB"))], **disrupt)  # fmt: skip
    found = Event(id="E2", trigger=s("FOUND"), actors=[Arg(span=s("TROOPS"))],
                  instruments=[Arg(span=s("TWO RIFLES"))], **disrupt)  # fmt: skip
    arrest = defused.model_copy(update={"id": "E3", "mode": ["arrest"]})
    assert muc4.is_incident(defused) and muc4.incident_type(defused) == "bombing"
    assert not muc4.is_incident(found) and not muc4.is_incident(arrest)
    report = ArticleReport(article=Article(id="x", text=text), events=[defused, found])
    roles = muc4.role_args(defused, report)
    assert [a.span.text for a in roles["Weapon"]] == ["BOMB"]
    assert roles["PerpOrg"] == roles["PerpInd"] == roles["Target"] == []  # police defused it
    assert [t["incident_type"] for t in muc4.predict(report, [defused]).templates] == ["bombing"]
