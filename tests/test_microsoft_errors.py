"""Parsing Microsoft identity errors and choosing advice: realistic and missing input (hostile
input: test_microsoft_errors_hostile.py)."""

import json

import pytest
from werkzeug.datastructures import ImmutableMultiDict

from postpress_whitelabel.microsoft.aadsts import BY_ERROR, CATALOG, Actor, Advice
from postpress_whitelabel.microsoft.advice_lookup import advice_for
from postpress_whitelabel.microsoft.errors import MicrosoftError
from tests.error_samples import CORRELATION, STAMP, TRACE, TRAILER, token_body

# The "who acts" column of microsoft-identity.md section 4.
REFERENCE_ACTORS = {
    50011: Actor.INTEGRATOR, 500113: Actor.INTEGRATOR, 700016: Actor.INTEGRATOR,
    7000215: Actor.INTEGRATOR, 7000222: Actor.INTEGRATOR, 7000218: Actor.INTEGRATOR,
    65001: Actor.END_USER, 65004: Actor.END_USER, 65005: Actor.INTEGRATOR,
    650052: Actor.ADMIN, 650057: Actor.INTEGRATOR, 90094: Actor.ADMIN, 90095: Actor.ADMIN,
    50020: Actor.INTEGRATOR, 50194: Actor.INTEGRATOR, 70011: Actor.INTEGRATOR,
    50076: Actor.END_USER, 50079: Actor.END_USER, 53003: Actor.ADMIN, 54005: Actor.APP,
    70008: Actor.END_USER, 700082: Actor.END_USER, 50173: Actor.END_USER,
    9002313: Actor.INTEGRATOR, 900144: Actor.INTEGRATOR, 500208: Actor.INTEGRATOR,
    9002332: Actor.INTEGRATOR, 90130: Actor.INTEGRATOR, 501481: Actor.APP,
    900941: Actor.INTEGRATOR, 900981: Actor.INTEGRATOR,
}
REFERENCE_ERRORS = [
    "invalid_request", "unauthorized_client", "access_denied", "unsupported_response_type",
    "server_error", "temporarily_unavailable", "invalid_resource", "login_required",
    "interaction_required", "invalid_grant", "invalid_client", "unsupported_grant_type",
    "consent_required", "invalid_scope",
]


# --- realistic input -------------------------------------------------------------------------


def test_redirect_cancel_parses_every_field():
    args = ImmutableMultiDict({
        "error": "access_denied",
        "error_subcode": "cancel",
        "error_description": "AADSTS65004: User declined to consent to access the app." + TRAILER,
        "error_uri": "https://login.microsoftonline.com/error?code=65004",
        "state": "abc",
    })
    err = MicrosoftError.from_redirect(args)
    assert err == MicrosoftError(
        error="access_denied", aadsts=65004,
        description="User declined to consent to access the app.",
        trace_id=TRACE, correlation_id=CORRELATION, timestamp=STAMP,
        suberror="cancel", source="authorize",
    )
    assert err.cancelled
    assert err.advice().who is Actor.END_USER and err.advice().retry_sign_in


def test_admin_consent_redirect_keeps_callers_source():
    args = {"admin_consent": "True", "error": "access_denied",
            "error_description": "AADSTS65004: declined" + TRAILER}
    err = MicrosoftError.from_redirect(args, source="adminconsent")
    assert (err.source, err.aadsts, err.cancelled) == ("adminconsent", 65004, True)


@pytest.mark.parametrize("body", [token_body(), json.dumps(token_body()),
                                  json.dumps(token_body()).encode()])
def test_token_response_parses_every_field(body):
    err = MicrosoftError.from_token_response(401, body)
    assert err.error == "invalid_client" and err.aadsts == 7000215
    assert err.description.startswith("Invalid client secret provided.")
    assert "Trace ID" not in err.description and "AADSTS" not in err.description
    assert (err.trace_id, err.correlation_id, err.timestamp) == (TRACE, CORRELATION, STAMP)
    assert err.source == "token" and err.suberror is None and not err.cancelled
    assert err.advice().title == "The client secret is wrong"


def test_token_suberror_and_ids_from_description_when_fields_missing():
    body = token_body(error="invalid_grant", error_codes=[65001], suberror="consent_required",
                      error_description="AADSTS65001: The user has not consented." + TRAILER)
    del body["trace_id"], body["correlation_id"], body["timestamp"]
    err = MicrosoftError.from_token_response(400, body)
    assert (err.suberror, err.trace_id, err.correlation_id) == ("consent_required", TRACE,
                                                                 CORRELATION)
    assert err.timestamp == STAMP


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r", " "])
def test_description_newline_variants(newline):
    text = f"AADSTS50011: Redirect mismatch.{newline}Trace ID: {TRACE}{newline}Timestamp: {STAMP}"
    err = MicrosoftError.from_redirect({"error": "invalid_request", "error_description": text})
    assert (err.aadsts, err.description, err.trace_id, err.timestamp) == (
        50011, "Redirect mismatch.", TRACE, STAMP)


# --- where the AADSTS number comes from ------------------------------------------------------


