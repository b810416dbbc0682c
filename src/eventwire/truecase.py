"""Truecasing of ALL-CAPS wire copy, so the statistical model sees ordinary case.

Placeholder first version: lowercase everything and capitalise sentence starts.
"""

from __future__ import annotations


def is_shouting(text: str) -> bool:
    """True when most letters are upper case (old agency wire copy)."""
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def truecase(text: str) -> str:
    """Best-guess mixed case of an ALL-CAPS text, with exactly the same length."""
    out = list(text.lower())
    start = True
    for i, c in enumerate(out):
        if start and c.isalpha():
            out[i] = c.upper()
            start = False
        elif c in ".!?\n":
            start = True
    result = "".join(out)
    return result if len(result) == len(text) else text
