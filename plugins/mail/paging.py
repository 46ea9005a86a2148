"""Paging links for the message list, kept on Microsoft Graph.

Graph's ``@odata.nextLink`` is an absolute URL; the list page hands its Graph-relative part to
the browser as the "Older" link and sends it back inside the next ``$batch``. A link that
leaves the configured Graph (another scheme, host or port, a user name, a path outside
``/v1.0/`` or with ``..``) is refused, and so is a page token from the browser that does not
name the list being shown: the account's token never goes anywhere else.
"""

from urllib.parse import urlsplit

from flask import current_app


def graph_origin() -> tuple[str, str]:
    """The configured Graph's scheme and ``host[:port]``."""
    parts = urlsplit(current_app.config["MICROSOFT_GRAPH_URL"])
    return parts.scheme, parts.netloc.lower()


def relative_next(link: str | None) -> str | None:
    """The part of Graph's nextLink under ``/v1.0`` (``/me/...?$skip=25``), or None when
    there is none or it does not stay on Graph."""
    if not link or not isinstance(link, str):
        return None
    parts = urlsplit(link)
    if (parts.scheme, parts.netloc.lower()) != graph_origin() or parts.username is not None:
        return None
    if not parts.path.startswith("/v1.0/") or _unsafe(parts.path):
        return None
    relative = parts.path[len("/v1.0"):]
    return f"{relative}?{parts.query}" if parts.query else relative


def accepted_page(token: str | None, list_path: str) -> str | None:
    """A page token from the browser, if it is a page of ``list_path`` and nothing else."""
    if not token or not token.startswith(list_path + "?") or len(token) > 4000:
        return None
    if _unsafe(token.split("?", 1)[0]) or "://" in token or "\\" in token:
        return None
    if any(ord(c) < 32 for c in token):
        return None
    return token


def _unsafe(path: str) -> bool:
    """A path with dot segments or a doubled slash."""
    segments = path.split("/")[1:]
    return any(s in ("", ".", "..") for s in segments) or "%2e" in path.lower()
