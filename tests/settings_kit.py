"""Helpers for the Settings tests: an admin's browser, a custom app registered at Microsoft.

``admin`` is a fixture: a test module imports it as ``admin_fixture`` (``from
tests.settings_kit import admin_fixture``) and its tests ask for ``admin``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from tests.conftest import PUBLIC_URL, Journey

CALLBACKS = [PUBLIC_URL + path for path in seed.DEFAULT_REDIRECT_PATHS]
CUSTOM_APP_NAME = "Acme Mail Connector"


@dataclass
class CustomApp:
    """An integrator's own app registration in the sandbox, and one secret of it."""

    client_id: str
    secret: str
    secret_id: str
    tenant_id: str


def register_custom_app(sandbox, name: str = CUSTOM_APP_NAME, days: int = 730) -> CustomApp:
    """What the guide has the integrator do in the Entra portal, through the sandbox's API."""
    app = sandbox.register_app(name, "AzureADandPersonalMicrosoftAccount",
                               seed.PROSEWARE_TENANT_ID, redirect_uris=CALLBACKS)
    sandbox.set_permissions(app.client_id, add=["Mail.Read"])
    secret = sandbox.add_secret(app.client_id, "postpress", days)
    return CustomApp(app.client_id, secret.value, secret.secret_id, seed.PROSEWARE_TENANT_ID)


class Admin:
    """A signed-in admin (Megan Bowen) posting Settings forms like a browser."""

    def __init__(self, app, client, journey: Journey):
        self.app, self.client, self.journey = app, client, journey

    def token(self) -> str:
        return self.journey.csrf_token("/settings/")

    def post(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(path, data={"csrf_token": self.token(), **(data or {})},
                                **kwargs)

    def save_custom(self, custom: CustomApp, expires: str = "2028-11-26",
                    follow_redirects: bool = False, **fields):
        return self.post("/settings/oauth/custom", {
            "client_id": custom.client_id, "client_secret": custom.secret,
            "expires_on": expires, "tenant_id": custom.tenant_id, **fields},
            follow_redirects=follow_redirects)

    def page(self) -> str:
        return self.client.get("/settings/").text


@pytest.fixture(name="admin")
def admin_fixture(make_app, microsoft) -> Admin:
    """Megan Bowen, an admin by ``ADMIN_EMAILS``, signed in to a fresh app."""
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    return Admin(app, client, journey)


def next_sign_in_client_id(app, microsoft) -> str:
    """The client id a sign-in started now sends to Microsoft: the credentials in use."""
    start = Journey(app.test_client(), microsoft).start()
    return parse_qs(urlsplit(start).query)["client_id"][0]
