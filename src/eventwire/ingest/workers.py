"""Extraction in worker processes, results in order, for one writer in the parent.

``extract_in_order(items, workers)`` runs ``Extractor.extract_many`` on batches of
articles: in this process when ``workers`` is 1, else in a pool of ``workers`` processes
(each loads the pipeline once).  At most ``2 × workers`` batches are in flight, so a large
input is never read ahead into memory, and results come back in input order, so the
parent (the only writer) stores them in a stable order.

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
from itertools import islice
from typing import Any, TypeVar

from eventwire.model import Article, ArticleReport
from eventwire.pipeline import Failure

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


def _work(batch: list[Article | Failure]) -> list[Result]:
    return list(_extractor.extract_many(batch, batch_size=max(len(batch), 1)))


def _batches(items: Iterable[tuple[T, Article | Failure]], size: int):
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Workers:
    """A pool of extraction processes (or none, for one worker), reusable across calls."""

    def __init__(self, workers: int = 1, batch: int = 8) -> None:
        self.workers = max(1, workers)
        self.batch = max(1, batch)
        self._pool: Any = None
        if self.workers > 1:
            import multiprocessing

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            self._pool = context.Pool(self.workers, initializer=_init, initargs=(os.getpid(),))

    def extract(self, items: Iterable[tuple[T, Article | Failure]]) -> Iterator[tuple[T, Result]]:
        """(tag, report or Failure) for each (tag, article or Failure), in input order."""
        if self._pool is None:
            yield from self._local(items)
            return
        pending: deque[tuple[list[T], Any]] = deque()
        batches = _batches(items, self.batch)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * self.workers:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                tags = [tag for tag, _ in batch]
                pending.append((tags, self._pool.apply_async(_work, ([a for _, a in batch],))))
            if not pending:
                return
            tags, future = pending.popleft()
            yield from zip(tags, future.get(), strict=True)

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
        for result in extractor.extract_many(_chain(first, source), batch_size=self.batch):
            yield tags.popleft(), result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chain(first: T, rest: Iterator[T]) -> Iterator[T]:
    yield first
    yield from rest
