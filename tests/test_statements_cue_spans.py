"""Statements: the learned cue spans (``stages.statements.cue_spans``, fitted on PolNeAR
train), on sentences written for these tests; without the model the rules' cue stands."""

from __future__ import annotations

import pytest

from eventwire.stages.statements import cue_spans
from eventwire.stages.statements.attribution import find
from eventwire.train import cue_spans as train_cue_spans
from eventwire.train import ends

needs_model = pytest.mark.skipif(
    cue_spans.model() is None,
    reason="no cue-span model installed (eventwire train attribution)",
)


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


def _cues(doc, **options) -> list[tuple[str, str | None]]:
    return [
        (doc[a.cue[0] : a.cue[1]].text, a.content and doc[a.content[0] : a.content[1]].text)
        for a in find(doc, **options)
    ]


@needs_model
def test_the_channel_after_the_verb_is_part_of_the_cue(report_of, nlp):
    """ "said in a statement that…": PolNeAR's cue takes in the statement, the rules' is
    the verb alone; the content stays the clause."""
    text = "The senator said in a statement that the bill would pass next week."
    (st,) = report_of(text).statements
    assert st.cue.text == "said in a statement"
    assert st.content.text == "that the bill would pass next week"
    doc = nlp(text)
    assert _cues(doc, move_cues=False) == [("said", "that the bill would pass next week")]


@needs_model
def test_the_word_that_introduces_the_clause_is_not_part_of_the_cue(nlp):
    """ "When asked about the delay, …": the cue is "asked about", without "When"."""
    doc = nlp("When asked about the delay, the minister said the weather was to blame.")
    assert _cues(doc)[0] == ("asked about", "the delay")
    assert _cues(doc, move_cues=False)[0] == ("When asked about", "the delay")


def test_without_the_model_the_rules_cue_stands(nlp):
    """``move_cues=False`` (as without the model file): the cue is the rules' verb group."""
    doc = nlp("Local farmers have repeatedly accused the company of polluting the river.")
    ((cue, _),) = _cues(doc, move_cues=False)
    assert cue == "have repeatedly accused"


def test_cue_span_ranking_learns_which_span_is_gold(nlp):
    """On sentences written here, gold cues run on over "in an interview" and leave
    "then" out: the fitted rankings get every end and every start."""
    texts = [
        ("The minister said in an interview that prices would fall.", "said in an interview"),
        ("The mayor then announced that the park would close.", "announced"),
        ("The chef argued on Friday that the kitchen was too small.", "argued on Friday"),
        ("The pilots later insisted that the runway was wet.", "insisted"),
        ("The judge noted in a ruling that the law was unclear.", "noted in a ruling"),
        ("The teachers also argued that the classes were too large.", "argued"),
    ]
    pairs = []
    for text, cue in texts:
        at = text.index(cue)
        content = text.index("that")
        pairs.append((nlp(text), [([(at, at + len(cue))], [(content, len(text) - 1)])]))
    start_data, end_data, tally = train_cue_spans.instances(pairs)
    assert tally["cues"] == 6 and len(start_data) == 6 and len(end_data) == 6
    for data in (start_data, end_data):
        weights = ends.fit(data, epochs=100)
        assert ends.accuracy(data, weights) == 1.0
