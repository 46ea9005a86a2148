"""Sign in with Microsoft end to end: the app in the test client, the sandbox over real HTTP."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select, text

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import PERSONAL_TENANT_ID, ConnectedAccount
from postpress_whitelabel.signin import pending_flows
from tests.conftest import Journey
from tests.helpers import counts, signed_in, token_calls
from tests.microsoft_browser import MicrosoftBrowser

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"


def _account(app, oid):
    with app.app_context():
        account = db.session.execute(select(ConnectedAccount).filter_by(oid=oid)).scalar_one()
        db.session.expunge(account)
        return account


def test_work_account_signs_in_and_is_greeted(app, client, journey, sandbox):
    resp = journey.sign_in(seed.CONTOSO_USER_OID)
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert signed_in(client)
    home = client.get("/").get_data(as_text=True)
    assert "Hello, Adele Vance" in home
    assert "Work or school account" in home
    account = _account(app, seed.CONTOSO_USER_OID)
    assert account.tid == seed.CONTOSO_TENANT_ID
    assert account.email.lower() == seed.CONTOSO_USER_UPN.lower()
    assert "User.Read" in account.scopes.split()
    assert account.refresh_token and account.access_token and account.id_token
    assert account.status == "connected" and not account.is_personal


def test_personal_account_signs_in(app, client, journey):
    resp = journey.sign_in(seed.PERSONAL_USER_OID)
    assert resp.status_code == 302
    account = _account(app, seed.PERSONAL_USER_OID)
    assert account.tid == PERSONAL_TENANT_ID and account.is_personal
    assert "Personal Microsoft account" in client.get("/").get_data(as_text=True)


def test_authorize_request_is_code_pkce_s256_with_fresh_values(journey):
    first, second = (parse_qs(urlsplit(journey.start()).query) for _ in range(2))
    for query in (first, second):
        assert query["response_type"] == ["code"]
        assert query["code_challenge_method"] == ["S256"]
        assert "openid" in query["scope"][0].split()
        assert "offline_access" in query["scope"][0].split()
        assert query["redirect_uri"] == ["http://localhost:5000" + CALLBACK]
        assert "prompt" not in query  # never force consent on a plain sign-in
    for key in ("state", "nonce", "code_challenge"):
        assert first[key] != second[key]


def test_signing_in_again_updates_the_same_account(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    first = _account(app, seed.CONTOSO_USER_OID)
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert not signed_in(client)
    journey.sign_in(seed.CONTOSO_USER_OID)
    second = _account(app, seed.CONTOSO_USER_OID)
    assert counts(app) == (1, 1)
    assert second.id == first.id and second.connected_at == first.connected_at
    assert second.access_token != first.access_token


def test_port443_callback_runs_the_same_handler(app, client, journey):
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_ADMIN_OID)
    resp = journey.callback(url.replace(CALLBACK, CALLBACK + "/port443"))
    assert resp.status_code == 302 and signed_in(client)


def test_warm_sign_in_costs_one_outbound_request(app, client, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    sandbox.reset_counts()
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    journey.sign_in(seed.CONTOSO_USER_OID)
    by_endpoint = sandbox.request_counts()
    assert token_calls(sandbox) == 1
    assert not by_endpoint.get("discovery") and not by_endpoint.get("jwks")


def test_tokens_are_encrypted_at_rest(app, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _account(app, seed.CONTOSO_USER_OID)
    with app.app_context():
        raw = db.session.execute(
            text("SELECT access_token, refresh_token, id_token FROM connected_account")
        ).one()
    for stored, clear in zip(raw, (account.access_token, account.refresh_token, account.id_token),
                             strict=True):
        assert stored and clear not in stored and not stored.startswith("eyJ")


def test_relative_next_is_followed(journey):
    resp = journey.sign_in(seed.CONTOSO_USER_OID, next="/accounts/?tab=1")
    assert resp.headers["Location"] == "/accounts/?tab=1"


def test_off_site_next_is_ignored(app, client, journey):
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example",
                   "/\t/evil.example", "javascript:alert(1)"):
        resp = journey.sign_in(seed.CONTOSO_USER_OID, next=target)
        assert resp.headers["Location"] == "/", target
        client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})


def test_login_page_keeps_only_a_safe_next(client):
    assert 'name="next" value="/accounts/"' in client.get("/login?next=/accounts/").text
    assert "evil" not in client.get("/login?next=//evil.example").text


def test_logout_ends_the_session(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    resp = client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert resp.status_code == 302 and not signed_in(client)
    assert client.get("/accounts/").status_code == 302


def test_logout_needs_a_csrf_token(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    assert client.post("/logout").status_code == 400
    assert signed_in(client)


def test_allowed_tenants_limits_who_signs_in(make_app, sandbox, microsoft):
    from tests.conftest import Journey
    from tests.microsoft_browser import MicrosoftBrowser

    app = make_app(ALLOWED_TENANTS=[seed.CONTOSO_TENANT_ID])
    client = app.test_client()
    resp = Journey(client, microsoft).sign_in(seed.PERSONAL_USER_OID)
    assert resp.status_code == 403 and "cannot use this app" in resp.text
    assert not signed_in(client) and counts(app) == (0, 0)
    # a different person, in a browser with no Microsoft session yet
    resp = Journey(client, MicrosoftBrowser(microsoft.sandbox_url)).sign_in(seed.CONTOSO_USER_OID)
    assert resp.status_code == 302


def test_security_headers_on_the_callback(client):
    resp = client.get(CALLBACK)
    assert resp.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_httponly_and_lax(client):
    cookie = client.get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_copied_session_cookie_dies_at_sign_out(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    copy = app.test_client()
    with client.session_transaction() as original, copy.session_transaction() as stolen:
        stolen.update(original)
    assert copy.get("/accounts/").status_code == 200
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    assert copy.get("/accounts/").status_code == 302  # to the login page


def test_a_session_ends_with_its_lifetime(make_app, microsoft):
    from datetime import UTC, datetime, timedelta

    from tests.conftest import Journey

    now = [datetime.now(UTC)]
    app = make_app(CLOCK=lambda: now[0], PERMANENT_SESSION_LIFETIME=timedelta(days=7))
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    now[0] += timedelta(days=6)
    assert client.get("/accounts/").status_code == 200
    now[0] += timedelta(days=2)
    assert client.get("/accounts/").status_code == 302


def test_after_sign_out_the_next_sign_in_offers_the_account_picker(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    query = parse_qs(urlsplit(journey.start()).query)
    assert query["prompt"] == ["select_account"]
    assert "prompt" not in parse_qs(urlsplit(journey.start()).query)  # once only


def test_two_tabs_signing_in_at_once_both_finish(client, journey, microsoft):
    """Signing in resets the session, but not the binding that lets the other tab finish."""
    tab_a, tab_b = journey.start(), journey.start()
    back_a = journey.at_microsoft(tab_a, oid=seed.CONTOSO_USER_OID)
    back_b = MicrosoftBrowser(microsoft.sandbox_url).sign_in(tab_b, oid=seed.CONTOSO_USER_OID)
    assert journey.callback(back_a).status_code == 302
    second = journey.callback(back_b)
    assert second.status_code == 302 and signed_in(client)


def test_a_sign_in_button_left_open_in_another_tab_leads_home(client, journey):
    """The other tab's sign-in reset the form token; pressing this stale button again is not
    an attack to explain, it is someone who is already signed in."""
    stale_token = journey.csrf_token()
    journey.sign_in(seed.CONTOSO_USER_OID)
    pressed = client.post("/connect/microsoft", data={"csrf_token": stale_token})
    assert pressed.status_code == 302 and pressed.headers["Location"] == "/"
    other = client.post("/connect/microsoft", data={"csrf_token": stale_token,
                                                    "intent": "connect"})
    assert other.status_code == 400  # anything else stays refused


def test_a_form_address_opened_as_a_page_leads_home(client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    opened = client.get("/logout", headers={"Accept": "text/html"})  # as a browser asks
    assert opened.status_code == 302 and opened.headers["Location"] == "/"
    assert signed_in(client)  # a GET of /logout signs nobody out
    script = client.get("/logout", headers={"Accept": "application/json"})
    assert script.status_code == 405 and script.headers["Allow"] == "OPTIONS, POST"


def test_a_planted_binding_carries_none_of_the_planters_flows_over(client, journey, microsoft):
    """Someone who planted their binding here and started a sign-in of their own in their own
    browser cannot have it finished here once this browser has signed in."""
    journey.start()
    with client.session_transaction() as sess:
        planted = sess[pending_flows.BINDING_KEY]
    attacker = client.application.test_client()
    with attacker.session_transaction() as sess:
        sess[pending_flows.BINDING_KEY] = planted
    theirs = Journey(attacker, MicrosoftBrowser(microsoft.sandbox_url))
    back = theirs.at_microsoft(theirs.start(), oid=seed.CONTOSO_ADMIN_OID)  # kept, not opened
    journey.sign_in(seed.CONTOSO_USER_OID)
    refused = journey.callback(back)
    assert refused.status_code == 400 and "another browser" in refused.text
    assert client.get("/").text.count("Adele Vance") >= 1  # still the victim's own session


def test_signing_in_gives_the_browser_a_new_flow_binding(client, journey, microsoft):
    """A binding someone planted before sign-in must not finish their sign-ins afterwards."""
    journey.start()
    with client.session_transaction() as sess:
        planted = sess[pending_flows.BINDING_KEY]
    journey.sign_in(seed.CONTOSO_USER_OID)
    with client.session_transaction() as sess:
        assert sess[pending_flows.BINDING_KEY] != planted
    attacker = client.application.test_client()
    with attacker.session_transaction() as sess:
        sess[pending_flows.BINDING_KEY] = planted
    theirs = Journey(attacker, MicrosoftBrowser(microsoft.sandbox_url))
    back = theirs.at_microsoft(theirs.start(), oid=seed.CONTOSO_ADMIN_OID)
    refused = journey.callback(back)
    assert refused.status_code == 400 and "another browser" in refused.text
