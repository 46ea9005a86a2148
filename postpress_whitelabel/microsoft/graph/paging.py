"""Following ``@odata.nextLink`` without ever sending the token anywhere but Graph.

Graph asks clients to follow the link as it is. The link comes from a response body, so it is
checked first: same scheme, host and port as the configured Graph, and a path under its
``/v1.0/``. Anything else (another host, a downgrade to http, another API version) is refused
before a request is made. Lists are bounded in pages, so a server that keeps answering with
links, or the same link, cannot hold a worker forever.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

from .errors import GraphError, NextLinkRefused
from .response import GraphResponse
from .sender import Sender

log = logging.getLogger(__name__)

NEXT_LINK = "@odata.nextLink"
DEFAULT_PORTS = {"https": 443, "http": 80}


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host (lower-cased) and port with the scheme's default filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


def checked_next_link(link, root: str) -> str:
    """``link`` when it points at the configured Graph's /v1.0/, else NextLinkRefused.

    :raise NextLinkRefused: for anything but an absolute URL on Graph's origin under /v1.0/.
    """
    if not isinstance(link, str) or any(c in link for c in "\r\n\t\\"):
        raise NextLinkRefused("Microsoft Graph sent a next-page link that is not a URL.")
    try:
        parts = urlsplit(link)
        origin = _origin(link)
    except ValueError:
        raise NextLinkRefused("Microsoft Graph sent a next-page link that is not a URL.") \
            from None
    if origin != _origin(root) or parts.username or parts.password:
        raise NextLinkRefused("Refused a next-page link to another host than the configured "
                              "Microsoft Graph; the access token was not sent.")
    segments = parts.path.split("/")
    if not parts.path.startswith(urlsplit(root).path + "/") or ".." in segments \
            or "." in segments:
        raise NextLinkRefused("Refused a next-page link outside Microsoft Graph's /v1.0/; "
                              "the access token was not sent.")
    return link


def relative_next_link(link, root: str) -> str | None:
    """The part of a checked nextLink under ``root`` (``/me/messages?$skip=25``), for a caller
    that sends it again as a relative path (a ``$batch`` item, a page the browser asks for
    next); None when there is no link.

    :raise NextLinkRefused: as :func:`checked_next_link`, and for a path that would not be
        relative to /v1.0 any more (``/v1.0//host``).
    """
    if link is None:
        return None
    parts = urlsplit(checked_next_link(link, root))
    relative = parts.path[len(urlsplit(root).path):]
    if relative.startswith("//"):
        raise NextLinkRefused("Refused a next-page link outside Microsoft Graph's /v1.0/; "
                              "the access token was not sent.")
    return f"{relative}?{parts.query}" if parts.query else relative


def items_of(page: GraphResponse) -> list:
    """The ``value`` list of a page; a body of another shape is an error, not a crash."""
    body = page.body
    value = body.get("value") if isinstance(body, dict) else None
    if not isinstance(value, list):
        raise GraphError("Microsoft Graph answered a list request without a list of items.",
                         status=page.status, code="invalid_list_response",
                         request_id=page.request_id, client_request_id=page.client_request_id)
    return value


def iter_pages(client: Sender, url: str, *, params, headers: dict,
               max_pages: int) -> Iterator[GraphResponse]:
    """Pages of a list: the first from ``url`` + ``params``, then each checked nextLink as is.

    Stops after ``max_pages`` (logged), and at once if a link repeats one already followed.
    """
    if max_pages < 1:
        raise ValueError("max_pages must be 1 or more")
    seen = {url}
    page = client.send_url("GET", url, params=params, headers=headers)
    for number in range(1, max_pages + 1):
        yield page
        link = page.body.get(NEXT_LINK) if isinstance(page.body, dict) else None
        if link is None:
            return
        link = checked_next_link(link, client.root)
        if link in seen:
            raise GraphError("Microsoft Graph sent a next-page link already followed.",
                             status=page.status, code="paging_loop",
                             request_id=page.request_id,
                             client_request_id=page.client_request_id)
        if number == max_pages:
            log.warning("Graph list %s stopped after %d pages; more were available",
                        urlsplit(url).path, max_pages)
            return
        seen.add(link)
        page = client.send_url("GET", link, headers=headers)
