"""Authorize: errors on the sandbox's page vs redirected, the picker, consent, prompt."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed

from .helpers import REDIRECT_URI, form_of, query_of

DESCRIPTION_PATTERN = (
    r"^AADSTS{code}: .+\r\nTrace ID: [0-9a-f-]{{36}}\r\nCorrelation ID: [0-9a-f-]{{36}}"
    r"\r\nTimestamp: \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ$"
)


def assert_redirect_error(response, error: str, code: int, state: str | None):
    """A redirect to the registered URI carrying Microsoft's error parameters."""
    assert response.status_code == 302
    assert response.headers["Location"].startswith(REDIRECT_URI + "?")
    params = query_of(response)
    assert params["error"] == error
    assert re.match(DESCRIPTION_PATTERN.format(code=code), params["error_description"])
    assert params["error_uri"].endswith(f"/error?code={code}")
    assert params.get("state") == state
    return params


def test_unknown_client_is_shown_on_sandbox_page(agent):
    """An unknown client id never redirects: AADSTS700016 on the sandbox's page."""
    response = agent.authorize(client_id="11111111-2222-3333-4444-555555555555")
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "AADSTS700016" in response.text


def test_unregistered_redirect_uri_is_shown_on_sandbox_page(agent):
    """A redirect URI that is not exactly registered gets 50011 on the page, no redirect."""
    response = agent.authorize(redirect_uri=REDIRECT_URI + "/")
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "AADSTS50011" in response.text


def test_bad_response_type_is_redirected(agent):
    """Once the redirect URI is trusted, errors go back to it with state."""
    response = agent.authorize(response_type="token")
    assert_redirect_error(response, "unsupported_response_type", 700051, agent.state)


def test_missing_scope_is_900144(agent):
    """No scope at all is invalid_request naming the parameter."""
    params = assert_redirect_error(agent.authorize(scope=None), "invalid_request", 900144,
                                   agent.state)
    assert "'scope'" in params["error_description"]


def test_login_hint_preselects_user(agent):
    """login_hint preselects the matching account on the sign-in page."""
    page = agent.authorize(login_hint="meganb@contoso.com")
    assert page.status_code == 200
    assert "<h1>Sign in</h1>" in page.text
    assert "Work or school account" in page.text and "Personal account" in page.text
    assert form_of(page.text)["checked"] == seed.CONTOSO_ADMIN_OID


def test_full_code_flow_with_consent(agent, sandbox):
    """Pick the hinted user, see the consent page, accept, get a code and state back."""
    page = agent.authorize(login_hint=seed.CONTOSO_USER_UPN,
                             scope="openid profile offline_access User.Read Mail.Read")
    consent = agent.pick(page)
    assert consent.status_code == 200
    for text in ("Permissions requested", "postpress", "This app would like to:",
                 "Sign you in and read your profile", "Read your mail",
                 "Maintain access to data you have given it access to", "verified-badge"):
        assert text in consent.text
    done = agent.submit(consent, decision="accept")
    params = query_of(done)
    assert params["state"] == agent.state and params["code"]
    assert done.headers["Cache-Control"] == "no-store"
    assert "Mail.Read" in sandbox.granted_scopes(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID)
    assert "sandbox_session" in agent.http.cookies and "session" not in agent.http.cookies


def test_second_sign_in_skips_picker_and_consent(agent):
    """With a sandbox session and a grant, authorize answers with a code straight away."""
    agent.sign_in()
    again = agent.authorize()
    assert again.status_code == 302 and query_of(again)["code"]


def test_prompt_consent_and_select_account_show_ui_again(agent):
    """prompt=consent shows consent even if granted; select_account shows the picker."""
    agent.sign_in()
    consent = agent.authorize(prompt="consent")
    assert "Permissions requested" in consent.text
    picker = agent.authorize(prompt="select_account")
    assert "<h1>Pick an account</h1>" in picker.text
    assert "<h1>Pick an account</h1>" in agent.authorize(prompt="login").text


def test_domain_hint_narrows_the_picker(agent):
    """domain_hint=consumers lists only personal accounts."""
    page = agent.authorize(domain_hint="consumers")
    assert seed.PERSONAL_USER_UPN in page.text and seed.CONTOSO_USER_UPN not in page.text


def test_cancel_consent_is_access_denied(agent):
    """Cancel redirects with access_denied, subcode cancel and AADSTS65004."""
    consent = agent.pick(agent.authorize(), seed.CONTOSO_USER_OID)
    response = agent.submit(consent, decision="cancel")
    params = assert_redirect_error(response, "access_denied", 65004, agent.state)
    assert params["error_subcode"] == "cancel"
    assert "User declined to consent to access the app." in params["error_description"]


