"""Running the full pipeline over a dataset's articles, with a progress bar and timing.

A document that keeps the pipeline busy for longer than its time limit (a stage loop that
does not end, say; ``$EVENTWIRE_TIMEOUT``, else 60 s) does not stop the evaluation: the
pipeline interrupts it (``eventwire.timeout``, the same limit as ``eventwire ingest``),
lists it as a failure naming the stage, and the run goes on.  Stage failures (warnings
kept in non-strict mode) are summed up in the notes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.evaluate.report import Report, Speed
from eventwire.model import Article, ArticleReport, Failure
from eventwire.timeout import default_timeout

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor


def run_pipeline(
    extractor: Extractor | None,
    articles: Sequence[Article],
    doc_ids: Sequence[str],
    report: Report,
    label: str = "extracting",
    timeout_s: float | None = None,
) -> list[ArticleReport | None]:
    """``extractor.extract_many`` over the articles, in order; None where one failed.

    ``extractor`` None: the process-wide default pipeline.  Failures are listed in
    ``report.failures``, stage failures counted in ``report.notes``; the documents/s and
    words/s of the run go to ``report.speed`` (the pipeline only, not reading or scoring).
    ``timeout_s``: seconds per document (None: ``default_timeout()``; 0: no limit).
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
    results = extractor.extract_many(articles, timeout_s=default_timeout(timeout_s))
    with Progress(*columns, transient=True, console=console) as progress:
        task = progress.add_task(label, total=len(articles))
        for doc_id, result in zip(doc_ids, results, strict=True):
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
