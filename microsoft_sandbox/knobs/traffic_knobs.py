"""Applying the endpoint faults to requests, and their `/_sandbox/faults` HTTP knobs.

The hook runs after counting, so a throttled or failed request is still counted, as Graph
counts it against the app. A forced status answers in the shape the endpoint's client expects:
Graph's error JSON with `request-id` under `/v1.0/` (and at userinfo, which Graph hosts), the
sandbox's error page where a browser is (authorize, the sign-in and consent posts,
adminconsent, logout), and Microsoft's token-endpoint error JSON everywhere else.
"""

import time

from flask import Flask, abort, current_app, jsonify, request

from ..graph import errors as graph_errors
from ..identity.aadsts_errors import FORCED_STATUS, AadstsError
from ..identity.browser_responses import error_json, error_page
from ..web import get_sandbox
from .knob_json import applied, knob_blueprint
from .knob_json import body as _body
from .request_counts import UNCOUNTED_BLUEPRINTS
from .traffic import ForcedStatus

bp = knob_blueprint("fault_knobs", __name__)
# Knobs apply to the traffic that is counted, never to test plumbing or the portal.
UNAFFECTED_BLUEPRINTS = UNCOUNTED_BLUEPRINTS
# Endpoints a person's browser opens: a JSON body there would be a blank, baffling page.
PAGE_BLUEPRINTS = ("authorize", "interaction", "admin_consent", "logout")
GRAPH_SHAPED_BLUEPRINTS = ("graph", "userinfo")


def _apply_faults():
    """before_request: sleep the endpoint's latency, then answer a forced status if any."""
    if request.blueprint in UNAFFECTED_BLUEPRINTS or request.endpoint in (None, "static"):
        return None
    endpoint = request.endpoint.rsplit(".", 1)[-1]
    faults = get_sandbox().faults
    delay = faults.delay_for(endpoint)
    if delay:
        time.sleep(delay)
    forced = faults.take_status(endpoint)
    if forced is None:
        return None
    if request.blueprint in GRAPH_SHAPED_BLUEPRINTS:
        return graph_errors.forced(forced.status, forced.retry_after)
    return _identity_failure(forced)


def _identity_failure(forced: ForcedStatus):
    """A forced status on an identity endpoint, worded as Microsoft's own failures are."""
    busy = forced.status in (429, 503)
    err = AadstsError(FORCED_STATUS, error_override=None if busy else "server_error")
    if request.blueprint in PAGE_BLUEPRINTS:
        response = error_page(err, forced.status)
    else:
        response = error_json(err, forced.status)
    if forced.retry_after is not None:
        response.headers["Retry-After"] = str(forced.retry_after)
    return response


def init_app(app: Flask) -> None:
    """Install the hook (after counting's) and the knobs."""
    app.before_request(_apply_faults)
    app.register_blueprint(bp)


def _endpoint(body: dict) -> str:
    """The required endpoint name or pattern.

    :raise 400: without one.
    """
    endpoint = body.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        abort(400, description="'endpoint' is required (an endpoint name or a pattern)")
    return endpoint


@bp.get("/faults")
def faults():
    """The knobs in force, and every endpoint name they can target."""
    names = sorted({rule.endpoint.rsplit(".", 1)[-1] for rule in
                    current_app.url_map.iter_rules()
                    if rule.endpoint.split(".", 1)[0] not in UNAFFECTED_BLUEPRINTS
                    and rule.endpoint != "static"})
    return jsonify(**get_sandbox().faults.snapshot(), endpoints=names)


@bp.post("/faults/latency")
def latency():
    """`{"endpoint": "graph_messages", "ms": 20}`; 0 removes it.

    :raise 400: without an endpoint or with a bad value.
    """
    body = _body()
    return applied(lambda: get_sandbox().faults.latency(_endpoint(body), body.get("ms", 0)))


@bp.post("/faults/status")
def force_status():
    """`{"endpoint": ..., "status": 429, "retry_after": 5, "count": 2}` (no count: until
    cleared).

    :raise 400: without an endpoint or with bad values.
    """
    body = _body()
    return applied(lambda: get_sandbox().faults.force_status(
        _endpoint(body), body.get("status"), body.get("retry_after"), body.get("count")))


@bp.post("/faults/clear")
def clear():
    """`{"endpoint": ...}` clears one endpoint's knobs; an empty body clears them all."""
    endpoint = _body().get("endpoint")
    get_sandbox().faults.clear(endpoint if isinstance(endpoint, str) else None)
    return jsonify(ok=True)
