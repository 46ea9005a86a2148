"""Enterprise applications: apps installed in the directory, their tenant-wide and per-user
consents (revocable), admin consent requests to review, and the consent settings.

Reviewing follows the guide's Method 1: Approve grants the requested permissions for the whole
directory, Deny closes the request, Block also refuses future requests for the app. Only
admins change anything here.
"""

import time

from flask import abort, g, request

from ..directory.models import ConsentPolicy
from ..web import get_sandbox
from .blueprint import bp
from .common import account_required, checked_form, done, render, require_admin
from .permissions import grant_tenant_wide

POLICY_LABELS = {
    ConsentPolicy.USER_CONSENT_ALLOWED: "Allow user consent for apps",
    ConsentPolicy.ADMIN_APPROVAL_REQUIRED: "Do not allow user consent",
    ConsentPolicy.ADMIN_CONSENT_WORKFLOW: "Do not allow user consent; users can request admin "
                                          "consent to apps they are unable to consent to",
}


def when(epoch: float | None) -> str:
    """A date and time as the portal lists them."""
    return time.strftime("%m/%d/%Y, %H:%M UTC", time.gmtime(epoch)) if epoch else ""


def _installed_app(client_id: str):
    """An app with a service principal in the signed-in directory.

    :raise 404: otherwise.
    """
    sandbox = get_sandbox()
    app = sandbox.app(client_id)
    if app is None or not sandbox.has_service_principal(g.tenant.tenant_id, app.client_id):
        abort(404, description="This application is not installed in your directory.")
    return app


@bp.get("/enterprise-apps")
@account_required
def enterprise_apps():
    """All applications with a service principal in the directory."""
    sandbox = get_sandbox()
    tenant_id = g.tenant.tenant_id
    rows = [{"app": app, "tenant_grant": sandbox.tenant_grant(tenant_id, app.client_id),
             "users": len(sandbox.user_consents(tenant_id, app.client_id))}
            for app in sandbox.enterprise_apps(tenant_id)]
    return render("enterprise_apps.html", rows=rows, section="apps")


@bp.get("/enterprise-apps/<client_id>/permissions")
@account_required
def app_permissions(client_id: str):
    """Permissions: the admin consent (tenant-wide) and each user's own consent."""
    app = _installed_app(client_id)
    sandbox = get_sandbox()
    grant = sandbox.tenant_grant(g.tenant.tenant_id, app.client_id)
    return render("enterprise_permissions.html", app=app, grant=grant, section="apps",
                  granted_by=sandbox.user(grant.granted_by) if grant else None,
                  users=sandbox.user_consents(g.tenant.tenant_id, app.client_id), when=when)


@bp.post("/enterprise-apps/<client_id>/permissions/grant")
@account_required
def grant(client_id: str):
    """"Grant admin consent for <directory>" on an installed app's Permissions page."""
    checked_form()
    return grant_tenant_wide(_installed_app(client_id), "portal.app_permissions")


@bp.post("/enterprise-apps/<client_id>/permissions/revoke")
@account_required
def revoke(client_id: str):
    """Revoke the tenant-wide consent, or one user's (`oid`): their next sign-in prompts."""
    checked_form()
    require_admin()
    app = _installed_app(client_id)
    sandbox = get_sandbox()
    oid = request.form.get("oid")
    if oid:
        user = sandbox.user(oid)
        if user is None or user.tenant_id != g.tenant.tenant_id:
            abort(404, description="No such user in your directory.")
        sandbox.revoke_user_consent(oid, app.client_id)
    else:
        sandbox.revoke_tenant_consent(g.tenant.tenant_id, app.client_id)
    return done("Permissions revoked.", "portal.app_permissions", client_id=app.client_id)


@bp.get("/enterprise-apps/admin-consent-requests")
@account_required
def consent_requests():
    """Activity > Admin consent requests: pending ones to review, then the history."""
    sandbox = get_sandbox()
    records = sandbox.consent_requests(g.tenant.tenant_id)
    apps = {r.client_id: sandbox.app(r.client_id) for r in records}
    return render("consent_requests.html", section="requests", when=when, apps=apps,
                  users={u.oid: u for u in sandbox.list_users()},
                  pending=[r for r in records if r.status == "pending"],
                  history=[r for r in records if r.status != "pending"])


@bp.post("/enterprise-apps/admin-consent-requests/<request_id>")
@account_required
def review(request_id: str):
    """Approve, Deny or Block one pending request of this directory."""
    checked_form()
    require_admin()
    sandbox = get_sandbox()
    mine = {r.request_id for r in sandbox.consent_requests(g.tenant.tenant_id)}
    if request_id not in mine:
        abort(404, description="This request was not found in your directory.")
    action = request.form.get("action", "")
    try:
        record = sandbox.review_consent_request(request_id, action, g.account.oid)
    except ValueError as exc:
        abort(400, description=str(exc))
    verbs = {"approved": "approved", "denied": "denied", "blocked": "blocked"}
    return done(f"Request {verbs[record.status]}.", "portal.consent_requests")


@bp.get("/enterprise-apps/consent-settings")
@account_required
def consent_settings():
    """Consent and permissions: user consent settings and risk-based step-up."""
    return render("consent_settings.html", section="settings", labels=POLICY_LABELS)


@bp.post("/enterprise-apps/consent-settings")
@account_required
def save_consent_settings():
    """Save the directory's consent policy (admins only)."""
    checked_form()
    require_admin()
    policy = request.form.get("consent_policy", "")
    if policy not in POLICY_LABELS:
        abort(400, description="Choose a user consent setting.")
    get_sandbox().set_consent_policy(g.tenant.tenant_id, policy,
                                     bool(request.form.get("risk_based_step_up")))
    return done("Consent settings saved.", "portal.consent_settings")
