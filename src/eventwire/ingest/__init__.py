"""Readers that turn sources (text, HTML, URL, JSONL, stdin) into Articles.

``read_sources`` is the entry point of the CLI; ``make_article`` builds an Article from
text and metadata (normalised text, content-hash id, outlet, date, language check).
"""

from eventwire.ingest.article import article_id, make_article
from eventwire.ingest.limits import Limits
from eventwire.ingest.sources import read_source, read_sources

__all__ = ["Limits", "article_id", "make_article", "read_source", "read_sources"]
