"""Settings > Microsoft OAuth: checks, saving, testing, rotation, switching, audit, secrecy."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from tests.conftest import Journey
from tests.microsoft_browser import MicrosoftBrowser
from tests.settings_kit import (  # noqa: F401 (admin_fixture: the admin fixture)
    CUSTOM_APP_NAME,
    CustomApp,
    admin_fixture,
    next_sign_in_client_id,
    register_custom_app,
)


@pytest.mark.parametrize("field,value,message", [
    ("client_id", "my-app", "is a GUID"),
    ("client_secret", "b7e2c4a1-9d3f-4e85-a6c0-12f8d5e9b347", "looks like the Secret ID"),
    ("expires_on", "2020-01-01", "already past"),
    ("tenant_id", "contoso", "Directory (tenant) ID is a GUID"),
    ("client_id", seed.PROSEWARE_TENANT_ID, "copied from the wrong line"),
])
def test_bad_values_are_refused_with_a_specific_message(admin, sandbox, field, value, message):
    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom, **{field: value})
    assert resp.status_code == 400 and message in resp.text
    with admin.app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM oauth_settings")).scalar() == 0


def test_saving_custom_credentials_applies_to_the_next_sign_in(admin, sandbox, microsoft):
    assert next_sign_in_client_id(admin.app, microsoft) == seed.DEFAULT_CLIENT_ID
    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom, follow_redirects=True)
    assert "Microsoft accepted the custom credentials" in resp.text
    assert next_sign_in_client_id(admin.app, microsoft) == custom.client_id


def test_credentials_microsoft_refuses_are_not_saved(admin, sandbox, microsoft):
    """With a Directory ID, Save tests first: a mistyped secret must not break every sign-in."""
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    wrong = CustomApp(custom.client_id, "Zq9~" + "x" * 36, custom.secret_id, custom.tenant_id)
    resp = admin.save_custom(wrong)
    assert resp.status_code == 400 and "Nothing was saved" in resp.text
    assert "AADSTS7000215" in resp.text and wrong.secret not in resp.text
    assert f"••••••••{custom.secret[-4:]}" in admin.page()
    user = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert user.sign_in(seed.CONTOSO_USER_OID).status_code == 302


@pytest.mark.parametrize("status,title", [(503, "Microsoft is busy"),
                                          (500, "Microsoft had a problem")])
def test_a_test_microsoft_cannot_answer_says_to_test_again(admin, sandbox, status, title):
    custom = register_custom_app(sandbox)
    sandbox.faults.force_status("token", status, count=1)
    resp = admin.save_custom(custom)
    assert resp.status_code == 400 and "Nothing was saved" in resp.text and title in resp.text
    assert "test again" in resp.text and "Try signing in again" not in resp.text


def test_without_a_directory_id_save_says_it_did_not_test(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom, tenant_id="", follow_redirects=True)
    assert "saved without a test" in resp.text
    assert next_sign_in_client_id(admin.app, microsoft) == custom.client_id


def test_the_secret_is_write_only(admin, sandbox, caplog):
    custom = register_custom_app(sandbox)
    with caplog.at_level(logging.DEBUG):
        admin.save_custom(custom)
        page = admin.page()
    assert custom.secret not in page and custom.secret not in caplog.text
    assert f"••••••••{custom.secret[-4:]}" in page and "saved" in page
    assert 'type="password"' in page and f'value="{custom.secret}"' not in page


def test_a_blank_secret_keeps_the_saved_one(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    resp = admin.post("/settings/oauth/custom", {"client_id": custom.client_id,
                                                 "client_secret": "", "expires_on": "2028-11-26",
                                                 "tenant_id": custom.tenant_id})
    assert resp.status_code == 302
    user = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert user.sign_in(seed.CONTOSO_USER_OID).status_code == 302  # the stored secret works


def test_test_credentials_reports_success(admin, sandbox):
    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom) and admin.post("/settings/oauth/test", {
        "client_id": custom.client_id, "client_secret": custom.secret,
        "expires_on": "2028-11-26", "tenant_id": custom.tenant_id})
    assert resp.status_code == 200 and "These credentials work" in resp.text
    assert 'data-busy-label="Testing…"' in resp.text


@pytest.mark.parametrize("case,aadsts,title", [
    ("wrong_secret", "7000215", "The client secret is wrong"),
    ("expired_secret", "7000222", "The client secret has expired"),
    ("unknown_app", "700016", "Microsoft cannot find this app in that directory"),
    ("wrong_tenant", "700016", "Microsoft cannot find this app in that directory"),
    ("unknown_tenant", "90002", "Microsoft cannot find that directory"),
])
def test_test_credentials_reports_microsofts_advice(admin, sandbox, case, aadsts, title):
    custom = register_custom_app(sandbox)
    form = {"client_id": custom.client_id, "client_secret": custom.secret,
            "expires_on": "2028-11-26", "tenant_id": custom.tenant_id}
    if case == "wrong_secret":
        form["client_secret"] = "Zq9~" + "x" * 36
    elif case == "expired_secret":
        sandbox.expire_secret(custom.client_id, custom.secret_id)
    elif case == "wrong_tenant":  # the app is not installed in Contoso
        form["tenant_id"] = seed.CONTOSO_TENANT_ID
    elif case == "unknown_tenant":
        form["tenant_id"] = "0f0f0f0f-1111-4000-8000-000000000000"
    else:
        form["client_id"] = "0f0f0f0f-0000-4000-8000-000000000000"
    resp = admin.post("/settings/oauth/test", form)
    assert resp.status_code == 400 and f"AADSTS{aadsts}" in resp.text and title in resp.text
    assert "Correlation ID" in resp.text and custom.secret not in resp.text


def test_rotation_without_downtime(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    newer = sandbox.add_secret(custom.client_id, "rotation", 365)
    admin.post("/settings/oauth/new-secret", {"new-client_secret": newer.value,
                                              "new-expires_on": "2027-11-27"})
    page = admin.page()
    assert f"••••••••{newer.value[-4:]}" in page and "Promote new secret" not in page
    refused = admin.post("/settings/oauth/new-secret/promote", follow_redirects=True)
    assert "Test the new secret first" in refused.text
    # the old secret still signs people in while the new one waits
    user = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert user.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    tested = admin.post("/settings/oauth/new-secret/test").text
    assert "These credentials work" in tested and f"new secret ••••••••{newer.value[-4:]}" in tested
    admin.post("/settings/oauth/new-secret/promote")
    sandbox.delete_secret(custom.client_id, custom.secret_id)  # the old one is gone in Entra
    user = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert user.sign_in(seed.CONTOSO_ADMIN_OID).status_code == 302
    with admin.app.app_context():
        from postpress_whitelabel.settings.credentials import stored

        row = stored()
        assert row.client_secret == newer.value and row.pending_secret is None


def test_switching_back_to_default_keeps_the_custom_credentials(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    admin.post("/settings/oauth/mode", {"mode": "default"})
    assert next_sign_in_client_id(admin.app, microsoft) == seed.DEFAULT_CLIENT_ID
    assert f"••••••••{custom.secret[-4:]}" in admin.page()
    admin.post("/settings/oauth/mode", {"mode": "custom"})
    assert next_sign_in_client_id(admin.app, microsoft) == custom.client_id


def test_every_change_is_audited_without_the_secret(admin, sandbox):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    admin.post("/settings/oauth/mode", {"mode": "default"})
    page = admin.page()
    audit = page.split('id="audit"')[1]
    assert "custom credentials saved" in audit and "credentials mode changed" in audit
    assert "Megan Bowen" in audit and f"…{custom.secret[-4:]}" in audit
    assert custom.secret not in page


def test_secret_never_stored_in_clear(admin, sandbox):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    newer = sandbox.add_secret(custom.client_id, "rotation", 365)
    admin.post("/settings/oauth/new-secret", {"new-client_secret": newer.value,
                                              "new-expires_on": "2027-11-27"})
    with admin.app.app_context():
        for table in ("oauth_settings", "audit_event"):
            for row in db.session.execute(text(f"SELECT * FROM {table}")):  # noqa: S608
                dumped = " ".join(str(value) for value in row)
                assert custom.secret not in dumped and newer.value not in dumped


def test_a_sign_in_in_flight_keeps_its_credentials(admin, sandbox, microsoft):
    """Switching modes mid-flow: the callback uses the credentials that started the flow."""
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    admin.post("/settings/oauth/mode", {"mode": "default"})
    user = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    authorize = user.start()  # started under the default app
    admin.post("/settings/oauth/mode", {"mode": "custom"})
    sandbox.reset_counts()
    resp = user.callback(user.at_microsoft(authorize, oid=seed.CONTOSO_USER_OID))
    assert resp.status_code == 302
    assert list(sandbox.request_counts()["token"]) == [seed.DEFAULT_CLIENT_ID]
    # and the other way round
    other = Journey(admin.app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    authorize = other.start()  # started under the custom app
    admin.post("/settings/oauth/mode", {"mode": "default"})
    sandbox.reset_counts()
    resp = other.callback(other.at_microsoft(authorize, oid=seed.CONTOSO_ADMIN_OID))
    assert resp.status_code == 302
    assert list(sandbox.request_counts()["token"]) == [custom.client_id]


def test_custom_sign_in_shows_the_custom_app_on_the_consent_screen(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    browser = MicrosoftBrowser(microsoft.sandbox_url)
    user = Journey(admin.app.test_client(), browser)
    resp = user.sign_in(seed.CONTOSO_USER_OID)
    assert resp.status_code == 302
    consent = next(page for page in browser.pages if "Permissions requested" in page)
    assert CUSTOM_APP_NAME in consent and "postpress" not in consent.lower()
    with admin.app.app_context():
        accounts = db.session.execute(text("SELECT client_id FROM connected_account")).all()
        assert (custom.client_id,) in accounts


def test_no_page_ever_shows_a_secret(admin, sandbox, caplog):
    """Every GET page of the app, for the admin, after custom credentials are in use."""
    custom = register_custom_app(sandbox)
    with caplog.at_level(logging.DEBUG):
        admin.save_custom(custom)
        Journey(admin.client, admin.journey.microsoft).sign_in(seed.CONTOSO_ADMIN_OID,
                                                               intent="reconsent")
        paths = [rule.rule for rule in admin.app.url_map.iter_rules()
                 if "GET" in rule.methods and not rule.arguments]
        for path in paths:
            body = admin.client.get(path).get_data(as_text=True)
            for secret in (custom.secret, seed.DEFAULT_CLIENT_SECRET):
                assert secret not in body, path
    for secret in (custom.secret, seed.DEFAULT_CLIENT_SECRET):
        assert secret not in caplog.text


def test_a_new_secret_microsoft_refuses_cannot_be_promoted(admin, sandbox):
    custom = register_custom_app(sandbox)
    admin.save_custom(custom)
    admin.post("/settings/oauth/new-secret", {"new-client_secret": "Zq9~" + "w" * 36,
                                              "new-expires_on": "2027-11-27"})
    tested = admin.post("/settings/oauth/new-secret/test")
    assert tested.status_code == 400 and "AADSTS7000215" in tested.text
    assert "Promote new secret" not in tested.text
    admin.post("/settings/oauth/new-secret/promote")
    with admin.app.app_context():
        from postpress_whitelabel.settings.credentials import stored

        assert stored().client_secret == custom.secret


def test_an_expiry_beyond_24_months_is_refused(admin, sandbox):
    from datetime import date, timedelta

    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom, expires=str(date.today() + timedelta(days=800)))
    assert resp.status_code == 400 and "at most 24 months" in resp.text
