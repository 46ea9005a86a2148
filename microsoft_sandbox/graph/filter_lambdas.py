"""`any()` and `all()` in `$filter`: `categories/any(c:c eq 'Red')`,
`toRecipients/any(r:r/emailAddress/address eq 'x@y')`, `attendees/any(a:...)`.

The lambda's body is an ordinary filter expression whose paths start at the range variable;
it is parsed by the same parser, with the item's properties in place of the entity's for as
long as the body lasts. `any()` with no body asks whether the collection has any item.
"""

from collections.abc import Callable

from .errors import bad_request


def _scope(variable: str, inner: dict[str, Callable]) -> dict:
    """The parser's property table inside the lambda: `c` for the item itself (a string
    collection), `r/emailAddress/address` for a property of the item."""
    table = {}
    for path, getter in inner.items():
        full = f"{variable}/{path}" if path else variable
        table[full.casefold()] = (full, getter)
    return table


def parse(parser, path: str, kind: str):
    """Parse `path/any(v: body)` or `path/all(v: body)` from just after `any`/`all`.

    :raise GraphError: 400 for a collection the type cannot range over, or a malformed lambda.
    """
    entry = parser.collections.get(path.casefold())
    if entry is None:
        raise bad_request(f"Could not find a property named '{path}' on type "
                          f"'{parser.type_name}'.")
    canonical, items_of, inner = entry
    parser.take("(")
    if parser.at_punct(")") and kind == "any":
        parser.take(")")
        parser.properties.append(canonical)
        return lambda item: bool(items_of(item))
    variable = parser.take()
    if variable.kind != "word" or "/" in variable.text:
        raise bad_request(f"Invalid filter clause: {variable.text!r} is not a range variable.")
    parser.take(":")
    saved = parser.values, parser.dates, parser.properties
    parser.values, parser.dates, parser.properties = _scope(variable.text, inner), frozenset(), []
    try:
        body = parser.nested(parser.expression)
    finally:
        parser.values, parser.dates, parser.properties = saved
    parser.take(")")
    if canonical not in parser.properties:
        parser.properties.append(canonical)
    if kind == "any":
        return lambda item: any(body(element) for element in items_of(item))
    return lambda item: all(body(element) for element in items_of(item))
