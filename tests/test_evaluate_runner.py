"""The evaluation's pipeline run: a document whose stage does not finish does not stop it."""

from __future__ import annotations

import signal

import pytest
import spacy

from eventwire.evaluate.report import Report
from eventwire.evaluate.runner import DocumentTimeout, run_pipeline, time_limit
from eventwire.ingest.article import make_article
from eventwire.pipeline import Extractor, Findings

needs_alarm = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM here")


def endless(found: Findings) -> None:
    """A stage that never ends on articles mentioning a loop."""
    while "loop" in found.text:
        pass


def mark(found: Findings) -> None:
    found.warnings.append("marked")


def articles():
    texts = ["A first article.", "An article with a loop in it.", "A third article."]
    return [make_article(t, source=f"doc{k}") for k, t in enumerate(texts)]


@needs_alarm
def test_evaluate_time_limit_interrupts_and_is_cleared():
    with pytest.raises(DocumentTimeout), time_limit(0.05):
        while True:
            pass
    with time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_alarm
def test_evaluate_runner_goes_on_after_a_stage_that_hangs(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_STRICT", "0")  # as the command runs: stage failures are kept
    extractor = Extractor(nlp=spacy.blank("en"), stages=[("endless", endless), ("mark", mark)])
    report = Report("test", "dev", "memory")
    out = run_pipeline(extractor, articles(), ["d0", "d1", "d2"], report, timeout_s=0.2)
    assert [r is not None for r in out] == [True, True, True]
    assert out[1].warnings[0].startswith("stage endless failed: DocumentTimeout")
    assert out[1].warnings[1] == "marked"  # the next stage still ran
    assert report.notes == [
        "stage endless failed on 1 document(s), e.g. d1: stage endless failed: "
        "DocumentTimeout: took longer than 0.2 s"
    ]
    assert report.speed.documents == 3 and report.documents == 3


@needs_alarm
def test_evaluate_runner_strict_mode_lists_the_document_as_failed():
    extractor = Extractor(nlp=spacy.blank("en"), stages=[("endless", endless)])
    report = Report("test", "dev", "memory")
    out = run_pipeline(extractor, articles(), ["d0", "d1", "d2"], report, timeout_s=0.2)
    assert [r is None for r in out] == [False, True, False]
    assert report.failures[0]["doc"] == "d1" and "endless" in report.failures[0]["error"]
