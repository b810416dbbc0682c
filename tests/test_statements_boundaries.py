"""Statements: where speaker, cue and content begin and end (PolNeAR's conventions), on
sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Statement
from eventwire.stages.statements.attribution import find


def run(extractor, text: str) -> ArticleReport:
    report = extractor.extract(make_article(text, source="test", published="2024-03-01"))
    for span in report.spans():
        assert text[span.start : span.end] == span.text
    return report


def by(report: ArticleReport, speaker: str) -> Statement:
    found = [s for s in report.statements if s.speaker and speaker in s.speaker.span.text]
    assert found, f"no statement by {speaker!r}: {[s.cue.text for s in report.statements]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # the quotation goes on in the next sentence
            "“The harbor will stay open,” the mayor said. “We have enough fuel for the winter. "
            "Nobody needs to panic.”",
            "“The harbor will stay open,” the mayor said. “We have enough fuel for the winter. "
            "Nobody needs to panic.”",
        ),
        (  # … or after a comma, with the cue's own modifier between
            "“The harbor will stay open,” the mayor said on Tuesday, “and we have enough fuel.”",
            "“The harbor will stay open,” the mayor said on Tuesday, “and we have enough fuel.”",
        ),
        (  # a speaker after the verb, with a relative clause of its own
            '"Prices will fall," said Tim Hess, a grain trader who sells to mills. "But not soon."',
            '"Prices will fall," said Tim Hess, a grain trader who sells to mills. "But not soon."',
        ),
        (  # two single quotes open and close a quotation too
            "''We have enough fuel,'' the mayor said. ''Nobody needs to panic.''",
            "''We have enough fuel,'' the mayor said. ''Nobody needs to panic.''",
        ),
        (  # a quotation in the next paragraph is not the same one
            "“The harbor will stay open,” the mayor said.\n\n“We have enough fuel.”",
            "“The harbor will stay open,”",
        ),
        (  # nor a sentence of the reporter's
            "“The harbor will stay open,” the mayor said. The ferries ran all night.",
            "“The harbor will stay open,”",
        ),
    ],
)
def test_statements_quotation_resumed_after_the_cue(extractor, text, content):
    report = run(extractor, text)
    st = report.statements[0]
    assert st.content.text == content
    assert st.direct


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The ferries, she said on Monday, will run again next week.",
            "The ferries, she said on Monday, will run again next week",
        ),
        (
            "If the storm weakens, she said, the ferries will run again.",
            "If the storm weakens, she said, the ferries will run again",
        ),
        ("The ferries will run again, she said on Monday.", "The ferries will run again"),
    ],
)
def test_statements_parenthetical_cue_inside_its_content(extractor, text, content):
    """A cue between two parts of what was said: the content is both parts (their hull,
    the attribution within), as PolNeAR annotates it; a cue at the end leaves it out."""
    st = by(run(extractor, text), "she")
    assert st.cue.text == "said"
    assert st.content.text == content


def test_statements_inside_double_single_quotes_are_quoted_words(extractor):
    text = "''They told us the bridge was safe,'' the engineer said."
    report = run(extractor, text)
    assert [s.speaker.span.text for s in report.statements if s.speaker] == ["the engineer"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "China said it was firmly opposed to the missile test and warned Pyongyang against "
            "further launches.",
            "it was firmly opposed to the missile test",
            "warned",
        ),
        (
            "The senator said the tax plan would hurt farmers, arguing that grain prices had "
            "already fallen.",
            "the tax plan would hurt farmers",
            "arguing",
        ),
        (
            "The mayor said the bridge would reopen next week, adding that the repairs cost "
            "less than planned.",
            "the bridge would reopen next week",
            "adding",
        ),
    ],
)
def test_statements_a_second_cue_of_the_same_speaker_ends_the_first_content(
    extractor, text, first, second
):
    report = run(extractor, text)
    one, two = report.statements
    assert one.content.text == first
    assert two.cue.text == second
    assert two.speaker.span.text == one.speaker.span.text


def test_statements_coordinated_clauses_of_one_content_stay_together(extractor):
    text = "The mayor said the trains were late and the buses were full."
    (st,) = run(extractor, text).statements
    assert st.content.text == "the trains were late and the buses were full"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Critics have called the new tax a gift to the rich.", "the new tax a gift to the rich"),
        ("The council called the plan reckless.", "the plan reckless"),
    ],
)
def test_statements_description_is_part_of_the_content(extractor, text, content):
    (st,) = run(extractor, text).statements
    assert st.content.text == content


def test_statements_line_with_a_speaker_and_a_colon(extractor):
    text = (
        "Survey: Voters Doubt the Harbor Plan Will Work\n\n"
        "The council met on Monday.\n\n"
        "Update: The meeting was moved to Tuesday.\n\n"
        "Results: 1,204.\n\n"
        '"HOLLIS: Well, we expect the harbor to reopen soon.'
    )
    report = run(extractor, text)
    found = {(s.speaker.span.text, s.cue.text, s.content.text) for s in report.statements}
    assert ("Survey", ":", "Voters Doubt the Harbor Plan Will Work") in found
    assert ("HOLLIS", ":", "Well, we expect the harbor to reopen soon") in found
    speakers = {s.speaker.span.text for s in report.statements if s.speaker}
    assert not speakers & {"Update", "Results"}


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "“We will rebuild the harbor, stone by stone.” ― Maria Lopez",
            "Maria Lopez",
            "“We will rebuild the harbor, stone by stone.”",
        ),
        (
            '"The taxes are too high."\n\n- Tom Ruiz, Ohio.\n\nThe mayor disagreed.',
            "Tom Ruiz",
            '"The taxes are too high."',
        ),
    ],
)
def test_statements_quotation_signed_with_a_dash(extractor, text, speaker, content):
    (st,) = run(extractor, text).statements
    assert (st.speaker.span.text, st.content.text) == (speaker, content)
    assert st.direct


def test_statements_dash_inside_a_sentence_signs_nothing(extractor):
    assert not run(extractor, "The plan failed - Tom Ruiz was right.").statements


def test_statements_relative_pronoun_is_the_source_and_names_its_antecedent(extractor):
    text = "The plan was backed by Senator Maria Lopez, who said the harbor would reopen."
    report = run(extractor, text)
    st = next(s for s in report.statements if s.cue.text == "said")
    assert st.speaker.span.text == "who"
    assert report.actor(st.speaker.actor_id).name == "Maria Lopez"
    assert st.content.text == "the harbor would reopen"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Residents of the village, who said the river rose overnight, fled.", "Residents"),
        ("A farmer who said he saw the gunmen was questioned by police.", "A farmer"),
    ],
)
def test_statements_relative_pronoun_of_an_unknown_speaker_gives_the_antecedent(
    extractor, text, speaker
):
    report = run(extractor, text)
    st = next(s for s in report.statements if s.cue.text == "said")
    assert st.speaker.span.text.startswith(speaker)  # the words, not "who"
    assert report.article.text[st.speaker.span.start : st.speaker.span.end] == st.speaker.span.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The engineers I spoke with said the bridge was safe.",
            "The engineers I spoke with",
        ),
        (
            "A harbor survey released on Friday found that most boats were idle.",
            "A harbor survey released on Friday",
        ),
        (
            "Tom Ruiz, who has fished here for decades, said the harbor was too shallow.",
            "Tom Ruiz, who has fished here for decades",
        ),
    ],
)
def test_statements_source_keeps_its_relative_clause(extractor, text, speaker):
    (st,) = run(extractor, text).statements
    assert st.speaker.span.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The mayor responded by saying that the harbor would reopen in May.",
        "After saying that the harbor would reopen, the mayor left the hall.",
    ],
)
def test_statements_gerund_after_a_preposition_has_the_verbs_subject(extractor, text):
    report = run(extractor, text)
    st = next(s for s in report.statements if s.cue.text.endswith("saying"))
    assert st.speaker.span.text.lower() == "the mayor"
    assert st.content.text.startswith("that the harbor would reopen")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor urged the fishermen to leave the harbor.", "the fishermen to leave the harbor"),
        ("The mayor encouraged residents to stay indoors.", "residents to stay indoors"),
    ],
)
def test_statements_whom_and_what_to_do_is_the_content(extractor, text, content):
    (st,) = run(extractor, text).statements
    assert st.content.text == content


def test_statements_quotation_resumed_after_the_cue_and_its_object(extractor):
    text = "“The harbor will stay open,” the mayor told reporters. “We have enough fuel.”"
    (st,) = run(extractor, text).statements
    assert st.content.text == text


def test_statements_participle_between_two_quotations_is_its_own_statement(extractor):
    text = (
        "“The harbor will stay open,” the mayor said, pointing out that the storm had passed. "
        "“We have enough fuel.”"
    )
    report = run(extractor, text)
    said = next(s for s in report.statements if s.cue.text == "said")
    assert said.content.text.endswith("“We have enough fuel.”")
    pointing = next(s for s in report.statements if s.cue.text.startswith("pointing"))
    assert pointing.speaker.span.text == "the mayor"
    assert pointing.content.text == "that the storm had passed"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor keeps saying that the harbor is safe.", "keeps saying"),
        ("The mayor was able to show that the harbor was safe.", "was able to show"),
        ("The senator stopped short of calling the plan a failure.", "stopped short of calling"),
        ("The mayor responded by saying that the harbor would reopen.", "responded by saying"),
    ],
)
def test_statements_cue_runs_from_the_subjects_verb(extractor, text, cue):
    """The verbs between the source and the speech verb are part of the cue."""
    (st,) = run(extractor, text).statements
    assert st.cue.text == cue
    assert st.speaker is not None and text.startswith(st.speaker.span.text)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The senator criticized the governor for closing the harbor.",
            "the governor for closing the harbor",
        ),
        ("The mayor accused the council of hiding the report.", "the council of hiding the report"),
    ],
)
def test_statements_object_and_its_reason_are_the_content(extractor, text, content):
    (st,) = run(extractor, text).statements
    assert st.content.text == content


def test_statements_adverb_after_the_verb_is_part_of_the_cue(extractor):
    text = "The mayor said explicitly that the harbor would reopen."
    (st,) = run(extractor, text).statements
    assert (st.cue.text, st.content.text) == ("said explicitly", "that the harbor would reopen")


def test_statements_circumstances_of_the_cue_are_not_content(extractor):
    text = "The senator denounced the plan as reckless during a town hall meeting."
    (st,) = run(extractor, text).statements
    assert st.content.text == "the plan as reckless"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (  # a clause before the verb and one after it: the one after is what was said
            "The ferry was late again on Monday; the mayor insists the harbor will stay open.",
            "insists",
            "the harbor will stay open",
        ),
        (  # "as X said, …" is the main clause, but not where the verb has its own object
            "The council voted for the bridge, as the mayor demanded a second crossing over "
            "the river.",
            "demanded",
            "a second crossing over the river",
        ),
        (  # a quotation split by its speaker and cue is one content
            "“If the dam holds,” the mayor said, “we will be fine.”",
            "said",
            "“If the dam holds,” the mayor said, “we will be fine.”",
        ),
        (  # a passive cue without an agent: its subject is part of the content
            "The new bridge is expected to open in the spring.",
            "is expected",
            "The new bridge is expected to open in the spring",
        ),
    ],
)
def test_attribution_content_on_the_side_the_verb_says(extractor, text, cue, content):
    doc = extractor.nlp(text)
    found = {doc[a.cue[0] : a.cue[1]].text: a for a in find(doc, learned=False)}
    rng = found[cue].content
    assert rng is not None
    assert doc[rng[0] : rng[1]].text == content
