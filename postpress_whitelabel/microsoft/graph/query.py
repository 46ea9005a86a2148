"""Building OData query options and ``Prefer`` headers the way Graph parses them.

Values are returned unencoded; ``requests`` percent-encodes them once, as Graph's query
parameter page asks. Quoting rules, from Microsoft's documentation:

- a ``$filter`` string literal is single-quoted, an inner ``'`` doubled (``'let''s meet'``);
- ``$search`` is double-quoted as a whole (``$search="pizza"``); a ``"`` or ``\\`` inside it
  is escaped with a backslash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlencode

MAX_TOP = 1000
BODY_CONTENT_TYPES = ("text", "html")
_PROPERTY = re.compile(r"^[A-Za-z_][\w/.@]*$")
_UNQUOTABLE = re.compile(r'["\\\x00-\x1f\x7f]')


def odata_string(value: str) -> str:
    """A ``$filter`` string literal: ``O'Brien`` gives ``'O''Brien'``."""
    return "'" + value.replace("'", "''") + "'"


def search_phrase(text: str) -> str:
    """A ``$search`` value: the text double-quoted, ``"`` and ``\\`` escaped with ``\\``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _names(value: str | Iterable[str], option: str) -> str:
    """Property names joined by commas; each checked so no option can smuggle in another."""
    names = [value] if isinstance(value, str) else list(value)
    for name in names:
        if not isinstance(name, str) or not _PROPERTY.match(name):
            raise ValueError(f"{option}: {name!r} is not a property name")
    if not names:
        raise ValueError(f"{option} needs at least one property")
    return ",".join(names)


def _orderby(value: str | Iterable[str | tuple[str, str]]) -> str:
    """``subject`` or ``("receivedDateTime", "desc")`` items, joined by commas."""
    items = [value] if isinstance(value, str) else list(value)
    parts = []
    for item in items:
        name, direction = (item, "") if isinstance(item, str) else item
        if direction not in ("", "asc", "desc"):
            raise ValueError(f"$orderby: direction {direction!r} is not asc or desc")
        parts.append(f"{_names(name, '$orderby')} {direction}".strip())
    return ",".join(parts)


def query(*, select=None, top: int | None = None, filter: str | None = None,
          orderby=None, search: str | None = None, skip: int | None = None,
          count: bool = False) -> dict[str, str]:
    """Query options for ``params=``: only those given, in Graph's ``$name`` form.

    ``filter`` is an expression already built (use :func:`odata_string` for its literals);
    ``search`` is plain text, quoted here.

    :raise ValueError: for a ``$top`` outside 1..1000, a negative ``$skip`` or a bad name.
    """
    params: dict[str, str] = {}
    if select is not None:
        params["$select"] = _names(select, "$select")
    if top is not None:
        if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= MAX_TOP:
            raise ValueError(f"$top must be a whole number from 1 to {MAX_TOP}")
        params["$top"] = str(top)
    if skip is not None:
        if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
            raise ValueError("$skip must be a whole number, 0 or more")
        params["$skip"] = str(skip)
    if filter is not None:
        params["$filter"] = filter
    if orderby is not None:
        params["$orderby"] = _orderby(orderby)
    if search is not None:
        params["$search"] = search_phrase(search)
    if count:
        params["$count"] = "true"
    return params


def relative_url(path: str, params: Mapping[str, object] | None = None, **options) -> str:
    """``path`` with its query: ``params`` and the OData ``options`` of :func:`query`.

    One string for a ``$batch`` item's ``url`` and for ``get`` alike, percent-encoded per
    RFC 3986 as Graph's query parameter page asks: ``$`` and ``,`` kept, a space as ``%20``
    (never the form encoding's ``+``), everything else outside the unreserved set encoded.
    No query gives ``path``.
    """
    items = {**(params or {}), **query(**options)}
    if not items:
        return path
    sep = "&" if "?" in path else "?"
    return path + sep + urlencode({k: str(v) for k, v in items.items()}, quote_via=quote,
                                  safe="$,")


def prefer(*, timezone: str | None = None, body_content_type: str | None = None,
           immutable_ids: bool = False, max_page_size: int | None = None) -> str:
    """A ``Prefer`` header value, e.g. ``outlook.timezone="Pacific Standard Time"``.

    :raise ValueError: for a body type other than text or html, or a zone name that cannot
        be quoted (a ``"``, a backslash or a control character).
    """
    parts = []
    if timezone is not None:
        if not timezone or _UNQUOTABLE.search(timezone):
            raise ValueError("outlook.timezone must be a zone name without quotes")
        parts.append(f'outlook.timezone="{timezone}"')
    if body_content_type is not None:
        if body_content_type not in BODY_CONTENT_TYPES:
            raise ValueError('outlook.body-content-type must be "text" or "html"')
        parts.append(f'outlook.body-content-type="{body_content_type}"')
    if immutable_ids:
        parts.append('IdType="ImmutableId"')
    if max_page_size is not None:
        if isinstance(max_page_size, bool) or not isinstance(max_page_size, int) \
                or max_page_size < 1:
            raise ValueError("odata.maxpagesize must be a positive whole number")
        parts.append(f"odata.maxpagesize={max_page_size}")
    return ", ".join(parts)
