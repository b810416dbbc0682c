"""Building a validated Article from text and metadata.

First version: hashing, date parsing and emptiness checks.  Outlet detection, language
detection and size limits are to be completed by the ingest work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.model import Article
from eventwire.pipeline import Failure


def article_id(text: str) -> str:
    """Content hash of the text: the article's identity in the store."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str,
    *,
    source: str,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> Article:
    """A validated Article; raises InputError naming ``source``."""
    if not text or not text.strip():
        raise InputError(source, "empty text")
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    return Article(
        id=article_id(text), title=title, url=url, outlet=outlet, published=published, text=text
    )


def articles_from_records(
    records: Iterable[dict[str, Any]], source: str
) -> Iterator[Article | Failure]:
    """Articles from dicts (JSONL lines, Python); a bad record becomes a Failure."""
    for n, record in enumerate(records, 1):
        name = f"{source}:{n}"
        try:
            yield make_article(
                record.get("text") or record.get("maintext") or "",
                source=name,
                published=record.get("published") or record.get("date_publish"),
                url=record.get("url"),
                title=record.get("title"),
                outlet=record.get("source_domain"),
            )
        except EventwireError as exc:
            yield Failure(name, str(exc))
