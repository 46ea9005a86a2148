"""`/_sandbox/`: JSON knobs for tests and benchmarks, mirroring the `Sandbox` methods.

Only the sandbox's own `create_app` registers this blueprint; it has no authentication because
the sandbox is an offline test double and must never be deployed as a real identity provider.
"""

from flask import abort, jsonify

from ..web import get_sandbox
from .knob_json import applied, knob_blueprint
from .knob_json import body as _body

bp = knob_blueprint("knobs", __name__)


@bp.post("/reset")
def reset():
    """Back to the seed state."""
    get_sandbox().reset()
    return jsonify(ok=True)


@bp.post("/id-token-fault")
def id_token_fault():
    """`{"fault": name}` breaks the next id_token; `{"fault": null}` clears it.

    :raise 400: for an unknown fault name.
    """
    fault = _body().get("fault")
    return applied(lambda: get_sandbox().set_id_token_fault(fault))


@bp.post("/token-response-override")
def token_response_override():
    """`{"fields": {...}}` goes into the next token response as given (a null value removes
    that field); `{"fields": null}` clears it.

    :raise 400: when `fields` is neither an object nor null.
    """
    fields = _body().get("fields")
    return applied(lambda: get_sandbox().set_token_response_override(fields))


@bp.post("/rotate-keys")
def rotate_keys():
    """Sign with a new key from now on; answers the new kid."""
    return jsonify(ok=True, kid=get_sandbox().rotate_keys())


@bp.post("/clock")
def clock():
    """`{"advance": seconds}` moves sandbox time forward; answers the sandbox time.

    :raise 400: when `advance` is not a non-negative number.
    """
    advance = _body().get("advance", 0)
    if not isinstance(advance, int | float) or isinstance(advance, bool) or advance < 0:
        abort(400, description="'advance' must be a non-negative number of seconds")
    now = get_sandbox().clock.advance(advance)
    return jsonify(ok=True, now=now)


@bp.get("/requests")
def requests_received():
    """Requests counted per endpoint and client id."""
    return jsonify(get_sandbox().request_counts())


@bp.post("/requests/reset")
def reset_requests():
    """Start counting from zero."""
    get_sandbox().reset_counts()
    return jsonify(ok=True)


@bp.post("/revoke")
def revoke():
    """`{"oid": ...}` revokes every refresh token of that user.

    :raise 400: without an oid.
    """
    oid = _body().get("oid")
    if not isinstance(oid, str) or not oid:
        abort(400, description="'oid' is required")
    return jsonify(ok=True, revoked=get_sandbox().revoke_refresh_tokens(oid))


@bp.post("/redirect-uris")
def add_redirect_uri():
    """`{"client_id": ..., "uri": ...}` registers one more exact redirect URI.

    :raise 400: without both fields; 404 for an unknown client id.
    """
    body = _body()
    client_id, uri = body.get("client_id"), body.get("uri")
    if not isinstance(client_id, str) or not isinstance(uri, str) or not uri:
        abort(400, description="'client_id' and 'uri' are required")
    try:
        get_sandbox().add_redirect_uri(client_id, uri)
    except KeyError:
        abort(404, description=f"no app with client id {client_id!r}")
    return jsonify(ok=True)
