"""Every way a callback can be wrong is refused: 4xx advice page, no session, nothing stored.

Cases follow the relying-party security matrix: state, code, id_token, consent, error responses.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from tests.conftest import Journey
from tests.helpers import assert_rejected, signed_in, token_calls

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"


def _query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_state_missing(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    resp = client.get(CALLBACK + "?" + urlencode({"code": _query(url)["code"]}))
    assert_rejected(app, client, sandbox, resp, token_calls_now=0, text="incomplete")


def test_state_wrong(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    query = _query(url) | {"state": "not-the-state-we-sent"}
    resp = client.get(CALLBACK + "?" + urlencode(query))
    assert_rejected(app, client, sandbox, resp, token_calls_now=0, text="already used")


def test_state_expires(make_app, sandbox, microsoft):
    from datetime import UTC, datetime, timedelta

    now = [datetime(2026, 11, 27, 12, 0, tzinfo=UTC)]
    app = make_app(CLOCK=lambda: now[0])
    client = app.test_client()
    journey = Journey(client, microsoft)
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    now[0] += timedelta(minutes=11)
    resp = journey.callback(url)
    assert_rejected(app, client, sandbox, resp, token_calls_now=0, text="took too long")


def test_callback_replayed_in_the_same_browser(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    assert journey.callback(url).status_code == 302
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    resp = journey.callback(url)
    assert resp.status_code == 400 and not signed_in(client)
    assert token_calls(sandbox) == 1


def test_callback_replayed_in_a_fresh_browser(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    assert journey.callback(url).status_code == 302
    other = app.test_client()
    resp = Journey(other, journey.microsoft).callback(url)
    assert resp.status_code == 400 and not signed_in(other)
    assert token_calls(sandbox) == 1


def test_attackers_code_in_victims_browser(app, client, journey, microsoft, sandbox):
    """Login CSRF / code injection: the attacker's own state is bound to the attacker."""
    attacker = app.test_client()
    attacker_url = Journey(attacker, microsoft).at_microsoft(
        Journey(attacker, microsoft).start(), oid=seed.CONTOSO_ADMIN_OID
    )
    resp = journey.callback(attacker_url)  # delivered in the victim's browser
    assert_rejected(app, client, sandbox, resp, token_calls_now=0, text="another browser")


def test_code_missing(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    query = _query(url)
    resp = client.get(CALLBACK + "?" + urlencode({"state": query["state"]}))
    assert_rejected(app, client, sandbox, resp, token_calls_now=0, text="authorization code")
    # the state is used up by that attempt: the real code cannot follow it
    assert journey.callback(url).status_code == 400


def test_code_invalid(app, client, journey, sandbox):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    query = _query(url) | {"code": "forged-code"}
    resp = client.get(CALLBACK + "?" + urlencode(query))
    body = assert_rejected(app, client, sandbox, resp, token_calls_now=1)
    assert "AADSTS9002313" in body and "Correlation ID" in body


def test_code_replayed_with_a_new_state(app, client, journey, sandbox):
    first = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    assert journey.callback(first).status_code == 302
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    second = _query(journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID))
    replay = {"state": second["state"], "code": _query(first)["code"]}
    resp = client.get(CALLBACK + "?" + urlencode(replay))
    assert 400 <= resp.status_code < 500 and not signed_in(client)
    assert "AADSTS54005" in resp.text


ID_TOKEN_FAULTS = [
    "bad_signature", "alg_none", "wrong_audience", "missing_audience", "wrong_issuer",
    "tid_mismatch", "bad_tid", "expired", "missing_exp", "nbf_future", "nonce_mismatch",
    "missing_nonce", "unknown_kid",
    # every other claim OpenID Connect Core section 2 makes REQUIRED in an ID token
    "missing_issuer", "missing_sub", "missing_iat",
]


@pytest.mark.parametrize("fault", ID_TOKEN_FAULTS)
def test_id_token_defects_are_rejected(app, client, journey, sandbox, fault):
    authorize = journey.start()
    sandbox.set_id_token_fault(fault)
    resp = journey.callback(journey.at_microsoft(authorize, oid=seed.CONTOSO_USER_OID))
    assert_rejected(app, client, sandbox, resp, token_calls_now=1, text="security check")


def test_unknown_kid_refetches_keys_once_then_rejects(app, client, journey, sandbox):
    assert journey.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    sandbox.reset_counts()
    for _ in range(3):  # random kids must never cause unbounded refetching
        authorize = journey.start()
        sandbox.set_id_token_fault("unknown_kid")
        resp = journey.callback(journey.at_microsoft(authorize, oid=seed.CONTOSO_USER_OID))
        assert resp.status_code == 400 and not signed_in(client)
    assert sandbox.request_totals().get("jwks", 0) == 1


def test_rotated_signing_key_is_picked_up(app, client, journey, sandbox):
    assert journey.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    sandbox.rotate_keys()
    sandbox.reset_counts()
    assert journey.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    assert sandbox.request_totals().get("jwks", 0) == 1


def test_token_without_kid_is_accepted_with_a_single_key(app, client, journey, sandbox):
    authorize = journey.start()
    sandbox.set_id_token_fault("no_kid")
    resp = journey.callback(journey.at_microsoft(authorize, oid=seed.CONTOSO_USER_OID))
    assert resp.status_code == 302 and signed_in(client)


@pytest.fixture
def core_only(make_app, microsoft):
    """An app whose consent errors the core answers itself (the admin consent plugin, which
    takes them over, is off): the app, its client and a journey."""
    app = make_app(DISABLED_PLUGINS=["admin_consent"])
    client = app.test_client()
    return app, client, Journey(client, microsoft)


def test_user_cancels_consent(core_only, sandbox):
    app, client, journey = core_only
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID, consent="cancel")
    assert _query(url)["error"] == "access_denied"
    body = assert_rejected(app, client, sandbox, journey.callback(url), token_calls_now=0)
    assert "AADSTS65004" in body and "Try signing in again" in body


def test_redirect_uri_mismatch_stays_at_microsoft(make_app, sandbox, microsoft):
    app = make_app(PUBLIC_URL="http://localhost:5999")
    authorize = Journey(app.test_client(), microsoft).start()
    resp = microsoft.http.get(authorize, allow_redirects=False)
    assert resp.status_code == 400 and "AADSTS50011" in resp.text
    assert "Location" not in resp.headers


def test_error_response_text_is_escaped(core_only, sandbox):
    app, client, journey = core_only
    query = _query(journey.start())
    hostile = {"state": query["state"], "error": "access_denied",
               "error_description": "AADSTS65004: <script>alert(1)</script>"}
    resp = client.get(CALLBACK + "?" + urlencode(hostile))
    body = assert_rejected(app, client, sandbox, resp, token_calls_now=0)
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_unconfigured_app_explains_itself(make_app):
    app = make_app(DEFAULT_CLIENT_ID=None)
    client = app.test_client()
    html = client.get("/login").text
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    resp = client.post("/connect/microsoft", data={"csrf_token": token})
    assert resp.status_code == 503 and "DEFAULT_CLIENT_ID" in resp.text
