"""Offsets into the normalised article text, mapped back onto the dataset's own text.

eventwire indexes the text as ``normalise_text`` leaves it (no-break spaces as spaces,
CR LF as LF, no trailing white space on a line, no outer white space); a dataset's gold
offsets index its file as it is.  Evaluators that compare character offsets (PolNeAR's
attributions, the geoparsing corpora's toponyms) map each predicted span with
``raw_offsets`` and ``to_raw`` before matching.
"""

from __future__ import annotations

import difflib


def _same(raw: str, norm: str) -> bool:
    """Whether character ``raw`` becomes ``norm`` in ``normalise_text``."""
    if raw == norm:
        return True
    if norm == "\n":
        return raw in "\r\x0b\x0c\x85\u2028\u2029"
    return norm == " " and raw.isspace() and raw not in "\n\r"


def raw_offsets(raw: str, norm: str) -> list[int]:
    """For each offset of ``norm`` (= ``normalise_text(raw)``), the offset of the same
    character in ``raw``, and last the end of ``raw``.

    The normalisation drops characters (white space, controls) and replaces some one by
    one (a no-break space by a space, CR LF by LF): a left-to-right walk aligns the two;
    where it cannot (Unicode composition), difflib's matching blocks do.
    """
    out: list[int] = []
    i = 0
    for ch in norm:
        while i < len(raw) and not _same(raw[i], ch):
            i += 1
        if i == len(raw):
            break
        out.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    if len(out) == len(norm):
        return [*out, len(raw)]
    out = [-1] * len(norm)
    matcher = difflib.SequenceMatcher(None, raw, norm, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[b + k] = a + k
    for j in range(len(norm)):  # a character in no block: just after the one before
        if out[j] < 0:
            out[j] = out[j - 1] + 1 if j else 0
    return [*out, len(raw)]


def to_raw(at: list[int], start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` of the normalised text as offsets of the raw text
    (``at`` from ``raw_offsets``)."""
    return at[start], (at[end - 1] + 1 if end > start else at[start])
