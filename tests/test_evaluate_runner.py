"""The evaluation's pipeline run: a document whose stage does not finish does not stop it.

The time limit is ``eventwire.timeout``, shared with ``eventwire ingest``."""

from __future__ import annotations

import contextlib
import signal
import threading
import time

import pytest
import spacy

from eventwire.evaluate.report import Report
from eventwire.evaluate.runner import run_pipeline
from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.pipeline import Extractor, Stage
from eventwire.timeout import TimeUp, default_timeout, time_limit

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
def test_time_limit_interrupts_through_except_exception_and_is_cleared():
    with pytest.raises(TimeUp), time_limit(0.05):
        while True:
            with contextlib.suppress(Exception):  # a stage's catch-all does not swallow it
                pass
    with time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def slow(found: Findings) -> None:
    """A stage that takes a tenth of a second (and then ends)."""
    time.sleep(0.1)
    found.warnings.append("slow done")


def in_a_thread(work):
    """What ``work()`` returns or raises, run in a worker thread (as the REST API does)."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out


def test_time_limit_in_a_worker_thread_stops_between_stages():
    extractor = Extractor(nlp=spacy.blank("en"), stages=[Stage("slow", slow), Stage("mark", mark)])
    article = make_article("A first article.", source="doc0")

    def limited(seconds):
        def work():
            with time_limit(seconds):
                return extractor.extract(article)

        return work

    assert in_a_thread(limited(5))["value"].warnings == ["slow done", "marked"]
    late = in_a_thread(limited(0.05))  # the slow stage ends, the next one does not start
    assert isinstance(late["error"], TimeUp) and late["error"].stage == "mark"

    def late_then_unlimited():
        with contextlib.suppress(TimeUp):
            limited(0.05)()
        return extractor.extract(article)  # the limit was the block's only

    assert in_a_thread(late_then_unlimited)["value"].warnings == ["slow done", "marked"]


def test_default_timeout_from_the_environment(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TIMEOUT", raising=False)
    assert default_timeout() == 60.0
    monkeypatch.setenv("EVENTWIRE_TIMEOUT", "2.5")
    assert default_timeout() == 2.5
    assert default_timeout(7) == 7
    monkeypatch.setenv("EVENTWIRE_TIMEOUT", "0")
    assert default_timeout() is None


@needs_alarm
@pytest.mark.parametrize("strict", ["0", "1"])
def test_evaluate_runner_lists_a_document_that_hangs_and_goes_on(monkeypatch, strict):
    monkeypatch.setenv("EVENTWIRE_STRICT", strict)  # the limit is not a stage failure
    extractor = Extractor(
        nlp=spacy.blank("en"), stages=[Stage("endless", endless), Stage("mark", mark)]
    )
    report = Report("test", "dev", "memory")
    out = run_pipeline(extractor, articles(), ["d0", "d1", "d2"], report, timeout_s=0.2)
    assert [r is None for r in out] == [False, True, False]
    assert out[0].warnings == ["marked"] and out[2].warnings == ["marked"]
    assert report.failures == [
        {
            "doc": "d1",
            "error": f"{articles()[1].id}: [E101] extraction took longer than 0.2 s "
            "(in stage endless)",
        }
    ]
    assert report.notes == []
    assert report.speed.documents == 3 and report.documents == 3


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM here")
def test_time_limit_is_not_lost_in_a_finaliser():
    # an alarm that rings while a finaliser (__del__, a garbage-collector callback such as
    # hypothesis installs) runs raises there, where Python prints and drops the exception:
    # the limit was lost and the block ran on; the alarm now rings again until it lands
    class Slow:
        def __del__(self):
            time.sleep(0.4)  # the limit (0.3 s) passes in here

    started = time.monotonic()
    with pytest.raises(TimeUp), time_limit(0.3):
        time.sleep(0.1)
        Slow()
        while time.monotonic() - started < 3:
            time.sleep(0.01)
    assert time.monotonic() - started < 1.5
