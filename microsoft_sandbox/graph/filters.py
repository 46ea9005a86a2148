"""`$filter`: a small OData expression parser, enough for what mail and calendar clients send.

Comparisons (`eq ne gt ge lt le`) of a property path with a literal, `startswith`, `endswith`
and `contains`, joined by `and`, `or`, `not` and parentheses. The result is a predicate over
items plus the properties in the order the filter names them, which the `InefficientFilter`
rule needs. Strings compare without regard to case, as Exchange does.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import bad_request
from .timezones import parse_instant

Predicate = Callable[[object], bool]

_TOKEN = re.compile(r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<punct>[(),])
  | (?P<word>[A-Za-z_][\w/.]*)
)""", re.VERBOSE)
_COMPARE = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a is not None and b is not None and a > b,
    "ge": lambda a, b: a is not None and b is not None and a >= b,
    "lt": lambda a, b: a is not None and b is not None and a < b,
    "le": lambda a, b: a is not None and b is not None and a <= b,
}
_FUNCTIONS = {
    "startswith": lambda a, b: isinstance(a, str) and a.startswith(b),
    "endswith": lambda a, b: isinstance(a, str) and a.endswith(b),
    "contains": lambda a, b: isinstance(a, str) and b in a,
}


@dataclass(frozen=True)
class Token:
    """A lexical token: its kind (string, datetime, number, punct, word) and text."""

    kind: str
    text: str


def _tokens(text: str) -> list[Token]:
    """Split a filter into tokens.

    :raise GraphError: 400 on a character no token starts with.
    """
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            raise bad_request(f"Invalid filter clause: syntax error at position {pos}.")
        kind = match.lastgroup
        tokens.append(Token(kind, match.group(kind)))
        pos = match.end()
    return tokens


def _fold(value):
    """Compare strings without case."""
    return value.casefold() if isinstance(value, str) else value


class _Parser:
    """Recursive descent over the tokens, building closures as it goes."""

    def __init__(self, tokens: list[Token], values: dict, dates: frozenset, type_name: str):
        """Remember the tokens and what the entity type can be filtered on."""
        self.tokens, self.pos = tokens, 0
        self.values, self.dates, self.type_name = values, dates, type_name
        self.properties: list[str] = []

    def peek(self) -> Token | None:
        """The next token, or None at the end."""
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, text: str | None = None) -> Token:
        """Consume the next token (which must read `text` when given).

        :raise GraphError: 400 at the end or on an unexpected token.
        """
        token = self.peek()
        if token is None or (text is not None and token.text.lower() != text):
            raise bad_request("Invalid filter clause: unexpected "
                              f"{'end of input' if token is None else repr(token.text)}.")
        self.pos += 1
        return token

    def expression(self) -> Predicate:
        """`and` binds tighter than `or`."""
        left = self.conjunction()
        while (t := self.peek()) and t.kind == "word" and t.text.lower() == "or":
            self.take()
            right = self.conjunction()
            left = (lambda a, b: lambda item: a(item) or b(item))(left, right)
        return left

    def conjunction(self) -> Predicate:
        """Terms joined by `and`."""
        left = self.unary()
        while (t := self.peek()) and t.kind == "word" and t.text.lower() == "and":
            self.take()
            right = self.unary()
            left = (lambda a, b: lambda item: a(item) and b(item))(left, right)
        return left

    def unary(self) -> Predicate:
        """`not`, a parenthesized expression, a function call or a comparison."""
        token = self.take()
        if token.kind == "word" and token.text.lower() == "not":
            inner = self.unary()
            return lambda item: not inner(item)
        if token.text == "(":
            inner = self.expression()
            self.take(")")
            return inner
        if token.kind == "word" and token.text.lower() in _FUNCTIONS:
            return self.function(token.text.lower())
        if token.kind != "word":
            raise bad_request(f"Invalid filter clause: unexpected {token.text!r}.")
        return self.comparison(token.text)

    def function(self, name: str) -> Predicate:
        """`startswith(path, 'text')` and friends."""
        self.take("(")
        getter = self.property(self.take().text)
        self.take(",")
        literal = self.literal(None)
        self.take(")")
        check, wanted = _FUNCTIONS[name], _fold(literal)
        return lambda item: check(_fold(getter(item)), wanted)

    def comparison(self, path: str) -> Predicate:
        """`path op literal`."""
        getter = self.property(path)
        op = self.take().text.lower()
        if op not in _COMPARE:
            raise bad_request(f"Invalid filter clause: unknown operator {op!r}.")
        literal, compare = _fold(self.literal(path)), _COMPARE[op]
        return lambda item: compare(_fold(getter(item)), literal)

    def property(self, path: str) -> Callable:
        """The accessor of a filterable property, recorded in order of appearance.

        :raise GraphError: 400 for a property the type lacks or cannot filter on.
        """
        getter = self.values.get(path)
        if getter is None:
            raise bad_request(f"Could not find a property named '{path}' on type "
                              f"'{self.type_name}'.")
        if path not in self.properties:
            self.properties.append(path)
        return getter

    def literal(self, path: str | None):
        """A literal; date-time properties take ISO values, quoted or not."""
        token = self.take()
        if token.kind == "string":
            value = token.text[1:-1].replace("''", "'")
        elif token.kind == "number":
            value = float(token.text)
        elif token.kind == "datetime":
            value = token.text
        elif token.kind == "word" and token.text.lower() in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[token.text.lower()]
        else:
            raise bad_request(f"Invalid filter clause: {token.text!r} is not a literal.")
        if path in self.dates:
            try:
                return parse_instant(str(value))
            except ValueError as exc:
                raise bad_request(f"Invalid filter clause: {value!r} is not a date.") from exc
        return value


def parse(text: str, values: dict, dates: frozenset, type_name: str) -> tuple[Predicate, list]:
    """Compile a `$filter` into a predicate and the property paths it uses, in order.

    :raise GraphError: 400 BadRequest for anything it cannot read.
    """
    parser = _Parser(_tokens(text), values, dates, type_name)
    predicate = parser.expression()
    if parser.peek() is not None:
        raise bad_request(f"Invalid filter clause: unexpected {parser.peek().text!r}.")
    return predicate, parser.properties
