"""The plugin system: loading, enable/disable, failures, and one test per hook."""

from __future__ import annotations

import json
import logging
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from microsoft_sandbox import seed
from postpress_whitelabel import plugins
from postpress_whitelabel.config import ConfigurationError
from tests.plugin_kit import PluginKit

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"

RECORDER = '''
from flask import Blueprint, render_template_string
from postpress_whitelabel.api import (MenuLink, Panel, Scope, SettingsSection, hookimpl,
                                      start_flow)

CALLS = []
bp = Blueprint("recorder", __name__, template_folder="templates")


@bp.get("/recorder/")
def page():
    return render_template_string("{{ recorder_var }}|{{ recorder_user }}")


@bp.post("/recorder/start")
def start():
    flow = start_flow("recorder_flow", data={"why": "test"})
    return {"state": flow.state, "redirect_uri": flow.redirect_uri, "client_id": flow.client_id}


@hookimpl
def startup(app):
    app.config["RECORDER_STARTED"] = True


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_scopes():
    return [Scope("Mail.Read", "Show the inbox panel.")]


@hookimpl
def menu_links(user):
    return [MenuLink("Recorder", "/recorder/")] if user else None


@hookimpl
def home_panels(account, user):
    return [Panel("Recorded", "recorder/panel.html", {"who": account.name})]


@hookimpl
def extra_template_vars(request, user):
    return {"recorder_var": "from-plugin", "recorder_user": user.name if user else "nobody"}


@hookimpl
def settings_sections(user):
    return [SettingsSection("Recorder settings", "recorder/settings.html", {"admin": user.name})]


@hookimpl
def account_connected(account, user, kind):
    CALLS.append(("connected", account.oid, kind))


@hookimpl
def account_refreshed(account):
    CALLS.append(("refreshed", account.oid))


@hookimpl
def account_disconnected(account):
    CALLS.append(("disconnected", account.oid, account.access_token))


@hookimpl
def handle_oauth_error(error, flow):
    if error.cancelled:
        return "recorder saw " + error.error, 418
    return None


@hookimpl
def handle_callback(flow, args):
    if flow.kind == "recorder_flow":
        return {"kind": flow.kind, "data": flow.data, "ok": args.get("ok")}
    return None
'''
TEMPLATES = {"recorder/panel.html": "<p>panel for {{ who }}</p>",
             "recorder/settings.html": "<p>settings for {{ admin }}</p>"}


@pytest.fixture
def kit(tmp_path, monkeypatch):
    kit = PluginKit(tmp_path, monkeypatch)
    yield kit
    kit.cleanup()


@pytest.fixture
def recorder_app(kit, make_app):
    kit.builtin("recorder", RECORDER, TEMPLATES)
    app = make_app(**kit.config(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN]))
    app.recorder = sys.modules[f"{kit.package}.recorder"]
    return app


@pytest.fixture
def recorder(recorder_app, microsoft):
    from tests.conftest import Journey

    client = recorder_app.test_client()
    return recorder_app, client, Journey(client, microsoft)


def test_hook_startup(recorder_app):
    assert recorder_app.config["RECORDER_STARTED"] is True


def test_hook_register_blueprints(recorder):
    app, client, _ = recorder
    assert client.get("/recorder/").status_code == 200


def test_hook_register_scopes(recorder):
    app, client, journey = recorder
    scope = parse_qs(urlsplit(journey.start()).query)["scope"][0].split()
    assert "Mail.Read" in scope and "User.Read" in scope
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    settings = client.get("/settings/").text
    assert "Mail.Read" in settings and "Show the inbox panel." in settings
    assert "recorder" in settings


def test_hook_menu_links(recorder):
    app, client, journey = recorder
    assert "/recorder/" not in client.get("/login").text
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert 'href="/recorder/">Recorder</a>' in client.get("/").text


def test_hook_home_panels(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_USER_OID)
    home = client.get("/").text
    assert "Recorded" in home and "<p>panel for Adele Vance</p>" in home


def test_hook_extra_template_vars(recorder):
    app, client, journey = recorder
    assert client.get("/recorder/").text == "from-plugin|nobody"
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert client.get("/recorder/").text == "from-plugin|Adele Vance"


