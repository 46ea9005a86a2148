"""Hostile or malformed Microsoft errors never raise, never echo secrets, stay inert text."""

import json

import pytest

from postpress_whitelabel.microsoft.advice import Actor
from postpress_whitelabel.microsoft.errors import DESCRIPTION_CAP, MicrosoftError
from tests.error_samples import token_body


def test_script_tags_stay_inert_text():
    evil = "AADSTS50011: <script>alert(1)</script> bad"
    err = MicrosoftError.from_redirect({"error": "<script>", "error_description": evil})
    assert err.description == "<script>alert(1)</script> bad"  # the template escapes it
    assert err.error == "unknown_error"
    assert "<" not in err.advice().what_to_do


def test_huge_description_is_capped():
    err = MicrosoftError.from_redirect({"error": "x", "error_description": "A" * 1_000_000})
    assert len(err.description) <= DESCRIPTION_CAP
    body = token_body(error_description="b " * 500_000)
    assert len(MicrosoftError.from_token_response(400, body).description) <= DESCRIPTION_CAP


def test_control_characters_are_stripped():
    text = "AADSTS50011: bad\x00\x1b[31m red\u202e\u200b\u2028x\ttab"
    err = MicrosoftError.from_redirect({"error": "invalid_request", "error_description": text})
    assert err.description == "bad [31m red x tab"


def test_secret_shaped_strings_are_redacted():
    secret = "abc8Q~xYz0123456789AbCdEfGhIjKlMnOpQrStU"
    err = MicrosoftError.from_redirect({"error": "x", "error_description": f"got {secret} ok"})
    assert secret not in err.description and "[redacted]" in err.description
    assert secret not in json.dumps(err.to_log_dict())


@pytest.mark.parametrize(("status", "body", "error"), [
    (502, b"<html><body>Bad gateway</body></html>", "server_error"),
    (500, "", "server_error"),
    (500, None, "server_error"),
    (400, b"[1, 2, 3]", "server_error"),
    (400, '{"access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9"}', "server_error"),
    (503, b"\xff\xfe not utf-8", "temporarily_unavailable"),
    (429, b"Too many", "temporarily_unavailable"),
    ("abc", b"x" * 3_000_000, "server_error"),
    (400, "[" * 100_000 + "]" * 100_000, "server_error"),
    (400, 12345, "server_error"),
])
def test_unreadable_token_bodies_never_raise(status, body, error):
    err = MicrosoftError.from_token_response(status, body)
    assert err.error == error and err.aadsts is None
    assert "HTTP" in err.description or "no status" in err.description
    assert "eyJ" not in err.description and "Bad gateway" not in err.description
    assert err.advice().status in (502, 503)


def test_odd_field_types_never_raise():
    body = {"error": 123, "error_description": ["AADSTS50011: in a list"], "error_codes": "x",
            "trace_id": {"a": 1}, "timestamp": 5, "suberror": ["cancel"], "error_uri": 7}
    err = MicrosoftError.from_token_response(400, body)
    assert (err.error, err.aadsts, err.description, err.suberror) == (
        "unknown_error", 50011, "in a list", "cancel")
    assert MicrosoftError.from_redirect(None).error == "unknown_error"  # type: ignore[arg-type]
    assert MicrosoftError.from_redirect({}).advice().who is Actor.INTEGRATOR


def test_log_dict_has_only_safe_fields():
    err = MicrosoftError.from_token_response(401, token_body())
    logged = err.to_log_dict()
    assert set(logged) == {"error", "aadsts", "description", "trace_id", "correlation_id",
                           "timestamp", "suberror", "source"}
    assert len(logged["description"]) <= DESCRIPTION_CAP
    json.dumps(logged)
