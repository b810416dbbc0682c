"""Running the full pipeline over a dataset's articles, with a progress bar and timing.

A document that keeps a stage busy for longer than ``DOCUMENT_TIMEOUT_S`` (a loop that
does not end, say) does not stop the evaluation: the stage is interrupted (SIGALRM, on
systems that have it, in the main thread), the pipeline records the stage's failure as it
does for any exception, and the run goes on.  Stage failures are summed up in the notes.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from eventwire.evaluate.report import Report, Speed
from eventwire.model import Article, ArticleReport
from eventwire.pipeline import Failure

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

DOCUMENT_TIMEOUT_S = 60.0


class DocumentTimeout(Exception):
    """A document took longer than the evaluation allows."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout inside the block after ``seconds`` (no limit where unsupported)."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_pipeline(
    extractor: Extractor | None,
    articles: Sequence[Article],
    doc_ids: Sequence[str],
    report: Report,
    label: str = "extracting",
    timeout_s: float | None = DOCUMENT_TIMEOUT_S,
) -> list[ArticleReport | None]:
    """``extractor.extract_many`` over the articles, in order; None where one failed.

    ``extractor`` None: the process-wide default pipeline.  Failures are listed in
    ``report.failures``, stage failures counted in ``report.notes``; the documents/s and
    words/s of the run go to ``report.speed`` (the pipeline only, not reading or scoring).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from eventwire.pipeline import default_extractor

    extractor = extractor or default_extractor()
    out: list[ArticleReport | None] = []
    stage_failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    start = time.perf_counter()
    console = Console(stderr=True)
    results = extractor.extract_many(articles)
    with Progress(*columns, transient=True, console=console) as progress:
        task = progress.add_task(label, total=len(articles))
        for doc_id in doc_ids:
            try:
                with time_limit(timeout_s):
                    result = next(results)
            except (DocumentTimeout, StopIteration) as exc:  # outside any stage: stop here
                why = f"the pipeline stopped ({type(exc).__name__}: {exc})"
                report.failures.append({"doc": doc_id, "error": why})
                out.append(None)
                results = iter(())
                continue
            if isinstance(result, Failure):
                report.failures.append({"doc": doc_id, "error": result.error})
                out.append(None)
            else:
                out.append(result)
                for warning in result.warnings:
                    if warning.startswith("stage "):
                        stage = warning.split(":")[0]
                        stage_failures[stage] += 1
                        examples.setdefault(stage, f"{doc_id}: {warning}")
            progress.advance(task)
    seconds = time.perf_counter() - start
    for stage, n in stage_failures.most_common():
        report.notes.append(f"{stage} on {n} document(s), e.g. {examples[stage][:200]}")
    report.speed = Speed(
        documents=len(articles),
        words=sum(len(a.text.split()) for a in articles),
        seconds=seconds,
    )
    report.documents = len(articles)
    report.pipeline = extractor.name
    return out
