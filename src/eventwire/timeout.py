"""A time limit on a block of code, for the pipeline's work on one article.

``time_limit(seconds)`` raises ``TimeUp`` inside the block once ``seconds`` have passed:
in the main thread of a system with SIGALRM, wherever the block is (``usable``);
elsewhere (a worker thread, such as the REST API's) at the next ``checkpoint()``, which
the pipeline calls before each stage, so a slow stage finishes but no further stage
starts.  ``TimeUp`` derives from BaseException, not Exception, so that the
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
import time
from collections.abc import Iterator
from typing import TypeGuard

DEFAULT_TIMEOUT_S = 60.0
AGAIN_S = 0.25  # after the limit, the alarm rings this often until the block is left
ENV_TIMEOUT = "EVENTWIRE_TIMEOUT"


_local = threading.local()  # .deadline: time.monotonic() after which checkpoint() raises


class TimeUp(BaseException):
    """The time limit of the running block has passed."""

    stage: str | None = None  # the pipeline stage it interrupted, when known


def usable(seconds: float | None) -> TypeGuard[float]:
    """Whether ``time_limit(seconds)`` interrupts the block anywhere (by a signal) here,
    not only at checkpoints."""
    return (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeUp inside the block after ``seconds`` (None or 0: no limit)."""
    if seconds is None or seconds <= 0:
        yield
        return
    if not usable(seconds):
        previous_deadline = getattr(_local, "deadline", None)
        _local.deadline = time.monotonic() + seconds
        _local.seconds = seconds
        try:
            yield
        finally:
            _local.deadline = previous_deadline
        return

    def interrupt(signum: int, frame: object) -> None:
        # raised inside a garbage-collector callback or a __del__, an exception is printed
        # and dropped ("Exception ignored in …"): the alarm rings again until one lands
        signal.setitimer(signal.ITIMER_REAL, AGAIN_S)
        raise TimeUp(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def checkpoint() -> None:
    """Raise TimeUp when the time limit of this thread's block has passed (a limit set by
    ``time_limit`` outside the main thread; a no-op otherwise)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeUp(f"took longer than {_local.seconds:g} s")


def default_timeout(seconds: float | None = None) -> float | None:
    """``seconds`` if given, else ``$EVENTWIRE_TIMEOUT``, else 60; 0 or less: no limit."""
    if seconds is None:
        env = os.environ.get(ENV_TIMEOUT, "").strip()
        try:
            seconds = float(env) if env else DEFAULT_TIMEOUT_S
        except ValueError:
            seconds = DEFAULT_TIMEOUT_S
    return seconds if seconds > 0 else None
