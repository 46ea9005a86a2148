"""One test per hook: a recorder plugin implements them all and the app is driven over HTTP."""

from __future__ import annotations

import json
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from postpress_whitelabel.plugin_host import manager
from tests.plugin_sources import RECORDER, TEMPLATES

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"


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
    manager.current(app).unregister(name="recorder")
    resp = client.get(CALLBACK + "?" + urlencode({"state": started["state"]}))
    assert resp.status_code == 400 and "no one to take it" in resp.text


SHARED_CALENDARS = '''
from postpress_whitelabel.api import Scope, hookimpl

@hookimpl
def register_scopes():
    return [Scope("Calendars.Read.Shared", "Show colleagues' calendars.", optional=OPTIONAL)]
'''


@pytest.mark.parametrize("optional,status", [(False, "needs_consent"), (True, "connected")])
def test_a_required_scope_not_granted_asks_for_consent_again(kit, make_app, microsoft,
                                                             optional, status):
    """Microsoft drops .Shared scopes for personal accounts: only a required one matters."""
    from tests.conftest import Journey

    kit.builtin("shared", SHARED_CALENDARS.replace("OPTIONAL", str(optional)))
    app = make_app(**kit.config())
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.PERSONAL_USER_OID)
    page = client.get("/accounts/").text
    assert f"status-{status}" in page
    if status == "needs_consent":
        assert "Not granted" in page and "Calendars.Read.Shared" in page
        assert "Grant missing permissions" in page


CONSENTER = '''
from urllib.parse import urlencode

from flask import Blueprint, redirect

from postpress_whitelabel import api
from postpress_whitelabel.api import hookimpl

bp = Blueprint("consenter", __name__, url_prefix="/consenter")


@bp.post("/start")
@api.login_required
def start():
    started = api.start_flow("admin_consent")
    return redirect(f"{started.login_url}/{started.organization_tenant}/v2.0/adminconsent?"
                    + urlencode({"client_id": started.client_id, "state": started.state,
                                 "redirect_uri": started.redirect_uri,
                                 "scope": "https://graph.microsoft.com/.default"}))


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def handle_callback(flow, args):
    if flow.kind != "admin_consent":
        return None
    error = api.microsoft_error(args)
    if error is not None:
        return api.error_page(error)
    return "approved for " + args.get("tenant", "?")
'''


@pytest.mark.parametrize("oid,decision,outcome", [
    (seed.CONTOSO_ADMIN_OID, "accept", f"approved for {seed.CONTOSO_TENANT_ID}"),
    (seed.CONTOSO_USER_OID, "cancel", "AADSTS"),  # "Need admin approval", then back
])
def test_the_public_api_carries_an_admin_consent_trip(kit, make_app, microsoft, oid, decision,
                                                      outcome):
    """start_flow's organization_tenant, then microsoft_error and error_page on the way back."""
    from tests.conftest import Journey

    kit.builtin("consenter", CONSENTER)
    app = make_app(**kit.config())
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(oid)
    trip = client.post("/consenter/start", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert "/organizations/v2.0/adminconsent?" in trip.headers["Location"]
    back = journey.callback(journey.at_microsoft(trip.headers["Location"], oid=oid,
                                                 consent=decision))
    assert outcome in back.text
    if oid == seed.CONTOSO_USER_OID:
        assert back.status_code >= 400 and "Correlation ID" in back.text
