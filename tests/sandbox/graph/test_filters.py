"""Query options a client gets wrong answer 400 BadRequest, never a server error: `$filter`
comparing incompatible types, functions given a non-string, filters nested or chained past the
limits, and `$top`/`$skip` that only look like numbers."""

import pytest

from microsoft_sandbox.graph import filters

from .graph_helpers import graph_error

MESSAGES = "/me/messages"


def messages(client, **params):
    """GET the mailbox's messages with these query options."""
    return client.get(MESSAGES, params=params)


@pytest.mark.parametrize("clause,types", [
    ("subject gt 5", ("Edm.String", "Edm.Double")),
    ("importance lt 3", ("Edm.String", "Edm.Double")),
    ("isRead gt 'x'", ("Edm.Boolean", "Edm.String")),
    ("subject eq true", ("Edm.String", "Edm.Boolean")),
])
def test_incompatible_types_are_400(adele, clause, types):
    """Graph's own wording names both operand types."""
    error = graph_error(messages(adele, **{"$filter": clause}), 400, "BadRequest")
    assert f"operand types '{types[0]}' and '{types[1]}'" in error["message"]


@pytest.mark.parametrize("clause", [
    "startswith(subject,5)", "contains(subject,null)", "endswith(subject,true)",
])
def test_functions_take_string_literals_only(adele, clause):
    """startswith/endswith/contains with a number, null or boolean: 400."""
    error = graph_error(messages(adele, **{"$filter": clause}), 400, "BadRequest")
    assert "takes a string literal" in error["message"]


def test_null_still_compares_with_eq_and_ne(adele):
    """Type checks leave null alone: `ne null` matches every message with a subject."""
    assert messages(adele, **{"$filter": "subject ne null", "$top": "5"}).status_code == 200


@pytest.mark.parametrize("clause", [
    "(" * 400 + "isRead eq true" + ")" * 400,
    "not " * 3000 + "isRead eq true",
    " or ".join(["isRead eq true"] * 1000),
    " and ".join(["isRead eq true"] * (filters.MAX_TERMS + 1)),
])
def test_deep_or_long_filters_are_400(adele, clause):
    """Nesting past MAX_DEPTH and more than MAX_TERMS conditions are refused before any
    recursion could run out of stack."""
    graph_error(messages(adele, **{"$filter": clause}), 400, "BadRequest")


def test_long_flat_chains_within_the_limit_evaluate(adele):
    """A chain of MAX_TERMS `or` clauses is evaluated as a flat list and answers."""
    clause = " or ".join(["isRead eq true"] * filters.MAX_TERMS)
    nested = "(" * filters.MAX_DEPTH + "isRead eq false" + ")" * filters.MAX_DEPTH
    assert messages(adele, **{"$filter": clause, "$top": "3"}).status_code == 200
    assert messages(adele, **{"$filter": nested, "$top": "3"}).status_code == 200


@pytest.mark.parametrize("name,value", [
    ("$top", "²"), ("$skip", "²"), ("$top", "٣"), ("$skip", "9" * 5000), ("$skip", "1" * 10),
    ("$top", "-1"),
])
def test_top_and_skip_must_be_plain_digits(adele, name, value):
    """Superscript and other Unicode digits pass `str.isdigit` but not `int`; thousands of
    digits pass neither: both are 400, as Graph answers a malformed option."""
    graph_error(messages(adele, **{name: value}), 400, "BadRequest")
