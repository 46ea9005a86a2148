"""API permissions: the Microsoft Graph delegated permissions an app is configured with.

"Add a permission" lists every delegated permission the sandbox knows (all the guide names are
among them). The list is what `/.default` expands to, at authorize and at the adminconsent
endpoint; "Grant admin consent" grants it tenant-wide in the app's own directory.
"""

from flask import g, request

from ..directory.app_registry import known_permission
from ..directory.scopes import GRAPH_PERMISSIONS, OIDC_SCOPES
from ..web import get_sandbox
from .blueprint import bp
from .common import account_required, app_of_tenant, checked_form, done, render, require_admin

# How the portal describes each permission to the developer (the consent screen words it for
# the end user instead).
DESCRIPTIONS = {
    "openid": "Sign users in",
    "profile": "View users' basic profile",
    "email": "View users' email address",
    "offline_access": "Maintain access to data you have given it access to",
    "User.Read": "Sign in and read user profile",
    "User.ReadBasic.All": "Read all users' basic profiles",
    "User.Read.All": "Read all users' full profiles",
    "Mail.ReadBasic": "Read user basic mail",
    "Mail.Read": "Read user mail",
    "Mail.ReadWrite": "Read and write access to user mail",
    "Mail.Send": "Send mail as a user",
    "Mail.Read.Shared": "Read user and shared mail",
    "Mail.ReadWrite.Shared": "Read and write user and shared mail",
    "Mail.Send.Shared": "Send mail on behalf of others",
    "Calendars.Read": "Read user calendars",
    "Calendars.ReadWrite": "Have full access to user calendars",
    "Calendars.Read.Shared": "Read user and shared calendars",
    "Calendars.ReadWrite.Shared": "Read and write user and shared calendars",
    "Contacts.Read": "Read user contacts",
}


def permission_rows(names: list[str]) -> list[dict]:
    """One row per permission: name, description, whether admin consent is required."""
    rows = []
    for name in names:
        permission = GRAPH_PERMISSIONS.get(name)
        text = DESCRIPTIONS.get(name) or (permission.consent_text if permission else name)
        rows.append({"name": name, "description": text,
                     "admin_only": bool(permission and permission.admin_only)})
    return rows


def permission_groups() -> dict[str, list[dict]]:
    """Every delegated permission, grouped as the portal's picker groups them."""
    groups: dict[str, list[dict]] = {"OpenId permissions": permission_rows(list(OIDC_SCOPES))}
    for name in sorted(GRAPH_PERMISSIONS):
        groups.setdefault(name.split(".")[0], []).extend(permission_rows([name]))
    return groups


@bp.get("/app-registrations/<client_id>/api-permissions")
@account_required
def api_permissions(client_id: str):
    """Configured permissions, and whether they are granted for the home directory."""
    app = app_of_tenant(client_id)
    grant = get_sandbox().tenant_grant(g.tenant.tenant_id, app.client_id)
    return render("api_permissions.html", app=app, blade="api-permissions",
                  rows=permission_rows(app.required_scopes),
                  granted=set(grant.scopes) if grant else set())


@bp.get("/app-registrations/<client_id>/api-permissions/add")
@account_required
def add_permissions_page(client_id: str):
    """"Request API permissions" > Microsoft Graph > Delegated permissions."""
    app = app_of_tenant(client_id)
    return render("add_permissions.html", app=app, blade="api-permissions",
                  groups=permission_groups(), configured=set(app.required_scopes))


@bp.post("/app-registrations/<client_id>/api-permissions/add")
@account_required
def add_permissions(client_id: str):
    """"Add permissions": the ticked delegated permissions join the configured list."""
    checked_form()
    app = app_of_tenant(client_id)
    chosen = [p for p in request.form.getlist("permission") if known_permission(p)]
    if not chosen:
        return render("add_permissions.html", 400, app=app, blade="api-permissions",
                      groups=permission_groups(), configured=set(app.required_scopes),
                      error="Select at least one permission.")
    get_sandbox().set_permissions(app.client_id, add=chosen)
    return done(f"Added {len(chosen)} permission(s).", "portal.api_permissions",
                client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/api-permissions/remove")
@account_required
def remove_permission(client_id: str):
    """"Remove permission" for one configured permission."""
    checked_form()
    app = app_of_tenant(client_id)
    get_sandbox().set_permissions(app.client_id, remove=[request.form.get("permission", "")])
    return done("Permission removed.", "portal.api_permissions", client_id=app.client_id)


def grant_tenant_wide(app, back_to: str):
    """"Grant admin consent for <directory>", pressed on API permissions or on an enterprise
    app's Permissions: the app's configured permissions for every user of the signed-in
    directory, by one of its admins; then back to `back_to` (an endpoint taking client_id).

    :raise 403: for accounts without an admin role.
    """
    require_admin()
    get_sandbox().grant_tenant_consent(g.tenant.tenant_id, app.client_id, app.required_scopes,
                                       g.account.oid, "portal")
    return done(f"Granted admin consent for {g.tenant.display_name}.", back_to,
                client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/api-permissions/grant")
@account_required
def grant_admin_consent(client_id: str):
    """"Grant admin consent for <directory>" on the app's own API permissions blade."""
    checked_form()
    return grant_tenant_wide(app_of_tenant(client_id), "portal.api_permissions")
