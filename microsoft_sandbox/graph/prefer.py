"""The `Prefer` request header (`outlook.timezone`, `outlook.body-content-type`, `IdType`) and
the `Preference-Applied` answer that says which ones were honoured.
"""

import re

from flask import g, request

from .timezones import zone

_PAIR = re.compile(r'([\w.-]+)\s*=\s*(?:"([^"]*)"|([^,;\s]+))')


def preferences() -> dict[str, str]:
    """Every `name=value` of every `Prefer` header, names lower-cased."""
    values: dict[str, str] = {}
    for header in request.headers.getlist("Prefer"):
        for match in _PAIR.finditer(header):
            value = match.group(2) if match.group(2) is not None else match.group(3)
            values[match.group(1).lower()] = value
    return values


def _applied(text: str) -> None:
    """Remember a preference that shaped the response."""
    applied = g.setdefault("graph_preferences_applied", [])
    if text not in applied:
        applied.append(text)


def body_type() -> str | None:
    """`outlook.body-content-type`: "text" or "html", or None for the stored type."""
    wanted = preferences().get("outlook.body-content-type", "").lower()
    if wanted in ("text", "html"):
        _applied(f'outlook.body-content-type="{wanted}"')
        return wanted
    return None


def time_zone() -> str:
    """`outlook.timezone` when Graph knows the zone, else UTC (Graph's default)."""
    name = preferences().get("outlook.timezone")
    if name and zone(name) is not None:
        _applied(f'outlook.timezone="{name}"')
        return name
    return "UTC"


def immutable_ids() -> bool:
    """`IdType="ImmutableId"`: ids survive moves between folders."""
    if preferences().get("idtype", "").lower() == "immutableid":
        _applied('IdType="ImmutableId"')
        return True
    return False


def stamp(response):
    """after_request: name the preferences the response honoured."""
    applied = g.get("graph_preferences_applied")
    if applied:
        response.headers["Preference-Applied"] = ", ".join(applied)
    return response
