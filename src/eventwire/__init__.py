"""eventwire: news articles in, a database of sourced events out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from eventwire.version import __version__

__all__ = ["__version__", "extract", "extract_many"]


def extract(
    text: str,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Any:
    """Extract an ArticleReport from the text of one news article."""
    from eventwire.ingest.article import make_article
    from eventwire.pipeline import default_extractor

    article = make_article(text, source=url or "<text>", published=published, url=url, title=title)
    return default_extractor().extract(article)


def extract_many(items: Iterable[str | dict[str, Any]]) -> Iterator[Any]:
    """Extract from many articles (texts, or dicts with text/title/url/published).

    Yields an ArticleReport per article, or a model.Failure for an article that
    could not be read; one bad article never stops the others.
    """
    from eventwire.ingest.article import articles_from_records
    from eventwire.pipeline import default_extractor

    records = ({"text": item} if isinstance(item, str) else item for item in items)
    return default_extractor().extract_many(articles_from_records(records, source="<python>"))
