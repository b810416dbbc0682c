"""``eventwire extract``: articles in, reports out.

extract: sources are read lazily and in order (eventwire.ingest), extracted in batches
(Extractor.extract_many), written as JSON lines or tables on stdout and stored when
``--db`` is given.  A bad input is a one-line failure naming it; the others go on; the
failures are listed at the end and the exit status is 1 when there was any.  Notes and
the summary go to stderr so that stdout stays clean JSON lines.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

DEFAULT_DB = "eventwire.db"


class Format(StrEnum):
    JSON = "json"
    TABLE = "table"


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-01-04") from None


def describe_failure(source: str, error: str) -> str:
    """One line naming the input: errors from eventwire.errors already start with it."""
    return error if error.startswith(source) else f"{source}: {error}"


def _log_notes_to(console: Console) -> None:
    """Ingest notes (e.g. "read as Windows-1252") as one dim line each on stderr."""

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            console.print(f"note: {record.getMessage()}", style="dim", highlight=False)

    logger = logging.getLogger("eventwire")
    logger.handlers = [Handler(logging.INFO)]
    logger.propagate = False


def _reports(items: Iterable[Any], timeout_s: float | None = None) -> Iterator[Any]:
    """Reports (or Failures) in order; spaCy loads only once there is an article to read.
    An article whose extraction takes over ``timeout_s`` seconds is a Failure (E101)."""
    from eventwire.model import Failure
    from eventwire.pipeline import default_extractor

    items = iter(items)
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        chained = itertools.chain([item], items)
        yield from default_extractor().extract_many(chained, timeout_s=timeout_s)
        return


def missing_store(db: str) -> str | None:
    """The one-line error for a read-only command given a store that does not exist (an
    SQLite path; a database URL is the server's to answer), else None."""
    path = db.removeprefix("sqlite:///")
    if "://" in path or Path(path).exists():
        return None
    return f"{db}: no such store (eventwire ingest … --db {db} creates one)"


def _open_store(db: str, err: Console, must_exist: bool = False) -> Any:
    """The store at ``db``; one line on stderr and exit 1 when it cannot be opened, or
    (``must_exist``: read-only commands) when it does not exist."""
    from eventwire.errors import EventwireError
    from eventwire.store import open_store

    if must_exist and (missing := missing_store(db)):
        err.print(f"error: {missing}", markup=False)
        raise typer.Exit(1)
    try:
        return open_store(db)
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except Exception as exc:  # a path that is no SQLite file, a read-only directory…
        err.print(f"error: {db}: cannot open the store ({type(exc).__name__}: {exc})")
        raise typer.Exit(1) from None


def extract(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text or HTML files, directories of them, http(s) URLs, or - for stdin.",
            metavar="SOURCE",
            show_default=False,
        ),
    ] = None,
    batch: Annotated[
        list[str] | None,
        typer.Option(
            "--batch",
            metavar="FILE.jsonl",
            help="JSON lines, one article per line (text or maintext, title, url, "
            "date_publish or published, source_domain); - for stdin. Repeatable.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Publication date where the input has none."),
    ] = None,
    output: Annotated[
        Format, typer.Option("--format", "-f", help="json: one report per line; table: readable.")
    ] = Format.JSON,
    db: Annotated[
        str | None,
        typer.Option(
            metavar="PATH",
            help="Store the reports in this SQLite file (or database URL); idempotent.",
        ),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(min=1, help="Size cap of one input in bytes (default 5000000)."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch URLs on any address, loopback and private networks included "
            "(default: public addresses only, and those of $EVENTWIRE_FETCH_ALLOW).",
        ),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            metavar="SECONDS",
            help="Time limit of one article's extraction; over it, the article is a failure "
            "(default: $EVENTWIRE_TIMEOUT, else 60; 0: no limit).",
        ),
    ] = None,
) -> None:
    """Extract events, actors, places, dates and statements from news articles."""
    from eventwire.ingest.limits import Limits
    from eventwire.ingest.sources import count_sources, read_sources_named
    from eventwire.model import Failure
    from eventwire.timeout import default_timeout

    sources, batches = sources or [], batch or []
    if not sources and not batches:
        raise typer.BadParameter("give at least one SOURCE or --batch FILE.jsonl")
    default_date = _date(published)
    limits = Limits.from_env(max_bytes, allow_private)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False)
    if not out.is_terminal:
        out.width = 120  # tables into a file or a pipe: wider than rich's 80
    _log_notes_to(err)
    store = _open_store(db, err) if db is not None else None

    names: deque[str] = deque()

    def named() -> Iterator[Any]:
        for name, item in read_sources_named(
            sources, batches, published=default_date, limits=limits
        ):
            names.append(name)
            yield item

    failures: list[str] = []
    done = stored = skipped = 0
    total = count_sources(sources, batches)
    progress = _progress(err, total, redirect=sys.stdout.isatty())
    task = progress.add_task("extracting", total=total) if progress else None
    try:
        if progress:
            progress.start()
        for result in _reports(named(), default_timeout(timeout)):
            name = names.popleft()
            if progress:
                progress.advance(task)
            if isinstance(result, Failure):
                failures.append(describe_failure(name, result.error))
                continue
            done += 1
            if output is Format.JSON:
                sys.stdout.write(result.model_dump_json() + "\n")
                sys.stdout.flush()
            else:
                from eventwire.output import render_report

                out.print(render_report(result))
            if store is not None:
                try:
                    if store.save(result):
                        stored += 1
                    else:
                        skipped += 1
                except Exception as exc:
                    failures.append(f"{name}: could not store ({type(exc).__name__}: {exc})")
    except BrokenPipeError:  # `eventwire extract … | head`
        sys.stderr.close()
        raise typer.Exit(1) from None
    finally:
        if progress:
            progress.stop()

    sys.stdout.flush()
    summary = f"{done} extracted, {len(failures)} failed"
    if store is not None:
        summary += f"; stored {stored} new, {skipped} already in {db}"
    for line in failures:
        err.print(f"failed: {line}", markup=False)
    err.print(summary, style="bold red" if failures else "bold", markup=False)
    if failures:
        raise typer.Exit(1)


def _progress(err: Console, total: int | None, redirect: bool) -> Any:
    """A rich progress bar on stderr for batches, only when stderr is a terminal."""
    if not err.is_terminal or total == 1:
        return None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        redirect_stdout=redirect,
        redirect_stderr=False,
    )
