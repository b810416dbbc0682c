"""Extraction on a Dask cluster, results in input order, for the one writer in this process.

``DaskWorkers(spec, batch, timeout_s).extract(items)`` has the interface of
``ingest.workers.Workers``: (tag, report or Failure) for each (tag, article or Failure),
in input order, so ``IngestJob`` runs unchanged on a cluster: what is stored is skipped
before extraction, only this process writes (each article in its own transaction, in
input order, so the incidents come out as a one-process run's), and a rerun extracts only
what is missing.

``spec`` (``eventwire ingest --cluster SPEC``):

- ``local:N``: a ``LocalCluster`` of N worker processes on this machine, one thread each;
- ``tcp://HOST:PORT`` (or ``tls://…``): the scheduler of a running cluster (``dask
  scheduler`` and ``dask worker tcp://HOST:PORT --nthreads 1`` started by you, each
  worker with eventwire installed);
- ``slurm:OPTIONS`` or ``pbs:OPTIONS``: a ``dask-jobqueue`` cluster that submits batch jobs,
  OPTIONS being ``key=value`` pairs separated by commas: ``jobs`` (jobs to start, default
  1), ``cores`` (per job, default 1), ``memory`` (per job, default "4GB"), ``processes``
  (worker processes per job, default: ``cores``; each loads the pipeline and runs one
  article at a time), ``queue``, ``account``, ``walltime`` ("HH:MM:SS"), ``interface``
  (network interface, e.g. "ib0"), ``python`` (the Python with eventwire installed on the
  nodes, default this one), ``local_directory``; e.g.
  ``slurm:jobs=8,cores=16,memory=32GB,queue=normal,walltime=04:00:00``.

Each worker loads the pipeline once, when it joins (``PipelinePlugin``, a Dask worker
plugin): batches of ``batch`` articles are tasks, at most two per worker thread in
flight, so a large input is never read ahead.  A worker that dies (killed, out of memory,
its job ended) loses nothing: the scheduler runs its tasks again on another worker; a
batch that has killed ``distributed.scheduler.allowed-failures`` workers (3) fails its
articles with E102 (not stored, so a rerun tries them again).  Nothing is ever stored by
a worker, so nothing is half-stored.

Why one writer rather than workers writing into PostgreSQL: measured, the writer stores
far more articles a second than the workers extract, and clustering is serial anyway
(README "Scaling out").
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from eventwire.errors import ClusterError, WorkerError
from eventwire.model import Article, ArticleReport
from eventwire.pipeline import Failure

T = TypeVar("T")
Result = ArticleReport | Failure
PLUGIN = "eventwire-pipeline"
JOBQUEUE_OPTIONS = {
    "jobs",
    "cores",
    "memory",
    "processes",
    "queue",
    "account",
    "walltime",
    "interface",
    "python",
    "local_directory",
}
# Dask's defaults suit short numeric tasks; for whole articles of CPU-bound Python they cost
# CPU that extraction needs.  Measured on 80 PolNeAR texts, local:2, load average 7–10,
# one setting after the other, CPU ms per extracted article (~200 ms of extraction):
# - MALLOC_TRIM_THRESHOLD_=65536, which Dask puts in every worker's environment, turns off
#   glibc's adaptive thresholds: spaCy's arrays are mapped and unmapped again, 3,200–4,300
#   page faults per article instead of ~200, system time 24–41 → 3 ms once unset;
# - the statistical profiler (samples the task thread every 10 ms): each worker's event
#   loop 15 → 8 ms;
# - the event loops' tick, every 20 ms: each worker's loop 8 → 5 ms, this process's
#   (scheduler, nannies, client) 21 → 10 ms;
# - memory monitors every 100 ms, system monitors every 500 ms: workers 5 → 2.5 ms, this
#   process 10 → 7 ms.
# (The loops' costs are per second: at 1.5–2 articles/s here; per article they shrink as
# the rate grows.)  Applied to the clusters this process starts (local:N); workers started
# otherwise read their own Dask config (README "Scaling out" gives it as YAML).
CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


@dataclass(frozen=True)
class ClusterSpec:
    """A parsed ``--cluster`` value."""

    kind: str  # local, scheduler, slurm, pbs
    workers: int = 0  # local: processes
    address: str = ""  # scheduler: its address
    options: dict[str, str] = field(default_factory=dict)  # slurm/pbs


def parse_spec(spec: str) -> ClusterSpec:
    """``local:N``, ``tcp://host:port``, ``slurm:k=v,…`` or ``pbs:k=v,…`` (see module doc)."""
    value = spec.strip()
    kind, _, rest = value.partition(":")
    if kind == "local":
        if not rest.isdigit() or int(rest) < 1:
            raise ClusterError(spec, "local:N needs a number of worker processes ≥ 1")
        return ClusterSpec("local", workers=int(rest))
    if kind in ("tcp", "tls") and rest.startswith("//") and len(rest) > 2:
        return ClusterSpec("scheduler", address=value)
    if kind in ("slurm", "pbs"):
        options: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in rest.split(","))):
            key, sep, val = part.partition("=")
            if not sep or key not in JOBQUEUE_OPTIONS:
                known = ", ".join(sorted(JOBQUEUE_OPTIONS))
                raise ClusterError(spec, f"{part!r} is not KEY=VALUE with a KEY of {known}")
            options[key] = val
        for key in ("jobs", "cores", "processes"):
            if key in options and not options[key].isdigit():
                raise ClusterError(spec, f"{key} must be a whole number")
        return ClusterSpec(kind, options=options)
    raise ClusterError(
        spec, "not a cluster: give local:N, tcp://HOST:PORT, slurm:OPTIONS or pbs:OPTIONS"
    )


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # without the extra: parse_spec still works, DaskWorkers says what is missing
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin: loads eventwire's pipeline once, when the worker starts."""

    name = PLUGIN

    def __init__(self) -> None:
        self.extractor: Any = None

    def setup(self, worker: Any) -> None:
        from eventwire.pipeline import default_extractor

        self.extractor = default_extractor()

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def _extract(batch: list[Article | Failure], timeout_s: float | None) -> list[Result]:
    """The task: extract a batch with the worker's pipeline (loaded by the plugin)."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN]
    if plugin.extractor is None:  # pragma: no cover - setup always ran before a task
        plugin.setup(None)
    size = max(len(batch), 1)
    return list(plugin.extractor.extract_many(batch, batch_size=size, timeout_s=timeout_s))


def _died(item: Article | Failure, why: str) -> Failure:
    if isinstance(item, Failure):
        return item
    name = item.url or item.title or item.id
    return Failure(name, str(WorkerError(name, why)))


def local_cluster(workers: int, *, dashboard: bool = True) -> Any:
    """A LocalCluster of ``workers`` processes, one thread each, with ``CONFIG``; its
    dashboard on a free port when asked and bokeh is installed."""
    import dask
    from distributed import LocalCluster

    address: str | None = None
    if dashboard:
        with contextlib.suppress(ImportError):
            import bokeh  # noqa: F401  (the dashboard needs it)

            address = "127.0.0.1:0"
    # The scheduler and the nannies read the config when they start; a worker process gets
    # its nanny's copy (a copy of its own here: a nanny's shares the global config's dicts,
    # and a worker restarted after this block would run with Dask's defaults again).
    with dask.config.set(CONFIG):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=address,
            silence_logs=logging.ERROR,
            config=copy.deepcopy(dask.config.config),
        )


def _start(spec: ClusterSpec) -> tuple[Any, Any]:
    """(client, cluster or None) for the spec."""
    from distributed import Client

    if spec.kind == "scheduler":
        return Client(spec.address, timeout="30s"), None
    if spec.kind == "local":
        cluster = local_cluster(spec.workers)
        return Client(cluster), cluster
    import dask_jobqueue

    opts = dict(spec.options)
    jobs = int(opts.pop("jobs", "1"))
    cores = int(opts.pop("cores", "1"))
    python = opts.pop("python", sys.executable)
    kwargs: dict[str, Any] = {
        "cores": cores,
        "processes": int(opts.pop("processes", str(cores))),
        "memory": opts.pop("memory", "4GB"),
        "python": python,
        **opts,
    }
    make = dask_jobqueue.SLURMCluster if spec.kind == "slurm" else dask_jobqueue.PBSCluster
    cluster = make(**kwargs)
    cluster.scale(jobs=jobs)
    return Client(cluster), cluster


class DaskWorkers:
    """Extraction on a Dask cluster (see the module docstring)."""

    def __init__(
        self,
        spec: str | ClusterSpec,
        batch: int = 8,
        timeout_s: float | None = None,
        *,
        on_extracted: Callable[[int, int], None] | None = None,
    ) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ClusterError(str(spec), 'needs Dask: pip install "eventwire[cluster]"') from None
        self.spec = parse_spec(spec) if isinstance(spec, str) else spec
        self.batch = max(1, batch)
        self.timeout_s = timeout_s
        self.on_extracted = on_extracted
        self.extracted = 0  # articles back from the cluster
        self.lost = 0  # articles failed because their workers kept dying
        self._lock = threading.Lock()
        self.client, self.cluster = _start(self.spec)
        self.client.register_plugin(PipelinePlugin(), name=PLUGIN)

    @property
    def dashboard(self) -> str | None:
        """The Dask dashboard's URL, when the scheduler serves one."""
        with contextlib.suppress(Exception):
            if "dashboard" in self.client.scheduler_info().get("services", {}):
                return self.client.dashboard_link
        return None

    def threads(self) -> int:
        """Worker threads the cluster has now (at least 1)."""
        with contextlib.suppress(Exception):
            workers = self.client.scheduler_info().get("workers", {})
            return max(1, sum(w.get("nthreads", 1) for w in workers.values()))
        return 1

    def pids(self) -> list[int]:
        """The worker processes' ids (for a local cluster)."""
        return sorted(self.client.run(os.getpid).values())

    def _finished(self, n: int, future: Any) -> None:
        if future.status == "finished":
            self._done(n)

    def _done(self, n: int) -> None:
        with self._lock:
            self.extracted += n
            extracted = self.extracted
        if self.on_extracted is not None:
            self.on_extracted(extracted, self.lost)

    def extract(self, items: Iterable[tuple[T, Article | Failure]]) -> Iterator[tuple[T, Result]]:
        """(tag, report or Failure) for each (tag, article or Failure), in input order."""
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        pending: deque[tuple[list[T], list[Article | Failure], Any]] = deque()
        it = iter(items)
        exhausted = False
        while True:
            room = 2 * self.threads()
            while not exhausted and len(pending) < room:
                batch = list(islice(it, self.batch))
                if not batch:
                    exhausted = True
                    break
                tags = [tag for tag, _ in batch]
                articles = [a for _, a in batch]
                future = self.client.submit(_extract, articles, self.timeout_s, pure=False)
                future.add_done_callback(partial(self._finished, len(articles)))
                pending.append((tags, articles, future))
            if not pending:
                return
            tags, articles, future = pending.popleft()
            try:
                results = future.result()
            except (KilledWorker, FutureCancelledError) as exc:
                why = (
                    "the Dask workers running it kept dying (killed, or out of memory?)"
                    if isinstance(exc, KilledWorker)
                    else "the cluster cancelled it"
                )
                with self._lock:
                    self.lost += len(articles)
                results = [_died(a, why) for a in articles]
            except Exception as exc:  # the task itself raised: name the batch's articles
                why = f"extraction failed on the cluster ({type(exc).__name__}: {exc})"
                results = [_died(a, why) for a in articles]
            yield from zip(tags, results, strict=True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()

    def __enter__(self) -> DaskWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["CONFIG", "ClusterSpec", "DaskWorkers", "PipelinePlugin", "local_cluster", "parse_spec"]
