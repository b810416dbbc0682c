"""What ``eventwire ingest`` reads: SOURCE arguments expanded into items, lazily, in order.

A SOURCE is
- a text or HTML file (``ingest.sources.read_source``), ``-`` for standard input;
- a JSON-lines file (``.jsonl``/``.ndjson``: one article per line, ``ingest.jsonl``);
- an RSS or Atom feed file (``.rss``/``.atom``, or ``.xml`` that starts like a feed);
- a directory: the files above in it, sorted by name (not its subdirectories);
- an http(s) URL: fetched once; a feed gives its items, anything else is an article.

Files and JSONL lines are read at once (cheap) and become ``Read`` items; a URL source
or a feed item's link becomes a ``Remote`` item, fetched only after the caller has checked
that its URL is not stored yet (``url_items`` for a URL source, which may be a feed;
``fetch_remote`` for a feed item).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.feeds import FEED_SUFFIXES, FeedItem, looks_like_feed, parse_feed
from eventwire.ingest.html import HTML_SUFFIXES
from eventwire.ingest.jsonl import count_lines, read_jsonl_named
from eventwire.ingest.limits import Limits
from eventwire.ingest.sources import TEXT_SUFFIXES, read_source
from eventwire.ingest.text import read_file
from eventwire.ingest.url import fetch, is_url, response_article
from eventwire.model import Article, Failure

JSONL_SUFFIXES = (".jsonl", ".ndjson")
READABLE = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES, ".rss", ".atom")


@dataclass
class Read:
    """An input already read: an Article, or a Failure naming it."""

    name: str
    result: Article | Failure
    feed_item: FeedItem | None = None


@dataclass
class Remote:
    """An article behind a URL, not fetched yet."""

    name: str
    url: str
    published: date | None = None
    feed_item: FeedItem | None = None
    maybe_feed: bool = False  # a URL source: a feed or an article (``url_items`` tells)


Item = Read | Remote


def fetch_remote(item: Remote, limits: Limits) -> Article:
    """Fetch and read the article of a Remote item; raises EventwireError naming it."""
    body, content_type, final_url = fetch(item.url, limits)
    if looks_like_feed(body, content_type):
        raise InputError(item.url, "a feed, not an article")
    return response_article(
        item.url, body, content_type, final_url, published=item.published, limits=limits
    )


def _feed_items(body: bytes, feed: str) -> Iterator[Item]:
    try:
        items = parse_feed(body, feed)
    except EventwireError as exc:
        yield Read(feed, Failure(feed, str(exc)))
        return
    for entry in items:
        if entry.link is None:
            name = f"{feed}: item {entry.key}"
            yield Read(name, Failure(name, "feed item without a link"), feed_item=entry)
        else:
            yield Remote(entry.link, entry.link, published=entry.published, feed_item=entry)


def _listing(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in READABLE)


def expand_sources(
    sources: Iterable[str],
    *,
    published: date | None = None,
    limits: Limits | None = None,
) -> Iterator[Item]:
    """The items of the SOURCE arguments, in order (see the module docstring)."""
    limits = limits or Limits()
    for source in sources:
        if source == "-":
            yield from _file_items(source, published, limits)
        elif is_url(source):
            yield Remote(source, source, published=published, maybe_feed=True)
        elif Path(source).is_dir():
            for path in _listing(Path(source)):
                yield from _file_items(str(path), published, limits)
        else:
            yield from _file_items(source, published, limits)


def url_items(url: str, *, published: date | None = None, limits: Limits) -> Iterator[Item]:
    """The items behind a URL: a feed's items, or the article itself (already fetched)."""
    try:
        body, content_type, final_url = fetch(url, limits)
        if looks_like_feed(body, content_type):
            yield from _feed_items(body, url)
            return
        article = response_article(
            url, body, content_type, final_url, published=published, limits=limits
        )
    except EventwireError as exc:
        yield Read(url, Failure(url, str(exc)))
        return
    yield Read(url, article)


def is_feed_source(source: str) -> bool:
    """Whether a SOURCE names a feed without reading it (by its suffix)."""
    return source.lower().endswith((".rss", ".atom"))


def _file_items(source: str, published: date | None, limits: Limits) -> Iterator[Item]:
    suffix = Path(source).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        for name, result in read_jsonl_named(source, published=published, limits=limits):
            yield Read(name, result)
        return
    if suffix in FEED_SUFFIXES:
        try:
            data = read_file(Path(source), source, limits)
        except EventwireError as exc:
            yield Read(source, Failure(source, str(exc)))
            return
        if suffix != ".xml" or looks_like_feed(data):
            yield from _feed_items(data, source)
            return
    name = "<stdin>" if source == "-" else source
    try:
        yield Read(name, read_source(source, published=published, limits=limits))
    except EventwireError as exc:
        yield Read(name, Failure(name, str(exc)))


def count_items(sources: Iterable[str]) -> int | None:
    """How many articles the sources hold, when that is known without fetching anything."""
    total = 0
    for source in sources:
        if source == "-" or is_url(source) or is_feed_source(source):
            return None
        path = Path(source)
        paths = _listing(path) if path.is_dir() else [path]
        for p in paths:
            if p.suffix.lower() in JSONL_SUFFIXES:
                lines = count_lines(str(p))
                if lines is None:
                    return None
                total += lines
            elif p.suffix.lower() in FEED_SUFFIXES:
                return None
            else:
                total += 1
    return total
