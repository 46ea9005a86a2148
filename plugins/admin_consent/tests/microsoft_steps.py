"""A person's steps at Microsoft (the sandbox) that the kit's browser does not take: ticking
"Consent on behalf of your organization", writing a justification, an admin in the portal.

They read the sandbox's forms the way a browser does (``MicrosoftBrowser.forms``) and post
them over real HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit


@dataclass(frozen=True)
class People:
    """The sandbox's seeded people and tenants (docs/sandbox.md, "Seeded directory")."""

    contoso = "a3c7e5f1-8b2d-4c69-9e0a-6d4f1b8c2e57"
    fabrikam = "c2f8a1d4-6e3b-4f97-a05c-8b1d7e4f3a26"
    northwind = "7b3e9f25-1a6c-4d8e-b472-0c5e8a2d6f91"
    tailspin = "e5a7c3f9-4b2d-4e61-8f0a-2c9d6b4e8a37"
    megan = "e4b1f7c2-3a5d-4e8b-9c16-0f2a7d3b5c84"     # Contoso admin
    adele = "6d2a9e4f-1c7b-4a38-b5e0-8f3c1d6a2b97"     # Contoso user
    alex = "9a4c2e7b-5d1f-4b83-8e60-3f7a1c9d2b48"      # Fabrikam admin
    diego = "2e7d5b1a-8c4f-4d26-9b3e-6a0f4c8d1e75"     # Fabrikam user
    isaiah = "4f1b8d3c-7e2a-4c59-a6d0-9e3b5f7c1a82"    # Northwind admin
    johanna = "8c6a2f4e-3b9d-4e17-b5c8-1d7f0a3e6b29"   # Northwind user
    nestor = "1b8f4d6e-9c3a-4f52-a7e1-5d2c8b0f4e63"    # Tailspin admin
    lynne = "6f2c9a1e-4d7b-4b38-9e05-8a3f1c6d2b74"     # Tailspin user
    sam = "00000000-0000-0000-7a3e-5c91b2d4f608"       # personal account
    default_client_id = "3f0c9d27-5a8e-4b61-9c2d-7e41a6b8f0d3"


def at_microsoft(microsoft, url: str, oid: str | None = None,
                 decision: str | tuple[str, ...] = "accept", **answer) -> str:
    """Follow Microsoft's pages until it sends the browser back; return that URL.

    ``oid`` picks the account; on each page with a ``decision`` the next of ``decision`` (one,
    or several for several pages) is pressed, in the form whose buttons offer it, with the
    ``answer`` fields added (``consent_on_behalf="on"``, ``justification="..."``).
    """
    decisions = [decision] if isinstance(decision, str) else list(decision)

    def decide(forms):
        deciding = [f for f in forms if decisions[0] in f["choices"].get("decision", [])]
        form = deciding[0] if deciding else forms[0]
        data = microsoft.answer(form, oid, decisions[0])
        data.pop("consent_on_behalf", None)  # a checkbox: sent only when ticked
        if "decision" in form["choices"]:
            data.update(answer)
            decisions[:] = decisions[1:] or decisions
        return form, data

    return microsoft.sign_in(url, decide=decide)


def deliver(client, url: str):
    """Microsoft's redirect delivered to our app, as the browser would."""
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def approve_in_portal(microsoft, admin_oid: str, action: str = "approve") -> None:
    """An admin signs in to the sandbox's Entra portal and reviews the pending request."""
    base = microsoft.sandbox_url
    page = microsoft.http.get(f"{base}/portal/signin").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    microsoft.http.post(f"{base}/portal/signin", data={"csrf_token": token, "oid": admin_oid})
    page = microsoft.http.get(f"{base}/portal/enterprise-apps/admin-consent-requests").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    action_url = re.search(r'action="([^"]*/admin-consent-requests/[^"]+)"', page).group(1)
    resp = microsoft.http.post(urljoin(base + "/", action_url),
                               data={"csrf_token": token, "action": action},
                               allow_redirects=False)
    assert resp.status_code == 303, resp.text[:300]
