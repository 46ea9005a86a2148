"""Risk-based step-up consent (Tailspin Toys): users may not consent to an unverified
multi-tenant app asking for more than basic profile permissions (AADSTS900941)."""

import pytest

from microsoft_sandbox.directory import seed

from .helpers import BASE_SCOPES, REDIRECT_URI, query_of
from .test_consent_policies import assert_access_denied, page_for, post_decision


@pytest.fixture
def unverified_app(sandbox) -> str:
    """A multi-tenant app registered in Proseware, publisher not verified."""
    app = sandbox.register_app("Proseware Mail", "AzureADandPersonalMicrosoftAccount",
                               seed.PROSEWARE_TENANT_ID, redirect_uris=[REDIRECT_URI])
    return app.client_id


def test_unverified_app_asking_for_mail_is_refused_to_users(agent, unverified_app):
    """The user sees "Need admin approval" with the risk sentence; going back gives 900941."""
    page = page_for(agent, seed.TAILSPIN_USER_UPN, scope=BASE_SCOPES + " Mail.Read",
                    client_id=unverified_app)
    assert "Need admin approval" in page.text and "may be risky" in page.text
    assert "Unverified" in page.text and "AADSTS900941" in page.text
    params = assert_access_denied(post_decision(agent, page, "cancel", "return"), 900941, None,
                                  agent.state)
    assert "App is considered risky" in params["error_description"]


def test_basic_profile_only_is_not_stepped_up(agent, unverified_app):
    """Sign-in alone (openid profile email offline_access User.Read) may still be consented."""
    page = page_for(agent, seed.TAILSPIN_USER_UPN, client_id=unverified_app, scope=BASE_SCOPES)
    assert "Permissions requested" in page.text and "Unverified" in page.text


def test_verified_publisher_lifts_the_step_up(agent, sandbox, unverified_app):
    """Once the publisher is verified, users of the same tenant may consent."""
    sandbox.set_publisher_domain(unverified_app, "proseware.com")
    sandbox.verify_publisher(unverified_app, "1234567", "Proseware")
    page = page_for(agent, seed.TAILSPIN_USER_UPN, client_id=unverified_app,
                    scope=BASE_SCOPES + " Mail.Read")
    assert "Permissions requested" in page.text and "verified-badge" in page.text


def test_admins_may_still_consent_and_other_tenants_are_unaffected(agent, unverified_app):
    """The step-up is Tailspin's setting and binds users only."""
    scope = BASE_SCOPES + " Mail.Read"
    admin = page_for(agent, seed.TAILSPIN_ADMIN_UPN, client_id=unverified_app, scope=scope)
    assert "Permissions requested" in admin.text
    contoso = page_for(agent, seed.CONTOSO_USER_UPN, client_id=unverified_app, scope=scope,
                       prompt="select_account")
    assert "Permissions requested" in contoso.text
    done = agent.submit(contoso, decision="accept")
    assert query_of(done)["code"]


def test_step_up_can_be_turned_off(agent, sandbox, unverified_app):
    """The tenant flag decides: without it the user gets the ordinary prompt."""
    sandbox.set_consent_policy(seed.TAILSPIN_TENANT_ID, risk_based_step_up=False)
    page = page_for(agent, seed.TAILSPIN_USER_UPN, client_id=unverified_app,
                    scope=BASE_SCOPES + " Mail.Read")
    assert "Permissions requested" in page.text
