"""Connected accounts: linking more than one, ownership, disconnecting, support details."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount
from tests.conftest import Journey
from tests.helpers import counts, signed_in, token_calls


def _accounts(app):
    with app.app_context():
        rows = db.session.execute(select(ConnectedAccount).order_by(ConnectedAccount.id))
        found = list(rows.scalars())
        for row in found:
            db.session.expunge(row)
        return found


def test_connect_another_account_links_it_to_the_user(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    authorize = journey.start("connect")
    assert parse_qs(urlsplit(authorize).query)["prompt"] == ["select_account"]
    resp = journey.callback(journey.at_microsoft(authorize, oid=seed.PERSONAL_USER_OID))
    assert resp.status_code == 302
    first, second = _accounts(app)
    assert first.user_id == second.user_id and counts(app) == (1, 2)
    page = client.get("/accounts/").text
    assert seed.PERSONAL_USER_UPN in page and seed.CONTOSO_USER_UPN in page
    assert "Connected sam.taylor@outlook.com" in page


def test_a_microsoft_account_belongs_to_one_user(app, client, journey, microsoft):
    journey.sign_in(seed.CONTOSO_USER_OID)
    from tests.microsoft_browser import MicrosoftBrowser

    other_client = app.test_client()
    other = Journey(other_client, MicrosoftBrowser(microsoft.sandbox_url))
    other.sign_in(seed.CONTOSO_ADMIN_OID)
    resp = other.sign_in(seed.CONTOSO_USER_OID, intent="connect")
    assert resp.status_code == 409 and "linked to someone else" in resp.text
    adele, megan = _accounts(app)
    assert adele.user_id != megan.user_id and counts(app) == (2, 2)
    assert seed.CONTOSO_USER_UPN not in other_client.get("/accounts/").text


def test_a_linked_account_never_signs_anyone_in(app, client, journey, microsoft):
    """Adele's account linked into Megan's profile must not open Megan's session to Adele."""
    from tests.microsoft_browser import MicrosoftBrowser

    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    journey.sign_in(seed.CONTOSO_USER_OID, intent="connect")
    adele = Journey(app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    resp = adele.sign_in(seed.CONTOSO_USER_OID)
    assert resp.status_code == 409 and "is connected to another person" in resp.text
    assert not signed_in(adele.client)


def test_disconnecting_a_linked_account_frees_it(app, client, journey, microsoft):
    from tests.microsoft_browser import MicrosoftBrowser

    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    journey.sign_in(seed.CONTOSO_USER_OID, intent="connect")
    linked = _accounts(app)[1]
    client.post(f"/accounts/{linked.id}/disconnect",
                data={"csrf_token": journey.csrf_token("/accounts/")})
    assert counts(app) == (1, 1)
    adele = Journey(app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert adele.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    assert "Hello, Adele Vance" in adele.client.get("/").text
    assert counts(app) == (2, 2)


def test_reconsent_for_another_account_changes_nothing(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    authorize = journey.start("reconsent", account_id=str(account.id))
    resp = journey.callback(journey.at_microsoft(authorize.replace("prompt=consent",
                                                                   "prompt=select_account"),
                                                 oid=seed.PERSONAL_USER_OID))
    assert resp.status_code == 409 and "different Microsoft account" in resp.text
    assert counts(app) == (1, 1)


def test_accounts_page_shows_support_details(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    page = client.get("/accounts/").text
    for expected in ("Adele Vance", seed.CONTOSO_USER_UPN, seed.CONTOSO_TENANT_ID,
                     "Work or school account", "User.Read", "connected", "Connected",
                     "Refresh token age", "less than a minute"):
        assert expected in page, expected


def test_disconnect_deletes_tokens_and_says_so(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    token = journey.csrf_token("/accounts/")
    resp = client.post(f"/accounts/{account.id}/disconnect", data={"csrf_token": token},
                       follow_redirects=True)
    assert "tokens were deleted" in resp.text
    gone = _accounts(app)[0]
    assert gone.status == "disconnected"
    assert gone.access_token is None and gone.refresh_token is None and gone.id_token is None


def test_cannot_disconnect_someone_elses_account(app, client, journey, microsoft):
    journey.sign_in(seed.CONTOSO_USER_OID)
    from tests.microsoft_browser import MicrosoftBrowser

    other_client = app.test_client()
    other = Journey(other_client, MicrosoftBrowser(microsoft.sandbox_url))
    other.sign_in(seed.CONTOSO_ADMIN_OID)
    adele = _accounts(app)[0]
    token = other.csrf_token("/accounts/")
    resp = other_client.post(f"/accounts/{adele.id}/disconnect", data={"csrf_token": token})
    assert resp.status_code == 404
    assert _accounts(app)[0].access_token is not None


def test_disconnect_needs_post_with_csrf(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    opened = client.get(f"/accounts/{account.id}/disconnect",  # a GET never disconnects
                        headers={"Accept": "text/html"})
    assert opened.status_code == 302 and opened.headers["Location"] == "/"
    assert client.post(f"/accounts/{account.id}/disconnect").status_code == 400
    assert _accounts(app)[0].access_token is not None


def test_reconsent_asks_for_consent_and_records_microsofts_error(make_app, microsoft):
    """The core's own answer: the admin consent plugin, which takes over declined consents
    with its own pages (tested with it), is off here."""
    app = make_app(DISABLED_PLUGINS=["admin_consent"])
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    authorize = journey.start("reconsent", account_id=str(account.id))
    query = parse_qs(urlsplit(authorize).query)
    assert query["prompt"] == ["consent"]
    assert query["login_hint"][0].lower() == seed.CONTOSO_USER_UPN.lower()
    resp = journey.callback(journey.at_microsoft(authorize, consent="cancel"))
    assert resp.status_code in (401, 403)
    page = client.get("/accounts/").text
    assert "Last Microsoft error" in page and "AADSTS65004" in page
    assert "Correlation ID" in page


def test_a_declined_reconsent_is_recorded_when_a_plugin_answers_it(app, client, journey):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    authorize = journey.start("reconsent", account_id=str(account.id))
    resp = journey.callback(journey.at_microsoft(authorize, consent="cancel"))
    assert resp.status_code == 303  # the admin consent plugin's own page
    assert "AADSTS65004" in client.get("/accounts/").text


def test_accounts_page_needs_sign_in(client):
    resp = client.get("/accounts/")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_check_connection_refreshes_tokens(app, client, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    before = _accounts(app)[0]
    sandbox.reset_counts()
    resp = client.post(f"/accounts/{before.id}/refresh",
                       data={"csrf_token": journey.csrf_token("/accounts/")},
                       follow_redirects=True)
    assert "the connection works" in resp.text
    after = _accounts(app)[0]
    assert after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token  # the sandbox rotates, as Microsoft may
    assert token_calls(sandbox) == 1


def test_revoked_refresh_token_is_shown_with_its_aadsts_code(app, client, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
    resp = client.post(f"/accounts/{account.id}/refresh",
                       data={"csrf_token": journey.csrf_token("/accounts/")},
                       follow_redirects=True)
    assert "does not work" in resp.text
    assert "AADSTS50173" in resp.text and "Correlation ID" in resp.text
    assert "Sign in again" in resp.text
    assert _accounts(app)[0].status == "needs_sign_in"


def test_login_hint_is_the_username_even_when_the_email_differs(app, client, journey, sandbox):
    """Microsoft's hint is preferred_username (the UPN); a differing mail address would send
    home-realm discovery astray."""
    adele = sandbox.user(seed.CONTOSO_USER_OID)
    sandbox.users[adele.oid] = dataclasses.replace(adele, mail="adele.vance@contoso-mail.com")
    journey.sign_in(seed.CONTOSO_USER_OID)
    account = _accounts(app)[0]
    assert account.email == "adele.vance@contoso-mail.com"
    authorize = journey.start("reconsent", account_id=str(account.id))
    assert parse_qs(urlsplit(authorize).query)["login_hint"] == [seed.CONTOSO_USER_UPN]