def test_prompt_none_without_session_is_login_required(agent):
    """prompt=none with nobody signed in: login_required, no UI."""
    assert_redirect_error(agent.authorize(prompt="none"), "login_required", 50058,
                          agent.state)


def test_prompt_none_without_consent_is_consent_required(agent):
    """prompt=none with a session but a new scope: consent_required, AADSTS65001."""
    agent.sign_in()
    response = agent.authorize(prompt="none", scope="openid Mail.Send")
    assert_redirect_error(response, "consent_required", 65001, agent.state)


@pytest.mark.parametrize(
    ("tenant", "oid", "code"),
    [
        ("organizations", seed.PERSONAL_USER_OID, "AADSTS50020"),
        (seed.CONTOSO_TENANT_ID, seed.PERSONAL_USER_OID, "AADSTS50020"),
        ("consumers", seed.CONTOSO_USER_OID, "AADSTS500208"),
    ],
)
def test_account_not_admitted_by_tenant_path(agent, tenant, oid, code):
    """The wrong kind of account for the tenant path is refused on the picker."""
    response = agent.pick(agent.authorize(tenant), oid)
    assert response.status_code == 400
    assert code in response.text


def test_personal_account_drops_shared_scopes(agent):
    """Personal accounts never get .Shared scopes, as the project assumes Microsoft does."""
    scope = "openid profile offline_access Calendars.Read Calendars.Read.Shared"
    params = agent.sign_in(seed.PERSONAL_USER_OID, tenant="consumers", scope=scope)
    body = agent.redeem(params["code"]).json()
    assert body["scope"].split() == ["Calendars.Read", "openid", "profile", "offline_access"]


def test_form_post_response_mode(agent):
    """form_post answers an auto-submitting form aimed at the redirect URI."""
    agent.sign_in()
    response = agent.authorize(response_mode="form_post")
    assert response.status_code == 200
    form = form_of(response.text)
    assert form["action"] == REDIRECT_URI
    assert form["fields"]["state"] == agent.state and form["fields"]["code"]


def test_forged_form_token_is_refused(agent):
    """A sign-in post without this session's form token is refused."""
    page = agent.authorize()
    response = agent.submit(page, oid=seed.CONTOSO_USER_OID, csrf_token="forged")
    assert response.status_code == 400


def test_logout_redirects_only_to_registered_origin(agent, base_url):
    """post_logout_redirect_uri is followed for the app's origin, otherwise a sandbox page."""
    agent.sign_in()
    url = f"{base_url}/common/oauth2/v2.0/logout"
    trusted = agent.http.get(url, params={
        "post_logout_redirect_uri": "http://localhost:5000/", "client_id": seed.DEFAULT_CLIENT_ID,
        "state": "s1",
    }, allow_redirects=False, timeout=10)
    assert trusted.status_code == 302
    assert parse_qs(urlsplit(trusted.headers["Location"]).query) == {"state": ["s1"]}
    evil = agent.http.get(url, params={
        "post_logout_redirect_uri": "https://evil.example/", "client_id": seed.DEFAULT_CLIENT_ID,
    }, allow_redirects=False, timeout=10)
    assert evil.status_code == 200 and "You signed out of your account" in evil.text
    assert agent.authorize(prompt="none").headers["Location"].count("login_required") == 1


@pytest.mark.parametrize("target", ["http://[::1", "https://[x/cb", "javascript:alert(1)"])
def test_logout_with_an_unreadable_target_shows_the_signed_out_page(agent, base_url, target):
    """A post_logout_redirect_uri `urlsplit` cannot read is simply not trusted: the sandbox's
    own page, never a server error (and a registered URI that cannot be read is no match)."""
    agent.sign_in()
    page = agent.http.get(f"{base_url}/common/oauth2/v2.0/logout", params={
        "post_logout_redirect_uri": target, "client_id": seed.DEFAULT_CLIENT_ID,
    }, allow_redirects=False, timeout=10)
    assert page.status_code == 200 and "You signed out of your account" in page.text


def test_a_second_tab_finishes_after_the_first_signs_in(agent, sandbox):
    """Both tabs showed the picker; signing in in one must not void the other's request."""
    sandbox.record_grant(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID,
                         ["User.Read", "openid", "profile", "email", "offline_access"])
    tab_a, tab_b = agent.authorize(), agent.authorize()
    assert 'name="oid"' in tab_a.text and 'name="oid"' in tab_b.text
    assert agent.pick(tab_a, seed.CONTOSO_USER_OID).status_code == 302
    finished = agent.pick(tab_b, seed.CONTOSO_USER_OID)
    assert finished.status_code == 302 and query_of(finished)["code"]
