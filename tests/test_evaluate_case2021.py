"""CASE 2021 task 2: reader, scores, the main-event rule and a run over the real dev set."""

from __future__ import annotations

import pytest

from conftest import DATA, need_shared
from eventwire.errors import InputError
from eventwire.evaluate import case2021
from eventwire.evaluate.plover import trigger_depth
from eventwire.evaluate.report import Report
from eventwire.ingest.article import make_article


def test_case2021_reader_reads_quoted_snippets(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n"
        '7\t"Rebels said they ""took"" the hill"\tNON_STATE_ACTOR_OVERTAKES_TER\n'
        "\n"
        "9\tTwo grenades went off near a bus stop\tGRENADE\n",
        encoding="utf-8",
    )
    snippets = case2021.load(tmp_path)
    assert [(s.id, s.label) for s in snippets] == [
        ("7", "NON_STATE_ACTOR_OVERTAKES_TER"),
        ("9", "GRENADE"),
    ]
    assert snippets[0].text == 'Rebels said they "took" the hill'


def test_case2021_reader_errors(tmp_path):
    with pytest.raises(InputError, match="missing"):
        case2021.load(tmp_path)
    bad = tmp_path / "dev.tsv"
    bad.write_text("a\tb\tc\n1\tx\tARREST\n", encoding="utf-8")
    with pytest.raises(InputError, match="header"):
        case2021.load(bad)
    bad.write_text("id\tEventSnippet\tSubType\n1\tonly text\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected"):
        case2021.load(bad)


def test_case2021_scores_by_hand():
    gold = ["ARREST", "ARREST", "GRENADE", "DIPLO"]
    predicted = ["ARREST", "GRENADE", "GRENADE", None]
    s = case2021.score(gold, predicted)
    assert s.accuracy == pytest.approx(0.5)
    assert s.no_event == pytest.approx(0.25)
    # ARREST: P 1, R 1/2, F1 2/3; GRENADE: P 1/2, R 1, F1 2/3; DIPLO: 0
    assert s.per_label["ARREST"].f1 == pytest.approx(2 / 3)
    assert s.per_label["GRENADE"].f1 == pytest.approx(2 / 3)
    assert s.per_label["DIPLO"].f1 == 0.0
    assert s.macro_f1 == pytest.approx((2 / 3 + 2 / 3) / 3)
    assert s.weighted_f1 == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)


def test_case2021_macro_counts_a_label_only_predicted():
    s = case2021.score(["ARREST"], ["GRENADE"])
    assert set(s.per_label) == {"ARREST", "GRENADE"}
    assert s.macro_f1 == 0.0 and s.weighted_f1 == 0.0 and s.no_event == 0.0


def test_case2021_confusion_of_the_largest_classes():
    gold = ["A", "A", "A", "B", "B", "C"]
    predicted = ["A", "B", None, "B", "C", "C"]
    top, rows = case2021.confusion(gold, predicted, classes=2)
    assert top == ["A", "B"]
    assert rows["A"] == {"A": 1, "B": 1, "none": 1}
    assert rows["B"] == {"B": 1, "other": 1}


def test_case2021_tables_name_every_figure():
    out = Report(dataset="case2021", split="dev", data="-")
    case2021.add_tables(out, ["ARREST", "DIPLO"], ["ARREST", None])
    figures = out.to_json()["tables"][case2021.TABLE]
    assert figures["weighted F1"]["f1"] == pytest.approx(0.5)
    assert figures["snippets without an event"]["share"] == pytest.approx(0.5)
    assert figures["snippets with an event"]["share"] == pytest.approx(0.5)
    confusion = out.to_json()["tables"][case2021.CONFUSION_TABLE]
    assert confusion["ARREST"]["ARREST"] == 1 and confusion["DIPLO"]["none"] == 1


def test_case2021_every_label_mapped_is_a_task_label():
    assert len(case2021.ALL_LABELS) == 30
    assert set(case2021.LABELS.values()) | {"ATTRIB"} == set(case2021.ALL_LABELS)


def test_case2021_labels_of_sentences(extractor):
    def label(text: str) -> str | None:
        report = extractor.extract(make_article(text, source="test"))
        depth = trigger_depth(extractor.nlp, report) if report.events else None
        return case2021.label_of(report, depth)

    assert label("Police arrested twelve students outside the ministry on Monday.") == "ARREST"
    assert label("A suicide bomber blew himself up at a checkpoint, killing four guards.") == (
        "SUIC_BOMB"
    )
    assert label("The weather was mild and the harbour quiet all afternoon.") is None
    # the claim is the news; "police said" after the deed is not
    assert label(
        "The Islamic State group claimed responsibility for a car bomb that killed nine "
        "people at a market in the city."
    ) == ("ATTRIB")
    assert label("A car bomb killed nine people at a crowded market on Friday, police said.") == (
        "REM_EXPLOS"
    )
    assert label("The rebel movement denied it was behind the ambush on the army convoy.") == (
        "ATTRIB"
    )
    # one demonstration, told by two events: the force or the violence decides
    assert label(
        "Police detained dozens of students during a protest outside the education ministry."
    ) == ("PROTEST_WITH_INTER")
    assert label(
        "Thousands of farmers marched to the capital on Monday, and some protesters hurled "
        "stones at the police."
    ) == ("VIOL_DEMONSTR")
    assert label("Rebel fighters surrendered to the army near the border on Tuesday.") == (
        "AGREEMENT"
    )
    assert label("Warplanes pounded the village overnight, killing six civilians.") == (
        "AIR_STRIKE"
    )


def test_case2021_run_on_a_slice_of_the_real_dev_set(extractor):
    root = need_shared(DATA / "case2021")
    report = case2021.run(root, "dev", 20, extractor)
    figures = report.to_json()["tables"][case2021.TABLE]
    assert report.documents == 20
    for row in ("weighted F1", "macro F1"):
        assert 0.0 < figures[row]["f1"] <= 1.0
    assert 0.0 < figures["accuracy"]["accuracy"] <= 1.0
    with_event = figures["snippets with an event"]["share"]
    assert with_event + figures["snippets without an event"]["share"] == pytest.approx(1.0)
    with pytest.raises(InputError, match="dev"):
        case2021.run(root, "test", 1, extractor)


def test_case2021_a_claimed_killing_is_an_attribution(extractor):
    text = "The militant group has claimed the killing of a local journalist in the port city."
    report = extractor.extract(make_article(text, source="test"))
    assert any(s.stance == "claims_responsibility" for s in report.statements)
    assert case2021.label_of(report, trigger_depth(extractor.nlp, report)) == "ATTRIB"
