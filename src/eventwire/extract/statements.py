"""Stage statements: not implemented yet."""

from __future__ import annotations

from eventwire.pipeline import Findings


def extract(found: Findings) -> None:
    """Add this stage's findings to ``found``."""
