"""The adminconsent endpoint's second half: once an account is chosen, an admin accepts for the
whole organization and the app gets `admin_consent=True` with the tenant, or an error.

It shares the account picker and the consent post with authorize; `sign_in_flow` hands requests
whose purpose is "adminconsent" over to `advance`, and the consent post hands them to `answer`.
"""

from ..directory.models import AppRegistration, AuthorizationRequest, User
from ..directory.scopes import GRAPH_RESOURCE, OIDC_SCOPES, graph_scopes
from ..web import base_url, get_sandbox
from . import consent_pages, sign_in_pages
from .aadsts_errors import RETURN_WITHOUT_CONSENT, AadstsError
from .browser_responses import to_client
from .consent_rules import Outcome

# The admin consent endpoint's cancel, as Microsoft's documentation shows it (v2-admin-consent,
# "Error response"): `error=consent_required`, AADSTS65004 with the text below. Captured answers
# (microsoft-identity.md section 5) had `access_denied` with the same code; the docs win here,
# and apps should accept both.
CANCEL_ERROR = "consent_required"
CANCEL_TEXT = "The resource owner or authorization server denied the request."


def advance(req: AuthorizationRequest, app: AppRegistration, user: User):
    """An admin sees "Accept for your organization"; anyone else "Need admin approval"."""
    if not user.is_admin:
        return consent_pages.interrupt(req, app, user, Outcome.ADMIN_APPROVAL)
    return sign_in_pages.admin_consent(req, app, user)


def answer(req: AuthorizationRequest, app: AppRegistration, user: User, decision: str | None):
    """Accept grants tenant-wide and redirects with the tenant; cancel redirects an error."""
    sandbox = get_sandbox()
    if decision == "accept" and user.is_admin:
        sandbox.grant_tenant_consent(user.tenant_id, app.client_id, req.scopes, user.oid,
                                     "adminconsent")
        sandbox.finish_request(req.ctx)
        params = {"admin_consent": "True", "tenant": user.tenant_id}
        if req.state is not None:
            params["state"] = req.state
        params["scope"] = scope_parameter(req.scopes)
        return to_client(req.redirect_uri, "query", params)
    if decision == "cancel":
        sandbox.finish_request(req.ctx)
        code, subcode = RETURN_WITHOUT_CONSENT["adminconsent"]
        err = AadstsError(code, {"app_name": app.display_name}, subcode=subcode,
                          error_override=CANCEL_ERROR, template=CANCEL_TEXT)
        return redirect_error(req.redirect_uri, req.state, err)
    return advance(req, app, user)


def scope_parameter(scopes: list[str]) -> str:
    """The success redirect's `scope`: Graph permissions as full URLs, OIDC scopes bare."""
    graph = [GRAPH_RESOURCE + s for s in graph_scopes(scopes)]
    return " ".join(graph + [s for s in OIDC_SCOPES if s in scopes])


def redirect_error(redirect_uri: str, state: str | None, err: AadstsError):
    """An adminconsent error: `admin_consent=True` first, then Microsoft's error parameters."""
    params = err.redirect_params(get_sandbox().clock.now(), base_url(), state)
    return to_client(redirect_uri, "query", {"admin_consent": "True", **params})
