"""What a successful Graph call gives back: a small value, detached from ``requests``.

Callers (and the app's binding) never hold a ``requests.Response``: the body is already parsed
and the connection is back in the pool.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from requests.structures import CaseInsensitiveDict

_PREFERENCE = re.compile(r'\s*([\w.-]+)\s*(?:=\s*(?:"([^"]*)"|([^,;\s]*)))?\s*(?:;[^,]*)?(?:,|$)')


def parse_preferences(header: str | None) -> dict[str, str]:
    """``Preference-Applied`` as ``{name: value}``, names lower-cased, quotes removed.

    ``outlook.timezone="Pacific Standard Time", outlook.body-content-type="text"`` gives
    ``{"outlook.timezone": "Pacific Standard Time", "outlook.body-content-type": "text"}``.
    """
    applied: dict[str, str] = {}
    for match in _PREFERENCE.finditer(header or ""):
        if match.group(1):
            value = match.group(2) if match.group(2) is not None else match.group(3) or ""
            applied[match.group(1).lower()] = value
    return applied


@dataclass(frozen=True)
class GraphResponse:
    """Status, headers (case-insensitive), parsed JSON body (None when empty or not JSON)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=CaseInsensitiveDict)
    body: object = None

    @property
    def preference_applied(self) -> dict[str, str]:
        """The ``Prefer`` values Graph honoured, from ``Preference-Applied``."""
        return parse_preferences(self.headers.get("Preference-Applied"))

    @property
    def client_request_id(self) -> str | None:
        """The id this client sent, as Graph echoed it."""
        return self.headers.get("client-request-id")

    @property
    def request_id(self) -> str | None:
        """Graph's own id for the request, for Microsoft support."""
        return self.headers.get("request-id")

    def json(self) -> object:
        """The parsed body (a dict for Graph's entities and lists)."""
        return self.body
