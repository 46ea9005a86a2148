"""OData query options on collections: `$select`, `$top`, `$skip`, `$orderby`, `$filter`,
`$count`, and `@odata.nextLink` paging.

An `EntityType` says what a collection can be filtered and sorted on; `Query` is the parsed
request; `collection` applies it and writes the page. Graph's `InefficientFilter` rule lives
here: with both `$filter` and `$orderby`, the ordered properties must come first in the filter,
in the same order.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from flask import request

from ..web import base_url, small_int
from . import errors, filters
from .errors import GraphError, bad_request

OPTIONS = ("$select", "$top", "$skip", "$orderby", "$filter", "$count", "$expand", "$search")
MAX_TOP = 1000
# Documented: "A `$search` request returns up to 1000 results."
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class EntityType:
    """What a collection's items expose: selectable names, filter/sort accessors, date paths."""

    name: str
    properties: frozenset[str]
    values: dict[str, Callable]
    dates: frozenset[str] = frozenset()
    default_order: tuple[tuple[str, bool], ...] = ()
    # What `$filter` lambdas range over: {path: (items getter, {path in an item: getter})}.
    collections: dict[str, tuple[Callable, dict[str, Callable]]] = field(default_factory=dict)
    # Navigation properties `$expand` may name, and the `$search` compiler (None: no $search).
    expandable: frozenset[str] = frozenset()
    search: Callable[[str], Callable] | None = None
    # The entity types of expandable properties, which a nested `$select` is checked against.
    expanded: dict[str, "EntityType"] = field(default_factory=dict)
    # Properties of derived types, selected with a type cast: {"microsoft.graph.x": {names}}.
    derived: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class Query:
    """The query options of one request, parsed and checked."""

    select: tuple[str, ...] | None
    top: int
    skip: int
    order: list[tuple[str, bool]]
    where: filters.Predicate | None
    count: bool
    expand: tuple[str, ...] = ()
    search: filters.Predicate | None = None
    # `$expand=name($select=...)`: the nested selection of each expanded property.
    expand_select: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _int_option(name: str, default: int) -> int:
    """A non-negative integer option (nine digits at most: no collection is that long).

    :raise GraphError: 400 BadRequest when it is not one.
    """
    raw = request.args.get(name)
    if raw is None:
        return default
    value = small_int(raw.strip())
    if value is None:
        raise bad_request(f"Invalid value '{raw}' for {name} query option.")
    return value


def _select(entity: EntityType) -> tuple[str, ...] | None:
    """`$select`, every name checked against the type."""
    raw = request.args.get("$select")
    return None if raw is None else select_names(entity, raw)


def select_names(entity: EntityType, raw: str) -> tuple[str, ...]:
    """A `$select` list, every name checked against the type (without regard to case, as Graph
    matches names) and given in the type's own spelling. A derived type's property is named
    with a type cast, `microsoft.graph.fileAttachment/contentId`.

    :raise GraphError: 400 BadRequest for a name the type (or the cast type) lacks.
    """
    canonical = {p.casefold(): p for p in entity.properties}
    derived = {t.casefold(): {p.casefold(): p for p in names}
               for t, names in entity.derived.items()}
    names = []
    for name in (n.strip() for n in raw.split(",") if n.strip()):
        cast, _, prop = name.rpartition("/")
        known = derived.get(cast.casefold(), {}) if cast else canonical
        if prop.casefold() not in known:
            raise bad_request(f"Could not find a property named '{name}' on type "
                              f"'{entity.name}'.")
        names.append(known[prop.casefold()])
    return tuple(names)


def _order(entity: EntityType) -> list[tuple[str, bool]]:
    """`$orderby` as (path, descending) pairs."""
    raw = request.args.get("$orderby")
    if raw is None:
        return []
    order = []
    for clause in raw.split(","):
        parts = clause.split()
        if len(parts) == 2:
            parts[1] = parts[1].lower()
        if not parts or len(parts) > 2 or (len(parts) == 2 and parts[1] not in ("asc", "desc")):
            raise bad_request(f"Invalid $orderby clause '{clause.strip()}'.")
        path = next((p for p in entity.values if p.casefold() == parts[0].casefold()), None)
        if path is None:
            raise bad_request(f"Could not find a property named '{parts[0]}' on type "
                              f"'{entity.name}'.")
        order.append((path, len(parts) == 2 and parts[1] == "desc"))
    return order


def parse(entity: EntityType, default_top: int = 10, allowed: Iterable[str] = OPTIONS) -> Query:
    """Read and check the request's query options for a collection of `entity`.

    :raise GraphError: 400 BadRequest for a malformed option or unknown property,
        400 ErrorInvalidRequest for `$top` out of 1..1000, 400 InefficientFilter.
    """
    for name in request.args:
        if name.startswith("$") and name not in allowed:
            raise bad_request(f"The query parameter '{name}' is not supported.")
    top = _int_option("$top", default_top)
    if not 1 <= top <= MAX_TOP:
        raise bad_request(f"The value of $top must be between 1 and {MAX_TOP}.",
                          code="ErrorInvalidRequest")
    order = _order(entity)
    where, used = None, []
    raw_filter = request.args.get("$filter")
    if raw_filter is not None:
        where, used = filters.parse(raw_filter, entity.values, entity.dates, entity.name,
                                    entity.collections)
    if where is not None and order and used[: len(order)] != [path for path, _ in order]:
        raise GraphError(400, "InefficientFilter", errors.INEFFICIENT_FILTER)
    count = request.args.get("$count", "false").lower() == "true"
    expand, expand_select = _expand(entity)
    return Query(_select(entity), top, _int_option("$skip", 0), order, where, count,
                 expand, _search(entity, raw_filter), expand_select)


