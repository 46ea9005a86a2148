"""The consent screen as Microsoft draws it: name, publisher badge, permissions in plain words,
the admin-only "Consent on behalf of your organization" (with prompt=consent), incremental
consent, prompt values."""

from microsoft_sandbox.directory import seed

from .helpers import BASE_SCOPES, REDIRECT_URI, query_of, text_of, token_post

CHECKBOX = "Consent on behalf of your organization"


def consent_for(agent, upn: str, **overrides):
    """The consent page a hinted user reaches."""
    return agent.pick(agent.authorize(login_hint=upn, **overrides))


def test_verified_app_shows_publisher_and_badge(agent):
    """postpress is verified: publisher name with the blue badge, no "Unverified"."""
    page = consent_for(agent, seed.CONTOSO_USER_UPN)
    assert "verified-badge" in page.text and "Unverified" not in page.text
    assert '<div class="app-name">postpress</div>' in page.text


def test_unverified_app_says_unverified(agent, sandbox):
    """A fresh registration from another directory: "Unverified" and no badge."""
    app = sandbox.register_app("Proseware Sync", "AzureADMultipleOrgs",
                               seed.PROSEWARE_TENANT_ID, redirect_uris=[REDIRECT_URI])
    page = consent_for(agent, seed.CONTOSO_USER_UPN, client_id=app.client_id)
    text = text_of(page)
    assert "Proseware Sync" in text and "Unverified" in text
    assert "verified-badge" not in page.text
    assert "This application is not published by Microsoft or your organization." in text


def test_permissions_are_listed_in_plain_words(agent):
    """Each requested permission as its consent sentence."""
    page = consent_for(agent, seed.CONTOSO_USER_UPN,
                       scope=BASE_SCOPES + " Mail.Send Calendars.ReadWrite")
    text = text_of(page)
    for sentence in ("Sign you in and read your profile", "View your email address",
                     "Maintain access to data you have given it access to", "Send mail as you",
                     "Have full access to your calendars"):
        assert sentence in text


def test_checkbox_is_for_admins_only(agent):
    """Admins see it (unticked), with prompt=consent or not; users and personal accounts
    never do."""
    plain = consent_for(agent, seed.CONTOSO_ADMIN_UPN)
    assert CHECKBOX in plain.text
    admin = consent_for(agent, seed.CONTOSO_ADMIN_UPN, prompt="consent")
    assert CHECKBOX in admin.text
    assert 'type="checkbox" name="consent_on_behalf">' in admin.text
    user = consent_for(agent, seed.CONTOSO_USER_UPN, prompt="consent")
    assert "Permissions requested" in user.text and CHECKBOX not in user.text
    personal = consent_for(agent, seed.PERSONAL_USER_UPN, prompt="consent")
    assert CHECKBOX not in personal.text


def test_an_admin_who_leaves_it_unticked_consents_only_for_themselves(agent, sandbox):
    """Reference section 5: without the tick an admin's consent covers only their account."""
    page = consent_for(agent, seed.CONTOSO_ADMIN_UPN)
    assert "Permissions requested" in page.text and CHECKBOX in page.text
    done = agent.submit(page, decision="accept")
    assert query_of(done)["code"]
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    assert sandbox.granted_scopes(seed.CONTOSO_ADMIN_OID, seed.DEFAULT_CLIENT_ID)


def test_ticked_checkbox_grants_the_tenant_and_users_see_no_prompt(agent, sandbox):
    """Tenant-wide consent from the prompt: Contoso's users sign in with no page at all."""
    page = consent_for(agent, seed.CONTOSO_ADMIN_UPN, scope=BASE_SCOPES + " Mail.Read",
                       prompt="consent")
    agent.submit(page, decision="accept", consent_on_behalf="on")
    grant = sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID)
    assert grant.scopes == ["openid", "profile", "email", "offline_access", "User.Read",
                            "Mail.Read"]
    response = agent.pick(agent.authorize(prompt="select_account", scope=BASE_SCOPES),
                          seed.CONTOSO_USER_OID)
    assert response.status_code == 302
    body = agent.redeem(query_of(response)["code"]).json()
    assert body["scope"] == "User.Read Mail.Read openid profile email offline_access"


def test_a_user_posting_the_checkbox_consents_only_for_themselves(agent, sandbox):
    """consent_on_behalf from a non-admin is ignored."""
    page = consent_for(agent, seed.CONTOSO_USER_UPN)
    agent.submit(page, decision="accept", consent_on_behalf="on")
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is None
    assert sandbox.granted_scopes(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID)


