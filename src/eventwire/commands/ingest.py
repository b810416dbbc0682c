"""``eventwire ingest`` (sources into the store, then incidents) and ``eventwire incidents``.

ingest: files, directories, JSONL, URLs and RSS/Atom feeds (``eventwire.ingest.expand``)
are read in order; what is already stored is skipped before extraction; the rest is
extracted by ``--workers`` processes and stored by this one, each article in its own
transaction; the articles are then clustered into incidents.  Killed at any moment and
run again, it loses nothing and stores nothing twice (``eventwire.ingest.job``).
``--follow`` polls the feed sources every ``--interval`` seconds.  An article whose
extraction takes longer than ``--timeout`` seconds, or whose worker process dies, is a
failure and the rest goes on.  Failures are listed at the end and the exit status is then
1, as with ``eventwire extract``.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from eventwire.commands.extract import (
    DEFAULT_DB,
    _date,
    _log_notes_to,
    _open_store,
    describe_failure,
)
from eventwire.errors import ClusterError, EventwireError


def _progress(err: Console, total: int | None) -> Any:
    """A progress bar with articles/s on stderr, only when stderr is a terminal."""
    if not err.is_terminal:
        return None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "… articles/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _cluster_pool(spec: str | None, batch: int, timeout_s: float | None, err: Console) -> Any:
    """The Dask extraction pool of ``--cluster SPEC`` (None without one); prints where its
    dashboard is.  A bad spec, or Dask missing, exits with a one-line error."""
    if spec is None:
        return None
    from eventwire.ingest.dask_workers import DaskWorkers

    try:
        pool = DaskWorkers(spec, batch, timeout_s)
    except EventwireError as exc:
        err.print(f"error: {exc}", style="bold red", markup=False)
        raise typer.Exit(2) from None
    except Exception as exc:  # no scheduler at that address, a batch system refusing jobs
        err.print(
            f"error: --cluster {spec}: [{ClusterError.code}] cannot start or reach the cluster "
            f"({type(exc).__name__}: {exc})",
            style="bold red",
            markup=False,
        )
        raise typer.Exit(2) from None
    where = pool.dashboard
    err.print(
        f"Dask cluster {spec}: {pool.threads()} worker threads"
        + (f"; dashboard: {where}" if where else " (no dashboard: pip install bokeh for one)"),
        markup=False,
    )
    return pool


def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Text or HTML files, JSONL files (.jsonl), RSS/Atom feeds (.rss, .atom, or a "
            "feed URL), directories of them, http(s) URLs, or - for stdin.",
            show_default=False,
            metavar="SOURCE",
        ),
    ],
    db: Annotated[
        str | None,
        typer.Option(
            metavar="PATH", help="The store (default: $EVENTWIRE_DB, else ./eventwire.db)."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Extraction processes (one writer: this one).")
    ] = 1,
    cluster_spec: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="SPEC",
            help="Extract on a Dask cluster: local:N (N processes here), tcp://HOST:PORT (a "
            "running scheduler), slurm:OPTIONS or pbs:OPTIONS (dask-jobqueue; README "
            '"Scaling out"). This process stays the one writer. Needs eventwire[cluster].',
        ),
    ] = None,
    batch: Annotated[int, typer.Option(min=1, help="Articles per extraction batch.")] = 8,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            metavar="SECONDS",
            help="Time limit of one article's extraction; over it, the article is a failure "
            "(default: $EVENTWIRE_TIMEOUT, else 60; 0: no limit).",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Publication date where the input has none."),
    ] = None,
    follow: Annotated[
        bool,
        typer.Option(
            "--follow", help="Keep polling the feed sources (other sources are read once)."
        ),
    ] = False,
    interval: Annotated[
        float, typer.Option(min=1.0, metavar="SECONDS", help="Time between polls (--follow).")
    ] = 300.0,
    polls: Annotated[
        int | None,
        typer.Option(min=1, help="With --follow: stop after N polls (default: poll until Ctrl-C)."),
    ] = None,
    incidents: Annotated[
        bool, typer.Option("--incidents/--no-incidents", help="Cluster into incidents.")
    ] = True,
    max_bytes: Annotated[
        int | None,
        typer.Option(min=1, help="Size cap of one input in bytes (default: 5000000)."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch URLs on any address, loopback and private networks included "
            "(default: public addresses only, and those of $EVENTWIRE_FETCH_ALLOW).",
        ),
    ] = False,
) -> None:
    """Read sources into the store (skipping what is stored), then cluster incidents."""
    from eventwire.ingest.expand import count_items, is_feed_source
    from eventwire.ingest.job import IngestJob
    from eventwire.ingest.limits import Limits
    from eventwire.ingest.url import is_url
    from eventwire.timeout import default_timeout

    default_date = _date(published)
    db = db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    _log_notes_to(err)
    feeds = [s for s in sources if is_url(s) or is_feed_source(s)]
    if follow and not feeds:
        raise typer.BadParameter("--follow needs at least one feed (a URL or a .rss/.atom file)")
    if cluster_spec is not None and workers != 1:
        raise typer.BadParameter("give --workers or --cluster, not both")
    pool = _cluster_pool(cluster_spec, batch, default_timeout(timeout), err)
    store = _open_store(db, err)
    progress = _progress(err, None)
    task = None

    def on_item(stats: Any) -> None:
        if progress is not None and task is not None:
            note = f"{stats.skipped} skipped, {stats.failed} failed" if stats.read else ""
            if pool is not None:  # the cluster's futures: extracted so far
                note = f"{pool.extracted} extracted on the cluster" + (f", {note}" if note else "")
            progress.update(task, completed=stats.read, note=note)

    job = IngestJob(
        store,
        workers=workers,
        batch=batch,
        timeout_s=default_timeout(timeout),
        published=default_date,
        limits=Limits.from_env(max_bytes, allow_private),
        cluster=incidents,
        on_item=on_item,
        pool=pool,
    )  # the worker processes start here, before the progress bar's thread
    interrupted = False
    stopped: str | None = None
    try:
        if progress is not None:
            task = progress.add_task("ingesting", total=count_items(sources), note="")
            progress.start()
        job.run(sources)
        if follow:  # the first run read every source; the feeds are polled again

            def on_poll(n: int, stats: Any) -> None:
                err.print(
                    f"poll {n}: {stats.stored} stored, {stats.skipped} skipped, "
                    f"{stats.failed} failed so far",
                    markup=False,
                )

            job.follow(feeds, interval, None if polls is None else polls - 1, on_poll)
    except KeyboardInterrupt:
        interrupted = True
    except EventwireError as exc:  # the workers keep dying
        stopped = str(exc)
    finally:
        if progress is not None:
            progress.stop()
        job.close()
    stats = job.stats
    if (interrupted or stopped) and incidents:
        job.update_incidents()  # what is stored is clustered before leaving
    for name, error in stats.failures:
        err.print(f"failed: {describe_failure(name, error)}", markup=False)
    if stopped:
        err.print(f"stopped: {stopped}", style="bold red", markup=False)
    summary = (
        f"{stats.stored} stored, {stats.skipped} already in {store.location}, {stats.failed} failed"
    )
    if stats.first_result is not None and stats.last_result is not None:
        seconds = stats.last_result - stats.started
        if seconds > 0 and stats.stored:
            summary += f"; {stats.stored / seconds:.1f} articles/s"
    if stats.incidents:
        _, in_store = store.incidents(limit=0)
        summary += f"\nincidents: {stats.incidents}; {in_store:,} in the store"
    err.print(summary, style="bold red" if stats.failures else "bold", markup=False)
    store.close()
    if stats.failures or stopped:
        raise typer.Exit(1)
    if interrupted and not follow:
        raise typer.Exit(130)


def incidents(
    db: Annotated[
        str | None,
        typer.Option(
            metavar="PATH", help="The store (default: $EVENTWIRE_DB, else ./eventwire.db)."
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget all incidents and cluster everything again.")
    ] = False,
    limit: Annotated[int, typer.Option(min=0, help="Incidents to list (0: none).")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One IncidentSummary per line.")] = False,
) -> None:
    """Cluster the stored articles not clustered yet, and list the latest incidents."""
    from eventwire.incidents.cluster import rebuild_incidents, update_incidents

    db = db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    store = _open_store(db, err, must_exist=True)
    with store:
        stats = rebuild_incidents(store) if rebuild else update_incidents(store)
        if stats.articles:
            err.print(f"incidents: {stats}", markup=False)
        items, total = store.incidents(limit=limit)
        if as_json:
            for item in items:
                sys.stdout.write(item.model_dump_json() + "\n")
            return
        from eventwire.incidents.render import render_incidents

        out = Console(highlight=False)
        if not out.is_terminal:
            out.width = 120
        out.print(render_incidents(items, total))
