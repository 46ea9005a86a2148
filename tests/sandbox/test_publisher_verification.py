"""Publisher verification: the portal really fetches the association file from the domain,
applies Microsoft's Content-Type rule, checks the app id is listed, then takes the PGA ID."""

import pytest

from microsoft_sandbox.directory import seed
from microsoft_sandbox.portal.verification import (
    CONTENT_TYPE_ERROR,
    VerificationError,
    check_content_type,
    parse_domain,
)

from .helpers import REDIRECT_URI, text_of


@pytest.fixture
def client_id(portal) -> str:
    """A fresh multi-tenant registration in the developer's directory."""
    return portal.register("Proseware Mail", redirect_uri=REDIRECT_URI)


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8",
                                          "Application/JSON;charset=UTF-8", None])
def test_accepted_content_types_verify_the_domain(portal, association_site, sandbox, client_id,
                                                  content_type):
    """application/json with or without charset, or no header at all, verifies the domain."""
    association_site.serve(client_id, content_type=content_type)
    page = portal.verify_domain(client_id, association_site.url)
    assert page.status_code == 200 and association_site.hits == 1
    app = sandbox.app(client_id)
    host = association_site.url.removeprefix("http://")
    assert app.publisher_domain == host and app.publisher_domain_verified
    assert f"Publisher domain {host} verified." in page.text


@pytest.mark.parametrize("content_type", ["text/plain", "text/html; charset=utf-8",
                                          "application/json; charset=iso-8859-1",
                                          "application/octet-stream"])
def test_other_content_types_fail_with_microsofts_sentence(portal, association_site, sandbox,
                                                           client_id, content_type):
    """Anything else fails: "The server returned an unexpected content type header value.\""""
    association_site.serve(client_id, content_type=content_type)
    page = portal.verify_domain(client_id, association_site.url)
    assert page.status_code == 400 and CONTENT_TYPE_ERROR in text_of(page)
    assert not sandbox.app(client_id).publisher_domain_verified


def test_file_must_list_this_app(portal, association_site, sandbox, client_id):
    """A file listing other apps only does not verify this one."""
    association_site.serve(seed.DEFAULT_CLIENT_ID)
    page = portal.verify_domain(client_id, association_site.url)
    assert page.status_code == 400
    assert f"The application ID {client_id} is not listed" in text_of(page)


@pytest.mark.parametrize(("body", "status"), [(b"not json", "200 OK"),
                                              (b'{"associatedApplications": 3}', "200 OK"),
                                              (b"{}", "200 OK"), (b"", "404 Not Found")])
def test_missing_or_malformed_file_fails(portal, association_site, client_id, body, status):
    """A 404, non-JSON or the wrong shape: verification fails with a reason."""
    association_site.serve(body=body, status=status)
    page = portal.verify_domain(client_id, association_site.url)
    assert page.status_code == 400 and "Verification of publisher domain failed." in page.text


def test_unreachable_domain_fails_quickly(portal, client_id):
    """Nothing listening on the port: a clear failure, not a hang."""
    page = portal.verify_domain(client_id, "http://127.0.0.1:9")
    assert page.status_code == 400 and "Could not retrieve" in page.text


@pytest.mark.parametrize(("typed", "message"), [
    ("http://app.example.com", "must be served over HTTPS"),
    ("https://proseware.onmicrosoft.com", "onmicrosoft.com domain cannot"),
    ("https://app.example.com/path", "no path"),
    ("", "Enter the domain"),
    ("[", "no path"),
    ("https://[::1", "no path"),
    ("example.com:99999", "no path"),
    ("example.com:port", "no path"),
])
def test_domain_rules(typed, message):
    """HTTPS except on loopback, never *.onmicrosoft.com, a domain with no path."""
    with pytest.raises(VerificationError, match=message):
        parse_domain(typed)


def test_unreadable_domains_are_refused_on_the_page(portal, client_id):
    """What `urlsplit` cannot read (an unclosed IPv6 bracket) is the form's error, not a crash."""
    for typed in ("[", "https://[::1", "example.com:99999"):
        page = portal.verify_domain(client_id, typed)
        assert page.status_code == 400 and "Enter a domain only" in text_of(page), typed


def test_domain_forms_accepted():
    """A bare domain means https; a loopback origin may use http with a port."""
    assert parse_domain("app.example.com") == ("https://app.example.com", "app.example.com")
    assert parse_domain("http://127.0.0.1:5000/") == ("http://127.0.0.1:5000", "127.0.0.1:5000")
    assert parse_domain("http://localhost:8000")[1] == "localhost:8000"
    check_content_type("application/json")
    with pytest.raises(VerificationError, match="unexpected content type"):
        check_content_type("application/json; version=2")


def test_partner_id_then_verified_badge_on_the_consent_screen(portal, association_site, sandbox,
                                                              agent, client_id):
    """Domain, then a numeric PGA ID: verified publisher "Proseware", blue badge for users."""
    too_soon = portal.verify_publisher(client_id, "6543210")
    assert too_soon.status_code == 400 and "Verify a publisher domain" in too_soon.text
    association_site.serve(client_id)
    portal.verify_domain(client_id, association_site.url)
    for bad in ("PGA-123", "12 34", ""):
        page = portal.verify_publisher(client_id, bad)
        assert page.status_code == 400 and not sandbox.app(client_id).publisher_verified
    page = portal.verify_publisher(client_id, "6543210")
    assert page.status_code == 200 and "Verified publisher" in page.text
    app = sandbox.app(client_id)
    assert app.publisher_verified and app.publisher_name == "Proseware"
    assert app.partner_id == "6543210"
    consent = agent.pick(agent.authorize(client_id=client_id, login_hint=seed.CONTOSO_USER_UPN))
    assert "verified-badge" in consent.text and "Unverified" not in consent.text


def test_a_new_domain_drops_publisher_verification(portal, association_site, sandbox, client_id):
    """Verification belongs to a domain: verifying another one resets it."""
    association_site.serve(client_id)
    portal.verify_domain(client_id, association_site.url)
    portal.verify_publisher(client_id, "6543210")
    portal.verify_domain(client_id, association_site.url.replace("127.0.0.1", "localhost"))
    assert not sandbox.app(client_id).publisher_verified
