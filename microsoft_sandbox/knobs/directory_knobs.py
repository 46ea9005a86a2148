"""`/_sandbox/` knobs for the directory: app registrations, secrets, consent and policies.

JSON in, JSON out, mirroring `Sandbox` methods so scripts and tests of other projects can set up
a scenario (an expired secret, a tenant that demands admin approval, a pending request) without
walking the portal. Like the other knobs, only the sandbox's own `create_app` registers them.
"""

from flask import abort, jsonify, request

from ..directory.app_registry import SECRET_LIFETIME_DAYS
from ..directory.models import ConsentRequest
from ..web import get_sandbox
from .knob_json import body as _body
from .knob_json import knob_blueprint

bp = knob_blueprint("directory_knobs", __name__)


def _scopes(value) -> list[str]:
    """Scopes given as a list or a space-separated string."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    abort(400, description="'scopes' must be a list or a space-separated string")


def request_json(record: ConsentRequest) -> dict:
    """An admin consent request as JSON."""
    return {
        "request_id": record.request_id, "tenant_id": record.tenant_id,
        "client_id": record.client_id, "scopes": record.scopes, "status": str(record.status),
        "requesters": [{"oid": r.oid, "justification": r.justification}
                       for r in record.requesters],
        "reviewed_by": record.reviewed_by,
    }


@bp.post("/apps")
def register_app():
    """Register an app: `display_name`, `home_tenant_id`, optional `sign_in_audience`,
    `redirect_uris`, `required_scopes`, `secret_days` (then the secret comes back once).

    :raise 400: for missing or invalid fields; 404 for an unknown tenant.
    """
    body = _body("display_name", "home_tenant_id")
    days = body.get("secret_days")
    if days is not None and days not in SECRET_LIFETIME_DAYS:
        abort(400, description=f"'secret_days' must be one of {sorted(SECRET_LIFETIME_DAYS)}")
    sandbox = get_sandbox()
    try:
        audience = body.get("sign_in_audience", "AzureADandPersonalMicrosoftAccount")
        app = sandbox.register_app(
            body["display_name"], audience, body["home_tenant_id"],
            redirect_uris=list(body.get("redirect_uris") or []),
            required_scopes=_scopes(body.get("required_scopes", ["User.Read"])))
        answer = {"ok": True, "client_id": app.client_id, "object_id": app.object_id}
        if days is not None:
            secret = sandbox.add_secret(app.client_id, "knob", days)
            answer.update(secret=secret.value, secret_id=secret.secret_id)
    except KeyError:
        abort(404, description=f"no tenant {body['home_tenant_id']!r}")
    except (TypeError, ValueError) as exc:
        abort(400, description=str(exc))
    return jsonify(answer)


@bp.post("/expire-secret")
def expire_secret():
    """`{"client_id": ..., "secret_id"?: ...}`: expire one secret, or all of the app's.

    :raise 404: for an unknown app or Secret ID.
    """
    body = _body("client_id")
    try:
        expired = get_sandbox().expire_secret(body["client_id"], body.get("secret_id"))
    except KeyError:
        abort(404, description="no such app or secret")
    return jsonify(ok=True, expired=expired)


@bp.post("/consent-policy")
def consent_policy():
    """`{"tenant_id", "policy"?, "risk_based_step_up"?}`: change a tenant's consent settings.

    :raise 400: for an unknown policy or the personal tenant; 404 for an unknown tenant.
    """
    body = _body("tenant_id")
    try:
        get_sandbox().set_consent_policy(body["tenant_id"], body.get("policy"),
                                         body.get("risk_based_step_up"))
    except KeyError:
        abort(404, description=f"no tenant {body['tenant_id']!r}")
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(ok=True)


@bp.post("/tenant-consent")
def tenant_consent():
    """`{"tenant_id", "client_id", "scopes"}`: grant tenant-wide consent, as an admin would.

    :raise 400: for the personal tenant; 404 for an unknown tenant or app.
    """
    body = _body("tenant_id", "client_id")
    try:
        grant = get_sandbox().grant_tenant_consent(body["tenant_id"], body["client_id"],
                                                   _scopes(body.get("scopes", [])))
    except KeyError:
        abort(404, description="no such tenant or app")
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(ok=True, scopes=grant.scopes)


@bp.post("/tenant-consent/revoke")
def revoke_tenant_consent():
    """`{"tenant_id", "client_id"}`: remove the tenant-wide grant."""
    body = _body("tenant_id", "client_id")
    return jsonify(ok=True, revoked=get_sandbox().revoke_tenant_consent(body["tenant_id"],
                                                                        body["client_id"]))


@bp.get("/consent-requests")
def consent_requests():
    """Admin consent requests, filtered by `?tenant_id=` and `?status=`.

    :raise 400: for an unknown status.
    """
    try:
        records = get_sandbox().consent_requests(request.args.get("tenant_id"),
                                                 request.args.get("status"))
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify([request_json(r) for r in records])
