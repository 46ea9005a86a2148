"""`$filter`: a small OData expression parser, enough for what mail and calendar clients send.

Comparisons (`eq ne gt ge lt le`) of a property path with a literal, `startswith`, `endswith`
and `contains`, joined by `and`, `or`, `not` and parentheses. The result is a predicate over
items plus the properties in the order the filter names them, which the `InefficientFilter`
rule needs. Strings compare without regard to case, as Exchange does.

Whatever a client sends must end in a result or a 400, never a crash: comparing values of
different types is Graph's "incompatible types" 400, the functions take string literals only,
nesting is capped at MAX_DEPTH and comparisons at MAX_TERMS (guesses kept in `errors`; without
a cap, recursion would run out of stack), and `and`/`or` chains are evaluated as flat lists
rather than nested closures.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import filter_lambdas as lambdas
from .errors import FILTER_MAX_DEPTH, FILTER_MAX_TERMS, bad_request
from .timezones import parse_instant

Predicate = Callable[[object], bool]
MAX_DEPTH, MAX_TERMS = FILTER_MAX_DEPTH, FILTER_MAX_TERMS

_TOKEN = re.compile(r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<punct>[(),:])
  | (?P<word>[A-Za-z_][\w/.]*)
)""", re.VERBOSE)
_OPERATORS = {"eq": "Equal", "ne": "NotEqual", "gt": "GreaterThan",
              "ge": "GreaterThanOrEqual", "lt": "LessThan", "le": "LessThanOrEqual"}
_COMPARE = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}
_FUNCTIONS = {
    "startswith": lambda a, b: isinstance(a, str) and a.startswith(b),
    "endswith": lambda a, b: isinstance(a, str) and a.endswith(b),
    "contains": lambda a, b: isinstance(a, str) and b in a,
}


def _edm_type(value) -> str:
    """The OData type name of a value, for Graph's "incompatible types" message; ints and
    floats are one kind, since Graph compares numbers of any width."""
    if isinstance(value, bool):
        return "Edm.Boolean"
    if isinstance(value, int | float):
        return "Edm.Double"
    if isinstance(value, str):
        return "Edm.String"
    return type(value).__name__


def _compare(op: str, left, right) -> bool:
    """`left op right`, where null equals only null and orders with nothing.

    :raise GraphError: 400 when both are values of incompatible types.
    """
    if left is None or right is None:
        return _COMPARE[op](left, right) if op in ("eq", "ne") else False
    kind = _edm_type(left)
    if kind != _edm_type(right):
        raise bad_request("A binary operator with incompatible types was detected. Found "
                          f"operand types '{kind}' and '{_edm_type(right)}' for operator kind "
                          f"'{_OPERATORS[op]}'.")
    return _COMPARE[op](left, right)


def _any(terms: list[Predicate]) -> Predicate:
    """`or` over a flat list: a thousand clauses are a loop, not a thousand nested calls."""
    return terms[0] if len(terms) == 1 else lambda item: any(t(item) for t in terms)


