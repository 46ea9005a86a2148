"""Tenants and their consent policies: user consent off, the admin consent workflow, blocked
apps, admin-only permissions and risk-based step-up, each as Microsoft shows it to users."""

import re

from microsoft_sandbox.directory import seed

from .helpers import BASE_SCOPES, query_of, text_of

MAIL_SCOPES = BASE_SCOPES + " Mail.Read"
DESCRIPTION = r"^AADSTS{code}: .+\r\nTrace ID: "


def page_for(agent, upn: str, scope: str = MAIL_SCOPES, **overrides):
    """Authorize with a login hint and pick that account: the page the user lands on."""
    return agent.pick(agent.authorize(login_hint=upn, scope=scope, **overrides))


def post_decision(agent, page, decision: str, form_id: str, **fields):
    """Press `decision` on the page's form with this id."""
    return agent.press(page, form_id, decision, **fields)


def assert_access_denied(response, code: int, subcode: str | None, state: str):
    """A redirect to the app with access_denied, this AADSTS code and (no) cancel subcode."""
    assert response.status_code == 302
    params = query_of(response)
    assert params["error"] == "access_denied" and params["state"] == state
    assert re.match(DESCRIPTION.format(code=code), params["error_description"])
    assert params.get("error_subcode") == subcode
    assert params["error_uri"].endswith(f"/error?code={code}")
    return params


def test_user_consent_off_shows_need_admin_approval(agent, sandbox):
    """Fabrikam's users see "Need admin approval" with Microsoft's sentence and two links."""
    page = page_for(agent, seed.FABRIKAM_USER_UPN)
    assert page.status_code == 200
    for text in ("<h1>Need admin approval</h1>",
                 "postpress needs permission to access resources in your organization that "
                 "only an admin can grant. Please ask an admin to grant permission to this app "
                 "before you can use it.",
                 "Have an admin account? Sign in with that account",
                 "Return to the application without granting consent", "AADSTS90094"):
        assert text in text_of(page), text
    assert "Permissions requested" not in page.text
    assert sandbox.effective_scopes(sandbox.user(seed.FABRIKAM_USER_OID),
                                    seed.DEFAULT_CLIENT_ID) == []


def test_return_without_consent_sends_65004_cancel(agent):
    """"Return to the application without granting consent": access_denied, cancel, 65004."""
    page = page_for(agent, seed.FABRIKAM_USER_UPN)
    response = post_decision(agent, page, "cancel", "return")
    assert_access_denied(response, 65004, "cancel", agent.state)


def test_forged_accept_from_a_user_who_may_not_consent_grants_nothing(agent, sandbox):
    """Posting decision=accept on the interrupt re-renders it; no grant is recorded."""
    page = page_for(agent, seed.FABRIKAM_USER_UPN)
    again = post_decision(agent, page, "accept", "return", consent_on_behalf="on")
    assert again.status_code == 200 and "Need admin approval" in again.text
    assert sandbox.granted_scopes(seed.FABRIKAM_USER_OID, seed.DEFAULT_CLIENT_ID) == []
    assert sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None


def test_admin_account_link_then_consent_for_the_organization(agent, sandbox):
    """Method 2 of the guide: with the app asking prompt=consent, the admin signs in from the
    interrupt and ticks the checkbox; afterwards the tenant's users get a code with no prompt
    at all."""
    page = page_for(agent, seed.FABRIKAM_USER_UPN, prompt="consent")
    picker = post_decision(agent, page, "switch_account", "switch-account")
    assert "Pick an account" in picker.text
    consent = agent.pick(picker, seed.FABRIKAM_ADMIN_OID)
    assert "Consent on behalf of your organization" in consent.text
    done = agent.submit(consent, decision="accept", consent_on_behalf="on")
    assert query_of(done)["code"]
    grant = sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID)
    assert grant.source == "consent_prompt" and "Mail.Read" in grant.scopes
    assert grant.granted_by == seed.FABRIKAM_ADMIN_OID
    user_page = agent.pick(agent.authorize(prompt="select_account", scope=MAIL_SCOPES),
                           seed.FABRIKAM_USER_OID)
    assert user_page.status_code == 302 and query_of(user_page)["code"]


