"""The portal's controls read without an emoji font, its ids copy in one click (a vendored
script allowed by the portal's Content-Security-Policy), and New registration explains where
the guide's audience option sits."""

import re

import requests

from .helpers import text_of
from .portal_helpers import element_text

EMOJI = re.compile("[\U0001f000-\U0001faff]|&#1[2-3][0-9]{4};")


def copy_targets(html: str) -> list[str]:
    """The element ids the page's copy buttons copy."""
    return re.findall(r'<button type="button" class="copy" data-copy="([^"]+)"', html)


def test_delete_controls_are_words_not_emoji(portal):
    """Redirect URIs and secrets are deleted with a "Delete" button any font can draw."""
    client_id = portal.register("Words", redirect_uri="https://app.example/cb")
    portal.new_secret(client_id)
    for blade in ("authentication", "credentials"):
        html = portal.get(f"/app-registrations/{client_id}/{blade}").text
        assert not EMOJI.search(html), blade
        assert re.search(r'class="text-action" aria-label="Delete [^"]+">Delete</button>', html)


def test_overview_copies_the_client_and_tenant_ids(portal):
    """Copy buttons next to the ids; the values are also selectable in one click."""
    client_id = portal.register("Copy me")
    html = portal.get(f"/app-registrations/{client_id}").text
    assert copy_targets(html) == ["application-client-id", "directory-tenant-id"]
    assert 'id="application-client-id" class="copyable"' in html
    assert element_text(html, "application-client-id") == client_id


def test_new_secret_value_has_a_copy_button_only_while_shown(portal):
    """The value and its Secret ID copy while shown; the later listing has nothing to copy."""
    client_id = portal.register("Copy secret")
    value, _, page = portal.new_secret(client_id)
    assert copy_targets(page.text) == ["new-secret-value", "new-secret-id"]
    assert element_text(page.text, "new-secret-value") == value
    later = portal.get(f"/app-registrations/{client_id}/credentials").text
    assert copy_targets(later) == []


def test_the_script_is_vendored_and_the_policy_allows_only_it(portal, base_url):
    """Served by the sandbox itself; no inline script anywhere, so `default-src 'self'`
    (with no 'unsafe-inline') is the portal's policy."""
    page = portal.get("/app-registrations")
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    script = requests.get(f"{base_url}/sandbox-static/portal.js", timeout=10)
    assert script.status_code == 200 and "javascript" in script.headers["Content-Type"]
    assert "data-copy" in script.text and "navigator.clipboard" in script.text
    assert not re.search(r"<script>|\son[a-z]+=", page.text)


def test_new_registration_says_where_the_guides_option_is(portal):
    """The guide's "second option" is listed third today, as in the sandbox."""
    page = portal.get("/app-registrations/new")
    text = text_of(page)
    assert '"second option"' in text and "is listed third here" in text
    values = re.findall(r'name="sign_in_audience" value="([^"]+)"', page.text)
    assert values.index("AzureADandPersonalMicrosoftAccount") == 2


def test_an_unknown_portal_address_is_a_portal_page(portal, base_url):
    """A mistyped blade stays inside the portal (its look, a way home), still a 404; elsewhere
    the sandbox answers unknown addresses as before."""
    page = portal.get("/no-such-blade")
    assert page.status_code == 404 and "Back to Home" in page.text and "viewport" in page.text
    assert requests.get(f"{base_url}/no-such-endpoint", timeout=10).status_code == 404
