"""Applying the endpoint faults to requests, and their `/_sandbox/faults` HTTP knobs.

The hook runs after counting, so a throttled or failed request is still counted, as Graph
counts it against the app. Graph endpoints answer forced errors in Graph's shape with
`request-id`; identity endpoints answer `temporarily_unavailable` in the token endpoint's.
"""

import time

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from .counting import UNCOUNTED_BLUEPRINTS
from .graph import errors as graph_errors
from .web import get_sandbox

bp = Blueprint("fault_knobs", __name__, url_prefix="/_sandbox")
# Knobs apply to the traffic that is counted, never to test plumbing or the portal.
UNAFFECTED_BLUEPRINTS = UNCOUNTED_BLUEPRINTS


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
    if request.blueprint == "graph":
        return graph_errors.forced(forced.status, forced.retry_after)
    response = jsonify(error="temporarily_unavailable",
                       error_description=f"The sandbox was told to answer {forced.status}.")
    response.status_code = forced.status
    if forced.retry_after is not None:
        response.headers["Retry-After"] = str(forced.retry_after)
    return response


def init_app(app: Flask) -> None:
    """Install the hook (after counting's) and the knobs."""
    app.before_request(_apply_faults)
    app.register_blueprint(bp)


@bp.errorhandler(HTTPException)
def json_error(exc: HTTPException):
    """Knob errors are JSON, since only scripts call the knobs."""
    return jsonify(error=exc.name, message=exc.description), exc.code


def _body() -> dict:
    """The JSON body, or an empty dict."""
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


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
    try:
        get_sandbox().faults.latency(_endpoint(body), body.get("ms", 0))
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(ok=True)


@bp.post("/faults/status")
def force_status():
    """`{"endpoint": ..., "status": 429, "retry_after": 5, "count": 2}` (no count: until
    cleared).

    :raise 400: without an endpoint or with bad values.
    """
    body = _body()
    try:
        get_sandbox().faults.force_status(_endpoint(body), body.get("status"),
                                          body.get("retry_after"), body.get("count"))
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(ok=True)


@bp.post("/faults/clear")
def clear():
    """`{"endpoint": ...}` clears one endpoint's knobs; an empty body clears them all."""
    endpoint = _body().get("endpoint")
    get_sandbox().faults.clear(endpoint if isinstance(endpoint, str) else None)
    return jsonify(ok=True)
