"""This site's public origin and the Content-Security-Policy of pages that show a message."""

from flask import current_app, request


def public_origin() -> str:
    """``scheme://host[:port]`` of this site, from ``PUBLIC_URL`` (the request's only when
    that is unset, as in demo mode)."""
    configured = current_app.config.get("PUBLIC_URL")
    return (configured or request.host_url).rstrip("/")


def message_page_csp(remote_images: bool) -> str:
    """The app's policy with the images a reading frame may show: this site's (``cid:``
    images) and, once the reader allowed them, remote ones. The frame inherits it."""
    login = current_app.config["MICROSOFT_LOGIN_URL"]
    origin = public_origin()
    images = f"'self' {origin} data:" + (" https: http:" if remote_images else "")
    return (f"default-src 'self'; script-src 'self'; style-src 'self' {origin}; "
            f"img-src {images}; form-action 'self' {login}; frame-ancestors 'none'; "
            "base-uri 'none'; object-src 'none'")
