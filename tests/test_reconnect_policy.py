"""Access denied although every scope is granted: the reconnect page says who must act and
does not send the user round the sign-in loop again."""

from __future__ import annotations

from microsoft_sandbox.directory import seed
from tests.conftest import Journey

POLICY_PLUGIN = """
    from flask import Blueprint, request
    from postpress_whitelabel import api

    bp = Blueprint("peek", __name__, url_prefix="/peek")

    @bp.get("/")
    @api.login_required
    def page():
        account = api.connected_accounts()[0]
        try:
            api.graph(account).get("/users/%s/calendar/events" % request.args["oid"])
        except api.GraphError as error:
            if error.missing_permission or error.needs_sign_in:
                return api.reconnect(account, next=request.full_path, error=error)
            raise
        return "read"

    @api.hookimpl
    def register_blueprints(app):
        return [bp]

    @api.hookimpl
    def register_scopes():
        return [api.Scope("Calendars.Read", "Read a colleague's calendar.")]
"""


def test_a_refusal_with_every_scope_granted_names_the_administrator(kit, make_app, microsoft,
                                                                    sandbox):
    kit.builtin("peek", POLICY_PLUGIN)
    app = make_app(**kit.config(PLUGINS=["peek"]))
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)  # grants Calendars.Read
    page = client.get(f"/peek/?oid={seed.CONTOSO_ADMIN_OID}")  # a calendar not shared with her
    html = page.get_data(as_text=True)
    assert page.status_code == 403
    assert "Microsoft refused access" in html and "Your administrator can fix this" in html
    assert "Permission needed" not in html and "Sign in to Microsoft again" not in html
    assert "<code>ErrorAccessDenied</code>" in html
    # Signing in again stays possible, as the secondary action, and comes back here.
    assert 'class="btn-secondary' in html and 'value="reconnect"' in html
    assert f'name="next" value="/peek/?oid={seed.CONTOSO_ADMIN_OID}"' in html


def test_a_home_panel_refused_by_policy_offers_no_grant_button(kit, make_app, microsoft,
                                                               sandbox):
    kit.builtin("panel", PANEL_PLUGIN.replace("{oid}", seed.CONTOSO_ADMIN_OID),
                templates={"panel/p.html": "<p>events</p>"})
    app = make_app(**kit.config(PLUGINS=["panel"]))
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    home = client.get("/").get_data(as_text=True)
    assert "granted every permission this app asks for" in home and "Ask your administrator" in home
    assert "Grant the permission" not in home


PANEL_PLUGIN = """
from postpress_whitelabel import api

@api.hookimpl
def register_scopes():
    return [api.Scope("Calendars.Read", "Read a colleague's calendar.")]

@api.hookimpl
def home_panels(account):
    return [api.Panel("Colleague", "panel/p.html", requests=(
        api.BatchRequest("events", "GET", "/users/{oid}/calendar/events"),))]
"""
