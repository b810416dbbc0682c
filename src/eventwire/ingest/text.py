"""Plain-text articles: reading bytes safely, decoding them, and an optional header.

Decoding: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark
are read as such.  Other bytes are read as Windows-1252 (a superset of Latin-1 for
printable text, the usual legacy encoding of Western news text) when that gives plausible
text, with a logged note; anything with a known binary signature, or with many control
bytes (NUL included: more than 1% of the first 8 KB, ``article.controls_kind``, the rule
for every reader), is refused as binary.

Header: a text file may start with a small block of ``key: value`` lines between two
``---`` lines (YAML front matter, as in static site generators) giving ``title``,
``published``, ``url`` and ``outlet``; the article text is what follows the block.
"""

from __future__ import annotations

import codecs
import logging
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.article import controls_kind, make_article
from eventwire.ingest.limits import Limits, human_size
from eventwire.model import Article

log = logging.getLogger("eventwire.ingest")

HEADER_KEYS = ("title", "published", "url", "outlet")
_HEADER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)

# Leading bytes of common binary formats, for a clearer message than "binary".
SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program (ELF)",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}


def read_limited(stream: BinaryIO, source: str, limits: Limits) -> bytes:
    """At most ``limits.max_bytes`` from a stream; refuses a longer one without reading it all."""
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise InputError(
            source,
            f"larger than the size cap of {human_size(limits.max_bytes)} "
            "(raise it with --max-bytes or EVENTWIRE_MAX_BYTES)",
        )
    return data


def read_file(path: Path, source: str, limits: Limits) -> bytes:
    """The bytes of a file, checking that it exists and its size before reading it."""
    try:
        if path.is_dir():
            raise InputError(source, "is a directory")
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputError(
                source,
                f"file of {human_size(size)} is larger than the size cap of "
                f"{human_size(limits.max_bytes)} (raise it with --max-bytes or "
                "EVENTWIRE_MAX_BYTES)",
            )
        with path.open("rb") as stream:
            return read_limited(stream, source, limits)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None


def read_stdin(limits: Limits) -> bytes:
    """Standard input as bytes, within the size cap."""
    return read_limited(sys.stdin.buffer, "<stdin>", limits)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or None for text."""
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    return controls_kind(data)


def decode(data: bytes, source: str) -> str:
    """Text from bytes (see the module docstring for the rules)."""
    kind = binary_kind(data)
    if kind:
        raise InputError(source, f"not a text file: looks like {kind}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "not valid UTF-16 despite its byte-order mark") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            source, f"not UTF-8 text (invalid byte at offset {position}) nor Windows-1252"
        ) from None
    log.warning("%s: not UTF-8 (byte %d); read as Windows-1252", source, position)
    return text


def split_header(text: str, source: str) -> tuple[dict[str, Any], str]:
    """(metadata, body): the ``---`` header block of a text, if it has one."""
    match = _HEADER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text  # not a header after all: a text that starts with "---"
    if not isinstance(meta, dict) or not set(map(str, meta)) & set(HEADER_KEYS):
        return {}, text
    unknown = sorted(set(map(str, meta)) - set(HEADER_KEYS))
    if unknown:
        raise InputError(
            source, f"unknown header key(s) {', '.join(unknown)} (known: {', '.join(HEADER_KEYS)})"
        )
    return meta, text[match.end() :]


def text_article(
    text: str,
    *,
    source: str,
    published: date | str | None = None,
    url: str | None = None,
    limits: Limits | None = None,
) -> Article:
    """An Article from plain text that may start with a ``---`` header."""
    limits = limits or Limits()
    meta, body = split_header(text, source)
    return make_article(
        body,
        source=source,
        published=meta.get("published") or published,
        url=meta.get("url") or url,
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        max_chars=limits.max_chars,
    )
