"""Building a validated Article from text and metadata.

``make_article`` normalises the text (line ends, Unicode NFC, control characters, outer
whitespace) *before* anything indexes it: ``Article.text`` is the text every evidence
Span points into.  It derives the id (content hash), the outlet (URL host, or a dateline
such as "(Cupventi.com) –" or "KABUL (AP) —"), the publication date, and refuses
empty, over-long and non-English texts with an InputError naming the source.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from eventwire.errors import EventwireError, InputError, LanguageError
from eventwire.ingest.language import detect_language
from eventwire.ingest.limits import MAX_CHARS
from eventwire.model import Article, Failure
from eventwire.text.datelines import outlet_of_dateline

log = logging.getLogger("eventwire.ingest")

# C0/C1 controls other than tab and newline are dropped; page and line breaks become "\n";
# every other kind of space (no-break, thin…) becomes a plain space; the BOM goes.
_DROP = {c: "" for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFEFF]}
_NEWLINE = {0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_SPACE = {c: " " for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_REPLACE = {chr(c): r for c, r in {**_DROP, **_NEWLINE, **_SPACE}.items()}
_SPECIAL = re.compile("[" + "".join(re.escape(c) for c in _REPLACE) + "]")

_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


# C0 control characters that no text holds, NUL included (tab, newline, CR, form feed do)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
BINARY_SHARE = 0.01  # more control characters than this share, and ...
BINARY_MIN = 3  # ... at least this many: binary data, not text
SAMPLE = 8192  # characters (or bytes) looked at


def controls_kind(sample: str | bytes) -> str | None:
    """ "binary data (NUL bytes)" or "binary data (control bytes)" when more than 1% of
    the first 8 KB, and at least 3, are control characters that no text holds (tab, line
    feed, carriage return and form feed are text); None for text.

    The one rule for text from any reader: files and standard input (bytes), JSONL
    records, the REST API and Python callers (str).  A few stray NUL or control characters
    in a text are dropped by ``normalise_text``.
    """
    sample = sample[:SAMPLE].decode("latin-1") if isinstance(sample, bytes) else sample[:SAMPLE]
    controls = _CONTROL.findall(sample)
    if len(controls) < BINARY_MIN or len(controls) <= BINARY_SHARE * len(sample):
        return None
    return "binary data (NUL bytes)" if "\x00" in controls else "binary data (control bytes)"


def valid_unicode(text: str) -> tuple[str, int]:
    """``text`` with every code point UTF-8 cannot encode (a lone surrogate, as a JSON
    ``"\\ud800"`` gives) replaced by U+FFFD, and how many were replaced; a surrogate
    pair becomes the one character it stands for."""
    if not _SURROGATE.search(text):
        return text, 0
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return fixed, fixed.count("\ufffd") - text.count("\ufffd")


def normalise_text(text: str) -> str:
    """The article text as eventwire stores and indexes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(lambda m: _REPLACE[m.group()], unicodedata.normalize("NFC", text))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def article_id(text: str) -> str:
    """Content hash of the (normalised) text: the article's identity in the store."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def outlet_of_url(url: str | None) -> str | None:
    """ "https://www.example.com/x" → "example.com"."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def parse_published(value: object, source: str) -> date | None:
    """A publication date from "2024-01-04", "2024-01-04T10:00:00Z", a date or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (match := _ISO_DATE.match(value)):
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            pass
    raise InputError(source, f"cannot read the publication date {value!r} (use YYYY-MM-DD)")


def _one_line(value: object, replaced: list[int]) -> str | None:
    if value is None:
        return None
    line, bad = valid_unicode(str(value))
    replaced.append(bad)
    line = " ".join(normalise_text(line).split())
    return line or None


def make_article(
    text: str,
    *,
    source: str,
    published: date | str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    max_chars: int = MAX_CHARS,
    check_language: bool = True,
) -> Article:
    """A validated Article; raises InputError (LanguageError) naming ``source``."""
    if not isinstance(text, str):
        raise InputError(source, f"the text is a {type(text).__name__}, not a string")
    text, bad = valid_unicode(text)
    replaced = [bad]
    kind = controls_kind(text)
    if kind:
        raise InputError(source, f"not a text: looks like {kind}")
    text = normalise_text(text)
    if not any(c.isalpha() for c in text):
        raise InputError(source, "empty text: no words to read")
    if len(text) > max_chars:
        raise InputError(source, f"text too long: {len(text):,} characters (at most {max_chars:,})")
    language = "en"
    if check_language:
        language, confidence = detect_language(text)
        if language != "en":
            raise LanguageError(
                source,
                f"not English (looks like '{language}', {confidence:.0%} sure); "
                "eventwire reads English news",
            )
    url = _one_line(url, replaced)
    article = Article(
        id=article_id(text),
        title=_one_line(title, replaced),
        url=url,
        outlet=_one_line(outlet, replaced) or outlet_of_url(url) or outlet_of_dateline(text),
        published=parse_published(published, source),
        language=language,
        text=text,
    )
    if sum(replaced):
        log.warning(
            "%s: %d character(s) that are not valid Unicode (lone surrogates) replaced by U+FFFD",
            source,
            sum(replaced),
        )
    return article


def article_from_record(
    record: Any, *, source: str, published: date | str | None = None, max_chars: int = MAX_CHARS
) -> Article:
    """An Article from a dict in the news-please / JSONL layout.

    Keys: ``text`` or ``maintext``; optional ``title``, ``url``, ``date_publish`` or
    ``published``, ``source_domain`` (the outlet).  ``published`` is the default date.
    """
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record and "maintext" not in record:
        raise InputError(source, "no 'text' or 'maintext' field")
    text = record.get("text") or record.get("maintext")
    if text is None:  # {"text": null}: as empty as ""
        text = ""
    return make_article(
        text,
        source=source,
        published=record.get("published") or record.get("date_publish") or published,
        url=record.get("url"),
        title=record.get("title"),
        outlet=record.get("source_domain"),
        max_chars=max_chars,
    )


def articles_from_records(
    records: Iterable[dict[str, Any]], source: str, published: date | str | None = None
) -> Iterator[Article | Failure]:
    """Articles from dicts (JSONL lines, Python); a bad record becomes a Failure."""
    for n, record in enumerate(records, 1):
        name = f"{source}:{n}"
        try:
            yield article_from_record(record, source=name, published=published)
        except EventwireError as exc:
            yield Failure(name, str(exc))
