"""The sandbox's Entra portal on a phone: a prospect following the guide from a phone must be
able to read every blade without the page scrolling sideways."""

from __future__ import annotations

import pytest

from microsoft_sandbox.directory import seed

pytestmark = pytest.mark.browser

BLADES = ("", "/branding", "/authentication", "/credentials", "/token-configuration",
          "/api-permissions", "/api-permissions/add")


def test_every_blade_fits_a_phone(page, sandbox, sandbox_server):
    app = sandbox.register_app("Acme Mail Connector for Contoso",
                               "AzureADandPersonalMicrosoftAccount", seed.PROSEWARE_TENANT_ID)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(sandbox_server.url + "/portal/signin")
    page.get_by_role("button", name="Sign in").click()
    pages = [f"/portal/app-registrations/{app.client_id}{blade}" for blade in BLADES]
    for path in ["/portal/", *pages, "/portal/enterprise-apps", "/portal/no-such-blade"]:
        page.goto(sandbox_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
