"""Running the full pipeline over a dataset's articles, with a progress bar and timing."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.evaluate.report import Report, Speed
from eventwire.model import Article, ArticleReport
from eventwire.pipeline import Failure

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor


def run_pipeline(
    extractor: Extractor | None,
    articles: Sequence[Article],
    doc_ids: Sequence[str],
    report: Report,
    label: str = "extracting",
) -> list[ArticleReport | None]:
    """``extractor.extract_many`` over the articles, in order; None where one failed.

    ``extractor`` None: the process-wide default pipeline.

    Failures are listed in ``report.failures``; the documents/s and words/s of the run go
    to ``report.speed`` (time of the pipeline only, not of reading or scoring).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from eventwire.pipeline import default_extractor

    extractor = extractor or default_extractor()
    out: list[ArticleReport | None] = []
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    start = time.perf_counter()
    console = Console(stderr=True)
    with Progress(*columns, transient=True, console=console) as progress:
        task = progress.add_task(label, total=len(articles))
        for doc_id, result in zip(doc_ids, extractor.extract_many(articles), strict=True):
            if isinstance(result, Failure):
                report.failures.append({"doc": doc_id, "error": result.error})
                out.append(None)
            else:
                out.append(result)
            progress.advance(task)
    seconds = time.perf_counter() - start
    report.speed = Speed(
        documents=len(articles),
        words=sum(len(a.text.split()) for a in articles),
        seconds=seconds,
    )
    report.documents = len(articles)
    report.pipeline = extractor.name
    return out
