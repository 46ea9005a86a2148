"""Small request-scoped helpers every sandbox view needs."""

import json
import re

from flask import current_app, request
from werkzeug.wrappers import Response

EXTENSION_KEY = "microsoft_sandbox"
_SMALL_INT = re.compile(r"[0-9]{1,9}")


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


def small_int(text: str | None) -> int | None:
    """A count or code typed into a URL or form: ASCII digits only, at most nine, else None.

    `str.isdigit` accepts "²" (which `int` then refuses) and `int` refuses more than 4300
    digits, so either check alone lets a request crash the view.
    """
    if text is None or not _SMALL_INT.fullmatch(text):
        return None
    return int(text)


def utf8_clean(data: object) -> bool:
    """Whether parsed JSON can be written back as UTF-8.

    JSON may escape a lone UTF-16 surrogate (``"\\ud800"``) that no UTF-8 text can hold; stored,
    it would break every later answer that includes it, so such bodies are refused on arrival.
    """
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
