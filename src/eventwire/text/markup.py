"""Markup left in article text: tags, attributes, URLs — never the words of an argument.

Feeds and scraped pages leave remnants such as ``tweet id="747970077610352640"
author="@thedailybeast"`` (an embedded tweet's tag, its brackets gone), ``<b>`` or
``https://t.co/x`` in the text.  ``without_markup`` cuts them out of an argument's words:
the last run of words free of them is kept ("…author="@x" Police" → "Police"); nothing
word-like left means no argument.
"""

from __future__ import annotations

import re

from eventwire.model import Span

__all__ = ["MARKUP", "clean_span", "without_markup"]

MARKUP = re.compile(
    r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+=\"[^\"]*\")*\s*/?>"  # a tag: <b>, </tweet>, <a href="…">
    r"|(?:\b[A-Za-z][\w:-]*\s+)?(?:[\w:-]+=\"[^\"]*\"\s*)+>?"  # a tag's attributes: id="…"
    r"|https?://\S+|www\.\S+|pic\.twitter\.com/\S*"  # URLs
    r"|[<>]"
)
_WORD = re.compile(r"[^\W\d_]")
_EDGE = " \t\n\"'“”‘’,;:.-–—()[]"


def without_markup(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start:end`` of ``text`` less markup: the last markup-free run of words, stripped;
    unchanged without markup, None when no word is left."""
    piece = text[start:end]
    if not MARKUP.search(piece):
        return start, end
    runs = []
    at = 0
    for m in MARKUP.finditer(piece):
        runs.append((at, m.start()))
        at = m.end()
    runs.append((at, len(piece)))
    for a, b in reversed(runs):
        while a < b and piece[a] in _EDGE:
            a += 1
        while b > a and piece[b - 1] in _EDGE:
            b -= 1
        if _WORD.search(piece[a:b]):
            return start + a, start + b
    return None


def clean_span(text: str, span: Span) -> Span | None:
    """The span less markup (``without_markup``); None when nothing is left."""
    cut = without_markup(text, span.start, span.end)
    if cut is None:
        return None
    return span if cut == (span.start, span.end) else Span.of(text, *cut)
