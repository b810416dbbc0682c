"""Statements: the learned cue detector and the learned content ends (PolNeAR train), on
sentences written for these tests; without their files the rules decide alone."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport
from eventwire.stages.statements import boundaries, cue_model
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.tagged import _speaker_above
from eventwire.train import cue_model as train_cue_model

pytestmark = pytest.mark.skipif(
    cue_model.model() is None, reason="no cue detector installed (eventwire train attribution)"
)


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


def run(extractor, text: str) -> ArticleReport:
    report = extractor.extract(make_article(text, source="test", published="2024-03-01"))
    for span in report.spans():
        assert text[span.start : span.end] == span.text
    return report


LONG_TAIL = [
    # (sentence, source, cue, content): cues the lexicon of cues.yaml lacks
    (
        "The senator spoke about the flooding in the valley.",
        "The senator",
        "spoke about",
        "the flooding in the valley",
    ),
    (
        "The union raised questions about the pension deal.",
        "The union",
        "raised questions about",
        "the pension deal",
    ),
    (
        "The league has been vocal about player safety.",
        "The league",
        "has been vocal about",
        "player safety",
    ),
    (
        "The ranchers are worried about the drought.",
        "The ranchers",
        "are worried about",
        "the drought",
    ),
    (
        "The school board is confident that the new budget will pass.",
        "The school board",
        "is confident",
        "that the new budget will pass",
    ),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), LONG_TAIL)
def test_long_tail_cue_found_with_exact_spans(extractor, text, source, cue, content):
    (st,) = run(extractor, text).statements
    assert (st.speaker.span.text, st.cue.text, st.content.text) == (source, cue, content)


@pytest.mark.parametrize(("text", "source", "cue", "content"), LONG_TAIL)
def test_without_the_detector_the_rules_alone_decide(nlp, text, source, cue, content):
    doc = nlp(text)
    assert [a for a in find(doc, learned=False) if cue in doc[a.cue[0] : a.cue[1]].text] == []
    assert any(doc[a.cue[0] : a.cue[1]].text == cue for a in find(doc))


def test_rules_still_find_the_lexicon_cues_without_the_detector(nlp):
    doc = nlp("The mayor said that the harbor would reopen on Monday.")
    (att,) = find(doc, learned=False)
    assert doc[att.cue[0] : att.cue[1]].text == "said"
    assert doc[att.content[0] : att.content[1]].text == "that the harbor would reopen on Monday"


def test_missing_model_file_gives_no_detector(tmp_path):
    assert cue_model.load_model(tmp_path / cue_model.MODEL_FILE) is None


def test_reporter_prose_is_not_a_statement(extractor):
    report = run(extractor, "The bridge over the river was closed for repairs in May.")
    assert report.statements == []


def test_trained_weights_score_the_words_they_were_trained_on(nlp):
    """Training and run time read the same features: a detector fitted on three written
    sentences finds the cue of a fourth."""
    texts = [
        ("The mayor grumbled that the budget was late.", "grumbled"),
        ("The coach grumbled that the referee was biased.", "grumbled"),
        ("The farmer grumbled that the rain never came.", "grumbled"),
    ]
    pairs = []
    for text, cue in texts:
        start = text.index(cue)
        pairs.append((nlp(text), [[(start, start + len(cue))]]))
    data, n, positives = train_cue_model.train(pairs, epochs=200)
    assert positives == 3 and n > positives
    model = cue_model.from_json(data)
    doc = nlp("The baker grumbled that the flour was damp.")
    p = model.probabilities(doc, np.zeros(len(doc), dtype=bool))
    assert int(np.argmax(p)) == 2 and p[2] > 0.5


def test_content_ends_before_a_clause_polnear_leaves_out(nlp):
    """ "…, which …" after an object: PolNeAR's content stops before it."""
    kept = boundaries.table()
    if kept is None:
        pytest.skip("no table of content pieces installed")
    doc = nlp("The minister praised the new harbor, which opened in May after years of delay.")
    (att,) = [a for a in find(doc) if a.lemma == "praise"]
    assert doc[att.content[0] : att.content[1]].text == "the new harbor"
    (plain,) = [a for a in find(doc, adjust=False) if a.lemma == "praise"]
    assert doc[plain.content[0] : plain.content[1]].text.endswith("delay")


@pytest.mark.parametrize(
    ("text", "noun", "speaker"),
    [
        # the noun hangs on a verb by a preposition: that verb's subject speaks
        ("The mayor said in a statement that the bridge would reopen soon.", "statement", "mayor"),
        # no verb above the noun: no speaker
        ("A statement about the bridge appeared on the council website.", "statement", None),
    ],
)
def test_noun_cue_speaker_comes_from_the_verb_above(nlp, text, noun, speaker):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == noun)
    found = _speaker_above(tok)
    assert (found.text if found is not None else None) == speaker
