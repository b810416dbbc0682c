"""An ingest: sources → new articles → extraction (workers) → the store (one writer) → incidents.

``IngestJob(store, …).run(sources)`` reads the items of the sources in order
(``ingest.expand``) and, for each:

1. skips it **before extraction** when it is already stored: a URL (a URL source, a feed
   item's link) is not even fetched when an article from it is stored; a file or JSONL
   line is read (cheap) and skipped when its content hash, or its URL with the same text,
   is stored; a feed item already read is skipped silently;
2. extracts the new articles (``ingest.workers``: in this process, or in a pool of
   processes; or ``pool``, e.g. ``ingest.dask_workers.DaskWorkers`` on a Dask cluster), each
   within ``timeout_s`` seconds: one over it, or one in flight when its worker process
   died, is a failure (not stored, so the next run tries it again);
3. stores each report in its own transaction (whole or not at all), in input order;
4. every ``cluster_every`` stored articles and at the end, clusters the articles not
   clustered yet into incidents (``incidents.cluster``, one transaction per batch).

A kill at any moment loses at most the articles being extracted and the clustering batch
being written; running the same sources again extracts only what is not stored and
clusters what is not clustered: nothing is lost, nothing is stored twice.

``follow(feeds, interval)`` polls feeds the same way until interrupted (or ``polls``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.errors import EventwireError, FetchRefused
from eventwire.ingest.expand import Item, Remote, expand_sources, fetch_remote, url_items
from eventwire.ingest.limits import Limits
from eventwire.ingest.workers import Workers
from eventwire.model import Article, ArticleReport, Failure


@dataclass
class IngestStats:
    """What an ingest did so far."""

    read: int = 0  # items looked at
    stored: int = 0  # new articles stored
    skipped: int = 0  # already stored (not extracted)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, error)
    clustered_articles: int = 0  # what the clustering steps did, all of them added up
    clustered_events: int = 0
    joined: int = 0  # events that joined an incident
    new_incidents: int = 0  # events that started one
    clustering_steps: int = 0
    started: float = field(default_factory=time.perf_counter)
    first_result: float | None = None  # when the first article came out of extraction
    last_result: float | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def incidents(self) -> str:
        """What clustering did in this ingest ("" when it did not run)."""
        if not self.clustering_steps:
            return ""
        return (
            f"{self.clustered_events:,} events of {self.clustered_articles:,} articles: "
            f"{self.joined:,} joined an incident, {self.new_incidents:,} started one"
        )


@dataclass
class _Tag:
    name: str
    item: Item
    remember: bool = True  # a feed item's outcome is remembered (not when it was refused)


class IngestJob:
    """One ingest into ``store`` (see the module docstring)."""

    def __init__(
        self,
        store,
        *,
        workers: int = 1,
        batch: int = 8,
        timeout_s: float | None = None,
        published: date | None = None,
        limits: Limits | None = None,
        cluster: bool = True,
        cluster_every: int = 200,
        on_item: Callable[[IngestStats], None] | None = None,
        pool: Any = None,
    ) -> None:
        self.store = store
        self.published = published
        self.limits = limits or Limits()
        self.cluster = cluster
        self.cluster_every = cluster_every
        self.on_item = on_item
        self.stats = IngestStats()
        self.workers = pool if pool is not None else Workers(workers, batch, timeout_s)
        self._queued: set[str] = set()
        self._since_cluster = 0

    # --- reading -------------------------------------------------------------------------

    def _seen_feed_item(self, item: Item) -> bool:
        entry = item.feed_item
        return entry is not None and self.store.feed_item_seen(entry.feed, entry.key)

    def _new(self, items: Iterable[Item]) -> Iterator[tuple[_Tag, Article | Failure]]:
        """The items to extract: new articles, and Failures to report in order."""
        for item in items:
            if self._seen_feed_item(item):
                continue
            if isinstance(item, Remote):
                if self.store.has_url(item.url):
                    self._skip(item)
                    continue
                if item.maybe_feed:
                    yield from self._new(
                        url_items(item.url, published=item.published, limits=self.limits)
                    )
                    continue
                remember = True
                try:
                    result: Article | Failure = fetch_remote(item, self.limits)
                except FetchRefused as exc:  # not read: allowed later, it is fetched then
                    result, remember = Failure(item.name, str(exc)), False
                except EventwireError as exc:
                    result = Failure(item.name, str(exc))
                if isinstance(result, Failure):
                    yield _Tag(item.name, item, remember), result
                    continue
            else:
                result = item.result
            if isinstance(result, Article):
                if result.id in self._queued or self.store.known([result])[0]:
                    self._skip(item, result.id)
                    continue
                self._queued.add(result.id)
            yield _Tag(item.name, item), result

    def _skip(self, item: Item, article_id: str | None = None) -> None:
        self.stats.read += 1
        self.stats.skipped += 1
        if item.feed_item is not None:
            entry = item.feed_item
            self.store.remember_feed_item(
                entry.feed, entry.key, link=entry.link, article_id=article_id, status="known"
            )
        self._progress()

    # --- writing -------------------------------------------------------------------------

    def _store(self, tag: _Tag, result: ArticleReport | Failure) -> None:
        now = time.perf_counter()
        self.stats.first_result = self.stats.first_result or now
        self.stats.last_result = now
        self.stats.read += 1
        entry = tag.item.feed_item
        if isinstance(result, Failure):
            self.stats.failures.append((tag.name, result.error))
            if entry is not None and tag.remember:
                self.store.remember_feed_item(
                    entry.feed,
                    entry.key,
                    link=entry.link,
                    article_id=None,
                    status="failed",
                    error=result.error,
                )
        else:
            try:
                new = self.store.save(result)
            except EventwireError as exc:
                self.stats.failures.append((tag.name, f"could not store ({exc})"))
                new = None
            if new:
                self.stats.stored += 1
                self._since_cluster += 1
            elif new is False:
                self.stats.skipped += 1
            if entry is not None and new is not None:
                self.store.remember_feed_item(
                    entry.feed,
                    entry.key,
                    link=entry.link,
                    article_id=result.article.id,
                    status="stored" if new else "known",
                )
            self._queued.discard(result.article.id)
        if self.cluster and self._since_cluster >= self.cluster_every:
            self.update_incidents()
        self._progress()

    def _progress(self) -> None:
        if self.on_item is not None:
            self.on_item(self.stats)

    def update_incidents(self) -> None:
        """Cluster the stored articles not clustered yet."""
        from eventwire.incidents.cluster import update_incidents

        self._since_cluster = 0
        step = update_incidents(self.store)
        self.stats.clustered_articles += step.articles
        self.stats.clustered_events += step.events
        self.stats.joined += step.joined
        self.stats.new_incidents += step.started
        self.stats.clustering_steps += 1

    # --- running -------------------------------------------------------------------------

    def run(self, sources: Iterable[str]) -> IngestStats:
        """Ingest the sources once; returns the stats (failures listed there)."""
        items = expand_sources(sources, published=self.published, limits=self.limits)
        for tag, result in self.workers.extract(self._new(items)):
            self._store(tag, result)
        if self.cluster:
            self.update_incidents()
        return self.stats

    def follow(
        self,
        feeds: list[str],
        interval: float,
        polls: int | None = None,
        on_poll: Callable[[int, IngestStats], None] | None = None,
    ) -> IngestStats:
        """After a run: poll ``feeds`` every ``interval`` seconds (``polls`` more times, or
        until interrupted), ingesting each new item once."""
        done = 0
        last = time.monotonic()
        while polls is None or done < polls:
            time.sleep(max(0.0, interval - (time.monotonic() - last)))
            last = time.monotonic()
            self.run(feeds)
            done += 1
            if on_poll is not None:
                on_poll(done + 1, self.stats)
        return self.stats

    def close(self) -> None:
        self.workers.close()

    def __enter__(self) -> IngestJob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["IngestJob", "IngestStats"]
