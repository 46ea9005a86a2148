"""Requests naming a host this app does not serve get a clear 400 page, not a 500.

``config`` derives Flask's ``TRUSTED_HOSTS`` from ``PUBLIC_URL``; Flask then refuses such a
request before routing, with no URL adapter bound, so the error page could not build a single
link (``url_for``) and would itself fail. Here the page is given an adapter bound to
``PUBLIC_URL``: every link on it points at the real site, never at the host that was asked for.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, SecurityError

from .errors.problem_pages import render_problem
from .microsoft.advice import Actor, Advice

_UNKNOWN_HOST = Advice(
    "This address is not served here", Actor.END_USER,
    "The request named a host name this app does not answer to, so it was refused. This "
    "happens when a link or a bookmark points at an old or mistyped address.",
    "Open the app at its usual address.", False, 400)


def bind_links_to_public_url() -> None:
    """Give a request refused before routing a URL adapter for ``PUBLIC_URL`` (or, in demo
    mode without one, the first trusted host)."""
    if request_ctx.url_adapter is not None:
        return
    config = current_app.config
    parts = urlsplit(config.get("PUBLIC_URL") or f"http://{(config['TRUSTED_HOSTS'] or [''])[0]}")
    request_ctx.url_adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)


# Load balancers and orchestrators probe an instance by its address (``Host: 10.0.0.5:8000``),
# not by the public name; these answers build no link, so any host may ask for them.
PROBES = {"/healthz": "health.healthz", "/readyz": "health.readyz",
          "/metrics": "metrics.metrics_page"}


def refuse_hosts_that_are_no_host_names() -> None:
    """Refuse a ``Host`` no URL can be built from (a label IDNA cannot decode, such as
    ``xn--``) before any view or extension builds a link or a redirect from it.

    Only reached when every host is trusted (demo mode without ``PUBLIC_URL``, or an empty
    ``TRUSTED_HOSTS``): otherwise such a host is refused as untrusted first.

    :raise SecurityError: answered with the "not served here" page.
    """
    try:
        request.url  # noqa: B018 - werkzeug decodes the host to build it, as url_for does
    except UnicodeError:
        raise SecurityError("the Host header is not a host name") from None


def init_app(app: Flask) -> None:
    """Answer an untrusted ``Host`` (or forwarded host) with the problem page, probes aside."""
    # First of all before_request functions: Flask-Login's and the views' read request.url.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_hosts_that_are_no_host_names)

    @app.errorhandler(SecurityError)
    def _unknown_host(exc):
        bind_links_to_public_url()
        probe = PROBES.get(request.path) if request.method in ("GET", "HEAD") else None
        if probe in current_app.view_functions:
            try:
                return current_app.view_functions[probe]()
            except HTTPException as refused:  # /metrics without its token: a bare 404
                return refused.get_response()
        return render_problem(_UNKNOWN_HOST)
