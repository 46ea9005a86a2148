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
    return {name: n for name, n in sandbox.request_totals().items() if name.startswith("graph")}


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
    """The default app asks only for the base scopes here: Mail.Read is missing, and no
    plugin asks for it, so signing in again would not help: the panel says to ask an admin."""
    from tests.conftest import Journey

    app = _app(kit, make_app)
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    home = client.get("/").get_data(as_text=True)
    assert "<p>profile of Adele Vance</p>" in home
    assert "Ask your administrator" in home and "Grant the permission" not in home
    assert "<p>mail" not in home


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


SHARING_PLUGIN = """
    from flask import Blueprint
    from postpress_whitelabel import api

    bp = Blueprint("sharing", __name__, template_folder="templates")

    @api.hookimpl
    def register_blueprints(app):
        return [bp]

    @api.hookimpl
    def home_panels(account):
        return [
            api.Panel("One", "sharing/one.html", optional="mail", requests=(
                api.BatchRequest("me", "GET", "/me"),
                api.BatchRequest("mail", "GET", "/me/messages?$top=1"))),
            api.Panel("Two", "sharing/two.html",
                      requests=(api.BatchRequest("who", "GET", "/me"),)),
        ]
"""
SHARING_TEMPLATES = {
    "sharing/one.html": "<p>one {{ graph['me'].body['displayName'] }} mail ok "
                        "{{ graph['mail'].ok }} grant {{ graph['mail'].error.missing_permission }}"
                        "</p>",
    "sharing/two.html": "<p>two {{ graph['who'].body['displayName'] }} as "
                        "{{ graph['who'].id }}</p>",
}


def test_identical_reads_go_once_and_an_optional_failure_keeps_its_panel(kit, make_app,
                                                                         microsoft, sandbox):
    """Mail.Read is missing (base scopes only): the optional request fails, the panel stays."""
    from tests.conftest import Journey

    kit.builtin("sharing", SHARING_PLUGIN.replace("\n    ", "\n"), templates=SHARING_TEMPLATES)
    app = make_app(**kit.config(PLUGINS=["sharing"]))
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    sandbox.reset_counts()
    home = client.get("/").get_data(as_text=True)
    assert "<p>one Adele Vance mail ok False grant True</p>" in home
    assert "<p>two Adele Vance as who</p>" in home
    assert 'class="panel-error"' not in home
    calls = _graph_calls(sandbox)
    assert calls["graph_batch"] == 1 and calls["graph_me"] == 1


def test_a_duplicate_read_others_depend_on_is_replaced_by_the_one_sent():
    from postpress_whitelabel import api
    from postpress_whitelabel.plugin_host.panel_batch import _plan

    wanted = {0: (api.BatchRequest("zone", "GET", "/me/mailboxSettings"),),
              1: (api.BatchRequest("z", "GET", "/me/mailboxSettings", headers={"A": "1"}),
                  api.BatchRequest("tz", "GET", "/me/mailboxSettings"),
                  api.BatchRequest("next", "GET", "/me/events", depends_on="tz"),
                  api.BatchRequest("post", "POST", "/me/events", body={})),
              2: (api.BatchRequest("post", "POST", "/me/events", body={}),)}
    batch, sent_as = _plan(wanted)
    assert [r.id for r in batch] == ["p0-zone", "p1-z", "p1-next", "p1-post", "p2-post"]
    assert sent_as["p1-tz"] == "p0-zone"
    assert batch[2].depends_on == ("p0-zone",)


def test_an_optional_id_no_request_has_is_refused():
    import pytest

    from postpress_whitelabel import api

    with pytest.raises(ValueError, match="name no request"):
        api.Panel("P", "p.html", requests=(api.BatchRequest("a", "GET", "/me"),),
                  optional=("b",))
