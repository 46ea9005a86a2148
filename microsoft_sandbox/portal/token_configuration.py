"""Token configuration: the ID token's optional claims.

What an app adds here changes the id_tokens the sandbox signs for it, as in Entra: `xms_edov`
appears beside `email` only once added, which is how a relying party learns that the email's
domain owner is verified.
"""

from flask import request

from ..directory.app_registry import OPTIONAL_CLAIMS
from ..web import get_sandbox
from .blueprint import bp
from .common import account_required, app_of_tenant, checked_form, done, render


def _page(app, status: int = 200, **extra):
    app = get_sandbox().app(app.client_id)
    return render("token_configuration.html", status, app=app, blade="token-configuration",
                  offered=OPTIONAL_CLAIMS, **extra)


@bp.get("/app-registrations/<client_id>/token-configuration")
@account_required
def token_configuration(client_id: str):
    """The optional claims in the app's ID tokens."""
    return _page(app_of_tenant(client_id))


@bp.post("/app-registrations/<client_id>/token-configuration")
@account_required
def change_optional_claim(client_id: str):
    """Add (`action=add`) or delete (`action=delete`) one ID token optional claim."""
    checked_form()
    app = app_of_tenant(client_id)
    claim, action = request.form.get("claim", ""), request.form.get("action", "add")
    if claim not in OPTIONAL_CLAIMS or action not in ("add", "delete"):
        return _page(app, 400, error="Select an optional claim from the list.")
    get_sandbox().set_optional_claim(app.client_id, claim, present=action == "add")
    verb = "added to" if action == "add" else "deleted from"
    return done(f"Optional claim {claim} {verb} the ID token.", "portal.token_configuration",
                client_id=app.client_id)
