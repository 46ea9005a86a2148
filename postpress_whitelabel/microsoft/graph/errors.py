"""One error type for everything a Graph call can end in, with predicates to branch on.

Graph answers errors as ``{"error": {"code", "message", "innerError": {"request-id", "date",
"client-request-id"}}}`` and asks clients to branch on ``code``, never on ``message``. Transport
failures (timeouts, refused connections) become the same type, so callers catch one thing.
``str()`` of an error is safe to show: it never holds a token, a raw body or control characters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

# Graph's codes for "the caller may not do this": Outlook's, the directory's, and the generic
# one of Graph's error page. Compared without case.
PERMISSION_CODES = frozenset({"erroraccessdenied", "authorization_requestdenied", "accessdenied"})
THROTTLING_STATUSES = frozenset({429, 503, 504})
TIMEOUT = "timeout"
UNREACHABLE = "unreachable"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]+")
MAX_MESSAGE = 300


def _clean(text, limit: int = MAX_MESSAGE) -> str:
    """A string fit for a page or a log line: no control characters, bounded in length."""
    text = _UNSAFE.sub(" ", text if isinstance(text, str) else "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class GraphError(Exception):
    """Graph refused a call, or could not be reached (``status`` is then None).

    ``retry_after`` is in seconds, when Graph or the client's retry policy says when to try
    again. ``client_request_id`` is the id this client sent, for Microsoft support.
    """

    def __init__(self, message: str, *, status: int | None = None, code: str = "",
                 request_id: str | None = None, client_request_id: str | None = None,
                 date: str | None = None, retry_after: float | None = None):
        self.status = status
        self.code = _clean(code, 100)
        self.message = _clean(message)
        self.request_id = _clean(request_id, 100) or None
        self.client_request_id = _clean(client_request_id, 100) or None
        self.date = _clean(date, 100) or None
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        """Status, code and message, then the ids support asks for."""
        head = f"Microsoft Graph {self.status}" if self.status else "Microsoft Graph"
        parts = [f"{head} {self.code}: {self.message}" if self.code else f"{head}: {self.message}"]
        if self.request_id:
            parts.append(f"request-id {self.request_id}")
        if self.client_request_id:
            parts.append(f"client-request-id {self.client_request_id}")
        return "; ".join(parts)

    @property
    def missing_permission(self) -> bool:
        """403 for a permission the token lacks (offer to grant it, do not retry)."""
        return self.status == 403 and self.code.lower() in PERMISSION_CODES

    @property
    def not_found(self) -> bool:
        """404: the item is gone (deleted, moved, or never existed)."""
        return self.status == 404

    @property
    def throttled(self) -> bool:
        """Graph is busy (429, 503, 504) and the call's retries or deadline ran out."""
        return self.status in THROTTLING_STATUSES

    @property
    def needs_sign_in(self) -> bool:
        """Only a new sign-in helps: refresh refused, or a 401 that a refresh did not cure."""
        return self.status == 401

    @property
    def unreachable(self) -> bool:
        """No answer from Graph at all: timed out, or no connection."""
        return self.status is None and self.code in (TIMEOUT, UNREACHABLE)

    @classmethod
    def from_response(cls, status: int, headers: Mapping[str, str], body,
                      client_request_id: str | None = None,
                      retry_after: float | None = None) -> GraphError:
        """Read Graph's error shape from a parsed body; anything else still gives an error."""
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            error = {}
        inner = error.get("innerError") or error.get("innererror")
        inner = inner if isinstance(inner, dict) else {}
        message = error.get("message") if isinstance(error.get("message"), str) else ""
        return cls(
            message or f"Microsoft Graph answered HTTP {status} without an error message.",
            status=status,
            code=error.get("code") if isinstance(error.get("code"), str) else "",
            request_id=_first_str(inner.get("request-id"), headers.get("request-id")),
            client_request_id=_first_str(inner.get("client-request-id"),
                                         headers.get("client-request-id"), client_request_id),
            date=_first_str(inner.get("date"), headers.get("Date")),
            retry_after=retry_after,
        )


class SignInRequired(GraphError):
    """The refresh token was refused (``invalid_grant``, ``interaction_required``).

    The token provider raises it; the user must sign in to Microsoft again.
    """

    def __init__(self, message: str = "Microsoft needs the user to sign in again.", *,
                 code: str = "invalid_grant", **fields):
        fields.setdefault("status", 401)
        super().__init__(message, code=code, **fields)


class NextLinkRefused(GraphError):
    """An ``@odata.nextLink`` pointed away from the configured Graph; nothing was sent to it."""

    def __init__(self, message: str):
        super().__init__(message, code="untrusted_next_link")


def _first_str(*values) -> str | None:
    """The first value that is a non-empty string."""
    return next((v for v in values if isinstance(v, str) and v), None)


def parse_json(content: bytes):
    """The body as JSON, or None when it is empty or not JSON (an HTML error page, say)."""
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return None
