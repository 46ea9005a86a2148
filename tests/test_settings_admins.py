"""Who may open Settings: admins listed in ADMIN_EMAILS, recognised by an email Microsoft
confirms (the xms_edov optional claim for work accounts)."""

from __future__ import annotations

from microsoft_sandbox.directory import seed
from tests.conftest import Journey
from tests.microsoft_browser import MicrosoftBrowser
from tests.settings_kit import Admin, register_custom_app


def test_settings_are_for_admins_only(make_app, microsoft):
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    client = app.test_client()
    Journey(client, microsoft).sign_in(seed.CONTOSO_USER_OID)
    assert client.get("/settings/").status_code == 403
    token = Journey(client, microsoft).csrf_token("/accounts/")
    resp = client.post("/settings/oauth/mode", data={"csrf_token": token, "mode": "custom"})
    assert resp.status_code == 403


def test_admins_need_the_xms_edov_claim_from_a_custom_app(make_app, microsoft, sandbox):
    """A custom app sends xms_edov only once it adds the optional claim: until then a new admin
    is told exactly what the developer must add, and an admin verified before stays one."""
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN, seed.DEVELOPER_UPN])
    megan = Admin(app, app.test_client(), None)
    megan.journey = Journey(megan.client, microsoft)
    megan.journey.sign_in(seed.CONTOSO_ADMIN_OID)
    custom = register_custom_app(sandbox)
    megan.save_custom(custom)
    patti = Journey(app.test_client(), MicrosoftBrowser(microsoft.sandbox_url))
    assert patti.sign_in(seed.DEVELOPER_OID).status_code == 302
    refused = patti.client.get("/settings/")
    assert refused.status_code == 403 and "Token configuration" in refused.text
    assert "xms_edov" in refused.text and "developer" in refused.text
    assert megan.journey.sign_in(seed.CONTOSO_ADMIN_OID).status_code == 302
    assert megan.client.get("/settings/").status_code == 200  # verified before, same address
    sandbox.set_optional_claim(custom.client_id, "xms_edov")
    patti.sign_in(seed.DEVELOPER_OID)
    assert patti.client.get("/settings/").status_code == 200
    assert "Optional claims" in patti.client.get("/settings/").text
