"""Per-endpoint latency and forced error statuses: the knobs benchmarks and resilience tests
turn, through `sandbox.faults` or `/_sandbox/faults`.

An endpoint is named as request counts name it (`token`, `graph_messages`, ...); a name may be
a shell-style pattern (`graph_*`, `*`). Latency is real time slept by the server before the
request is handled. A forced status answers instead of the handler, either for the next
`count` matching requests or until cleared; 429 and 503 carry `Retry-After` when asked.
Nothing here touches Flask, so it can be set up before a server starts.
"""

import threading
from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass
class ForcedStatus:
    """An error to answer with; `remaining` None means until cleared."""

    status: int
    retry_after: int | None = None
    remaining: int | None = None


class EndpointFaults:
    """The latency and forced statuses in force, keyed by endpoint name or pattern."""

    def __init__(self):
        """Nothing in force."""
        self._lock = threading.Lock()
        self._latency: dict[str, float] = {}
        self._statuses: dict[str, ForcedStatus] = {}

    def latency(self, endpoint: str, ms: float) -> None:
        """Add `ms` milliseconds to every request of the endpoint (0 removes it).

        :raise ValueError: for a negative or non-numeric value.
        """
        if not isinstance(ms, int | float) or isinstance(ms, bool) or ms < 0:
            raise ValueError("latency must be a non-negative number of milliseconds")
        with self._lock:
            if ms:
                self._latency[endpoint] = float(ms)
            else:
                self._latency.pop(endpoint, None)

    def force_status(self, endpoint: str, status: int, retry_after: int | None = None,
                     count: int | None = None) -> None:
        """Answer the endpoint's requests with `status` (the next `count`, or until cleared).

        :raise ValueError: for a status outside 400..599, or a bad count or Retry-After.
        """
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status (400..599)")
        if count is not None and (not isinstance(count, int) or count < 1):
            raise ValueError("count must be a positive integer, or None for until cleared")
        if retry_after is not None and (not isinstance(retry_after, int) or retry_after < 0):
            raise ValueError("retry_after must be a non-negative integer of seconds")
        with self._lock:
            self._statuses[endpoint] = ForcedStatus(status, retry_after, count)

    def clear(self, endpoint: str | None = None) -> None:
        """Remove every knob of one endpoint name or pattern, or all of them."""
        with self._lock:
            if endpoint is None:
                self._latency.clear()
                self._statuses.clear()
            else:
                self._latency.pop(endpoint, None)
                self._statuses.pop(endpoint, None)

    def delay_for(self, endpoint: str) -> float:
        """Seconds to sleep before handling a request of `endpoint` (exact names win)."""
        with self._lock:
            ms = self._latency.get(endpoint)
            if ms is None:
                ms = next((v for k, v in self._latency.items() if fnmatchcase(endpoint, k)), 0)
        return ms / 1000

    def has_latency(self) -> bool:
        """Whether any latency is in force (batches then run their requests side by side)."""
        with self._lock:
            return bool(self._latency)

    def take_status(self, endpoint: str) -> ForcedStatus | None:
        """The forced status for this request, using up one of its count."""
        with self._lock:
            key = endpoint if endpoint in self._statuses else next(
                (k for k in self._statuses if fnmatchcase(endpoint, k)), None)
            if key is None:
                return None
            forced = self._statuses[key]
            if forced.remaining is not None:
                forced.remaining -= 1
                if forced.remaining <= 0:
                    del self._statuses[key]
            return ForcedStatus(forced.status, forced.retry_after, forced.remaining)

    def snapshot(self) -> dict:
        """What is in force, as JSON-ready data."""
        with self._lock:
            return {
                "latency_ms": dict(self._latency),
                "statuses": {k: {"status": v.status, "retry_after": v.retry_after,
                                 "remaining": v.remaining} for k, v in self._statuses.items()},
            }
