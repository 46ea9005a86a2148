"""Certificates & secrets: client secrets with a description and an expiry.

A new secret's value is rendered once, in the response to "Add" (never redirected, flashed or
stored in the session), beside its Secret ID; afterwards only its first characters are shown.
Expiry dates follow the sandbox clock, so tests move time instead of waiting.
"""

import time

from flask import make_response, request

from ..app_registry import SECRET_LIFETIME_DAYS
from ..web import get_sandbox, no_store
from . import bp
from .common import account_required, app_of_tenant, checked_form, done, render


def secret_rows(app, now: float) -> list[dict]:
    """What the secrets table shows: description, expiry, hint, Secret ID, expired or not."""
    return [{"description": s.description, "secret_id": s.secret_id,
             "expires": time.strftime("%m/%d/%Y", time.gmtime(s.expires_at)),
             "hint": s.hint + "*" * 8, "expired": s.expires_at < now}
            for s in app.secrets]


def _page(app, status: int = 200, **extra):
    """The blade, optionally with the secret just created or a form error."""
    app = get_sandbox().app(app.client_id)
    return render("credentials.html", status, app=app, blade="credentials",
                  rows=secret_rows(app, get_sandbox().clock.now()),
                  lifetimes=SECRET_LIFETIME_DAYS, **extra)


@bp.get("/app-registrations/<client_id>/credentials")
@account_required
def credentials(client_id: str):
    """Client secrets, with "New client secret"."""
    return _page(app_of_tenant(client_id))


@bp.post("/app-registrations/<client_id>/credentials/secrets")
@account_required
def add_secret(client_id: str):
    """"Add": create the secret and show its value this once."""
    checked_form()
    app = app_of_tenant(client_id)
    raw_days = request.form.get("expires", "")
    days = int(raw_days) if raw_days.isdigit() else 0
    if days not in SECRET_LIFETIME_DAYS:
        return _page(app, 400, error="Choose when the secret expires: 6, 12 or 24 months.")
    secret = get_sandbox().add_secret(app.client_id, request.form.get("description", ""), days)
    html, status = _page(app, new_secret=secret)
    return no_store(make_response(html, status))


@bp.post("/app-registrations/<client_id>/credentials/secrets/delete")
@account_required
def delete_secret(client_id: str):
    """Delete a secret by its Secret ID; apps using it fail with AADSTS7000215 from now on."""
    checked_form()
    app = app_of_tenant(client_id)
    get_sandbox().delete_secret(app.client_id, request.form.get("secret_id", ""))
    return done("Client secret deleted.", "portal.credentials", client_id=app.client_id)
