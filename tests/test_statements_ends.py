"""Statements: the learned content ends (``stages.statements.ends``, fitted on PolNeAR
train), on sentences written for these tests; without the model file the rules decide."""

from __future__ import annotations

import pytest

from eventwire.stages.statements import ends
from eventwire.stages.statements.attribution import find

pytestmark = pytest.mark.skipif(
    ends.model() is None, reason="no content-end model installed (eventwire train attribution)"
)


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


@pytest.mark.parametrize(
    ("text", "content", "rules"),
    [
        (
            "The pilot said the engine “just stopped. We had no power at all.”",
            "the engine “just stopped. We had no power at all.”",
            "the engine “just stopped",
        ),
        (
            "The mayor warned that the river “will flood the lower town. We have to move "
            "people out tonight.”",
            "that the river “will flood the lower town. We have to move people out tonight.”",
            "that the river “will flood the lower town",
        ),
    ],
)
def test_quoted_content_runs_on_into_the_next_sentence(report_of, nlp, text, content, rules):
    """A quotation opened in the content and closed a sentence later: PolNeAR's content
    runs to its end, where the rules stop at the sentence's end."""
    (st,) = report_of(text).statements
    assert st.content.text == content
    doc = nlp(text)
    (plain,) = find(doc, adjust=False)
    assert plain.content is not None
    assert doc[plain.content[0] : plain.content[1]].text == rules


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # the next sentence has a cue of its own
            "Officials said the storm damaged three bridges. They expect repairs to take a year.",
            "the storm damaged three bridges",
        ),
        (  # a sentence of the reporter's
            "The director said the museum would stay closed. Its roof needs repairs before "
            "winter, and the pipes are old.",
            "the museum would stay closed",
        ),
        (  # the circumstances of the cue are the rules' to decide
            "The senator denounced the plan as reckless during a town hall meeting.",
            "the plan as reckless",
        ),
    ],
)
def test_content_ends_at_the_end_of_what_was_said(report_of, text, content):
    st = report_of(text).statements[0]
    assert st.content.text == content


def test_candidate_ends_are_distinct_and_include_the_rules_end(nlp):
    doc = nlp("The mayor said the ferries would run on Sunday, and the bridge would reopen.")
    (att,) = find(doc, adjust=False)
    ((same, cands, ctx),) = ends.prepare(doc, [att])
    assert same is att and ctx.rule_end in cands
    assert cands == sorted(set(cands)) and all(e > att.content[0] for e in cands)
    words = {doc[att.content[0] : e].text for e in cands}
    assert "the ferries would run on Sunday" in words
    assert "the ferries would run on Sunday, and the bridge would reopen" in words


def test_missing_model_file_gives_no_model(tmp_path):
    assert ends.load(tmp_path / "none.json") is None
