"""When to try a throttled call again, and when to give up and say when the caller may.

Graph asks clients to wait the ``Retry-After`` seconds of a 429 (and of 503/504 when given),
and to back off exponentially when there is none. A web request cannot wait forever, so each
call has a total deadline: a wait that would cross it is not slept at all; the call fails at
once with a throttled GraphError whose ``retry_after`` says when to come back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import defaults

RETRIED_STATUSES = frozenset({429, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds of one call's retries: how many, how long in all, and the backoff curve."""

    max_retries: int = defaults.MAX_RETRIES
    deadline: float = defaults.DEADLINE  # seconds, from the call's start to its last byte
    backoff_base: float = defaults.BACKOFF_BASE  # first wait without Retry-After, doubled
    backoff_cap: float = defaults.BACKOFF_CAP

    def backoff(self, attempt: int, rand: Callable[[], float]) -> float:
        """Exponential wait for retry ``attempt`` (0-based), jittered to 50..100% of it.

        The jitter spreads clients that were throttled together, so they do not return
        together; the half kept ensures a wait is never close to zero.
        """
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** attempt))
        return ceiling * (0.5 + rand() / 2)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` in seconds when it is a plain non-negative number (Graph sends those)."""
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def may_retry(status: int, method: str, repeatable: bool | None = None) -> bool:
    """Whether this status is one to wait out; ``repeatable`` overrides the method's say."""
    if status == 504:
        if repeatable is not None:
            return repeatable
        return method.upper() in defaults.REPEATABLE_AFTER_504
    return status in RETRIED_STATUSES


class Deadline:
    """A call's time budget, read from the injected monotonic clock."""

    def __init__(self, seconds: float, monotonic: Callable[[], float]):
        self._monotonic = monotonic
        self.ends = monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left; zero or less once spent."""
        return self.ends - self._monotonic()

    def allows(self, wait: float) -> bool:
        """Whether sleeping ``wait`` seconds still leaves the call inside its budget."""
        return wait < self.remaining()


def throttled_message(status: int, wait: float) -> str:
    """What the user (or the log) reads when the budget ran out."""
    return (f"Microsoft Graph is busy (HTTP {status}) and asked to wait longer than this "
            f"request can; retry after {math.ceil(wait)} seconds.")
