"""Signing in again: prompt=login and OIDC max_age, and the id_token's `auth_time`."""

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from microsoft_sandbox.directory import seed

from .helpers import query_of, token_post
from .test_authorize import assert_redirect_error

SIGN_IN_PAGE = "<h1>Pick an account</h1>"


def id_claims(body: dict, jwks: dict) -> dict:
    """The verified claims of a token response's id_token."""
    return jwt.decode(body["id_token"], KeySet.import_key_set(jwks),
                      algorithms=["RS256"]).claims


@pytest.fixture
def signed_in(agent, sandbox):
    """A browser where Adele signed in (and consented) once; returns when, on the sandbox
    clock."""
    before = sandbox.clock.now()
    agent.sign_in()
    return before


@pytest.mark.parametrize("params", [{"prompt": "login"}, {"max_age": "0"}])
def test_prompt_login_and_max_age_0_show_the_sign_in_page_despite_a_session(
        agent, signed_in, params):
    page = agent.authorize(**params)
    assert page.status_code == 200 and SIGN_IN_PAGE in page.text
    # Without them, the same browser gets its code at once.
    assert agent.authorize().status_code == 302


def test_max_age_0_id_token_carries_the_new_sign_in_time(agent, sandbox, signed_in, jwks):
    sandbox.clock.advance(300)
    again = sandbox.clock.now()
    code = agent.sign_in(max_age="0")["code"]
    claims = id_claims(agent.redeem(code).json(), jwks)
    assert int(again) <= claims["auth_time"] <= int(sandbox.clock.now())
    assert claims["auth_time"] <= claims["iat"]


def test_a_recent_enough_sign_in_needs_no_page_and_says_when_it_was(
        agent, sandbox, signed_in, jwks):
    sandbox.clock.advance(30)
    response = agent.authorize(max_age="60")
    assert response.status_code == 302
    code = agent.sign_in(max_age="60")["code"]
    claims = id_claims(agent.redeem(code).json(), jwks)
    assert int(signed_in) <= claims["auth_time"] <= int(signed_in) + 1
    assert claims["iat"] - claims["auth_time"] >= 30


def test_an_older_sign_in_than_max_age_shows_the_sign_in_page(agent, sandbox, signed_in, jwks):
    sandbox.clock.advance(61)
    page = agent.authorize(max_age="60")
    assert SIGN_IN_PAGE in page.text
    after_advance = sandbox.clock.now()
    answer = agent.pick(page, seed.CONTOSO_USER_OID)
    assert answer.status_code == 302
    claims = id_claims(agent.redeem(query_of(answer)["code"]).json(), jwks)
    assert claims["auth_time"] >= int(after_advance)


def test_without_max_age_the_id_token_has_no_auth_time(agent, signed_in, jwks):
    code = agent.sign_in()["code"]
    assert "auth_time" not in id_claims(agent.redeem(code).json(), jwks)


def test_refreshed_id_token_keeps_the_original_auth_time(agent, base_url, sandbox, signed_in,
                                                         jwks):
    first = agent.redeem(agent.sign_in(max_age="3600")["code"]).json()
    sandbox.clock.advance(120)
    second = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": first["refresh_token"]}).json()
    assert id_claims(second, jwks)["auth_time"] == id_claims(first, jwks)["auth_time"]
    assert id_claims(second, jwks)["iat"] - id_claims(first, jwks)["iat"] >= 120


def test_prompt_none_when_max_age_has_passed_is_login_required(agent, sandbox, signed_in):
    sandbox.clock.advance(61)
    assert_redirect_error(agent.authorize(prompt="none", max_age="60"), "login_required",
                          50058, agent.state)
    assert agent.authorize(prompt="none", max_age="120").status_code == 302


@pytest.mark.parametrize("value", ["-1", "soon", "1.5", "٣"])
def test_max_age_must_be_a_whole_number_of_seconds(agent, value):
    params = assert_redirect_error(agent.authorize(max_age=value), "invalid_request", 90023,
                                   agent.state)
    assert "'max_age'" in params["error_description"]


def test_a_sign_in_dated_after_a_clock_reset_counts_as_unknown(agent, sandbox, signed_in):
    sandbox.clock.advance(7200)
    agent.sign_in(max_age="0")
    sandbox.clock.reset()
    assert SIGN_IN_PAGE in agent.authorize(max_age="3600").text
