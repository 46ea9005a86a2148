"""Realistic Microsoft error values the error-parsing tests start from."""


TRACE = "0b1d3f5e-1234-4abc-9def-0123456789ab"
CORRELATION = "11111111-2222-3333-4444-555555555555"
STAMP = "2024-05-01 10:00:00Z"
TRAILER = f"\r\nTrace ID: {TRACE}\r\nCorrelation ID: {CORRELATION}\r\nTimestamp: {STAMP}"


def token_body(**overrides):
    """A realistic token endpoint error body for an invalid client secret."""
    body = {
        "error": "invalid_client",
        "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret "
        "being sent in the request is the client secret value, not the client secret ID." + TRAILER,
        "error_codes": [7000215],
        "timestamp": STAMP,
        "trace_id": TRACE,
        "correlation_id": CORRELATION,
        "error_uri": "https://login.microsoftonline.com/error?code=7000215",
    }
    body.update(overrides)
    return body
