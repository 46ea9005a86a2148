"""The plugin system: loading, order, enable/disable, failures, entry points."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from postpress_whitelabel.config import ConfigurationError
from postpress_whitelabel.plugin_host import manager
from tests.plugin_sources import RECORDER, TEMPLATES

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"

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
    info = {i.name: i for i in manager.infos(app)}["recorder"]
    assert not info.enabled and info.hooks == []


def test_plugins_setting_limits_what_loads(kit, make_app):
    kit.builtin("recorder", RECORDER, TEMPLATES)
    kit.builtin("aaa_first", FIRST)
    app = make_app(**kit.config(PLUGINS=["aaa_first"]))
    enabled = {i.name for i in manager.infos(app) if i.enabled}
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
    info = {i.name: i for i in manager.infos(app)}["broken"]
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
                               "register_migrations", "register_scopes"]}


def test_a_package_cannot_take_a_builtin_name(kit, make_app, caplog):
    kit.builtin("hello", FIRST)
    kit.install_example()
    with caplog.at_level(logging.ERROR):
        app = make_app(**kit.config())
    hello = {i.name: i for i in manager.infos(app)}["hello"]
    assert hello.source == "built-in" and "reuses the built-in name 'hello'" in caplog.text


def test_plugins_command_without_plugins(kit, make_app):
    result = make_app(**kit.config()).test_cli_runner().invoke(args=["postpress", "plugins"])
    assert "No plugins found" in result.output
