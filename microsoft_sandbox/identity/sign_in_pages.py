"""The sandbox's own HTML pages in the authorize flow: account picker and consent."""

from flask import make_response, render_template, url_for

from ..directory.models import AppRegistration, AuthorizationRequest, User
from ..directory.scopes import consent_lines
from ..web import base_url, get_sandbox
from . import browser_session, demo_users
from .aadsts_errors import AadstsError
from .consent_rules import Decision


def _listed_users(domain_hint: str | None) -> list[User]:
    """The demo users the picker offers, narrowed by `domain_hint` when it names any."""
    sandbox = get_sandbox()
    users = sandbox.list_users()
    hint = (domain_hint or "").lower()
    if hint == "consumers":
        narrowed = [u for u in users if u.is_personal]
    elif hint == "organizations":
        narrowed = [u for u in users if not u.is_personal]
    elif hint:
        narrowed = [u for u in users if hint in sandbox.tenant_domains(u.tenant_id)]
    else:
        narrowed = users
    return narrowed or users


def account_picker(req: AuthorizationRequest, error: AadstsError | None = None):
    """"Sign in" (nobody signed in) or "Pick an account", with the login_hint preselected."""
    sandbox = get_sandbox()
    signed_in = sandbox.user(browser_session.signed_in_oid())
    hinted = sandbox.user_by_login(req.login_hint)
    preselected = hinted or signed_in
    details = error.details(sandbox.clock.now(), base_url()) if error else None
    html = render_template(
        "signin.html",
        heading="Pick an account" if signed_in else "Sign in",
        users=_listed_users(req.domain_hint),
        preselected_oid=preselected.oid if preselected else None,
        action=url_for("interaction.login", tenant=req.tenant_path),
        ctx=req.ctx,
        csrf_token=browser_session.form_token(),
        error=error,
        error_details=details,
        demo_users=demo_users.guide(sandbox.list_users(), sandbox.tenant),
    )
    return make_response(html, 400 if error else 200)


def consent(req: AuthorizationRequest, app: AppRegistration, user: User, decision: Decision):
    """"Permissions requested": app, publisher badge, plain-words permissions, Accept/Cancel, and
    for admins arriving with prompt=consent the "Consent on behalf of your organization"
    checkbox, off by default."""
    req.consent_shown = True
    return _consent_page(req, app, user, decision.shown, on_behalf=decision.on_behalf)


def admin_consent(req: AuthorizationRequest, app: AppRegistration, user: User):
    """The adminconsent endpoint's prompt: "Accept for your organization", for every user."""
    return _consent_page(req, app, user, req.scopes, for_organization=True)


def _consent_page(req: AuthorizationRequest, app: AppRegistration, user: User,
                  scopes: list[str], on_behalf: bool = False, for_organization: bool = False):
    """Render the consent prompt in one of its two forms."""
    html = render_template(
        "consent.html",
        app=app,
        user=user,
        lines=consent_lines(scopes),
        on_behalf=on_behalf,
        for_organization=for_organization,
        external=app.home_tenant_id != user.tenant_id,
        action=url_for("interaction.consent", tenant=req.tenant_path),
        ctx=req.ctx,
        csrf_token=browser_session.form_token(),
    )
    return make_response(html)
