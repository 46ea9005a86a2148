"""Response headers every page gets, the rule for following ``next``, and the longest URL."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

# The longest path and query served: gunicorn's default ``limit_request_line`` (4094 bytes for
# the whole request line), so the app refuses what its production server refuses however it is
# served, and never hands Microsoft an id or a value no real one comes near.
MAX_URL_LENGTH = 4094


def refuse_overlong_urls() -> None:
    """:raise 414: for a path and query longer than ``MAX_URL_LENGTH``."""
    environ = request.environ
    if len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", "")) > MAX_URL_LENGTH:
        abort(414)


def safe_next(value: object) -> str | None:
    """``value`` if it is a relative path on this site, else None.

    Browsers treat ``//host`` and ``/\\host`` as other sites, and strip tabs and newlines before
    parsing, so anything with a backslash, a control character, or a second leading slash is
    refused rather than cleaned.
    """
    if not isinstance(value, str) or not value.startswith("/") or len(value) > 2000:
        return None
    if value.startswith("//") or "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def _csp() -> str:
    """Scripts, styles and images from this site only; forms may go to Microsoft's sign-in.

    ``form-action`` also governs the redirect that follows a form post, and starting a sign-in is
    a POST answered by a redirect to the login host.
    """
    login = current_app.config["MICROSOFT_LOGIN_URL"]
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"form-action 'self' {login}; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    )


def init_app(app: Flask) -> None:
    """Attach the headers of the design's security rules to every response.

    Also keeps Authlib's debug lines (which print the PKCE verifier) out of any log, whatever
    level the integrator sets for the root logger.
    """
    authlib_log = logging.getLogger("authlib")
    if authlib_log.level < logging.INFO:
        authlib_log.setLevel(logging.INFO)
    app.before_request(refuse_overlong_urls)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:  # behind a TLS terminator: see https, the real host and client address
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", _csp())
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # same-origin, not no-referrer: Flask-WTF checks the Referer of HTTPS posts. The
        # callback, whose URL carries the code, sets no-referrer itself.
        headers.setdefault("Referrer-Policy", "same-origin")
        if current_user.is_authenticated or request.endpoint == "hosted.callback":
            headers.setdefault("Cache-Control", "no-store")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
