"""JSON-lines batches: one article per line, in the news-please layout.

Each line is a JSON object with ``text`` or ``maintext`` and optionally ``title``,
``url``, ``date_publish`` or ``published`` and ``source_domain``.  Blank lines are
skipped.  A bad line (malformed JSON, missing text, too long, not English…) becomes a
Failure named ``FILE:LINE`` and the other lines go on.  The file is streamed, so its size
is not capped; each line is, by the byte cap of one article.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.article import article_from_record
from eventwire.ingest.limits import Limits, human_size
from eventwire.model import Article, Failure


def _open(path: str, limits: Limits) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        if Path(path).is_dir():
            raise InputError(path, "is a directory, not a JSONL file")
        return Path(path).open("rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _lines(stream: BinaryIO, limits: Limits) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line over the cap (skipped to its end)."""
    number = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def read_jsonl_named(
    path: str, *, published: date | str | None = None, limits: Limits | None = None
) -> Iterator[tuple[str, Article | Failure]]:
    """("FILE:LINE", Article or Failure) per line of a JSONL file; ``-`` reads stdin."""
    limits = limits or Limits()
    name = "<stdin>" if path == "-" else path
    try:
        stream = _open(path, limits)
    except InputError as exc:
        yield name, Failure(name, str(exc))
        return
    try:
        for number, line in _lines(stream, limits):
            source = f"{name}:{number}"
            if line is None:
                error = InputError(
                    source, f"line longer than the size cap of {human_size(limits.max_bytes)}"
                )
                yield source, Failure(source, str(error))
                continue
            if not line.strip():
                continue
            try:
                yield source, _article(line, source, published, limits)
            except EventwireError as exc:
                yield source, Failure(source, str(exc))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def read_jsonl(
    path: str, *, published: date | str | None = None, limits: Limits | None = None
) -> Iterator[Article | Failure]:
    """Articles (or Failures) from a JSONL file; ``-`` reads standard input."""
    for _, item in read_jsonl_named(path, published=published, limits=limits):
        yield item


def _article(line: bytes, source: str, published: date | str | None, limits: Limits) -> Article:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(source, "line is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    return article_from_record(
        record, source=source, published=published, max_chars=limits.max_chars
    )


def count_lines(path: str) -> int | None:
    """Number of non-blank lines (for a progress bar); None for stdin or an unreadable file."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return None
