"""WikiEvents scorer: the text rebuilt from the sentences, head words, event detection at
mention and event level, Arg-I/Arg-C strict and with gold coreference, on a fixture written
for the tests (tests/fixtures/evaluate/wikievents) and on the real dev set when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, need_shared
from eventwire.errors import InputError
from eventwire.evaluate import wikievents as we
from eventwire.evaluate.report import Report

ROOT = Path(__file__).parent / "fixtures" / "evaluate" / "wikievents"


@pytest.fixture(scope="module")
def doc(extractor) -> we.WikiDoc:
    [only] = we.load(ROOT)
    we.find_heads(only, extractor.nlp)
    return only


def at(doc: we.WikiDoc, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return start, start + len(words)


def test_evaluate_wikievents_text_rebuilt_from_sentences(doc):
    # the record's text field glues "market" to "A bomb"; the rebuilt one breaks the line
    assert doc.text.startswith("Bomb kills two guards at Vardeli market\n\nA bomb exploded")
    for start, end in doc.token_spans:
        assert doc.text[start:end].strip() == doc.text[start:end] != ""
    assert [e.text for e in doc.events] == ["exploded", "attack"]  # attacks only
    assert doc.mentions["fx-T3"].text == "central market of Vardeli"


def test_evaluate_wikievents_head_is_the_root_of_the_words(doc):
    assert doc.text[slice(*doc.mentions["fx-T3"].head)] == "market"
    assert doc.text[slice(*doc.mentions["fx-T5"].head)] == "Front"


def test_evaluate_wikievents_bad_token_offsets_are_refused(tmp_path):
    (tmp_path / "dev.jsonl").write_text(
        '{"doc_id": "x", "sentences": [[[["Bomb", 0, 3]], "Bomb"]], "entity_mentions": [],'
        ' "event_mentions": []}\n'
    )
    (tmp_path / "dev.coref.jsonlines").write_text('{"doc_key": "x", "clusters": []}\n')
    with pytest.raises(InputError, match=r"x: \[E001\] unexpected layout"):
        we.load(tmp_path)


def test_evaluate_wikievents_test_split_is_held_out():
    with pytest.raises(InputError, match="held out"):
        we.run(ROOT, "test", None, None)


def test_evaluate_wikievents_scored_by_hand(doc):
    exploded = we.PredEvent(
        "E1",
        [at(doc, "exploded")],
        "exploded",
        [
            we.PredArg("Instrument", at(doc, "bomb"), "bomb"),  # right
            we.PredArg("Place", at(doc, "central market of Vardeli"), "…"),  # right
            we.PredArg("Attacker", at(doc, "guards", 1), "guards"),  # span right, role wrong
        ],
    )
    headline = we.PredEvent(
        "E2", [at(doc, "kills")], "kills", [we.PredArg("Target", at(doc, "guards"), "guards")]
    )
    scores = we.Scores()
    out = Report("wikievents", "dev", "fixture")
    we.score_doc(doc, [exploded, headline], scores, out)
    # mentions: 2 predicted spans, 2 gold triggers, 1 match; events: 1 of 2 covers one
    assert (scores.mentions.p_num, scores.mentions.p_den, scores.mentions.r_den) == (1, 2, 2)
    assert (scores.events.p_num, scores.events.p_den) == (1, 2)
    assert (scores.events.r_num, scores.events.r_den) == (1, 2)
    # arguments: gold = bomb, market, guards (of "exploded"); "attack" has none
    assert (scores.arg_i.p_num, scores.arg_i.p_den, scores.arg_i.r_den) == (3, 4, 3)
    assert (scores.arg_c.p_num, scores.arg_c.p_den, scores.arg_c.r_den) == (2, 4, 3)
    assert scores.roles["Target"].r_den == 1 and scores.roles["Target"].r_num == 0
    kinds = sorted((e["field"], e["kind"]) for e in out.errors[we.ARGUMENTS])
    assert kinds == [("Attacker", "spurious"), ("Target", "missed"), ("Target", "spurious")]
    assert ("ASSAULT", "spurious") in {(e["field"], e["kind"]) for e in out.errors[we.DETECTION]}


def test_evaluate_wikievents_coreference_leniency(doc):
    # "the device" (sentence 3) is the same entity as the gold "bomb": lenient only
    device = we.PredEvent(
        "E1", [at(doc, "exploded")], "exploded", [we.PredArg("Instrument", at(doc, "device"), "d")]
    )
    scores = we.Scores()
    we.score_doc(doc, [device], scores, Report("wikievents", "dev", "fixture"))
    assert scores.arg_c.p_num == 0
    assert scores.lenient_c.p_num == 1 and scores.lenient_c.r_den == 3


def test_evaluate_wikievents_maps_eventwire_roles(extractor):
    from eventwire.ingest.article import make_article

    [fixture] = we.load(ROOT)
    report = extractor.extract(make_article(fixture.text, source="fixture"))
    report.check_spans()
    events = we.attack_events(report, fixture.text)
    assert events, "the bombing is an ASSAULT event"
    for event in events:
        for arg in event.args:
            assert arg.role in we.ROLES
            assert fixture.text[slice(*arg.span)] == arg.text


def test_evaluate_wikievents_kidnappings_and_places_taken_are_no_kairos_attacks(report_of):
    report = report_of(
        "Rebels kidnapped two engineers near Tarvo on Monday. The same day they seized the town "
        "of Brel, and a bomb exploded at the market in Tarvo."
    )
    events = we.attack_events(report, report.article.text)
    assert [e.trigger for e in events] == ["exploded"]


@pytest.mark.shared
def test_evaluate_wikievents_reads_the_real_dev_set():
    docs = we.load(need_shared(DATA / "wikievents"))
    assert len(docs) == 20
    assert sum(len(d.events) for d in docs) == 102
    for d in docs:
        for m in d.mentions.values():
            assert (
                d.text[slice(*m.span)] == m.text or m.text.split() == d.text[slice(*m.span)].split()
            )
