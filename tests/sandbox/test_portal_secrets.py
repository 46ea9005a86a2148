"""Certificates & secrets: the value shown once beside its Secret ID, expiry by the sandbox
clock, and what the token endpoint says about each kind of wrong secret."""

import datetime
import re

import pytest

from microsoft_sandbox.directory import seed

from .helpers import text_of, token_post
from .test_token import assert_token_error

DAY = 24 * 3600
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def app_token(base_url, client_id: str, secret: str):
    """client_credentials in the app's home tenant, the simplest call a secret opens."""
    return token_post(base_url, {"grant_type": "client_credentials", "client_id": client_id,
                                 "client_secret": secret,
                                 "scope": "https://graph.microsoft.com/.default"},
                      tenant=seed.PROSEWARE_TENANT_ID)


def test_new_secret_value_is_shown_once(portal, base_url):
    """The value appears once, beside its Secret ID, on the page "Add" redirects to."""
    client_id = portal.register("Secrets")
    value, secret_id, page = portal.new_secret(client_id, "postpress", 730)
    assert len(value) == 40 and value[3:5] == "Q~" and GUID.match(secret_id)
    assert page.headers["Cache-Control"] == "no-store"
    assert "You won't be able to retrieve it after you leave this page." in text_of(page)
    for later in (f"/app-registrations/{client_id}/credentials",
                  f"/app-registrations/{client_id}", "/app-registrations"):
        html = portal.get(later).text
        assert value not in html, later
    listing = portal.get(f"/app-registrations/{client_id}/credentials").text
    assert secret_id in listing and value[:3] + "********" in listing
    assert app_token(base_url, client_id, value).status_code == 200


def test_add_redirects_so_a_reload_creates_no_second_secret(portal, sandbox):
    """POST-redirect-GET: "Add" answers 303 without the value; reloading the page that shows
    it is a GET, which creates nothing and no longer shows the value."""
    client_id = portal.register("Reload")
    path = f"/app-registrations/{client_id}/credentials"
    added = portal.post(f"{path}/secrets", {"description": "x", "expires": "180"},
                        allow_redirects=False)
    assert added.status_code == 303 and added.headers["Location"].endswith(path)
    [secret] = sandbox.app(client_id).secrets
    assert secret.value not in added.text
    shown = portal.get(path)
    assert secret.value in shown.text and shown.headers["Cache-Control"] == "no-store"
    reloaded = portal.get(path)
    assert secret.value not in reloaded.text and "new-secret-value" not in reloaded.text
    assert len(sandbox.app(client_id).secrets) == 1


@pytest.mark.parametrize("days", [180, 365, 730])
def test_expiry_follows_the_sandbox_clock(portal, sandbox, days):
    """6, 12 and 24 months from sandbox "now", even when the clock has been moved."""
    sandbox.clock.advance(40 * DAY)
    client_id = portal.register("Clock")
    _, secret_id, page = portal.new_secret(client_id, "x", days)
    [secret] = sandbox.app(client_id).secrets
    assert secret.expires_at == pytest.approx(sandbox.clock.now() + days * DAY, abs=5)
    shown = datetime.datetime.fromtimestamp(secret.expires_at, datetime.UTC).strftime("%m/%d/%Y")
    assert shown in page.text


def test_only_the_offered_lifetimes_are_accepted(portal, sandbox):
    """Anything but 180, 365 or 730 days is refused (Microsoft caps secrets at 24 months),
    including digits `int` would refuse or read as something else."""
    client_id = portal.register("Caps")
    for bad in ("731", "3650", "", "abc", "²", "١٨٠", "9" * 5000):
        page = portal.post(f"/app-registrations/{client_id}/credentials/secrets",
                           {"description": "x", "expires": bad})
        assert page.status_code == 400
    assert sandbox.app(client_id).secrets == []


def test_secret_errors_at_the_token_endpoint(portal, base_url, sandbox):
    """Wrong value and pasted Secret ID: 7000215; expired: 7000222; deleted: 7000215."""
    client_id = portal.register("Errors")
    value, secret_id, _ = portal.new_secret(client_id, "x", 180)
    body = assert_token_error(app_token(base_url, client_id, secret_id), 401, "invalid_client",
                              7000215)
    assert "not the client secret ID" in body["error_description"]
    assert_token_error(app_token(base_url, client_id, value[:-1]), 401, "invalid_client",
                       7000215)
    sandbox.clock.advance(181 * DAY)
    assert_token_error(app_token(base_url, client_id, value), 401, "invalid_client", 7000222)
    listing = portal.get(f"/app-registrations/{client_id}/credentials").text
    assert "Expired" in listing
    portal.post(f"/app-registrations/{client_id}/credentials/secrets/delete",
                {"secret_id": secret_id})
    assert sandbox.app(client_id).secrets == []
    assert_token_error(app_token(base_url, client_id, value), 401, "invalid_client", 7000215)


def test_a_second_secret_keeps_working_when_the_first_expires(portal, base_url, sandbox):
    """Rotation: expiring one secret leaves the other usable."""
    client_id = portal.register("Rotate")
    first, first_id, _ = portal.new_secret(client_id, "old", 180)
    second, _, _ = portal.new_secret(client_id, "new", 730)
    sandbox.expire_secret(client_id, first_id)
    assert_token_error(app_token(base_url, client_id, first), 401, "invalid_client", 7000222)
    assert app_token(base_url, client_id, second).status_code == 200
