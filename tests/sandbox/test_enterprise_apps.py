"""Enterprise applications in the portal: requests to review (approve, deny, block), the
consents granted (revocable), and the directory's consent settings."""

import pytest

from microsoft_sandbox.directory import seed

from .helpers import BASE_SCOPES, query_of
from .portal_helpers import Portal

MAIL = BASE_SCOPES + " Mail.Read"


@pytest.fixture
def northwind_admin(base_url):
    """Isaiah Langer in the portal: Northwind's admin, who reviews its requests."""
    admin = Portal(base_url)
    admin.sign_in(seed.NORTHWIND_ADMIN_OID)
    yield admin
    admin.http.close()


def request_approval(agent, upn: str = seed.NORTHWIND_USER_UPN, why: str = "For my mail."):
    """A Northwind user asks for approval of postpress."""
    page = agent.pick(agent.authorize(login_hint=upn, scope=MAIL))
    return agent.press(page, "request-approval", "request", justification=why)


def test_request_appears_for_the_admin_and_approval_grants_the_tenant(agent, northwind_admin,
                                                                      sandbox):
    """Method 1: the request lists app, requester, justification; Approve grants tenant-wide."""
    request_approval(agent)
    page = northwind_admin.get("/enterprise-apps/admin-consent-requests")
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    section = page.text[page.text.index(f'id="request-{record.request_id}"'):]
    for text in ("postpress", "Johanna Lorenz", "For my mail.", "Mail.Read", "Approve", "Deny",
                 "Block"):
        assert text in section, text
    done = northwind_admin.post(f"/enterprise-apps/admin-consent-requests/{record.request_id}",
                                {"action": "approve"})
    assert "Request approved." in done.text and "There are no pending requests." in done.text
    grant = sandbox.tenant_grant(seed.NORTHWIND_TENANT_ID, seed.DEFAULT_CLIENT_ID)
    assert grant.granted_by == seed.NORTHWIND_ADMIN_OID and "Mail.Read" in grant.scopes
    response = agent.authorize(scope=MAIL)
    assert response.status_code == 302 and query_of(response)["code"]


@pytest.mark.parametrize(("action", "status"), [("deny", "denied"), ("block", "blocked")])
def test_deny_and_block(agent, northwind_admin, sandbox, action, status):
    """Deny closes the request; Block also refuses the app's future requests."""
    request_approval(agent)
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    page = northwind_admin.post(f"/enterprise-apps/admin-consent-requests/{record.request_id}",
                                {"action": action})
    assert f"Request {status}." in page.text
    assert sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)[0].status == status
    assert sandbox.is_blocked(seed.NORTHWIND_TENANT_ID, seed.DEFAULT_CLIENT_ID) == \
        (action == "block")
    assert sandbox.tenant_grant(seed.NORTHWIND_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    again = northwind_admin.post(f"/enterprise-apps/admin-consent-requests/{record.request_id}",
                                 {"action": "approve"})
    assert again.status_code == 400


def test_only_admins_review_and_only_their_own_directory(agent, base_url, sandbox):
    """A user may look but not act; another directory's admin cannot see the request."""
    request_approval(agent)
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    user = Portal(base_url)
    user.sign_in(seed.NORTHWIND_USER2_OID)
    assert "Only an administrator can review requests." in \
        user.get("/enterprise-apps/admin-consent-requests").text
    path = f"/enterprise-apps/admin-consent-requests/{record.request_id}"
    assert user.post(path, {"action": "approve"}).status_code == 403
    outsider = Portal(base_url)
    outsider.sign_in(seed.CONTOSO_ADMIN_OID)
    assert outsider.post(path, {"action": "approve"}).status_code == 404
    assert sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)[0].status == "pending"


def test_granted_consents_are_listed_and_revocable(agent, base_url, sandbox):
    """After Method 2, Fabrikam's admin sees the grant and revokes it: users are asked again."""
    consent = agent.pick(agent.authorize(login_hint=seed.FABRIKAM_ADMIN_UPN, scope=MAIL,
                                         prompt="consent"))
    agent.submit(consent, decision="accept", consent_on_behalf="on")
    admin = Portal(base_url)
    admin.sign_in(seed.FABRIKAM_ADMIN_OID)
    listing = admin.get("/enterprise-apps")
    assert "postpress" in listing.text and "Admin consent granted" in listing.text
    page = admin.get(f"/enterprise-apps/{seed.DEFAULT_CLIENT_ID}/permissions")
    assert "Granted for all users of Fabrikam" in page.text and "Alex Wilber" in page.text
    admin.post(f"/enterprise-apps/{seed.DEFAULT_CLIENT_ID}/permissions/revoke")
    assert sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    user = agent.pick(agent.authorize(prompt="select_account", scope=MAIL),
                      seed.FABRIKAM_USER_OID)
    assert "Need admin approval" in user.text


def test_user_consent_is_listed_and_revocable(agent, base_url, sandbox):
    """A user's own consent shows under User consent; revoking it brings the prompt back."""
    agent.sign_in(seed.CONTOSO_USER_OID)
    admin = Portal(base_url)
    admin.sign_in(seed.CONTOSO_ADMIN_OID)
    page = admin.get(f"/enterprise-apps/{seed.DEFAULT_CLIENT_ID}/permissions")
    assert "Adele Vance" in page.text
    admin.post(f"/enterprise-apps/{seed.DEFAULT_CLIENT_ID}/permissions/revoke",
               {"oid": seed.CONTOSO_USER_OID})
    assert sandbox.granted_scopes(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID) == []
    assert "Permissions requested" in agent.authorize().text


def test_apps_not_installed_are_not_found(base_url):
    """No service principal in the directory: 404, and nothing to grant."""
    admin = Portal(base_url)
    admin.sign_in(seed.FABRIKAM_ADMIN_OID)
    assert "postpress" not in admin.get("/enterprise-apps").text
    path = f"/enterprise-apps/{seed.DEFAULT_CLIENT_ID}/permissions"
    assert admin.get(path).status_code == 404


def test_consent_settings_change_the_policy(base_url, agent, sandbox):
    """An admin turns user consent off in Contoso; a user then needs approval."""
    admin = Portal(base_url)
    admin.sign_in(seed.CONTOSO_ADMIN_OID)
    page = admin.post("/enterprise-apps/consent-settings",
                      {"consent_policy": "admin_approval_required"})
    assert "Consent settings saved." in page.text
    assert sandbox.tenant(seed.CONTOSO_TENANT_ID).consent_policy == "admin_approval_required"
    user = agent.pick(agent.authorize(login_hint=seed.CONTOSO_USER_UPN))
    assert "Need admin approval" in user.text
    viewer = Portal(base_url)
    viewer.sign_in(seed.CONTOSO_USER_OID)
    refused = viewer.post("/enterprise-apps/consent-settings",
                          {"consent_policy": "user_consent_allowed"})
    assert refused.status_code == 403
    assert admin.post("/enterprise-apps/consent-settings", {"consent_policy": "x"}).status_code \
        == 400
