"""Extraction in worker processes, results in order, for one writer in the parent.

``Workers(workers, batch, timeout_s).extract(items)`` runs ``Extractor.extract_many`` on
batches of articles: in this process when ``workers`` is 1, else in a pool of ``workers``
processes (each loads the pipeline once).  At most ``2 × workers`` batches are in flight,
so a large input is never read ahead into memory, and results come back in input order,
so the parent (the only writer) stores them in a stable order.

An article whose extraction runs past ``timeout_s`` becomes a Failure (E101) and the
batch goes on (``Extractor.extract_many``).  A worker process that dies (killed, out of
memory) breaks the pool: the articles of the batches in flight become Failures (E102),
a new pool starts and the rest goes on; a run again retries them.  When the pool breaks
again before any batch came back, ``extract`` raises ``WorkerError``: something kills
every worker (the pipeline cannot load, memory is too short), and going on is pointless.

spaCy's own ``nlp.pipe(n_process=…)`` would parallelise the statistical model only; the
stages (actors, places, events…) are Python too, so whole articles go to the workers.
Workers are forked before the parent starts any thread (the progress bar) and die with
their parent: a ``kill -9`` of ``eventwire ingest`` leaves no orphan behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from eventwire.errors import WorkerError
from eventwire.model import Article, ArticleReport, Failure

T = TypeVar("T")
Result = ArticleReport | Failure

_extractor: Any = None


def _die_with_parent(parent: int) -> None:
    """Exit when the parent process dies (Linux: at once; elsewhere: within a second)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init(parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    global _extractor
    from eventwire.pipeline import default_extractor

    _extractor = default_extractor()


def _work(batch: list[Article | Failure], timeout_s: float | None) -> list[Result]:
    return list(_extractor.extract_many(batch, batch_size=max(len(batch), 1), timeout_s=timeout_s))


def _died(item: Article | Failure) -> Failure:
    """What becomes of an article that was in flight when its worker process died."""
    if isinstance(item, Failure):
        return item
    name = item.url or item.title or item.id
    why = "the worker process died while it was in flight (killed, or out of memory?)"
    return Failure(name, str(WorkerError(name, why)))


def _batches(items: Iterable[tuple[T, Article | Failure]], size: int):
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Workers:
    """A pool of extraction processes (or none, for one worker), reusable across calls."""

    def __init__(self, workers: int = 1, batch: int = 8, timeout_s: float | None = None) -> None:
        self.workers = max(1, workers)
        self.batch = max(1, batch)
        self.timeout_s = timeout_s
        self.restarts = 0  # pools started again after a worker died
        self._pool: Any = None
        self._broken = False
        if self.workers > 1:
            self._pool = self._start()

    def _start(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init,
            initargs=(os.getpid(),),
        )
        pool.submit(int)  # forks every worker now, from this thread (see _die_with_parent)
        return pool

    def extract(self, items: Iterable[tuple[T, Article | Failure]]) -> Iterator[tuple[T, Result]]:
        """(tag, report or Failure) for each (tag, article or Failure), in input order."""
        if self._pool is None:
            yield from self._local(items)
            return
        pending: deque[tuple[list[T], list[Article | Failure], Future]] = deque()
        batches = _batches(items, self.batch)
        exhausted = False
        came_back = True  # a batch came back since the pool (re)started
        while True:
            while not exhausted and len(pending) < 2 * self.workers:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                tags = [tag for tag, _ in batch]
                articles = [a for _, a in batch]
                if self._broken:  # a new pool, only once there is more to extract
                    self._kill()
                    self._pool = self._start()
                    self._broken = False
                    self.restarts += 1
                pending.append((tags, articles, self._pool.submit(_work, articles, self.timeout_s)))
            if not pending:
                return
            tags, articles, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                if not came_back:
                    raise WorkerError(
                        "ingest", "the worker processes keep dying (out of memory?); stopping"
                    ) from None
                yield from zip(tags, map(_died, articles), strict=True)
                for tags, articles, future in pending:  # the rest of the batches in flight
                    if future.exception() is None:
                        yield from zip(tags, future.result(), strict=True)
                    else:
                        yield from zip(tags, map(_died, articles), strict=True)
                pending.clear()
                self._broken = True
                came_back = False
                continue
            came_back = True
            yield from zip(tags, results, strict=True)

    def _local(self, items: Iterable[tuple[T, Article | Failure]]) -> Iterator[tuple[T, Result]]:
        from eventwire.pipeline import default_extractor

        tags: deque[T] = deque()

        def articles() -> Iterator[Article | Failure]:
            for tag, item in items:
                tags.append(tag)
                yield item

        source = articles()
        first = next(source, None)  # load spaCy only once there is something to read
        if first is None:
            return
        extractor = default_extractor()
        results = extractor.extract_many(
            _chain(first, source), batch_size=self.batch, timeout_s=self.timeout_s
        )
        for result in results:
            yield tags.popleft(), result

    def pids(self) -> list[int]:
        """The worker processes' ids (none for one worker)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return [p.pid for p in list(processes.values()) if p.pid is not None]

    def _kill(self) -> None:
        """Stop the pool at once, killing its processes (a stuck one included)."""
        if self._pool is None:
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(5)
        self._pool = None

    def close(self) -> None:
        self._kill()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chain(first: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield from rest
