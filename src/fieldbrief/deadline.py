"""Time limits on one step of one article (a stage, the reading of one input), so that no hostile text can hold
a batch for minutes: past its time the step is stopped by a `Timeout`, recorded, and the batch goes on.

Uses SIGALRM, so a deadline holds only in the main thread of a Unix process (elsewhere it is not enforced).
Loading a shared resource (the gazetteer, a dictionary) pauses the clock: it is not the article's time.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_expires: float | None = None  # monotonic time at which the running deadline expires


class Timeout(BaseException):
    """A step ran past its deadline. A BaseException, so that a step's own `except Exception` cannot swallow it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Timeout in the enclosed code if it runs longer than `seconds` (0: no limit)."""
    global _expires
    if seconds <= 0 or _expires is not None or not _enforceable():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if _expires is not None:
            raise Timeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    _expires = time.monotonic() + seconds
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _expires = None
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def paused() -> Iterator[None]:
    """Stop the running deadline's clock for the enclosed code (loading a resource shared by all articles)."""
    global _expires
    if _expires is None or not _enforceable():
        yield
        return
    remaining = max(_expires - time.monotonic(), 0.001)
    signal.setitimer(signal.ITIMER_REAL, 0)
    _expires = None
    try:
        yield
    finally:
        _expires = time.monotonic() + remaining
        signal.setitimer(signal.ITIMER_REAL, remaining)
