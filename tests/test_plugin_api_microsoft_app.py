"""The public API's view of the Microsoft app: active_app, start_sign_in, app_installed_in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from postpress_whitelabel import api


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_active_app_names_the_default_app_and_its_verified_publisher(app):
    with app.test_request_context():
        active = api.active_app()
    assert (active.source, active.client_id, active.name, active.publisher_verified) == (
        "default", seed.DEFAULT_CLIENT_ID, "postpress", True)
    assert "User.Read" in active.scopes and "openid" in active.scopes


def test_active_app_is_none_without_credentials(make_app):
    bare = make_app(DEFAULT_CLIENT_ID=None, DEFAULT_CLIENT_SECRET=None)
    with bare.test_request_context():
        assert api.active_app() is None


def test_start_sign_in_sends_one_prompt_and_the_core_finishes_it(app, microsoft):
    client = app.test_client()
    with app.test_request_context():
        with pytest.raises(ValueError):
            api.start_sign_in(prompt="admin_consent")  # not a documented v2 prompt
    app.add_url_rule("/_start", "start", lambda: api.start_sign_in(
        "/accounts/", prompt="consent", login_hint="AdeleV@contoso.com"), methods=["GET"])
    start = client.get("/_start")
    assert start.status_code == 303
    params = _query(start.headers["Location"])
    assert params["prompt"] == "consent" and params["login_hint"] == "AdeleV@contoso.com"
    back = urlsplit(microsoft.sign_in(start.headers["Location"], oid=seed.CONTOSO_USER_OID))
    done = client.get(f"{back.path}?{back.query}")
    assert done.status_code == 302 and done.headers["Location"] == "/accounts/"


def test_start_sign_in_follows_only_paths_on_this_site(app, microsoft):
    client = app.test_client()
    app.add_url_rule("/_away", "away", lambda: api.start_sign_in("https://evil.example/"))
    back = urlsplit(microsoft.sign_in(client.get("/_away").headers["Location"],
                                      oid=seed.CONTOSO_USER_OID))
    assert client.get(f"{back.path}?{back.query}").headers["Location"] == "/"


def test_app_installed_in_asks_microsoft_for_the_tenant(app, sandbox):
    with app.test_request_context():
        assert api.app_installed_in(seed.FABRIKAM_TENANT_ID) is False
        sandbox.grant_tenant_consent(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID,
                                     ["User.Read"])
        assert api.app_installed_in(seed.FABRIKAM_TENANT_ID) is True
        assert api.app_installed_in("common") is False  # not a tenant id: never asked
        # No such tenant (AADSTS90002): the app is not there either, not "could not say".
        assert api.app_installed_in("0badc0de-0000-4000-8000-000000000000") is False
