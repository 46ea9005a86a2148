"""The sandbox's notion of "now", which tests move forward instead of sleeping."""

import threading
import time
from collections.abc import Callable


class Clock:
    """Wall-clock time plus an offset that tests advance to expire codes and tokens."""

    def __init__(self, source: Callable[[], float] = time.time):
        """Keep the time source injectable so a test can pin time entirely."""
        self._source = source
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """Return sandbox time as seconds since the epoch."""
        with self._lock:
            return self._source() + self._offset

    def advance(self, seconds: float) -> float:
        """Move sandbox time forward (never backward) and return the new time."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += seconds
        return self.now()

    def reset(self) -> None:
        """Drop any advance so sandbox time is wall-clock time again."""
        with self._lock:
            self._offset = 0.0

    @property
    def offset(self) -> float:
        """How far sandbox time runs ahead of the source, in seconds."""
        with self._lock:
            return self._offset
