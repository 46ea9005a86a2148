"""`$search` on messages: a small Keyword Query Language (KQL) reader.

What Graph documents for messages (`/graph/search-query-parameter`): bare words and quoted
phrases search the default properties `from`, `subject` and `body`; `property:value` searches
one property (`from`, `to`, `cc`, `bcc`, `recipients`, `participants`, `subject`, `body`,
`attachment`, `hasAttachments`, `importance`; `received` and `sent` take a date, a range
`a..b` or a comparison `>=`, `<=`, `>`, `<`, days in UTC); terms are joined by AND unless
`OR` stands between them, and `NOT` negates the next term. Matching is without case: a word
matches the start of a word of the property's text, a phrase matches where it occurs. Results
come newest first, at most 1000 (both in `odata`).
"""

import datetime as dt
import functools
import re
from collections.abc import Callable

from . import htmltext
from .errors import bad_request
from .models import Message

Predicate = Callable[[Message], bool]
DAY = 86400
_TERM = re.compile(r'\s*(?:(?P<prop>[A-Za-z]+)(?P<op>>=|<=|:|=|>|<))?'
                   r'(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"()]+))')


def _people(m: Message, *fields: str) -> str:
    """Names and addresses of the message's people in the given fields."""
    found = []
    for name in fields:
        people = ([m.sender] if m.sender else []) if name == "from" else getattr(m, name)
        found += [f"{p.name} {p.address}" for p in people]
    return " ".join(found)


@functools.lru_cache(maxsize=4096)
def _body_text(body: str, body_type: str) -> str:
    """The body's visible text (remembered: searches reread the same bodies)."""
    return htmltext.to_text(body) if body_type == "html" else body


TEXTS: dict[str, Callable[[Message], str]] = {
    "from": lambda m: _people(m, "from"),
    "to": lambda m: _people(m, "to"),
    "cc": lambda m: _people(m, "cc"),
    "bcc": lambda m: _people(m, "bcc"),
    "recipients": lambda m: _people(m, "to", "cc", "bcc"),
    "participants": lambda m: _people(m, "from", "to", "cc", "bcc"),
    "subject": lambda m: m.subject,
    "body": lambda m: _body_text(m.body, m.body_type),
    "attachment": lambda m: " ".join(a.name for a in m.attachments),
}
DEFAULT = ("from", "subject", "body")


def _matches(text: str, value: str, phrase: bool) -> bool:
    """A phrase anywhere in the text, or a word at the start of one of its words."""
    text, value = text.casefold(), value.casefold()
    if phrase:
        return value in text
    return re.search(r"(?<!\w)" + re.escape(value), text) is not None


def _term(prop: str | None, value: str, phrase: bool, op: str = ":") -> Predicate:
    """The predicate of one `prop:value` (or bare) term."""
    name = (prop or "").lower()
    if name in ("received", "sent"):
        return _dated(name, op, value)
    if name in ("hasattachments", "hasattachment"):
        wanted = value.lower() == "true"
        return lambda m: any(not a.is_inline for a in m.attachments) == wanted
    if name == "importance":
        wanted = {"medium": "normal"}.get(value.lower(), value.lower())
        return lambda m: m.importance == wanted
    if name in TEXTS:
        read = TEXTS[name]
        return lambda m: _matches(read(m), value, phrase)
    if prop is not None:
        value = f"{prop}:{value}"
    return lambda m: any(_matches(TEXTS[p](m), value, phrase) for p in DEFAULT)


def _day(text: str) -> float:
    """The UTC midnight of a KQL date: `7/23/2018` (month first, as the docs write it) or
    `2018-07-23`.

    :raise GraphError: 400 for anything else.
    """
    for pattern in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=dt.UTC).timestamp()
        except ValueError:
            continue
    raise bad_request(f"Syntax error: '{text}' is not a date.")


def _dated(name: str, op: str, value: str) -> Predicate:
    """`received:7/23/2018` (that day), `received>=2018-07-23`, `sent:2018-07-01..2018-07-31`."""
    stamp = (lambda m: m.received) if name == "received" else (lambda m: m.sent or 0)
    if ".." in value and op in (":", "="):
        first, last = (_day(part) for part in value.split("..", 1))
        return lambda m: first <= stamp(m) < last + DAY
    day = _day(value)
    tests = {":": lambda t: day <= t < day + DAY, "=": lambda t: day <= t < day + DAY,
             ">=": lambda t: t >= day, ">": lambda t: t >= day + DAY,
             "<=": lambda t: t < day + DAY, "<": lambda t: t < day}
    check = tests[op]
    return lambda m: check(stamp(m))


def _unquoted(raw: str) -> str:
    """The KQL inside `$search="..."` (clients quote the whole value, escaping inner quotes).

    :raise GraphError: 400 for an empty search.
    """
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('\\"', '"')
    if not text.strip():
        raise bad_request("Syntax error: the $search query is empty.")
    return text


def compile_search(raw: str) -> Predicate:
    """The predicate of a `$search` value.

    :raise GraphError: 400 BadRequest for an empty query or an unbalanced quote.
    """
    text, pos = _unquoted(raw), 0
    groups: list[list[Predicate]] = [[]]
    negate = False
    while pos < len(text) and text[pos:].strip():
        match = _TERM.match(text, pos)
        if match is None:
            raise bad_request(f"Syntax error: character '{text[pos:].strip()[0]}' is not valid "
                              f"at position {pos} in '{text}'.")
        pos = match.end()
        word, phrase = match.group("word"), match.group("phrase")
        if match.group("prop") is None and word in ("AND", "OR", "NOT"):
            if word == "OR":
                groups.append([])
            negate = word == "NOT"
            continue
        term = _term(match.group("prop"), phrase if phrase is not None else word,
                     phrase is not None, match.group("op") or ":")
        groups[-1].append((lambda m, t=term: not t(m)) if negate else term)
        negate = False
    groups = [g for g in groups if g]
    return lambda m: any(all(t(m) for t in group) for group in groups)
