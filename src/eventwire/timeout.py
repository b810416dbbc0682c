"""A time limit on a block of code, for the pipeline's work on one article.

``time_limit(seconds)`` raises ``TimeUp`` inside the block once ``seconds`` have passed
(SIGALRM, so: on systems that have it, in the main thread; elsewhere the block runs
without a limit).  ``TimeUp`` derives from BaseException, not Exception, so that the
``except Exception`` of a stage (or of the pipeline's stage loop) does not swallow it:
it leaves the whole article, and ``Extractor.extract_many`` turns it into a Failure
(``errors.TimeLimitError``).  Limits do not nest: an inner one replaces an outer one.

``default_timeout()``: ``$EVENTWIRE_TIMEOUT`` seconds per article, else 60 (0: no limit).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

DEFAULT_TIMEOUT_S = 60.0
ENV_TIMEOUT = "EVENTWIRE_TIMEOUT"


class TimeUp(BaseException):
    """The time limit of the running block has passed."""


def usable(seconds: float | None) -> bool:
    """Whether ``time_limit(seconds)`` would interrupt anything here."""
    return (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeUp inside the block after ``seconds`` (None or 0: no limit)."""
    if not usable(seconds):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise TimeUp(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def default_timeout(seconds: float | None = None) -> float | None:
    """``seconds`` if given, else ``$EVENTWIRE_TIMEOUT``, else 60; 0 or less: no limit."""
    if seconds is None:
        env = os.environ.get(ENV_TIMEOUT, "").strip()
        try:
            seconds = float(env) if env else DEFAULT_TIMEOUT_S
        except ValueError:
            seconds = DEFAULT_TIMEOUT_S
    return seconds if seconds > 0 else None
