"""Certificates & secrets: client secrets with a description and an expiry.

"Add" creates the secret and redirects (303) to the blade, so reloading the page that shows
the value never posts again and never creates a second secret. The value rides in the sandbox
session for exactly that one GET, which takes it out again (never flashed, never cached):
a reload, or any later visit, shows only its first characters. Expiry dates follow the sandbox
clock, so tests move time instead of waiting.
"""

import time
from types import SimpleNamespace

from flask import make_response, redirect, request, session, url_for

from ..directory.app_registry import SECRET_LIFETIME_DAYS
from ..web import get_sandbox, no_store, small_int
from .blueprint import bp
from .common import account_required, app_of_tenant, checked_form, done, render

# Session key holding the secret just created until the blade's next GET shows it.
JUST_CREATED = "portal_new_secret"


def secret_rows(app, now: float) -> list[dict]:
    """What the secrets table shows: description, expiry, hint, Secret ID, expired or not."""
    return [{"description": s.description, "secret_id": s.secret_id,
             "expires": time.strftime("%m/%d/%Y", time.gmtime(s.expires_at)),
             "hint": s.hint + "*" * 8, "expired": s.expires_at < now}
            for s in app.secrets]


def _page(app, status: int = 200, **extra):
    """The blade, optionally with the secret just created or a form error; never cached."""
    app = get_sandbox().app(app.client_id)
    html, status = render("credentials.html", status, app=app, blade="credentials",
                          rows=secret_rows(app, get_sandbox().clock.now()),
                          lifetimes=SECRET_LIFETIME_DAYS, **extra)
    return no_store(make_response(html, status))


def _take_just_created(client_id: str) -> SimpleNamespace | None:
    """The secret "Add" just created for this app, removed from the session as it is read."""
    held = session.pop(JUST_CREATED, None)
    if not isinstance(held, dict) or held.get("client_id") != client_id:
        return None
    return SimpleNamespace(secret_id=held["secret_id"], value=held["value"])


@bp.get("/app-registrations/<client_id>/credentials")
@account_required
def credentials(client_id: str):
    """Client secrets, with "New client secret" (and a just-created value, this once)."""
    app = app_of_tenant(client_id)
    return _page(app, new_secret=_take_just_created(app.client_id))


@bp.post("/app-registrations/<client_id>/credentials/secrets")
@account_required
def add_secret(client_id: str):
    """"Add": create the secret, then 303 to the blade, which shows its value once."""
    checked_form()
    app = app_of_tenant(client_id)
    days = small_int(request.form.get("expires", ""))
    if days not in SECRET_LIFETIME_DAYS:
        return _page(app, 400, error="Choose when the secret expires: 6, 12 or 24 months.")
    secret = get_sandbox().add_secret(app.client_id, request.form.get("description", ""), days)
    session[JUST_CREATED] = {"client_id": app.client_id, "secret_id": secret.secret_id,
                             "value": secret.value}
    return redirect(url_for("portal.credentials", client_id=app.client_id), code=303)


@bp.post("/app-registrations/<client_id>/credentials/secrets/delete")
@account_required
def delete_secret(client_id: str):
    """Delete a secret by its Secret ID; apps using it fail with AADSTS7000215 from now on."""
    checked_form()
    app = app_of_tenant(client_id)
    get_sandbox().delete_secret(app.client_id, request.form.get("secret_id", ""))
    return done("Client secret deleted.", "portal.credentials", client_id=app.client_id)
