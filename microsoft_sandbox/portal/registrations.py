"""App registrations: the list, "New registration", Overview and Authentication.

Supported account types and redirect URIs are the registration's settings that the identity
endpoints enforce (AADSTS50194/700016 for audiences, 50011 for redirect URIs), so changes here
show up at once in authorize and token.
"""

from urllib.parse import urlsplit

from flask import g, request

from ..directory.app_registry import checked_name
from ..directory.models import SignInAudience
from ..web import base_url, get_sandbox
from .blueprint import bp
from .common import account_required, app_of_tenant, checked_form, done, render
from .verification import is_loopback

AUDIENCES = {
    SignInAudience.MY_ORG: "Accounts in this organizational directory only ({tenant} only - "
                           "Single tenant)",
    SignInAudience.MULTIPLE_ORGS: "Accounts in any organizational directory (Any Microsoft "
                                  "Entra ID tenant - Multitenant)",
    SignInAudience.ORGS_AND_PERSONAL: "Accounts in any organizational directory (Any Microsoft "
                                      "Entra ID tenant - Multitenant) and personal Microsoft "
                                      "accounts (e.g. Skype, Xbox)",
    SignInAudience.PERSONAL_ONLY: "Personal Microsoft accounts only",
}
AUDIENCE_SHORT = {
    SignInAudience.MY_ORG: "My organization only",
    SignInAudience.MULTIPLE_ORGS: "Multiple organizations",
    SignInAudience.ORGS_AND_PERSONAL: "All Microsoft account users",
    SignInAudience.PERSONAL_ONLY: "Personal Microsoft accounts only",
}


def redirect_uri_problem(uri: str) -> str | None:
    """Why the portal refuses a Web redirect URI, or None when it is acceptable."""
    if not uri:
        return "Enter a redirect URI."
    if len(uri) > 256:
        return "The redirect URI must be 256 characters or fewer."
    if "*" in uri:
        return "Wildcards are not supported in redirect URIs."
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 (reading it is the check: ValueError when out of 0..65535)
    except ValueError:  # an unclosed IPv6 bracket, or a port that is no port
        return "Must be a valid URL."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Must be a valid URL."
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return 'Must start with "HTTPS" or "http://localhost".'
    if parts.fragment or "#" in uri:
        return "The redirect URI must not contain a fragment."
    return None


def name_problem(name: str) -> str | None:
    """Why the portal refuses an application name (the registry's rule), or None."""
    try:
        checked_name(name)
    except ValueError as exc:
        return str(exc)
    return None


def audience_labels() -> dict:
    """The four "Supported account types", worded with the directory's name."""
    return {a.value: text.format(tenant=g.tenant.display_name) for a, text in AUDIENCES.items()}


@bp.get("/app-registrations")
@account_required
def registrations():
    """The directory's app registrations, with "New registration"."""
    return render("registrations.html", apps=get_sandbox().apps_in_tenant(g.tenant.tenant_id),
                  short=AUDIENCE_SHORT)


@bp.get("/app-registrations/new")
@account_required
def new_registration():
    """"Register an application": name, supported account types, optional Web redirect URI."""
    return render("new_registration.html", audiences=audience_labels(), form={})


@bp.post("/app-registrations/new")
@account_required
def create_registration():
    """Register the app, then open its Overview."""
    checked_form()
    form = request.form
    name = (form.get("name") or "").strip()
    audience = form.get("sign_in_audience", "")
    uri = (form.get("redirect_uri") or "").strip()
    problem = name_problem(name) \
        or (None if audience in AUDIENCES else "Choose who can use this application.") \
        or (redirect_uri_problem(uri) if uri else None)
    if problem:
        return render("new_registration.html", 400, audiences=audience_labels(),
                      form=form, error=problem)
    app = get_sandbox().register_app(name, audience, g.tenant.tenant_id,
                                     redirect_uris=[uri] if uri else [])
    return done(f"Successfully created application {app.display_name}.", "portal.overview",
                client_id=app.client_id)


@bp.get("/app-registrations/<client_id>")
@account_required
def overview(client_id: str):
    """Overview: Application (client) ID, Object ID, Directory (tenant) ID and endpoints."""
    app = app_of_tenant(client_id)
    return render("overview.html", app=app, blade="overview",
                  audience=AUDIENCE_SHORT[app.sign_in_audience], base=base_url())


@bp.get("/app-registrations/<client_id>/authentication")
@account_required
def authentication(client_id: str):
    """Authentication: Web redirect URIs and supported account types."""
    return _authentication_page(app_of_tenant(client_id))


def _authentication_page(app, status: int = 200, error: str | None = None, typed: str = ""):
    """Render the Authentication blade, with a refused URI and its reason when there is one."""
    return render("authentication.html", status, app=app, blade="authentication",
                  audiences=audience_labels(), error=error, typed=typed)


@bp.post("/app-registrations/<client_id>/authentication/redirect-uris")
@account_required
def add_redirect_uri(client_id: str):
    """"Add URI" on the Web platform."""
    checked_form()
    app = app_of_tenant(client_id)
    uri = (request.form.get("redirect_uri") or "").strip()
    problem = redirect_uri_problem(uri)
    if problem is None and uri in app.redirect_uris:
        problem = "This redirect URI is already registered."
    if problem:
        return _authentication_page(app, 400, problem, uri)
    get_sandbox().add_redirect_uri(app.client_id, uri)
    return done("Redirect URI added.", "portal.authentication", client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/authentication/redirect-uris/remove")
@account_required
def remove_redirect_uri(client_id: str):
    """Delete one Web redirect URI."""
    checked_form()
    app = app_of_tenant(client_id)
    get_sandbox().remove_redirect_uri(app.client_id, request.form.get("redirect_uri", ""))
    return done("Redirect URI removed.", "portal.authentication", client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/authentication/audience")
@account_required
def change_audience(client_id: str):
    """Change the supported account types."""
    checked_form()
    app = app_of_tenant(client_id)
    audience = request.form.get("sign_in_audience", "")
    if audience not in AUDIENCES:
        return _authentication_page(app, 400, "Choose who can use this application.")
    get_sandbox().update_app(app.client_id, sign_in_audience=audience)
    return done("Supported account types updated.", "portal.authentication",
                client_id=app.client_id)
