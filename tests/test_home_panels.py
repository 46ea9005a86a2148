"""Home panels declare their Graph requests; the core sends them in one $batch per account."""

from __future__ import annotations

from microsoft_sandbox.directory import seed

PANELS_PLUGIN = """
    from flask import Blueprint
    from postpress_whitelabel import api

    bp = Blueprint("panels", __name__, template_folder="templates")

    @api.hookimpl
    def register_blueprints(app):
        return [bp]

    @api.hookimpl
    def home_panels(account):
        return [
            api.Panel("Profile", "panels/profile.html",
                      requests=(api.BatchRequest("me", "GET", "/me"),)),
            api.Panel("Mail", "panels/mail.html",
                      requests=(api.BatchRequest("me", "GET", "/me/messages?$top=1"),)),
            api.Panel("Static", "panels/static.html"),
        ]
"""
TEMPLATES = {
    "panels/profile.html": "<p>profile of {{ graph['me'].body['displayName'] }}</p>",
    "panels/mail.html": "<p>mail {{ graph['me'].body['value'] | length }}</p>",
    "panels/static.html": "<p>static panel</p>",
}


def _app(kit, make_app):
    kit.builtin("panels", PANELS_PLUGIN.replace("\n    ", "\n"), templates=TEMPLATES)
    return make_app(**kit.config(PLUGINS=["panels"]))


def _graph_calls(sandbox) -> dict:
    return {name: sum(by_client.values()) for name, by_client in
            sandbox.request_counts().items() if name.startswith("graph")}


def test_panels_of_an_account_cost_one_batch(kit, make_app, microsoft, sandbox):
    from tests.conftest import Journey

    app = _app(kit, make_app)
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    sandbox.reset_counts()
    home = client.get("/").get_data(as_text=True)
    assert "<p>profile of Adele Vance</p>" in home
    assert "<p>static panel</p>" in home
    assert _graph_calls(sandbox).get("graph_batch") == 1


def test_a_failed_request_shows_in_its_own_panel_only(kit, make_app, microsoft, sandbox):
    """The default app asks only for the base scopes here: Mail.Read is missing."""
    from tests.conftest import Journey

    app = _app(kit, make_app)
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    home = client.get("/").get_data(as_text=True)
    assert "<p>profile of Adele Vance</p>" in home
    assert "has not granted the permission" in home
    assert "<p>mail" not in home
    assert 'name="intent" value="reconnect"' in home


def test_a_batch_that_fails_whole_leaves_panels_without_requests(kit, make_app, microsoft,
                                                                  sandbox):
    from tests.conftest import Journey

    app = _app(kit, make_app)
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    sandbox.faults.force_status("graph_batch", 500)
    home = client.get("/")
    html = home.get_data(as_text=True)
    assert home.status_code == 200
    assert "<p>static panel</p>" in html
    assert html.count('class="panel-error"') == 2
    assert "Microsoft Graph could not answer this" in html