def _all(terms: list[Predicate]) -> Predicate:
    """`and` over a flat list."""
    return terms[0] if len(terms) == 1 else lambda item: all(t(item) for t in terms)


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

    def __init__(self, tokens: list[Token], values: dict, dates: frozenset, type_name: str,
                 collections: dict):
        """Remember the tokens and what the entity type can be filtered on (property names
        match without regard to case, as Graph's do)."""
        self.tokens, self.pos = tokens, 0
        self.values = {path.casefold(): (path, get) for path, get in values.items()}
        self.dates, self.type_name = dates, type_name
        self.collections = {path.casefold(): (path, *pair)
                            for path, pair in collections.items()}
        self.properties: list[str] = []
        self.depth = self.terms = 0

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

    def at_word(self, word: str) -> bool:
        """Whether the next token is the keyword `word`."""
        token = self.peek()
        return token is not None and token.kind == "word" and token.text.lower() == word

    def expression(self) -> Predicate:
        """`and` binds tighter than `or`."""
        terms = [self.conjunction()]
        while self.at_word("or"):
            self.take()
            terms.append(self.conjunction())
        return _any(terms)

    def conjunction(self) -> Predicate:
        """Terms joined by `and`."""
        terms = [self.unary()]
        while self.at_word("and"):
            self.take()
            terms.append(self.unary())
        return _all(terms)

    def unary(self) -> Predicate:
        """`not`, a parenthesized expression, a function call or a comparison.

        :raise GraphError: 400 past MAX_DEPTH levels of `not` and parentheses.
        """
        token = self.take()
        if token.kind == "word" and token.text.lower() == "not":
            inner = self.nested(self.unary)
            return lambda item: not inner(item)
        if token.text == "(":
            inner = self.nested(self.expression)
            self.take(")")
            return inner
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise bad_request(f"Invalid filter clause: more than {MAX_TERMS} conditions.")
        if token.kind == "word" and token.text.lower() in _FUNCTIONS:
            return self.function(token.text.lower())
        if token.kind != "word":
            raise bad_request(f"Invalid filter clause: unexpected {token.text!r}.")
        head, _, last = token.text.rpartition("/")
        if last.lower() in ("any", "all") and head and self.at_punct("("):
            return lambdas.parse(self, head, last.lower())
        return self.comparison(token.text)

    def at_punct(self, text: str) -> bool:
        """Whether the next token is the punctuation `text`."""
        token = self.peek()
        return token is not None and token.kind == "punct" and token.text == text

    def nested(self, parse: Callable[[], Predicate]) -> Predicate:
        """Parse one level deeper.

        :raise GraphError: 400 past MAX_DEPTH levels.
        """
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise bad_request(f"Invalid filter clause: nested more than {MAX_DEPTH} levels.")
        inner = parse()
        self.depth -= 1
        return inner

    def function(self, name: str) -> Predicate:
        """`startswith(path, 'text')` and friends.

        :raise GraphError: 400 when the second argument is not a string literal.
        """
        self.take("(")
        getter = self.property(self.take().text)
        self.take(",")
        literal = self.literal(None)
        self.take(")")
        if not isinstance(literal, str):
            raise bad_request(f"Invalid filter clause: {name} takes a string literal, such as "
                              f"{name}(subject, 'text').")
        check, wanted = _FUNCTIONS[name], _fold(literal)
        return lambda item: check(_fold(getter(item)), wanted)

    def comparison(self, path: str) -> Predicate:
        """`path op literal`."""
        getter = self.property(path)
        path = self.values[path.casefold()][0]
        op = self.take().text.lower()
        if op not in _COMPARE:
            raise bad_request(f"Invalid filter clause: unknown operator {op!r}.")
        literal, same_type = _fold(self.literal(path)), _COMPARE[op]

        def check(item) -> bool:
            """Values of the literal's own type compare directly (the common, fast case)."""
            value = _fold(getter(item))
            if type(value) is type(literal):
                return same_type(value, literal)
            return _compare(op, value, literal)
        return check

    def property(self, path: str) -> Callable:
        """The accessor of a filterable property, recorded in order of appearance.

        :raise GraphError: 400 for a property the type lacks or cannot filter on.
        """
        path, getter = self.values.get(path.casefold(), (path, None))
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


def parse(text: str, values: dict, dates: frozenset, type_name: str,
          collections: dict | None = None) -> tuple[Predicate, list]:
    """Compile a `$filter` into a predicate and the property paths it uses, in order.

    :param collections: `{path: (getter of the items, {path inside an item: getter})}`, the
        collections `any()` and `all()` lambdas may range over.
    :raise GraphError: 400 BadRequest for anything it cannot read.
    """
    parser = _Parser(_tokens(text), values, dates, type_name, collections or {})
    predicate = parser.expression()
    if parser.peek() is not None:
        raise bad_request(f"Invalid filter clause: unexpected {parser.peek().text!r}.")
    return predicate, parser.properties
