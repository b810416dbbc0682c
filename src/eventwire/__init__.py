"""eventwire: news articles in, a database of sourced events out.

    report = eventwire.extract(text, published="2024-01-04")   # an ArticleReport
    for item in eventwire.extract_many(texts_or_dicts): ...    # ArticleReport | Failure
    eventwire.to_frame(reports_or_store, what="events")        # a pandas DataFrame
    with eventwire.open_store("eventwire.db") as store: store.save(report)

Every value of a report carries its evidence Span in the article text.  Build your own
pipeline with ``Extractor(stages=[*default_stages(), Stage(...)])``; ARCHITECTURE.md
describes the layers.  The names below load on first use (``import eventwire`` does not
load spaCy).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from eventwire.version import __version__

if TYPE_CHECKING:
    from eventwire.frames import to_frame
    from eventwire.model import (
        Actor,
        Arg,
        Article,
        ArticleReport,
        Count,
        Event,
        Failure,
        Place,
        Span,
        Statement,
        When,
    )
    from eventwire.pipeline import Extractor, Stage, default_stages
    from eventwire.store import Store, open_store

__all__ = [
    "Actor",
    "Arg",
    "Article",
    "ArticleReport",
    "Count",
    "Event",
    "Extractor",
    "Failure",
    "Place",
    "Span",
    "Stage",
    "Statement",
    "Store",
    "When",
    "__version__",
    "default_stages",
    "extract",
    "extract_many",
    "open_store",
    "to_frame",
]

# name → module that defines it, imported on first use (PEP 562)
_LAZY = {
    **dict.fromkeys(
        ("Actor", "Arg", "Article", "ArticleReport", "Count", "Event", "Failure", "Place"),
        "eventwire.model",
    ),
    **dict.fromkeys(("Span", "Statement", "When"), "eventwire.model"),
    **dict.fromkeys(("Extractor", "Stage", "default_stages"), "eventwire.pipeline"),
    **dict.fromkeys(("Store", "open_store"), "eventwire.store"),
    "to_frame": "eventwire.frames",
}


def __getattr__(name: str) -> Any:
    """The public names of other modules, imported on first use (help: their modules)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def extract(
    text: str,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> ArticleReport:
    """Extract an ArticleReport from the text of one news article.

    Raises ``errors.InputError`` (``LanguageError``) for a text eventwire refuses.
    """
    from eventwire.ingest.article import make_article
    from eventwire.pipeline import default_extractor

    article = make_article(text, source=url or "<text>", published=published, url=url, title=title)
    return default_extractor().extract(article)


def extract_many(items: Iterable[str | dict[str, Any]]) -> Iterator[ArticleReport | Failure]:
    """Extract from many articles (texts, or dicts with text/title/url/published).

    Yields an ArticleReport per article, or a Failure for an article that could not be
    read; one bad article never stops the others.
    """
    from eventwire.ingest.article import articles_from_records
    from eventwire.pipeline import default_extractor

    records = ({"text": item} if isinstance(item, str) else item for item in items)
    return default_extractor().extract_many(articles_from_records(records, source="<python>"))