def test_admin_consent_without_ticking_covers_only_the_admin(agent, sandbox):
    """An admin who does not tick the box consents for themselves alone."""
    consent = page_for(agent, seed.FABRIKAM_ADMIN_UPN)
    agent.submit(consent, decision="accept")
    assert sandbox.tenant_grant(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    assert "Mail.Read" in sandbox.granted_scopes(seed.FABRIKAM_ADMIN_OID, seed.DEFAULT_CLIENT_ID)
    user_page = agent.pick(agent.authorize(prompt="select_account", scope=MAIL_SCOPES),
                           seed.FABRIKAM_USER_OID)
    assert "Need admin approval" in user_page.text


def test_prompt_none_where_user_consent_is_off_is_consent_required(agent):
    """prompt=none for a user who may not consent: consent_required 65001, no page."""
    agent.sign_in(seed.CONTOSO_USER_OID)
    page = page_for(agent, seed.FABRIKAM_USER_UPN)
    assert "Need admin approval" in page.text
    response = agent.authorize(prompt="none", scope=MAIL_SCOPES)
    assert response.status_code == 302 and query_of(response)["error"] == "consent_required"


def test_workflow_request_is_sent_with_a_justification(agent, sandbox):
    """Northwind: "Approval required", a justification, "Request approval", "Request sent"."""
    page = page_for(agent, seed.NORTHWIND_USER_UPN)
    text = text_of(page)
    for expected in ("<h1>Approval required</h1>", "This app requires your admin's approval to:",
                     "Read your mail", "Request approval", 'name="justification"',
                     "Have an admin account? Sign in with that account"):
        assert expected in text, expected
    sent = post_decision(agent, page, "request", "request-approval",
                         justification="I file expense reports from my mailbox.")
    assert sent.status_code == 200 and "<h1>Request sent</h1>" in sent.text
    assert "Back to app" in sent.text
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    assert record.status == "pending" and record.client_id == seed.DEFAULT_CLIENT_ID
    assert record.requesters[0].oid == seed.NORTHWIND_USER_OID
    assert record.requesters[0].justification == "I file expense reports from my mailbox."
    assert "Mail.Read" in record.scopes
    back = post_decision(agent, sent, "cancel", "return")
    assert_access_denied(back, 90095, None, agent.state)


def test_second_requester_joins_the_pending_request(agent, base_url, sandbox):
    """Two users asking for the same app make one request with two requesters."""
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER_UPN), "request",
                  "request-approval", justification="one")
    agent.http.cookies.clear()
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER2_UPN), "request",
                  "request-approval", justification="two")
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID, "pending")
    assert [r.oid for r in record.requesters] == [seed.NORTHWIND_USER_OID,
                                                  seed.NORTHWIND_USER2_OID]


def test_pending_requester_sees_the_request_is_waiting(agent):
    """Coming back before review: still "Approval required", now waiting, with Back to app."""
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER_UPN), "request",
                  "request-approval", justification="")
    again = agent.authorize(scope=MAIL_SCOPES)
    assert "waiting for your admin's review" in text_of(again)
    assert 'name="justification"' not in again.text
    assert_access_denied(post_decision(agent, again, "cancel", "return"), 90095, None,
                         agent.state)


def test_return_without_requesting_is_65004(agent, sandbox):
    """Leaving "Approval required" without a request: the same cancel as declining."""
    page = page_for(agent, seed.NORTHWIND_USER_UPN)
    assert_access_denied(post_decision(agent, page, "cancel", "return"), 65004, "cancel",
                         agent.state)
    assert sandbox.consent_requests(seed.NORTHWIND_TENANT_ID) == []


def test_approved_request_grants_the_tenant(agent, sandbox):
    """Approval (Method 1 of the guide) grants tenant-wide: requesters get a code, no prompt."""
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER_UPN), "request",
                  "request-approval", justification="please")
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    sandbox.review_consent_request(record.request_id, "approve", seed.NORTHWIND_ADMIN_OID)
    response = agent.authorize(scope=MAIL_SCOPES)
    assert response.status_code == 302 and query_of(response)["code"]
    assert sandbox.tenant_grant(seed.NORTHWIND_TENANT_ID, seed.DEFAULT_CLIENT_ID).source == \
        "request"


def test_denied_request_can_be_asked_again(agent, sandbox):
    """After a denial the user sees "Approval required" again and may file a new request."""
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER_UPN), "request",
                  "request-approval", justification="please")
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    sandbox.review_consent_request(record.request_id, "deny", seed.NORTHWIND_ADMIN_OID)
    again = agent.authorize(scope=MAIL_SCOPES)
    assert 'name="justification"' in again.text


def test_blocked_app_shows_need_admin_approval_without_a_request(agent, sandbox):
    """Block refuses future requests: users get "Need admin approval" and no request form."""
    post_decision(agent, page_for(agent, seed.NORTHWIND_USER_UPN), "request",
                  "request-approval", justification="please")
    [record] = sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)
    sandbox.review_consent_request(record.request_id, "block", seed.NORTHWIND_ADMIN_OID)
    agent.http.cookies.clear()
    page = page_for(agent, seed.NORTHWIND_USER2_UPN)
    assert "Need admin approval" in page.text and "blocked requests for this app" in page.text
    assert 'name="justification"' not in page.text
    forged = post_decision(agent, page, "request", "return", justification="x")
    assert forged.status_code == 200
    assert len(sandbox.consent_requests(seed.NORTHWIND_TENANT_ID)) == 1
    assert_access_denied(post_decision(agent, page, "cancel", "return"), 65004, "cancel",
                         agent.state)


def test_admin_only_permission_needs_an_admin_even_where_users_may_consent(agent):
    """Contoso users may consent, but not to User.Read.All (admin consent required)."""
    page = page_for(agent, seed.CONTOSO_USER_UPN, scope="openid profile User.Read.All")
    assert "Need admin approval" in page.text
    consent = page_for(agent, seed.CONTOSO_ADMIN_UPN, scope="openid profile User.Read.All",
                       prompt="select_account")
    assert "Read all users' full profiles" in text_of(consent)


def test_personal_accounts_consent_for_themselves_without_the_checkbox(agent):
    """No tenant policies for personal accounts, and no organization to consent for."""
    page = page_for(agent, seed.PERSONAL_USER_UPN)
    assert "Permissions requested" in page.text
    assert "Consent on behalf of your organization" not in page.text