def test_hook_settings_sections(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    page = client.get("/settings/")
    assert page.status_code == 200
    assert "Recorder settings" in page.text and "settings for Megan Bowen" in page.text


def test_settings_is_for_admins_only(recorder):
    app, client, journey = recorder
    assert client.get("/settings/").status_code == 302  # anonymous: to the login page
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert client.get("/settings/").status_code == 403
    assert "Settings" not in client.get("/").text.split("<main>")[0]


def test_hook_account_connected(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert app.recorder.CALLS == [("connected", seed.CONTOSO_USER_OID, "sign_in")]


def test_hook_account_refreshed(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_USER_OID)
    client.post("/accounts/1/refresh", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert ("refreshed", seed.CONTOSO_USER_OID) in app.recorder.CALLS


def test_hook_account_disconnected(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_USER_OID)
    client.post("/accounts/1/disconnect", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert app.recorder.CALLS[-1] == ("disconnected", seed.CONTOSO_USER_OID, None)


def test_hook_handle_oauth_error(recorder):
    app, client, journey = recorder
    resp = journey.callback(journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID,
                                                 consent="cancel"))
    assert resp.status_code == 418 and resp.text == "recorder saw access_denied"


def test_hook_handle_callback(recorder):
    app, client, journey = recorder
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    started = client.post("/recorder/start",
                          data={"csrf_token": journey.csrf_token("/accounts/")}).json
    assert started["client_id"] == seed.DEFAULT_CLIENT_ID
    assert started["redirect_uri"].endswith(CALLBACK)
    resp = client.get(CALLBACK + "?" + urlencode({"state": started["state"], "ok": "yes"}))
    assert resp.json == {"kind": "recorder_flow", "data": json.dumps({"why": "test"}),
                         "ok": "yes"}
    replay = client.get(CALLBACK + "?" + urlencode({"state": started["state"], "ok": "yes"}))
    assert replay.status_code == 400  # plugin flows are single-use too


def test_a_flow_nobody_claims_is_explained(kit, make_app, microsoft):
    kit.builtin("recorder", RECORDER, TEMPLATES)
    app = make_app(**kit.config())
    client = app.test_client()
    from tests.conftest import Journey

    journey = Journey(client, microsoft)
    started = client.post("/recorder/start", data={"csrf_token": journey.csrf_token()}).json
    plugins.manager(app).unregister(name="recorder")
    resp = client.get(CALLBACK + "?" + urlencode({"state": started["state"]}))
    assert resp.status_code == 400 and "no one to take it" in resp.text


FIRST = '''
from postpress_whitelabel.api import hookimpl

@hookimpl(tryfirst=True)
def handle_oauth_error(error, flow):
    return None

@hookimpl
def menu_links(user):
    return []
'''
SECOND = '''
from postpress_whitelabel.api import hookimpl

@hookimpl(tryfirst=True)
def handle_oauth_error(error, flow):
    return "second answered", 409
'''
THIRD = '''
from postpress_whitelabel.api import hookimpl

@hookimpl(trylast=True)
def handle_oauth_error(error, flow):
    raise AssertionError("never reached: an earlier plugin answered")
'''


def test_first_result_wins_in_hook_order(kit, make_app, microsoft):
    from tests.conftest import Journey

    kit.builtin("aaa_first", FIRST)
    kit.builtin("bbb_second", SECOND)
    kit.builtin("ccc_third", THIRD)
    journey = Journey(make_app(**kit.config()).test_client(), microsoft)
    resp = journey.callback(journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID,
                                                 consent="cancel"))
    assert resp.status_code == 409 and resp.text == "second answered"


def test_errors_without_a_valid_state_never_reach_plugins(kit, make_app):
    kit.builtin("bbb_second", SECOND)
    client = make_app(**kit.config()).test_client()
    resp = client.get(CALLBACK + "?error=access_denied&error_subcode=cancel")
    assert resp.status_code == 400 and "second answered" not in resp.text


def test_disabled_plugins_do_not_load(kit, make_app):
    kit.builtin("recorder", RECORDER, TEMPLATES)
    app = make_app(**kit.config(DISABLED_PLUGINS=["recorder"]))
    assert app.test_client().get("/recorder/").status_code == 404
    info = {i.name: i for i in plugins.infos(app)}["recorder"]
    assert not info.enabled and info.hooks == []


def test_plugins_setting_limits_what_loads(kit, make_app):
    kit.builtin("recorder", RECORDER, TEMPLATES)
    kit.builtin("aaa_first", FIRST)
    app = make_app(**kit.config(PLUGINS=["aaa_first"]))
    enabled = {i.name for i in plugins.infos(app) if i.enabled}
    assert enabled == {"aaa_first"}


def test_plugins_setting_naming_an_unknown_plugin_stops_start_up(kit, make_app):
    with pytest.raises(ConfigurationError, match="nope"):
        make_app(**kit.config(PLUGINS=["nope"]))


BROKEN_IMPORT = "raise ImportError('needs a package that is not installed')\n"
UNKNOWN_HOOK = '''
from postpress_whitelabel.api import hookimpl

@hookimpl
def register_widgets(app):
    return []
'''
RAISING = '''
from postpress_whitelabel.api import MenuLink, hookimpl

@hookimpl
def menu_links(user):
    raise RuntimeError("menu is broken")
'''


@pytest.mark.parametrize("source,expected", [
    (BROKEN_IMPORT, "ImportError: needs a package"),
    (UNKNOWN_HOOK, "unknown hook(s): register_widgets"),
])
def test_an_optional_plugin_that_cannot_load_is_reported_and_skipped(
        kit, make_app, caplog, source, expected):
    kit.builtin("broken", source)
    with caplog.at_level(logging.ERROR):
        app = make_app(**kit.config())
    info = {i.name: i for i in plugins.infos(app)}["broken"]
    assert expected in info.error and info.source == "built-in"
    assert "broken" in caplog.text and expected in caplog.text
    assert app.test_client().get("/login").status_code == 200
    result = app.test_cli_runner().invoke(args=["postpress", "plugins"])
    assert "broken built-in (built-in) - FAILED: " in result.output


@pytest.mark.parametrize("source", [BROKEN_IMPORT, UNKNOWN_HOOK])
def test_a_required_plugin_that_cannot_load_stops_start_up(kit, make_app, source):
    kit.builtin("broken", source)
    with pytest.raises(ConfigurationError, match="plugin 'broken' \\(built-in\\) failed"):
        make_app(**kit.config(PLUGINS=["broken"]))


def test_a_raising_hook_of_an_optional_plugin_is_skipped(kit, make_app, caplog):
    kit.builtin("raising", RAISING)
    app = make_app(**kit.config())
    with caplog.at_level(logging.ERROR):
        resp = app.test_client().get("/login")
    assert resp.status_code == 200
    assert "plugin 'raising' (built-in) failed in hook menu_links" in caplog.text


def test_a_raising_hook_of_a_required_plugin_is_an_error_page(kit, make_app, microsoft):
    kit.builtin("raising", RAISING)
    app = make_app(**kit.config(PLUGINS=["raising"]))
    resp = app.test_client().get("/login")
    assert resp.status_code == 500 and "menu is broken" not in resp.text


def test_entry_point_plugin_end_to_end(kit, make_app, microsoft):
    """examples/postpress-hello, found by its entry point with no change to the app."""
    from tests.conftest import Journey

    kit.install_example()
    app = make_app(**kit.config())
    client = app.test_client()
    journey = Journey(client, microsoft)
    scope = parse_qs(urlsplit(journey.start()).query)["scope"][0].split()
    assert "Contacts.Read" in scope
    journey.sign_in(seed.CONTOSO_USER_OID)
    home = client.get("/").text
    assert 'href="/hello/">Hello</a>' in home and "Hello, Adele Vance!" in home
    page = client.get("/hello/")
    assert page.status_code == 200 and "Hello from a plugin" in page.text
    report = json.loads(app.test_cli_runner().invoke(args=["postpress", "plugins", "--json"])
                        .output)
    hello = next(p for p in report if p["name"] == "hello")
    assert hello == {"name": "hello", "source": "package postpress-hello", "version": "0.1.0",
                     "enabled": True, "error": None, "scopes": ["Contacts.Read"],
                     "hooks": ["home_panels", "menu_links", "register_blueprints",
                               "register_scopes"]}


def test_a_package_cannot_take_a_builtin_name(kit, make_app, caplog):
    kit.builtin("hello", FIRST)
    kit.install_example()
    with caplog.at_level(logging.ERROR):
        app = make_app(**kit.config())
    hello = {i.name: i for i in plugins.infos(app)}["hello"]
    assert hello.source == "built-in" and "reuses the built-in name 'hello'" in caplog.text


def test_plugins_command_without_plugins(kit, make_app):
    result = make_app(**kit.config()).test_cli_runner().invoke(args=["postpress", "plugins"])
    assert "No plugins found" in result.output