def test_incremental_consent_shows_only_the_new_permissions(agent):
    """Asking for more later lists only what is new; the token then carries both."""
    agent.sign_in(scope=BASE_SCOPES + " Mail.Read")
    page = agent.authorize(scope=BASE_SCOPES + " Mail.Read Calendars.Read")
    text = text_of(page)
    assert "Read your calendars" in text
    assert "Read your mail" not in text and "Sign you in and read your profile" not in text
    done = agent.submit(page, decision="accept")
    body = agent.redeem(query_of(done)["code"]).json()
    assert body["scope"].split()[:3] == ["User.Read", "Mail.Read", "Calendars.Read"]


def test_prompt_consent_lists_everything_requested(agent):
    """prompt=consent shows the prompt again, with every requested permission."""
    agent.sign_in(scope=BASE_SCOPES + " Mail.Read")
    text = text_of(agent.authorize(scope=BASE_SCOPES + " Mail.Read", prompt="consent"))
    assert "Read your mail" in text and "Sign you in and read your profile" in text


def test_prompt_consent_lets_an_admin_consent_for_the_organization(agent, sandbox):
    """An admin who consented for themselves can come back with prompt=consent and tick it."""
    agent.sign_in(seed.CONTOSO_ADMIN_OID)
    page = agent.authorize(prompt="consent")
    assert CHECKBOX in page.text
    done = agent.submit(page, decision="accept", consent_on_behalf="on")
    assert query_of(done)["code"]
    assert sandbox.tenant_grant(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID) is not None


def test_prompt_consent_in_a_consent_off_tenant_still_needs_an_admin(agent, sandbox):
    """Forcing the prompt sends users of a consent-off tenant to "Need admin approval" even
    after tenant-wide consent (why the app must not force prompt=consent)."""
    sandbox.grant_tenant_consent(seed.FABRIKAM_TENANT_ID, seed.DEFAULT_CLIENT_ID, ["User.Read"])
    plain = consent_for(agent, seed.FABRIKAM_USER_UPN)
    assert plain.status_code == 302
    forced = agent.authorize(prompt="consent")
    assert "Need admin approval" in forced.text


def test_prompt_login_and_select_account_show_the_picker(agent):
    """login and select_account both show the account picker despite a session."""
    agent.sign_in()
    assert "<h1>Pick an account</h1>" in agent.authorize(prompt="login").text
    assert "<h1>Pick an account</h1>" in agent.authorize(prompt="select_account").text


def test_prompt_none_succeeds_on_tenant_consent_alone(agent, sandbox):
    """A user covered only by tenant-wide consent gets a silent code."""
    agent.sign_in(seed.CONTOSO_USER_OID, scope="openid")
    sandbox.grant_tenant_consent(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID,
                                 ["User.Read", "Mail.Read"])
    response = agent.authorize(prompt="none", scope=BASE_SCOPES + " Mail.Read")
    assert response.status_code == 302 and query_of(response)["code"]


def test_personal_accounts_lose_shared_calendar_scopes(agent):
    """The .Shared scopes are dropped from a personal account's prompt and token."""
    scope = BASE_SCOPES + " Calendars.Read Calendars.Read.Shared Calendars.ReadWrite.Shared"
    page = consent_for(agent, seed.PERSONAL_USER_UPN, tenant="consumers", scope=scope)
    assert "Read calendars you can access" not in text_of(page)
    body = agent.redeem(query_of(agent.submit(page, decision="accept"))["code"]).json()
    assert "Shared" not in body["scope"] and "Calendars.Read" in body["scope"].split()


def test_revoked_tenant_consent_ends_refresh_with_65001(agent, base_url, sandbox):
    """Refresh tokens follow the consent: once it is revoked, refresh is consent_required."""
    sandbox.grant_tenant_consent(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID, ["User.Read"])
    tokens = agent.redeem(agent.sign_in(seed.CONTOSO_USER_OID)["code"]).json()
    assert sandbox.granted_scopes(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID) == []
    sandbox.revoke_tenant_consent(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID)
    response = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]})
    body = response.json()
    assert response.status_code == 400 and body["error_codes"] == [65001]
    assert body["error"] == "invalid_grant" and body["suberror"] == "consent_required"
