"""A whole sign-in driven the way a person does it: the app in a Flask test client, Microsoft
(the sandbox) over real HTTP through a ``MicrosoftBrowser``.

Tests use it to reach a signed-in state honestly, through the same pages, redirects and token
exchange a real browser causes, rather than by writing a session by hand.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from microsoft_sandbox.directory import seed


def demo_user_oid(who: str) -> str:
    """The object id of a seeded demo user given their sign-in name (``AdeleV@contoso.com``,
    any case); anything without an ``@`` is taken as an object id already (users a test adds
    to the sandbox's directory have one too).

    :raise KeyError: when no demo user has that sign-in name.
    """
    if "@" not in who:
        return who
    for user in seed.seed_users().values():
        if who.lower() == user.upn.lower():
            return user.oid
    raise KeyError(f"no demo user {who!r} in the sandbox's directory")


def csrf_token(client, page: str = "/login") -> str:
    """The form token on ``page``, read like a browser reads it, for a POST the test makes."""
    html = client.get(page, follow_redirects=True).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


class Journey:
    """Drives a whole sign-in: our app in the test client, Microsoft over real HTTP."""

    def __init__(self, client, microsoft):
        self.client = client
        self.microsoft = microsoft

    def start(self, intent: str = "sign_in", **form) -> str:
        """Press a Microsoft button; return the authorize URL the app redirected to."""
        token = self.csrf_token()
        resp = self.client.post("/connect/microsoft",
                                data={"csrf_token": token, "intent": intent, **form})
        assert resp.status_code == 303, resp.get_data(as_text=True)[:500]
        return resp.headers["Location"]

    def csrf_token(self, page: str = "/login") -> str:
        """The form token from a page, read like a browser reads it."""
        return csrf_token(self.client, page)

    def at_microsoft(self, authorize_url: str, oid: str | None = None, consent="accept") -> str:
        """Sign in at the sandbox; return the callback URL Microsoft sends the browser to."""
        return self.microsoft.sign_in(authorize_url, oid=oid, consent=consent)

    def callback(self, url: str):
        """Deliver Microsoft's redirect to our app, the way the browser would."""
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == self.client.application.config[
            "PUBLIC_URL"], url
        return self.client.get(f"{parts.path}?{parts.query}")

    def sign_in(self, oid: str, intent: str = "sign_in", **form):
        """The whole journey; returns the app's response to the callback.

        ``oid`` may also be a demo user's sign-in name (``AdeleV@contoso.com``).
        """
        return self.callback(self.at_microsoft(self.start(intent, **form),
                                                oid=demo_user_oid(oid)))
