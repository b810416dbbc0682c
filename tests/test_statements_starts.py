"""Statements: the learned content starts (``stages.statements.starts``, fitted on
PolNeAR train), on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport
from eventwire.stages.statements import starts
from eventwire.stages.statements.attribution import find
from eventwire.train import ends
from eventwire.train import starts as train_starts

needs_model = pytest.mark.skipif(
    starts.model() is None,
    reason="no content-start model installed (eventwire train attribution)",
)


def run(extractor, text: str) -> ArticleReport:
    report = extractor.extract(make_article(text, source="test", published="2024-03-01"))
    for span in report.spans():
        assert text[span.start : span.end] == span.text
    return report


@needs_model
def test_the_addressee_is_not_part_of_what_was_said(extractor):
    """ "told his players to rest": PolNeAR's content is what they are told to do, the
    rules' starts at the addressee."""
    text = "The coach told his players to rest before the final."
    (st,) = run(extractor, text).statements
    assert st.content.text == "to rest before the final"
    assert text[st.content.start : st.content.end] == st.content.text
    doc = extractor.nlp(text)
    (plain,) = find(doc, move_starts=False)
    assert plain.content is not None
    assert doc[plain.content[0] : plain.content[1]].text == "his players to rest before the final"


@needs_model
def test_a_content_after_the_addressee_starts_with_that(extractor):
    """ "told reporters that …": the content starts after the addressee, with "that" (as
    PolNeAR draws 2,409 of 2,412 such contents on train)."""
    text = "The governor told reporters that the bridge would reopen in May."
    (st,) = run(extractor, text).statements
    assert st.content.text == "that the bridge would reopen in May"
    assert text[st.content.start : st.content.end] == st.content.text


def test_start_ranking_learns_which_start_is_gold(extractor):
    """On sentences written here, one gold content starts after "that", one after the
    addressee: the fitted ranking gets both (``train.ends``'s fitting)."""
    texts = [
        ("The governor said that the bridge would reopen in May.", "said", "the bridge"),
        ("The coach told his players to rest before the final.", "told", "to rest"),
    ]
    pairs = []
    for text, verb, start in texts:
        cue = (text.index(verb), text.index(verb) + len(verb))
        gold_content = (text.index(start), len(text) - 1)
        pairs.append((extractor.nlp(text), [([cue], [gold_content])]))
    data, tally = train_starts.instances(pairs)
    assert tally["attributions"] == 2 and len(data) == 2
    weights = ends.fit(data, epochs=100)
    assert ends.accuracy(data, weights) == 1.0
