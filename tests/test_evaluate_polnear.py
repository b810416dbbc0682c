"""PolNeAR's BRAT reader and the attribution scorer, on a fixture written for the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import polnear
from eventwire.evaluate.metrics import PRF
from eventwire.evaluate.offsets import raw_offsets
from eventwire.evaluate.report import Report
from eventwire.ingest.article import normalise_text
from eventwire.model import Arg, Article, ArticleReport, Span, Statement

ROOT = Path(__file__).parent / "fixtures" / "evaluate" / "polnear"


@pytest.fixture(scope="module")
def doc() -> polnear.PolDoc:
    [only] = polnear.load(ROOT, "dev")
    return only


def words(doc: polnear.PolDoc, part: polnear.Part | None) -> list[str] | None:
    return [doc.text[s:e] for s, e in part] if part else None


def test_evaluate_polnear_reader(doc):
    assert doc.id == "example_2016-10-12_council-votes-on-budget"
    assert doc.published == dt.date(2016, 10, 12)
    # the first annotator's file (a1b2) is the gold; E5 has no cue or content: dropped
    assert len(doc.relations) == 4
    mayor, quote, critics, survey = doc.relations
    assert words(doc, mayor.source) == ["The mayor"] and words(doc, mayor.cue) == ["said"]
    # Content + Content2, quotation marks and the inner comma trimmed
    assert words(doc, quote.content) == ["We have the votes", "and we will not wait"]
    assert words(doc, critics.content) == ["the plan cuts too deep"]
    # no source; a discontinuous content
    assert survey.source is None
    assert words(doc, survey.content) == ["Residents", "want more buses"]


def test_evaluate_polnear_trim():
    text = "“Yes,” she said."
    assert polnear.trim(text, 0, 6) == (1, 4)
    assert polnear.trim(text, 7, 10) == (7, 10)
    assert polnear.trim(text, 0, 1) == (0, 1)  # all punctuation: unchanged


def test_evaluate_polnear_test_split_is_held_out():
    with pytest.raises(InputError, match="held out"):
        polnear.load(ROOT, "test")


def statement(text: str, sid: str, cue: str, content: str | None, speaker: str | None) -> Statement:
    def span(w: str) -> Span:
        i = text.index(w)
        return Span.of(text, i, i + len(w))

    c = span(cue)
    return Statement(
        id=sid,
        speaker=Arg(span=span(speaker)) if speaker else None,
        cue=c,
        content=span(content) if content else None,
        sentence=Span.of(text, 0, len(text)),
    )


def test_evaluate_polnear_scored_by_hand(doc):
    text = doc.text
    report = ArticleReport(
        article=Article(id="p", text=text),
        statements=[
            # exact on every part
            statement(text, "S1", "said", "the budget would pass by Friday", "The mayor"),
            # cue and source exact; content one piece of the split quote: overlaps, not exact
            statement(text, "S2", "told", "“and we will not wait.”", "a spokeswoman"),
            # content too long (overlap only), source exact, cue exact
            statement(text, "S3", "believe", "the plan cuts too deep. Residents", "Critics"),
            # a statement PolNeAR does not have
            statement(text, "S4", "Council Votes", None, None),
        ],
    )
    report.check_spans()
    scores: dict[str, PRF] = {}
    out = Report("polnear", "dev", "fixture")
    polnear.score_doc(doc, polnear.predict(report), scores, out)

    def counts(key: str) -> tuple[float, float, float]:
        s = scores[key]
        return (s.p_num, s.p_den, s.r_den)

    # sources: gold 3 (The mayor, a spokeswoman, Critics), predicted 3, all exact
    assert counts("source (exact)") == (3, 3, 3)
    # cues: gold 4, predicted 4; said, told, believe exact
    assert counts("cue (exact)") == (3, 4, 4)
    # contents: gold 4, predicted 3; exact: S1 only; overlap: S1, S2 (a piece), S3
    assert counts("content (exact)") == (1, 3, 4)
    assert counts("content (overlap)") == (3, 3, 4)
    # relations: exact S1; overlap S1, S2, S3
    assert counts("relation (exact)") == (1, 4, 4)
    assert counts("relation (overlap)") == (3, 4, 4)
    kinds = sorted(e["kind"] for e in out.errors[polnear.TABLE])
    assert kinds == ["missed", "spurious"]  # the survey relation; S4


def test_evaluate_polnear_overlap_ignores_the_gap_of_a_split_quote(doc):
    quote = doc.relations[1]
    # "told" lies inside the hull of the split quote but in no piece of it
    told = doc.text.index("told")
    assert not polnear.same_part(((told, told + 4),), quote.content, "overlap")
    assert polnear.same_part(quote.content, quote.content, "exact")


def test_evaluate_polnear_maps_spans_onto_the_file_text():
    # the file has outer white space, a no-break space, trailing blanks and CR LF line ends
    raw = "\n  The mayor\u00a0said the budget would pass.  \r\n\r\nCritics   \r\nbelieve it."
    text = normalise_text(raw)
    assert len(text) < len(raw)
    at = raw_offsets(raw, text)
    assert len(at) == len(text) + 1
    assert all(raw[at[j]] == ch or ch in " \n" for j, ch in enumerate(text))
    report = ArticleReport(
        article=Article(id="p", text=text),
        statements=[
            statement(text, "S1", "said", "the budget would pass", "The mayor"),
            statement(text, "S2", "believe", "it", "Critics"),
        ],
    )
    report.check_spans()
    words = [
        [raw[s:e] for part in (r.source, r.cue, r.content) for s, e in part]
        for r in polnear.predict(report, raw)
    ]
    assert words == [["The mayor", "said", "the budget would pass"], ["Critics", "believe", "it"]]


def test_evaluate_polnear_raw_offsets_after_unicode_composition():
    raw = "Cafe\u0301 owners said so."  # a combining accent: NFC makes one character of two
    text = normalise_text(raw)
    at = raw_offsets(raw, text)
    start = text.index("owners")
    assert raw[at[start] : at[start + len("owners") - 1] + 1] == "owners"
