"""How the sandbox answers a browser: back to the client, or on one of its own pages."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import jsonify, make_response, redirect, render_template, request

from ..web import base_url, get_sandbox, no_store
from .aadsts_errors import AadstsError


def to_client(redirect_uri: str, response_mode: str, params: dict):
    """Deliver `params` to the client's redirect URI by query, fragment or form_post."""
    if response_mode == "form_post":
        html = render_template("form_post.html", action=redirect_uri, params=params)
        return no_store(make_response(html))
    parts = urlsplit(redirect_uri)
    encoded = urlencode(params)
    if response_mode == "fragment":
        target = urlunsplit(parts._replace(fragment=encoded))
    else:
        query = f"{parts.query}&{encoded}" if parts.query else encoded
        target = urlunsplit(parts._replace(query=query))
    return no_store(redirect(target, code=302))


def error_to_client(error: AadstsError, redirect_uri: str, response_mode: str,
                    state: str | None):
    """An authorize error, redirected as Microsoft does once the redirect URI is trusted."""
    params = error.redirect_params(get_sandbox().clock.now(), base_url(), state)
    return to_client(redirect_uri, response_mode, params)


def error_page(error: AadstsError, status: int = 400):
    """An error shown on the sandbox's own page, for when the redirect URI is not trusted."""
    details = error.details(get_sandbox().clock.now(), base_url())
    html = render_template("error.html", error=error, details=details)
    return make_response(html, status)


def error_json(error: AadstsError, status: int | None = None):
    """Microsoft's JSON error body (token endpoint, discovery), never cached; the client's
    `client-request-id` comes back as the correlation id, as Microsoft echoes it."""
    details = error.details(get_sandbox().clock.now(), base_url(),
                            request.headers.get("client-request-id"))
    response = no_store(jsonify(details))
    response.status_code = status or error.status
    return response
