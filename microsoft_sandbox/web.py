"""Small request-scoped helpers every sandbox view needs."""

from flask import current_app, request
from werkzeug.wrappers import Response

EXTENSION_KEY = "microsoft_sandbox"


def get_sandbox():
    """The app's `Sandbox` state object."""
    return current_app.extensions[EXTENSION_KEY]


def base_url() -> str:
    """The origin the sandbox names in discovery and tokens: the configured one or the request's.

    Following the request host lets tests run on any ephemeral port with no configuration.
    """
    configured = current_app.config.get("SANDBOX_PUBLIC_URL")
    return (configured or request.host_url).rstrip("/")


def no_store(response: Response) -> Response:
    """Mark a response that carries a token or code as never cacheable."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response
