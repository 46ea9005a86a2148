"""Counting every request the sandbox receives, per endpoint and client id.

Benchmarks read these counts to prove, for instance, that a sign-in costs one token call once
discovery and JWKS are cached. The `/_sandbox/` knobs and static files are not counted: they
are test plumbing, not traffic a client would send to Microsoft.
"""

from urllib.parse import unquote_plus

from flask import Flask, request

from ..graph.access import bearer_client_id
from ..web import get_sandbox

# The portal is a person's admin UI, not traffic a client app sends to Microsoft.
UNCOUNTED_BLUEPRINTS = ("knobs", "directory_knobs", "portal", "fault_knobs")


def _client_id() -> str | None:
    """The client id a request names: query, form, HTTP Basic user, or its parked request."""
    client_id = request.args.get("client_id") or request.form.get("client_id")
    auth = request.authorization
    if not client_id and auth is not None and auth.type == "basic":
        client_id = unquote_plus(auth.username or "")
    if not client_id and auth is not None and auth.type == "bearer":
        # Graph calls: the appid of the (signature-checked) access token.
        client_id = bearer_client_id()
    if not client_id and request.form.get("ctx"):
        client_id = get_sandbox().client_of_request(request.form["ctx"])
    return client_id


def _count() -> None:
    """before_request hook: one count for the matched endpoint (or `not_found`)."""
    endpoint = request.endpoint or "not_found"
    if request.blueprint in UNCOUNTED_BLUEPRINTS or endpoint == "static":
        return
    get_sandbox().count_request(endpoint.rsplit(".", 1)[-1], _client_id())


def init_app(app: Flask) -> None:
    """Install the counting hook."""
    app.before_request(_count)
