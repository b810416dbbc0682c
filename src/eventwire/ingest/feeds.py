"""RSS and Atom feeds: which items a feed lists, each with the link to its article.

feedparser reads RSS 0.9x/1.0/2.0 and Atom (malformed feeds too, as far as it can).  An
item is known by its ``id``/``guid`` (else its link); ``eventwire ingest`` remembers the
items it has read in the store so that each new item's article is fetched once, however
often the feed is polled.  The feed itself is fetched like any URL (``ingest.url.fetch``:
timeout, size cap, redirects) or read from a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventwire.errors import InputError

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+xml",
)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL
)


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its identity, the link to its article and what the feed says."""

    feed: str
    key: str  # guid / id, else the link
    link: str | None
    title: str | None
    published: date | None


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """True for an RSS or Atom document (by content type or by its first element)."""
    if content_type in FEED_TYPES and content_type not in ("application/xml", "text/xml"):
        return True
    return bool(_FEED_START.match(body[:4096]))


def parse_feed(body: bytes, feed: str) -> list[FeedItem]:
    """The items of a feed document, in feed order; InputError when it is no feed."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__})" if reason else ""
        raise InputError(feed, f"not an RSS or Atom feed{detail}")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip() or None
        key = (entry.get("id") or "").strip() or link
        if key is None:
            continue  # nothing to know it by, nothing to fetch
        items.append(
            FeedItem(
                feed=feed,
                key=key,
                link=link,
                title=(entry.get("title") or "").strip() or None,
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    return items


def _date(parsed: object) -> date | None:
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return None