@pytest.mark.parametrize(("codes", "description", "uri", "expected"), [
    ([7000222], "AADSTS7000215: x", "https://login.microsoftonline.com/error?code=50011", 7000222),
    (None, "AADSTS7000215: x", "https://login.microsoftonline.com/error?code=50011", 7000215),
    (None, "no prefix here", "https://login.microsoftonline.com/error?code=50011", 50011),
    (["7000215"], "", None, 7000215),
    (["abc", {"x": 1}, True, 50011], "", None, 50011),
    ([], "text AADSTS50011: not at the start", "https://x/error?code=abc", None),
    ("not a list", "", "https://x/error?code=123456789012", None),
])
def test_aadsts_sources_in_order(codes, description, uri, expected):
    body = {"error": "invalid_request", "error_codes": codes,
            "error_description": description, "error_uri": uri}
    assert MicrosoftError.from_token_response(400, body).aadsts == expected


def test_aadsts_from_redirect_error_uri_only():
    args = {"error": "invalid_request",
            "error_uri": "https://login.microsoftonline.com/error?code=90094"}
    assert MicrosoftError.from_redirect(args).aadsts == 90094


# --- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "not-a-guid", TRACE + "x", TRACE[:-1], "<script>",
                                   TRACE.replace("-", ""), 12345, None, ["x"], {"a": 1}])
def test_garbage_ids_are_rejected(value):
    body = token_body(trace_id=value, correlation_id=value, error_description="x")
    err = MicrosoftError.from_token_response(400, body)
    assert err.trace_id is None and err.correlation_id is None


def test_guid_is_lowercased_and_trimmed():
    body = token_body(trace_id=TRACE.upper(), correlation_id=f" {CORRELATION}\n")
    err = MicrosoftError.from_token_response(400, body)
    assert (err.trace_id, err.correlation_id) == (TRACE, CORRELATION)


def test_timestamp_must_look_like_one():
    for bad in ("<b>soon</b>", "2024-05-01 10:00:00Z and more", "2024-05-01", 1714557600):
        body = token_body(timestamp=bad, error_description="no trailer")
        assert MicrosoftError.from_token_response(400, body).timestamp is None


# --- cancel ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "cancelled"), [
    ({"error": "access_denied", "error_subcode": "cancel"}, True),
    ({"error": "access_denied", "error_description": "AADSTS65004: declined"}, True),
    ({"error": "access_denied", "error_subcode": "CANCEL"}, True),
    ({"error": "access_denied", "error_description": "AADSTS90094: admin needed"}, False),
    ({"error": "access_denied"}, False),
])
def test_cancel_detection(args, cancelled):
    assert MicrosoftError.from_redirect(args).cancelled is cancelled


# --- catalog ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "actor"), sorted(REFERENCE_ACTORS.items()))
def test_reference_codes_have_advice_for_the_right_actor(code, actor):
    advice = CATALOG[code]
    assert advice.who is actor
    assert advice.title.strip() and advice.what_happened.strip() and advice.what_to_do.strip()


@pytest.mark.parametrize("advice", [*CATALOG.values(), *BY_ERROR.values()])
def test_advice_is_plain_text_with_a_sensible_status(advice):
    for text in (advice.title, advice.what_happened, advice.what_to_do):
        assert "<" not in text and "AADSTS" not in text
    assert isinstance(advice.who, Actor)
    assert 400 <= advice.status < 500 or advice.status in (502, 503)


def test_specific_advice_wording():
    assert "Secret ID" in CATALOG[7000215].what_to_do and "Value" in CATALOG[7000215].what_to_do
    assert "new" in CATALOG[7000222].what_to_do.lower()
    assert "Settings > Microsoft OAuth" in CATALOG[50011].what_to_do
    assert "Admin consent requests" in CATALOG[90094].what_to_do
    assert "Consent on behalf of your organization" in CATALOG[90094].what_to_do
    assert "publisher" in CATALOG[900941].what_to_do.lower()
    for code in (65004, 70008, 700082, 50173, 54005):
        assert CATALOG[code].retry_sign_in, code


@pytest.mark.parametrize("error", REFERENCE_ERRORS)
def test_every_reference_error_string_has_fallback_advice(error):
    assert advice_for(None, error) is BY_ERROR[error]


def test_microsoft_side_failures_answer_5xx():
    assert BY_ERROR["server_error"].status == 502
    assert BY_ERROR["temporarily_unavailable"].status == 503


def test_advice_precedence():
    cancel = advice_for(None, "access_denied", "cancel")
    assert advice_for(90094, "access_denied", "cancel") is CATALOG[90094]
    assert cancel.who is Actor.END_USER and cancel.retry_sign_in
    assert advice_for(None, "INVALID_GRANT") is BY_ERROR["invalid_grant"]
    assert advice_for(123456, "invalid_client") is BY_ERROR["invalid_client"]


@pytest.mark.parametrize(("aadsts", "error", "shown"), [
    (123456, "made_up", "AADSTS123456"), (None, "made_up", "made_up"),
    (None, "<script>alert(1)</script>", None), (None, None, None),
])
def test_unrecognised_errors_get_generic_advice(aadsts, error, shown):
    advice = advice_for(aadsts, error)
    assert isinstance(advice, Advice) and advice.who is Actor.INTEGRATOR
    assert advice.title and advice.what_to_do and 400 <= advice.status < 500
    assert "<" not in advice.what_happened + advice.what_to_do
    if shown:
        assert shown in advice.what_happened
