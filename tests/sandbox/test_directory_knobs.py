"""The `/_sandbox/` directory knobs and the Python API behind them, and reset to the seed."""

import requests

from microsoft_sandbox.directory import seed
from microsoft_sandbox.directory.models import ConsentPolicy

from .helpers import REDIRECT_URI, token_post


def post(base_url: str, path: str, body: dict | None = None) -> requests.Response:
    """POST JSON to a knob."""
    return requests.post(f"{base_url}/_sandbox/{path}", json=body or {}, timeout=10)


def test_register_an_app_with_a_secret(base_url, sandbox):
    """`apps` registers an app and hands back its secret once."""
    answer = post(base_url, "apps", {
        "display_name": "Knob App", "home_tenant_id": seed.PROSEWARE_TENANT_ID,
        "sign_in_audience": "AzureADMultipleOrgs", "redirect_uris": [REDIRECT_URI],
        "required_scopes": "User.Read Mail.Read", "secret_days": 365}).json()
    app = sandbox.app(answer["client_id"])
    assert app.display_name == "Knob App" and app.required_scopes == ["User.Read", "Mail.Read"]
    assert app.secrets[0].value == answer["secret"] and answer["secret_id"]
    assert post(base_url, "apps", {"display_name": "x"}).status_code == 400
    assert post(base_url, "apps", {"display_name": "x", "home_tenant_id": "nope"}).status_code \
        == 404
    assert post(base_url, "apps", {"display_name": "x", "home_tenant_id": seed.PROSEWARE_TENANT_ID,
                                   "secret_days": 3650}).status_code == 400


def test_expire_secret_knob(base_url, sandbox):
    """`expire-secret` makes the default app's secret answer 7000222."""
    answer = post(base_url, "expire-secret", {"client_id": seed.DEFAULT_CLIENT_ID})
    assert answer.json() == {"ok": True, "expired": 1}
    response = token_post(base_url, {
        "grant_type": "client_credentials", "client_id": seed.DEFAULT_CLIENT_ID,
        "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "scope": "https://graph.microsoft.com/.default"}, tenant=seed.CONTOSO_TENANT_ID)
    assert response.status_code == 401 and response.json()["error_codes"] == [7000222]
    assert post(base_url, "expire-secret", {"client_id": seed.DEFAULT_CLIENT_ID,
                                            "secret_id": "nope"}).status_code == 404
    assert post(base_url, "expire-secret", {}).status_code == 400


def test_consent_policy_knob(base_url, sandbox):
    """`consent-policy` switches a tenant's policy and step-up flag."""
    body = {"tenant_id": seed.CONTOSO_TENANT_ID, "policy": "admin_consent_workflow",
            "risk_based_step_up": True}
    assert post(base_url, "consent-policy", body).status_code == 200
    tenant = sandbox.tenant(seed.CONTOSO_TENANT_ID)
    assert tenant.consent_policy == ConsentPolicy.ADMIN_CONSENT_WORKFLOW
    assert tenant.risk_based_step_up
    assert post(base_url, "consent-policy", {"tenant_id": seed.CONTOSO_TENANT_ID,
                                             "policy": "nope"}).status_code == 400
    assert post(base_url, "consent-policy", {"tenant_id": seed.CONSUMER_TENANT_ID,
                                             "policy": "user_consent_allowed"}).status_code == 400
    assert post(base_url, "consent-policy", {"tenant_id": "nope"}).status_code == 404


def test_tenant_consent_knobs_and_requests_listing(agent, base_url, sandbox):
    """Grant and revoke tenant-wide consent; list admin consent requests as JSON."""
    body = {"tenant_id": seed.FABRIKAM_TENANT_ID, "client_id": seed.DEFAULT_CLIENT_ID,
            "scopes": ["User.Read", "Mail.Read"]}
    assert post(base_url, "tenant-consent", body).json()["scopes"] == ["User.Read", "Mail.Read"]
    assert agent.sign_in(seed.FABRIKAM_USER_OID)["code"]
    assert post(base_url, "tenant-consent/revoke", body).json()["revoked"] is True
    assert post(base_url, "tenant-consent", {**body, "tenant_id": "nope"}).status_code == 404
    page = agent.pick(agent.authorize(login_hint=seed.NORTHWIND_USER_UPN,
                                      prompt="select_account"))
    agent.press(page, "request-approval", "request", justification="why")
    listing = requests.get(f"{base_url}/_sandbox/consent-requests",
                           params={"tenant_id": seed.NORTHWIND_TENANT_ID, "status": "pending"},
                           timeout=10).json()
    assert listing[0]["requesters"] == [{"oid": seed.NORTHWIND_USER_OID, "justification": "why"}]
    assert requests.get(f"{base_url}/_sandbox/consent-requests", params={"status": "x"},
                        timeout=10).status_code == 400


def test_reset_restores_the_seeded_directory(base_url, sandbox, portal):
    """Reset drops registrations, grants, requests, blocks and policy changes."""
    client_id = portal.register("Gone after reset")
    sandbox.set_consent_policy(seed.CONTOSO_TENANT_ID, "admin_approval_required", True)
    sandbox.grant_tenant_consent(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID, ["User.Read"])
    sandbox.expire_secret(seed.DEFAULT_CLIENT_ID)
    assert post(base_url, "reset").status_code == 200
    assert sandbox.app(client_id) is None
    contoso = sandbox.tenant(seed.CONTOSO_TENANT_ID)
    assert contoso.consent_policy == ConsentPolicy.USER_CONSENT_ALLOWED
    assert not contoso.risk_based_step_up
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    assert sandbox.app(seed.DEFAULT_CLIENT_ID).secrets[0].expires_at > sandbox.clock.now()
    assert sandbox.consent_requests() == [] and sandbox.blocked_apps == set()


def test_seeded_tenants_and_users():
    """One tenant per policy, realistic people, admins among them, Contoso unchanged."""
    tenants, users = seed.seed_tenants(), seed.seed_users()
    assert tenants[seed.CONTOSO_TENANT_ID].consent_policy == ConsentPolicy.USER_CONSENT_ALLOWED
    assert tenants[seed.FABRIKAM_TENANT_ID].consent_policy == \
        ConsentPolicy.ADMIN_APPROVAL_REQUIRED
    assert tenants[seed.NORTHWIND_TENANT_ID].consent_policy == \
        ConsentPolicy.ADMIN_CONSENT_WORKFLOW
    assert tenants[seed.TAILSPIN_TENANT_ID].risk_based_step_up
    assert list(users)[:3] == [seed.CONTOSO_ADMIN_OID, seed.CONTOSO_USER_OID,
                               seed.PERSONAL_USER_OID]
    for tenant_id in (seed.CONTOSO_TENANT_ID, seed.FABRIKAM_TENANT_ID, seed.NORTHWIND_TENANT_ID,
                      seed.TAILSPIN_TENANT_ID, seed.PROSEWARE_TENANT_ID):
        assert any(u.is_admin for u in users.values() if u.tenant_id == tenant_id)