def _expand(entity: EntityType) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """`$expand`: navigation properties by name, each with an optional nested `$select`
    (`attachments($select=id,name)`); no other nested option.

    :raise GraphError: 400 for anything the type cannot expand, or a nested option other than
        `$select`.
    """
    raw = request.args.get("$expand")
    if raw is None:
        return (), {}
    names, nested = [], {}
    for item in _top_level_items(raw):
        found = EXPAND_ITEM.fullmatch(item)
        name = found.group(1) if found else item
        if found is None or name not in entity.expandable:
            raise bad_request("Parsing OData Select and Expand failed: Could not find a "
                              f"property named '{name}' on type '{entity.name}'.")
        names.append(name)
        if found.group(2) is not None:
            nested[name] = _nested_select(entity.expanded[name], found.group(2))
    return tuple(names), nested


EXPAND_ITEM = re.compile(r"\s*(\w+)\s*(?:\((.*)\))?\s*", re.DOTALL)


def _top_level_items(raw: str) -> list[str]:
    """The comma-separated items of `raw`, ignoring commas inside parentheses."""
    items, depth, start = [], 0, 0
    for at, char in enumerate(raw):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(raw[start:at])
            start = at + 1
    items.append(raw[start:])
    return [item for item in items if item.strip()]


def _nested_select(entity: EntityType, options: str) -> tuple[str, ...]:
    """The `$select` of `name(...)`; any other nested option is refused."""
    option, _, value = options.partition("=")
    if option.strip() != "$select" or ";" in value:
        raise bad_request("Parsing OData Select and Expand failed: only a nested $select is "
                          "supported here.")
    return select_names(entity, value)


def _search(entity: EntityType, raw_filter: str | None) -> filters.Predicate | None:
    """`$search`, compiled by the entity type's own search.

    :raise GraphError: 400 where the type has no search, and (messages) with `$filter` or
        `$orderby`, which Graph refuses beside `$search`.
    """
    raw = request.args.get("$search")
    if raw is None:
        return None
    if entity.search is None:
        raise bad_request(f"Search is not supported on type '{entity.name}'.")
    if raw_filter is not None:
        raise bad_request(errors.SEARCH_WITH_FILTER, code="SearchWithFilter")
    if "$orderby" in request.args:
        raise bad_request(errors.SEARCH_WITH_ORDERBY, code="SearchWithOrderBy")
    return entity.search(raw)


def _sort_key(value):
    """Sort None first, and strings without case."""
    if value is None:
        return (0, "")
    return (1, value.casefold() if isinstance(value, str) else value)


def apply(items: list, query: Query, entity: EntityType) -> tuple[list, int, bool]:
    """Filter, sort and slice: (page, total matching, whether more follow)."""
    if query.where is not None:
        items = [item for item in items if query.where(item)]
    if query.search is not None:
        items = [item for item in items if query.search(item)]
    for path, descending in reversed(query.order or list(entity.default_order)):
        getter = entity.values[path]
        items = sorted(items, key=lambda item, get=getter: _sort_key(get(item)),
                       reverse=descending)
    if query.search is not None:
        items = items[:SEARCH_LIMIT]
    page = items[query.skip: query.skip + query.top]
    return page, len(items), query.skip + query.top < len(items)


def select(data: dict, names: tuple[str, ...] | None) -> dict:
    """Keep only the selected properties (plus `@odata.etag` and `id`, as Graph does)."""
    if names is None:
        return data
    keep = {"@odata.etag", "@odata.type", "id", *names}
    return {k: v for k, v in data.items() if k in keep}


def next_link(query: Query) -> str:
    """This request's URL with `$skip` moved past the page, as Graph builds its nextLink.

    It names the sandbox's public origin (`SANDBOX_PUBLIC_URL` when set), which is what clients
    configure as their Graph URL and check paging links against.
    """
    params = [(k, v) for k, v in request.args.items(multi=True) if k != "$skip"]
    params.append(("$skip", str(query.skip + query.top)))
    return f"{base_url()}{request.path}?{urlencode(params, quote_via=quote, safe='$,/:')}"


def collection(values: list[dict], query: Query, total: int, more: bool, context: str) -> dict:
    """The collection body: context, count if asked, value, nextLink if more follow."""
    body: dict = {"@odata.context": context}
    if query.count:
        body["@odata.count"] = total
    body["value"] = values
    if more:
        body["@odata.nextLink"] = next_link(query)
    return body


def context_url(fragment: str) -> str:
    """An `@odata.context` on this origin's `$metadata`."""
    return f"{base_url()}/v1.0/$metadata#{fragment}"
