"""PLOVER gold-record reader and the mapping of eventwire's events onto it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import plover
from eventwire.model import (
    Actor,
    ActorKind,
    Arg,
    Article,
    ArticleReport,
    Event,
    EventType,
    Span,
)

ROOT = Path(__file__).parent / "fixtures" / "evaluate" / "plover"


def test_evaluate_plover_reader_maps_old_types_and_codes():
    records = plover.load(ROOT)
    # the DOCUMENT record and the record without text are skipped
    assert [r.id for r in records] == [
        "TEST-GSR-DEMAND-0001",
        "TEST-GSR-FIGHT-0001",
        "TEST-GSR-AGREE-0001",
    ]
    assert [(r.old_event, r.event) for r in records] == [
        ("DEMAND", "REQUEST"),
        ("FIGHT", "ASSAULT"),
        ("AGREE", "AGREE"),
    ]
    fight = records[1]
    assert [(a.text, a.code) for a in fight.sources] == [
        ("Japanese troops", "JPN"),  # old CAMEO JAP
        ("United Nations", "IGO"),
    ]
    assert fight.targets == [] and records[2].targets == []  # null and ""


def test_evaluate_plover_reader_errors(tmp_path):
    with pytest.raises(InputError, match="missing"):
        plover.load(tmp_path)
    bad = tmp_path / plover.FILE
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        plover.load(bad)


def test_evaluate_plover_text_match():
    assert plover.text_match("Ugandan government", ["the Ugandan government"])
    assert plover.text_match("Japanese Prime Minister Ryutaro Hashimoto", ["Hashimoto"])
    assert not plover.text_match("rebels", ["Ugandan government"])
    assert not plover.text_match("Iran", ["Iraq"])
    assert not plover.text_match("Iran", [""])


def sentence_report() -> ArticleReport:
    text = "The Ugandan government demanded that the rebels release the kidnapped teachers."

    def s(words: str) -> Span:
        i = text.index(words)
        return Span.of(text, i, i + len(words))

    actors = [
        Actor(id="A1", name="Government of Uganda", kind=ActorKind.GOVERNMENT, country="UGA"),
        Actor(id="A2", name="rebels", kind=ActorKind.ARMED_GROUP),
        Actor(id="A3", name="UN", kind=ActorKind.IGO),
    ]
    whole = Span.of(text, 0, len(text))
    events = [
        Event(id="E1", type=EventType.REQUEST, trigger=s("demanded"), sentence=whole,
              confidence=0.8, actors=[Arg(actor_id="A1", span=s("The Ugandan government"))],
              targets=[Arg(actor_id="A2", span=s("the rebels"))]),
        Event(id="E2", type=EventType.ASSAULT, trigger=s("kidnapped"), sentence=whole,
              confidence=0.6, victims=[Arg(span=s("teachers"))]),
    ]  # fmt: skip
    return ArticleReport(article=Article(id="x", text=text), actors=actors, events=events)


def test_evaluate_plover_main_event_and_codes():
    report = sentence_report()
    report.check_spans()
    main = plover.main_event(report)
    assert main is not None and main.id == "E1"  # highest confidence
    assert plover.main_event(None) is None
    assert plover.arg_code(main.actors[0], report) == "UGA"
    assert plover.arg_code(main.targets[0], report) == "IMG"  # an armed group without country
    assert plover.arg_code(Arg(span=main.trigger), report) is None


def test_evaluate_plover_actor_matching_by_hand():
    [record] = plover.load(ROOT)[:1]
    report = sentence_report()
    main = plover.main_event(report)
    sources = [plover.arg_texts(a, report) for a in main.actors]
    prf, pairs = plover.match_actors(record.sources, sources)
    assert (prf.p_num, prf.p_den, prf.r_den) == (1, 1, 1) and pairs == [(0, 0)]
    targets = [plover.arg_texts(a, report) for a in main.targets]
    prf, _ = plover.match_actors(record.targets, targets)
    assert prf.p_num == 1
    # codes: gold target UGA, predicted IMG → nothing right
    codes = plover._code_prf(record.targets, {"IMG"})
    assert (codes.p_num, codes.p_den, codes.r_den) == (0, 1, 1)
