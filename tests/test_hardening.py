"""Hostile or unlucky conditions end in a clear page, never a 500 or a leak."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select

from microsoft_sandbox.directory import seed
from postpress_whitelabel import clock
from postpress_whitelabel.admins import email_is_verified, still_verified
from postpress_whitelabel.clock import as_utc
from postpress_whitelabel.extensions import db
from postpress_whitelabel.microsoft.id_token import Identity
from postpress_whitelabel.models import ConnectedAccount
from tests.conftest import PUBLIC_URL, Journey
from tests.settings_kit import Admin, register_custom_app

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"


def test_https_posts_work_with_the_referrer_policy(make_app, microsoft):
    """Flask-WTF checks the Referer of HTTPS posts, so pages must not suppress it."""
    app = make_app(PUBLIC_URL="https://localhost:5000")
    client = app.test_client()
    page = client.get("/login", base_url="https://localhost:5000")
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" in page.headers
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    resp = client.post("/connect/microsoft", base_url="https://localhost:5000",
                       data={"csrf_token": token},
                       headers={"Referer": "https://localhost:5000/login"})
    assert resp.status_code == 303


def test_the_callback_sends_no_referrer(client):
    assert client.get(CALLBACK).headers["Referrer-Policy"] == "no-referrer"


def test_signed_in_pages_are_not_cached(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert client.get("/accounts/").headers["Cache-Control"] == "no-store"


def test_error_text_without_a_valid_state_is_not_shown(client):
    spoof = "Your account is locked. Call +1-800-555-0100"
    resp = client.get(CALLBACK, query_string={"error": "access_denied",
                                              "error_description": f"AADSTS65004: {spoof}"})
    assert resp.status_code == 400 and spoof not in resp.text


def test_hostile_ids_and_states_are_client_errors(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    token = journey.csrf_token("/accounts/")
    for account_id in ("²", "9" * 30, "-1", "1e9"):
        resp = client.post("/connect/microsoft", data={"csrf_token": token, "intent": "connect",
                                                       "account_id": account_id})
        assert resp.status_code == 303  # ignored: a plain connect
    for path in ("/accounts/99999999999999999999999/refresh", "/accounts/2147483647/refresh"):
        assert client.post(path, data={"csrf_token": token}).status_code == 404
    for state in ("a\x00b", "x" * 500, "../../etc", "a b"):
        assert client.get(CALLBACK, query_string={"state": state, "code": "c"}).status_code == 400


def test_a_removed_encryption_key_asks_for_secrets_again(make_app, app_config, microsoft,
                                                        sandbox):
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    Admin(app, client, journey).save_custom(register_custom_app(sandbox))
    rekeyed = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN],
                       ENCRYPTION_KEYS=Fernet.generate_key().decode(), _keep_tables=True)
    other = rekeyed.test_client()
    with other.session_transaction() as sess, client.session_transaction() as old:
        sess.update(old)
    for path in ("/", "/accounts/", "/settings/",
                 "/.well-known/microsoft-identity-association.json"):
        assert other.get(path).status_code < 500, path
    token = Journey(other, microsoft).csrf_token("/accounts/")
    start = other.post("/connect/microsoft", data={"csrf_token": token})
    assert start.status_code == 503 and "Settings &gt; Microsoft OAuth" in start.text
    refresh = other.post("/accounts/1/refresh", data={"csrf_token": token},
                         follow_redirects=True)
    assert refresh.status_code == 200 and "does not work" in refresh.text


def test_refresh_while_microsoft_is_unreachable(make_app, microsoft):
    app = make_app()
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_USER_OID)
    app.config["MICROSOFT_LOGIN_URL"] = "http://127.0.0.1:9"
    app.extensions["postpress_metadata"]._docs.clear()
    resp = client.post("/accounts/1/refresh",
                       data={"csrf_token": journey.csrf_token("/accounts/")},
                       follow_redirects=True)
    assert resp.status_code == 200 and "could not be reached" in resp.text


def test_a_stalled_token_endpoint_times_out_into_a_clear_page(make_app, microsoft):
    """The code exchange must give up after HTTP_TIMEOUT, not hold a worker forever.

    The token endpoint is a socket that accepts connections and never answers: nothing is left
    running once the test ends, and only the token request meets the short timeout.
    """
    app = make_app()
    journey = Journey(app.test_client(), microsoft)
    callback_url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        for _, doc in app.extensions["postpress_metadata"]._docs.values():
            if "token_endpoint" in doc:
                doc["token_endpoint"] = f"http://127.0.0.1:{silent.getsockname()[1]}/token"
        app.config["HTTP_TIMEOUT"] = 0.3
        resp = journey.callback(callback_url)
    assert resp.status_code == 502 and "could not be reached" in resp.text
    assert journey.client.get("/accounts/").status_code == 302


def test_admin_rights_need_the_verified_email_claim():
    base = {"tid": seed.CONTOSO_TENANT_ID, "oid": seed.CONTOSO_ADMIN_OID, "name": "M"}
    verified = {"email": "MeganB@contoso.com", "xms_edov": True}
    assert email_is_verified(Identity(**base, email="MeganB@contoso.com", claims=verified))
    for carried_as in ("true", "True", "1"):
        claims = {**verified, "xms_edov": carried_as}
        assert email_is_verified(Identity(**base, email="MeganB@contoso.com", claims=claims))
    for claims, email in (
        ({"email": "MeganB@contoso.com"}, "MeganB@contoso.com"),  # domain owner not verified
        ({"email": "", "xms_edov": True}, "MeganB@contoso.com"),  # fell back to the UPN
        ({"preferred_username": "MeganB@contoso.com"}, "MeganB@contoso.com"),
        ({"email": "MeganB@contoso.com", "xms_edov": "false"}, "MeganB@contoso.com"),
        ({"email": "MeganB@contoso.com", "xms_edov": 1}, "MeganB@contoso.com"),
    ):
        assert not email_is_verified(Identity(**base, email=email, claims=claims))


def test_a_verified_address_stays_verified_only_while_nothing_says_otherwise():
    base = {"tid": seed.CONTOSO_TENANT_ID, "oid": seed.CONTOSO_ADMIN_OID, "name": "M",
            "email": "MeganB@contoso.com"}
    verified = SimpleNamespace(email_verified=True, email="MeganB@contoso.com")
    without_claim = Identity(**base, claims={"email": "MeganB@contoso.com"})
    assert still_verified(verified, without_claim)
    assert not still_verified(SimpleNamespace(email_verified=False, email="MeganB@contoso.com"),
                              without_claim)
    said_no = Identity(**base, claims={"email": "MeganB@contoso.com", "xms_edov": False})
    assert not still_verified(verified, said_no)
    moved = Identity(**{**base, "email": "megan@elsewhere.example"},
                     claims={"email": "megan@elsewhere.example"})
    assert not still_verified(verified, moved)


def test_request_bodies_are_capped(client):
    resp = client.post("/connect/microsoft", data={"next": "x" * (2 * 1024 * 1024)})
    assert resp.status_code == 413


def test_public_url_constant_is_what_the_sandbox_registers():
    assert PUBLIC_URL + CALLBACK in seed.DEFAULT_REDIRECT_URIS


def test_pkce_verifier_never_reaches_the_logs(journey, caplog):
    import logging

    with caplog.at_level(logging.DEBUG):
        journey.start()
    assert "code_verifier" not in caplog.text


def test_behind_a_tls_proxy_pages_know_they_are_https(make_app):
    client = make_app(TRUSTED_PROXIES=1, PUBLIC_URL="https://app.example.com").test_client()
    resp = client.get("/login", headers={"X-Forwarded-Proto": "https",
                                         "X-Forwarded-Host": "app.example.com"})
    assert "Strict-Transport-Security" in resp.headers
    plain = make_app().test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in plain.headers  # headers not trusted by default


def test_non_admins_are_told_whom_to_ask(make_app, microsoft):
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    resp = client.get("/settings/")
    assert resp.status_code == 403 and "for the app&#39;s administrators" in resp.text
    assert "You can fix this" not in resp.text


@pytest.mark.parametrize("fields,seconds", [
    ({"expires_in": "²"}, 3600), ({"expires_in": 10**20}, 3600), ({"expires_in": [1]}, 3600),
    ({"expires_in": None}, 3600), ({"expires_in": "-5"}, 3600), ({"expires_in": "3599"}, 3599),
    ({"expires_in": 0}, 360), ({"expires_in": "120"}, 360),
])
def test_an_odd_lifetime_counts_as_an_hour(make_app, microsoft, sandbox, fields, seconds):
    """``expires_in`` is untrusted text; a value no clock can use must not cost the sign-in,
    and a very short one must not make every use refresh."""
    app = make_app()
    journey = Journey(app.test_client(), microsoft)
    sandbox.set_token_response_override(fields)
    assert journey.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    page = journey.client.get("/accounts/")
    assert page.status_code == 200 and "Connected" in page.text
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        left = (as_utc(account.access_token_expires_at) - clock.now()).total_seconds()
        assert seconds - 10 <= left <= seconds


@pytest.mark.parametrize("fields", [
    {"access_token": 12345}, {"access_token": ""}, {"refresh_token": [1]}, {"id_token": 5},
    {"access_token": None},
])
def test_a_token_response_with_odd_tokens_signs_nobody_in(make_app, microsoft, sandbox, fields):
    app = make_app()
    journey = Journey(app.test_client(), microsoft)
    callback_url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    sandbox.set_token_response_override(fields)
    resp = journey.callback(callback_url)
    assert resp.status_code == 502 and "Microsoft had a problem" in resp.text
    assert "without usable tokens" in resp.text
    assert journey.client.get("/accounts/").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConnectedAccount)) == 0


def test_a_refresh_with_an_odd_answer_keeps_the_account(make_app, microsoft, sandbox):
    app = make_app()
    journey = Journey(app.test_client(), microsoft)
    journey.sign_in(seed.CONTOSO_USER_OID)
    sandbox.set_token_response_override({"access_token": 7, "expires_in": "²"})
    resp = journey.client.post("/accounts/1/refresh",
                               data={"csrf_token": journey.csrf_token("/accounts/")},
                               follow_redirects=True)
    assert resp.status_code == 200
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        assert isinstance(account.access_token, str) and account.refresh_token


@pytest.mark.parametrize("scope,status", [(None, "connected"), ("", "needs_consent")])
def test_an_omitted_scope_grants_the_request_and_an_empty_one_nothing(
        make_app, microsoft, sandbox, scope, status):
    app = make_app()
    journey = Journey(app.test_client(), microsoft)
    sandbox.set_token_response_override({"scope": scope})  # None: left out of the response
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        assert account.status == status
        assert ("User.Read" in account.scopes.split()) == (scope is None)
