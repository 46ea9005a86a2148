"""What paging and batching need of a client, so they depend on this and not on the client.

``GraphClient`` is the one implementation; naming the need here keeps the modules of this
package free of import cycles (the client uses paging and batching, not the reverse).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .response import GraphResponse
from .retry import Deadline, RetryPolicy


class Sender(Protocol):
    """A client's root URL (``.../v1.0``), its retry budget, and one checked call."""

    root: str
    retry: RetryPolicy
    sleep: Callable[[float], None]
    rand: Callable[[], float]

    def deadline(self) -> Deadline:
        """A fresh time budget for one call."""
        ...

    def send_url(self, method: str, url: str, *, params=None, json_body=None,
                 headers: dict | None = None, deadline: Deadline | None = None,
                 repeatable: bool | None = None) -> GraphResponse:
        """One call to an absolute Graph URL, with its refresh and throttling waits."""
        ...
