"""``/metrics`` in Prometheus text format, and the counters the rest of the app bumps.

The metrics are defined once per process, in a registry of their own (a test process builds
many apps; a second definition would be refused). Under gunicorn with several workers,
``PROMETHEUS_MULTIPROC_DIR`` (set by ``deploy/gunicorn.conf.py`` before any worker imports
this) makes each worker write its values to files there, and a scrape adds them all up, so
whichever worker answers ``/metrics`` reports the whole server.

Label values come from short fixed sets only (an AADSTS code Microsoft's catalog knows, an
HTTP status, a route's rule), never from what a request or an error text says: a crafted
callback must not be able to grow the number of series without bound.
"""

from __future__ import annotations

import hmac
import os

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from ..microsoft.aadsts import CATALOG

bp = Blueprint("metrics", __name__)
REGISTRY = CollectorRegistry(auto_describe=True)

SIGN_INS_STARTED = Counter(
    "postpress_sign_ins_started", "Sign-ins sent to Microsoft, by intent.", ["intent"],
    registry=REGISTRY)
SIGN_INS_FINISHED = Counter(
    "postpress_sign_ins_finished", "Callbacks from Microsoft that ended well.", registry=REGISTRY)
SIGN_INS_FAILED = Counter(
    "postpress_sign_ins_failed",
    "Callbacks from Microsoft answered with a problem page, by AADSTS code ('none' when the "
    "failure was not Microsoft's error, 'other' for a code outside the catalog).",
    ["aadsts"], registry=REGISTRY)
TOKEN_REFRESHES = Counter(
    "postpress_token_refreshes", "Refresh-token requests sent to Microsoft.", registry=REGISTRY)
TOKEN_REFRESH_FAILURES = Counter(
    "postpress_token_refresh_failures",
    "Refresh-token requests that failed, by OAuth error ('unreachable': no answer).",
    ["error"], registry=REGISTRY)
GRAPH_RESPONSES = Counter(
    "postpress_graph_responses", "HTTP exchanges with Microsoft Graph, retries included, by "
    "status ('unreachable': no answer).", ["method", "status"], registry=REGISTRY)
GRAPH_THROTTLED = Counter(
    "postpress_graph_throttled", "Graph answers of 429 Too Many Requests.", registry=REGISTRY)
REQUEST_SECONDS = Histogram(
    "postpress_request_duration_seconds", "Time to answer a request, by method and route.",
    ["method", "route"], registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))

_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
_OAUTH_ERRORS = {"invalid_grant", "invalid_client", "invalid_request", "unauthorized_client",
                 "interaction_required", "consent_required", "temporarily_unavailable",
                 "server_error", "invalid_scope"}


def aadsts_label(code: int | None) -> str:
    """A bounded label for an AADSTS code."""
    if code is None:
        return "none"
    return str(code) if code in CATALOG else "other"


def method_label(method: str) -> str:
    """A bounded label for an HTTP method."""
    method = (method or "").upper()
    return method if method in _METHODS else "other"


def sign_in_answered(status: int, microsoft_refused: bool, aadsts: int | None) -> None:
    """Count one callback: Microsoft's error or a problem page is a failure (even when a plugin
    answers the error with a redirect), anything else a finished sign-in."""
    if microsoft_refused or status >= 400:
        SIGN_INS_FAILED.labels(aadsts_label(aadsts)).inc()
    else:
        SIGN_INS_FINISHED.inc()


def refresh_sent(error: str | None, reached: bool = True) -> None:
    """Count one refresh request and, when it failed, why."""
    TOKEN_REFRESHES.inc()
    if not reached:
        TOKEN_REFRESH_FAILURES.labels("unreachable").inc()
    elif error is not None:
        TOKEN_REFRESH_FAILURES.labels(error if error in _OAUTH_ERRORS else "other").inc()


def graph_answered(method: str, status: int | None) -> None:
    """Count one exchange with Graph."""
    valid = isinstance(status, int) and 100 <= status <= 599
    GRAPH_RESPONSES.labels(method_label(method), str(status) if valid else "unreachable").inc()
    if status == 429:
        GRAPH_THROTTLED.inc()


def observe_request(method: str, route: str | None, seconds: float) -> None:
    """Record how long a request took; unrouted requests (404s) share one label."""
    REQUEST_SECONDS.labels(method_label(method), route or "unmatched").observe(seconds)


def exposition() -> bytes:
    """The text format of every metric: all workers' when running multi-process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@bp.get("/metrics")
def metrics_page():
    """Prometheus scrapes this; with ``METRICS_TOKEN`` set it must send it as a bearer token.

    :raise 404: when a token is configured and the request does not carry it, so the
        endpoint does not announce itself to strangers.
    """
    expected = current_app.config.get("METRICS_TOKEN")
    if expected:
        # Exactly the bearer scheme and the token: a bare token or another scheme is refused.
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            abort(404)
    return Response(exposition(), content_type=CONTENT_TYPE_LATEST,
                    headers={"Cache-Control": "no-store"})
