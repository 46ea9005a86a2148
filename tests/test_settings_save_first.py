"""Settings: "Save without switching" keeps sign-ins on the active credentials while the
custom app's publisher is verified, so no end user ever meets it unverified."""

from __future__ import annotations

from microsoft_sandbox.directory import seed
from tests.settings_kit import (  # noqa: F401 (admin_fixture: the admin fixture)
    admin_fixture,
    next_sign_in_client_id,
    register_custom_app,
)

ASSOCIATION = "/.well-known/microsoft-identity-association.json"


def test_saved_without_switching_is_listed_but_not_used(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    resp = admin.save_custom(custom, activate="no", follow_redirects=True)
    assert resp.status_code == 200
    assert "sign-ins keep the default credentials until you switch" in resp.text
    assert "Save without switching" in resp.text and "Switch to custom credentials" in resp.text
    assert next_sign_in_client_id(admin.app, microsoft) == seed.DEFAULT_CLIENT_ID
    listed = [a["applicationId"] for a in admin.client.get(ASSOCIATION).json[
        "associatedApplications"]]
    assert custom.client_id in listed
    assert "custom credentials saved" in admin.page()

    admin.post("/settings/oauth/mode", {"mode": "custom"})
    assert next_sign_in_client_id(admin.app, microsoft) == custom.client_id
    assert "Save without switching" not in admin.page()  # custom is active: nothing to keep


def test_saved_without_switching_is_tested_first(admin, sandbox, microsoft):
    custom = register_custom_app(sandbox)
    custom.secret = "x" * 20 + "Wrong~Secret"
    resp = admin.save_custom(custom, activate="no")
    assert resp.status_code == 400 and "Nothing was saved" in resp.text
    assert "Switch to custom credentials" not in admin.page()
