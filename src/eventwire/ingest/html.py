"""HTML pages: the main text by trafilatura, with title, date and URL when the page has them.

trafilatura drops navigation, comments and boilerplate and reads the page's metadata
(``<title>``/Open Graph, publication date via htmldate, canonical URL).  It is imported
only when an HTML page is read.  The headline is kept as ``Article.title``; when the
main text repeats it as its first line, that line is dropped from the text.
"""

from __future__ import annotations

import re
from datetime import date

from eventwire.errors import InputError
from eventwire.ingest.article import make_article
from eventwire.ingest.limits import Limits
from eventwire.model import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document."""
    return bool(_HTML_START.match(data[:4096]))


def html_article(
    data: bytes | str,
    *,
    source: str,
    url: str | None = None,
    published: date | str | None = None,
    limits: Limits | None = None,
) -> Article:
    """An Article from an HTML page; InputError when no main text can be found."""
    import trafilatura

    limits = limits or Limits()
    try:
        doc = trafilatura.bare_extraction(
            data,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:  # trafilatura/lxml on hostile markup: name the input, not a trace
        raise InputError(source, f"cannot parse the HTML ({type(exc).__name__})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not any(c.isalpha() for c in text):
        raise InputError(source, "no article text found in the HTML page")
    title = doc.title or None
    lines = text.strip().split("\n")
    if title and len(lines) > 1 and " ".join(lines[0].split()) == " ".join(title.split()):
        text = "\n".join(lines[1:])
    return make_article(
        text,
        source=source,
        published=doc.date or published,
        url=url or doc.url,
        title=title,
        outlet=None if (url or doc.url) else doc.sitename,
        max_chars=limits.max_chars,
    )
