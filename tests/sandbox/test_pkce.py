"""PKCE values outside RFC 7636 (43 to 128 of `[A-Za-z0-9._~-]`) are AADSTS errors at
authorize and at token, never a server error."""

import re

import pytest

from .helpers import query_of
from .test_token import assert_token_error

GOOD = "a" * 43


@pytest.mark.parametrize("challenge", ["é" * 43, "a" * 42 + "+", "a b" * 15, "a" * 42 + "/"])
def test_challenge_with_forbidden_characters_is_redirected_90023(agent, challenge):
    """The redirect URI is trusted by then, so the error goes back to the app."""
    response = agent.authorize(code_challenge=challenge, code_challenge_method="plain")
    assert response.status_code == 302
    params = query_of(response)
    assert params["error"] == "invalid_request" and params["state"] == agent.state
    assert re.match(r"^AADSTS90023: .*'code_challenge'", params["error_description"])


@pytest.mark.parametrize("challenge", ["a" * 42, "a" * 129])
def test_challenge_of_the_wrong_size_is_501491(agent, challenge):
    """Size is checked first, with Microsoft's own code for it."""
    params = query_of(agent.authorize(code_challenge=challenge, code_challenge_method="plain"))
    assert params["error_description"].startswith("AADSTS501491: ")


@pytest.mark.parametrize("method,verifier", [
    ("plain", "é" * 43), ("S256", "é" * 43), ("plain", "a" * 42 + "é"), ("S256", "abc"),
    ("plain", GOOD + "+"), ("S256", "a" * 129),
])
def test_malformed_verifier_is_501481(agent, method, verifier):
    """A non-ASCII, short, long or otherwise malformed verifier simply does not match."""
    challenge = GOOD if method == "plain" else agent.challenge
    params = agent.sign_in(code_challenge=challenge, code_challenge_method=method)
    response = agent.redeem(params["code"], code_verifier=verifier)
    assert_token_error(response, 400, "invalid_grant", 501481)


def test_well_formed_plain_verifier_still_redeems(agent):
    """Every allowed character, at the longest length."""
    verifier = ("AZaz09._~-" * 13)[:128]
    params = agent.sign_in(code_challenge=verifier, code_challenge_method="plain")
    assert agent.redeem(params["code"], code_verifier=verifier).status_code == 200
