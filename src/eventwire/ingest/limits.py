"""Limits on what eventwire reads: size caps and network settings.

Defaults suit news articles; a user can raise the byte cap with ``--max-bytes`` or the
``EVENTWIRE_MAX_BYTES`` environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from eventwire.ingest.destinations import Destinations

DEFAULT_MAX_BYTES = 5_000_000  # a news page, HTML included, is well under this
MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: longer texts are refused


@dataclass(frozen=True)
class Limits:
    """How much eventwire reads from one source, and how it fetches URLs."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = MAX_CHARS
    timeout_s: float = 15.0
    max_redirects: int = 5
    # where a fetch may connect: public addresses, and those of $EVENTWIRE_FETCH_ALLOW
    destinations: Destinations = field(default_factory=Destinations.from_env)

    @classmethod
    def from_env(cls, max_bytes: int | None = None, allow_private: bool = False) -> Limits:
        """Defaults, overridden by EVENTWIRE_MAX_BYTES, overridden by ``max_bytes``;
        ``allow_private``: fetches may connect to any address (``--allow-private``)."""
        if max_bytes is None:
            env = os.environ.get("EVENTWIRE_MAX_BYTES", "").strip()
            max_bytes = int(env) if env.isdigit() else DEFAULT_MAX_BYTES
        return cls(max_bytes=max_bytes, destinations=Destinations.from_env(allow_private))


def human_size(n: int) -> str:
    """12_345_678 → "12.3 MB"."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"
