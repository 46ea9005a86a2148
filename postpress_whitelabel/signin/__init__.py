"""Signing in with Microsoft: everything between the button and a signed-in session.

- ``routes``: ``/connect/microsoft`` and the two hosted callbacks every flow comes back to;
  ``redirect_uris`` builds those two URIs from ``PUBLIC_URL``.
- ``pending_flows``: the server side of ``state`` (single-use, bound to the browser, expiring).
- ``identity``: the app's binding to the Microsoft identity platform (discovery, authorize
  request, code redemption), over the protocol code in ``postpress_whitelabel.microsoft``.
- ``finish``: a code redeemed into a user, an account and a session.
- ``scopes`` and ``base_scopes``: what a sign-in asks for and how grants are compared.
- ``login`` and ``browser_sessions``: the login page, sign-out, and signed-in browsers.
"""
