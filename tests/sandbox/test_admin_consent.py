"""`/{tenant}/v2.0/adminconsent`: organization-wide consent, its success and error redirects."""

import re

import pytest

from microsoft_sandbox.directory import seed

from .helpers import REDIRECT_URI, query_of, text_of

GRAPH = "https://graph.microsoft.com/"


def adminconsent(agent, tenant: str = "organizations", **overrides):
    """GET the adminconsent endpoint with a valid request unless overridden (None drops)."""
    params = {"client_id": seed.DEFAULT_CLIENT_ID, "redirect_uri": REDIRECT_URI,
              "scope": GRAPH + ".default", "state": "ac-state"}
    params.update(overrides)
    params = {k: v for k, v in params.items() if v is not None}
    return agent.http.get(f"{agent.base_url}/{tenant}/v2.0/adminconsent", params=params,
                          allow_redirects=False, timeout=10)


def assert_admin_consent_error(response, error: str, code: int):
    """`admin_consent=True` with Microsoft's error parameters, state, and no tenant."""
    assert response.status_code == 302
    assert response.headers["Location"].startswith(REDIRECT_URI + "?admin_consent=True&")
    params = query_of(response)
    assert params["error"] == error and params["state"] == "ac-state"
    assert re.match(rf"^AADSTS{code}: ", params["error_description"])
    assert params["error_uri"].endswith(f"/error?code={code}")
    assert "tenant" not in params
    return params


def test_admin_accepts_for_the_organization(agent, sandbox):
    """An admin's Accept: admin_consent=True, tenant, state, scope; users then see no prompt."""
    page = agent.pick(adminconsent(agent), seed.FABRIKAM_ADMIN_OID)
    text = text_of(page)
    assert "Permissions requested" in text and "Accept for your organization" in text
    assert "for all users in your organization" in text and "Read your mail" in text
    done = agent.submit(page, decision="accept")
    assert done.status_code == 302
    location = done.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?admin_consent=True&tenant=")
    params = query_of(done)
    assert params == {"admin_consent": "True", "tenant": seed.FABRIKAM_TENANT_ID,
                      "state": "ac-state", "scope": " ".join(
                          GRAPH + s for s in seed.DEFAULT_APP_SCOPES)}
    grant = sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID)
    assert grant.source == "adminconsent" and grant.granted_by == seed.FABRIKAM_ADMIN_OID
    user = agent.pick(agent.authorize(prompt="select_account", scope="openid Mail.Read"),
                      seed.FABRIKAM_USER_OID)
    assert user.status_code == 302 and query_of(user)["code"]


def test_explicit_scopes_and_a_tenant_domain(agent, sandbox):
    """The tenant may be named by domain; explicit scopes grant just those."""
    page = agent.pick(adminconsent(agent, "fabrikam.com", scope="Mail.Send"),
                      seed.FABRIKAM_ADMIN_OID)
    params = query_of(agent.submit(page, decision="accept"))
    assert params["scope"] == GRAPH + "Mail.Send"
    assert sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID).scopes == \
        ["Mail.Send"]


def test_cancel_is_consent_required_65004_without_tenant(agent, sandbox):
    """Cancel: admin_consent=True, consent_required, AADSTS65004, error_uri, no tenant, as in
    Microsoft's documented error response (captured answers said access_denied)."""
    page = agent.pick(adminconsent(agent), seed.CONTOSO_ADMIN_OID)
    params = assert_admin_consent_error(agent.submit(page, decision="cancel"),
                                        "consent_required", 65004)
    assert "error_subcode" not in params
    assert "denied the request" in params["error_description"]
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None


def test_signed_in_admin_goes_straight_to_the_prompt(agent):
    """An admin already signed in to the sandbox skips the picker."""
    agent.sign_in(seed.CONTOSO_ADMIN_OID)
    page = adminconsent(agent)
    assert "Accept for your organization" in page.text


def test_non_admin_needs_an_admin(agent, sandbox):
    """A user gets "Need admin approval"; going back is the adminconsent error redirect."""
    page = agent.pick(adminconsent(agent), seed.CONTOSO_USER_OID)
    assert "Need admin approval" in page.text
    forged = agent.press(page, "return", "accept")
    assert "Need admin approval" in forged.text
    assert_admin_consent_error(agent.press(page, "return", "cancel"), "consent_required", 65004)
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None


@pytest.mark.parametrize("tenant", ["common", "consumers"])
def test_common_and_consumers_are_refused(agent, tenant):
    """Admin consent needs an organization: /common and /consumers redirect 90130."""
    assert_admin_consent_error(adminconsent(agent, tenant), "invalid_request", 90130)


def test_missing_scope_is_900144(agent):
    """scope is required."""
    params = assert_admin_consent_error(adminconsent(agent, scope=None), "invalid_request",
                                        900144)
    assert "'scope'" in params["error_description"]


def test_untrusted_client_or_redirect_stays_on_the_sandbox(agent):
    """Unknown client (700016) and unregistered redirect URI (50011) never redirect."""
    unknown = adminconsent(agent, client_id="11111111-2222-3333-4444-555555555555")
    assert unknown.status_code == 400 and "AADSTS700016" in unknown.text
    stray = adminconsent(agent, redirect_uri="https://evil.example/cb")
    assert stray.status_code == 400 and "AADSTS50011" in stray.text
    assert "Location" not in stray.headers


def test_single_tenant_app_in_another_tenant_is_700016(agent, sandbox):
    """A single-tenant app cannot be consented in another organization."""
    app = sandbox.register_app("Proseware Internal", "AzureADMyOrg", seed.PROSEWARE_TENANT_ID,
                               redirect_uris=[REDIRECT_URI])
    response = adminconsent(agent, seed.CONTOSO_TENANT_ID, client_id=app.client_id)
    assert_admin_consent_error(response, "unauthorized_client", 700016)


def test_personal_account_cannot_grant(agent):
    """A personal account on /organizations is refused on the picker (50020)."""
    response = agent.pick(adminconsent(agent), seed.PERSONAL_USER_OID)
    assert response.status_code == 400 and "AADSTS50020" in response.text


def test_admin_of_another_tenant_is_refused(agent):
    """The path names Fabrikam: Contoso's admin is not in that tenant (50020)."""
    response = agent.pick(adminconsent(agent, seed.FABRIKAM_TENANT_ID), seed.CONTOSO_ADMIN_OID)
    assert response.status_code == 400 and "AADSTS50020" in response.text


def test_adminconsent_is_counted(agent, sandbox):
    """The endpoint shows up in the request counts under its own name."""
    adminconsent(agent)
    assert sandbox.request_counts()["adminconsent"] == {seed.DEFAULT_CLIENT_ID: 1}
