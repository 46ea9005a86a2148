"""One log line per request, under a request id that also goes to Microsoft.

The id is the incoming ``X-Request-ID`` when a proxy sent a usable one (a GUID, or nginx's 32
hex digits), else a new GUID. It is returned in the response's ``X-Request-ID`` and sent to
Microsoft as ``client-request-id`` (which Microsoft wants as a GUID: 32 hex digits are sent in
GUID form, the same 128 bits), so one value finds a request in the app's log, the proxy's log
and Microsoft's sign-in logs.

The line names the route's path without its query string: the callback's query carries the
authorization code and state, which must never reach a log.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, g, request

from ..microsoft.graph import request_ids
from . import metrics

log = logging.getLogger("postpress_whitelabel.requests")
HEADER = "X-Request-ID"
_USABLE = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def request_id() -> str:
    """This request's id (made on first use, so error pages raised early have one too)."""
    if "request_id" not in g:
        given = request.headers.get(HEADER, "")
        g.request_id = given.lower() if _USABLE.fullmatch(given) else str(uuid.uuid4())
    return g.request_id


def _begin() -> None:
    g.request_started = time.perf_counter()
    g.request_id_token = request_ids.use(str(uuid.UUID(request_id())))


def _finish(response):
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    route = request.url_rule.rule if request.url_rule is not None else None
    response.headers[HEADER] = request_id()
    metrics.observe_request(request.method, route, seconds)
    log.info("%s %s %s %.1fms request_id=%s", request.method, _printable(request.path),
             response.status_code, seconds * 1000, request_id())
    return response


def _end(exc: BaseException | None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        try:
            request_ids.reset(token)
        except ValueError:  # set in another context: nothing of ours to undo here
            pass


def _printable(path: str) -> str:
    """The path, cut and with control characters escaped, so one request stays one line."""
    path = path[:300]
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def init_app(app: Flask) -> None:
    """Register early, so every later hook and error page runs under the request's id."""
    app.before_request(_begin)
    app.after_request(_finish)
    app.teardown_request(_end)
