"""The admin consent link and the ready-made message a user sends their administrator.

The link points at this app's own approval page, not straight at Microsoft: a trip to
``/{tenant}/v2.0/adminconsent`` carries a single-use ``state`` bound to the browser that starts
it, so the administrator's browser must start its own. The page says what they approve, then
sends them to Microsoft's admin consent endpoint for their organization.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import current_app, request, url_for

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
ANY_ORGANIZATION = "organizations"


def organization_segment(value: str | None) -> str | None:
    """A tenant path segment we accept: a tenant id, a domain, or ``organizations``.

    ``common`` and ``consumers`` are refused (the admin consent endpoint refuses them too).
    """
    value = (value or "").strip().lower()
    if value == ANY_ORGANIZATION or GUID.match(value) or DOMAIN.match(value):
        return value
    return None


def domain_of(email: str | None) -> str | None:
    """The domain of a work address, if it is one."""
    email = (email or "").strip().lower()
    if email.count("@") != 1:
        return None
    return organization_segment(email.split("@", 1)[1]) if "." in email else None


def link_for(organization: str | None) -> str:
    """The shareable approval link for an organization (any organization when unknown)."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")
    segment = organization_segment(organization) or ANY_ORGANIZATION
    return base + url_for("admin_consent.approve", organization=segment)


def message(app_name: str, scopes: tuple[str, ...], link: str, organization: str | None
            ) -> tuple[str, str]:
    """Subject and body of the message to the administrator."""
    where = f" for {organization}" if organization and not GUID.match(organization) else ""
    subject = f"Please approve {app_name}{where}"
    body = "\n".join([
        "Hello,",
        "",
        f"I'd like to use {app_name} with my work account, but our organization lets only an "
        "administrator approve apps that read mail and calendars, so Microsoft shows "
        "\"Administrator approval required\".",
        "",
        f"{app_name} asks for these delegated permissions (it acts only as each signed-in "
        f"person): {', '.join(scopes) or 'sign-in and profile'}.",
        "",
        "As an administrator, you can approve it once for everyone here:",
        link,
        "",
        "The link shows what is approved, then Microsoft's admin consent page for our "
        "organization. You can review or revoke it later in the Microsoft Entra admin center, "
        "Enterprise applications > Permissions.",
        "",
        "Thank you!",
    ])
    return subject, body


def mailto(subject: str, body: str) -> str:
    """A mailto: URL with the message, for the user's mail program."""
    return f"mailto:?subject={quote(subject)}&body={quote(body)}"
