"""The pages shown instead of the consent prompt: "Need admin approval", "Approval required" and
"Request sent".

Headings and sentences follow microsoft-identity.md section 4. The admin consent workflow's exact
wording is UNCONFIRMED there, so every sentence of these pages lives in WORDING, to change in one
place. Each page names the AADSTS code Microsoft logs for it under "Troubleshooting details".
"""

from flask import make_response, render_template, url_for

from ..directory.models import AppRegistration, AuthorizationRequest, User
from ..directory.scopes import consent_lines, for_account
from ..web import base_url
from . import browser_session
from .aadsts_errors import error_uri
from .consent_rules import Outcome

NEED_APPROVAL = ("{app} needs permission to access resources in your organization that only an "
                 "admin can grant. Please ask an admin to grant permission to this app before you "
                 "can use it.")
WORDING = {
    Outcome.ADMIN_APPROVAL: ("Need admin approval", [NEED_APPROVAL], 90094),
    Outcome.RISKY_APP: ("Need admin approval", [
        NEED_APPROVAL,
        "{app} may be risky. If you trust this app, please ask your admin to grant you access "
        "to this app.",
    ], 900941),
    Outcome.BLOCKED: ("Need admin approval", [
        NEED_APPROVAL, "Your admin has blocked requests for this app.",
    ], 90094),
    Outcome.REQUEST_APPROVAL: ("Approval required", [
        "This app requires your admin's approval to:",
    ], 90095),
    Outcome.REQUEST_PENDING: ("Approval required", [
        "Your request to use {app} is waiting for your admin's review. You'll be able to use "
        "the app once an admin approves it.",
    ], 90095),
    "request_sent": ("Request sent", [
        "Your request has been sent to your admin. You'll be able to use {app} once an admin "
        "approves it.",
    ], 90095),
}
RETURN_LABELS = {
    Outcome.REQUEST_APPROVAL: "Return to the application without requesting approval",
    Outcome.REQUEST_PENDING: "Back to app",
    "request_sent": "Back to app",
}


def interrupt(req: AuthorizationRequest, app: AppRegistration, user: User, outcome: Outcome):
    """The interrupt page for an outcome other than ISSUE or PROMPT."""
    return _render(req, app, user, outcome)


def request_sent(req: AuthorizationRequest, app: AppRegistration, user: User):
    """After "Request approval": the confirmation, with "Back to app"."""
    return _render(req, app, user, "request_sent")


def _render(req: AuthorizationRequest, app: AppRegistration, user: User, page: str):
    """One interrupt page: heading, sentences, the permissions when asking, and the actions."""
    title, sentences, code = WORDING[page]
    html = render_template(
        "interrupt.html",
        page=str(page),
        title=title,
        sentences=[s.format(app=app.display_name) for s in sentences],
        code=code,
        app=app,
        user=user,
        lines=consent_lines(for_account(req.scopes, user.is_personal)),
        can_request=page == Outcome.REQUEST_APPROVAL,
        can_switch=page not in (Outcome.REQUEST_PENDING, "request_sent"),
        return_label=RETURN_LABELS.get(page,
                                       "Return to the application without granting consent"),
        action=url_for("interaction.consent", tenant=req.tenant_path),
        ctx=req.ctx,
        csrf_token=browser_session.form_token(),
        error_uri=error_uri(base_url(), code),
    )
    return make_response(html)
