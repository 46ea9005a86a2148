"""The ``client-request-id`` sent with every call to Microsoft (Graph, and the token endpoint:
``microsoft.client`` uses it too; it lives here so the Graph package stays self-contained).

Microsoft logs this id beside its own trace ids, so a support case can quote one value that
the app's own log lines carry too. The app sets it once per incoming request (``use``); calls
made outside any request (the CLI, a worker) get a fresh GUID each.
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar, Token

_current: ContextVar[str | None] = ContextVar("microsoft_client_request_id", default=None)


def use(client_request_id: str | None) -> Token:
    """Send ``client_request_id`` (a GUID) with the calls of this context until ``reset``."""
    return _current.set(client_request_id)


def reset(token: Token) -> None:
    """Forget the id set by ``use``."""
    _current.reset(token)


def current_or_new() -> str:
    """The id set for this context, or a fresh GUID."""
    return _current.get() or str(uuid.uuid4())


def headers() -> dict[str, str]:
    """The headers that carry the id to the token endpoint.

    UNCONFIRMED (docs/operations.md, "Guesses"): Microsoft documents ``client-request-id``
    (a GUID) for Graph; that the token endpoint logs it too, and echoes it as the error's
    ``correlation_id`` when ``return-client-request-id: true`` is sent (as MSAL does), is
    taken from MSAL's behaviour, not from a documented contract.
    """
    return {"client-request-id": current_or_new(), "return-client-request-id": "true"}
