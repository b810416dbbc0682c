"""From what a user names on the command line to Articles (or Failures), lazily, in order.

A source is a URL (http/https), ``-`` for standard input, a directory (its text and HTML
files, sorted) or a file: HTML when its name ends in .html/.htm or its bytes start like
HTML, plain text otherwise.  JSONL batches are read by ``eventwire.ingest.jsonl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.html import HTML_SUFFIXES, html_article, looks_like_html
from eventwire.ingest.jsonl import count_lines, read_jsonl_named
from eventwire.ingest.limits import Limits
from eventwire.ingest.text import binary_kind, decode, read_file, read_stdin, text_article
from eventwire.ingest.url import is_url, url_article
from eventwire.model import Article, Failure

TEXT_SUFFIXES = (".txt", ".text")


def read_source(
    source: str, *, published: date | str | None = None, limits: Limits | None = None
) -> Article:
    """One Article from a file, URL or ``-``; raises InputError naming the source."""
    limits = limits or Limits()
    if is_url(source):
        return url_article(source, published=published, limits=limits)
    if source == "-":
        data, name = read_stdin(limits), "<stdin>"
    else:
        data, name = read_file(Path(source), source, limits), source
    kind = binary_kind(data)
    if kind:
        raise InputError(name, f"not a text file: looks like {kind}")
    if source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        return html_article(data, source=name, published=published, limits=limits)
    return text_article(decode(data, name), source=name, published=published, limits=limits)


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Sources with each directory replaced by its text and HTML files, sorted."""
    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir():
            yield from (
                str(p)
                for p in sorted(path.iterdir())
                if p.is_file() and p.suffix.lower() in (*TEXT_SUFFIXES, *HTML_SUFFIXES)
            )
        else:
            yield source


def read_sources_named(
    sources: Iterable[str],
    batches: Iterable[str] = (),
    *,
    published: date | str | None = None,
    limits: Limits | None = None,
) -> Iterator[tuple[str, Article | Failure]]:
    """(source name, Article or Failure) from sources then JSONL batches, lazily, in order."""
    limits = limits or Limits()
    for source in expand(sources):
        name = "<stdin>" if source == "-" else source
        try:
            yield name, read_source(source, published=published, limits=limits)
        except EventwireError as exc:
            yield name, Failure(name, str(exc))
    for batch in batches:
        yield from read_jsonl_named(batch, published=published, limits=limits)


def read_sources(
    sources: Iterable[str],
    batches: Iterable[str] = (),
    *,
    published: date | str | None = None,
    limits: Limits | None = None,
) -> Iterator[Article | Failure]:
    """Articles from sources then JSONL batches; each unreadable input becomes a Failure."""
    for _, item in read_sources_named(sources, batches, published=published, limits=limits):
        yield item


def count_sources(sources: Iterable[str], batches: Iterable[str] = ()) -> int | None:
    """How many articles the sources hold (None when a batch comes from stdin)."""
    total = sum(1 for _ in expand(sources))
    for batch in batches:
        lines = count_lines(batch)
        if lines is None:
            return None
        total += lines
    return total
