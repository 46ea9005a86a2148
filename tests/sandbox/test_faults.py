"""Each id_token fault produces exactly the defect it advertises, once."""

import base64
import json
import re

import pytest
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey
from joserfc.jwt import JWTClaimsRegistry

from microsoft_sandbox.directory import seed
from microsoft_sandbox.knobs.id_token_faults import FAULTS

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def header_of(token: str) -> dict:
    """The JOSE header, read without verifying anything."""
    segment = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def faulty_id_token(agent, sandbox, fault: str) -> str:
    """Sign in and redeem with `fault` armed; return the id_token."""
    sandbox.set_id_token_fault(fault)
    return agent.redeem(agent.sign_in()["code"]).json()["id_token"]


def decode(token: str, jwks: dict):
    """Verify the signature against the published keys."""
    return jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])


def validate_times(claims: dict) -> None:
    """exp required, nbf/iat honoured, no leeway."""
    JWTClaimsRegistry(exp={"essential": True}).validate(claims)


def test_every_fault_has_a_test():
    """The list below covers every fault the sandbox offers."""
    assert set(FAULTS) == set(CHECKS)


def check_bad_signature(token, jwks, base_url, agent):
    """Signature fails while the kid is the published one."""
    assert header_of(token)["kid"] == jwks["keys"][0]["kid"]
    with pytest.raises(JoseError):
        decode(token, jwks)


def check_alg_none(token, jwks, base_url, agent):
    """Header alg none and an empty signature."""
    assert token.endswith(".")
    assert header_of(token)["alg"] == "none"


def check_wrong_audience(token, jwks, base_url, agent):
    """aud names another client."""
    assert decode(token, jwks).claims["aud"] != seed.DEFAULT_CLIENT_ID


def check_missing_audience(token, jwks, base_url, agent):
    """No aud claim."""
    assert "aud" not in decode(token, jwks).claims


def check_wrong_issuer(token, jwks, base_url, agent):
    """iss on another host."""
    claims = decode(token, jwks).claims
    assert claims["iss"] == f"https://evil.example/{claims['tid']}/v2.0"


def check_tid_mismatch(token, jwks, base_url, agent):
    """iss names a GUID tenant other than tid."""
    claims = decode(token, jwks).claims
    tenant_in_iss = claims["iss"][len(base_url) + 1:].split("/")[0]
    assert GUID.match(tenant_in_iss) and tenant_in_iss != claims["tid"]


def check_expired(token, jwks, base_url, agent):
    """exp an hour in the past."""
    with pytest.raises(JoseError):
        validate_times(decode(token, jwks).claims)


def check_missing_exp(token, jwks, base_url, agent):
    """No exp at all."""
    claims = decode(token, jwks).claims
    assert "exp" not in claims
    with pytest.raises(JoseError):
        validate_times(claims)


def check_missing_iat(token, jwks, base_url, agent):
    """No iat at all; the rest intact."""
    claims = decode(token, jwks).claims
    assert "iat" not in claims and claims["exp"] and claims["sub"]


def check_missing_issuer(token, jwks, base_url, agent):
    """No iss at all; tid still there."""
    claims = decode(token, jwks).claims
    assert "iss" not in claims and GUID.match(claims["tid"])


def check_missing_sub(token, jwks, base_url, agent):
    """No sub at all; oid still there."""
    claims = decode(token, jwks).claims
    assert "sub" not in claims and GUID.match(claims["oid"])


def check_nbf_future(token, jwks, base_url, agent):
    """Not valid before an hour from now."""
    with pytest.raises(JoseError):
        validate_times(decode(token, jwks).claims)


def check_nonce_mismatch(token, jwks, base_url, agent):
    """Nonce differs from the one sent."""
    assert decode(token, jwks).claims["nonce"] != agent.nonce


def check_missing_nonce(token, jwks, base_url, agent):
    """No nonce claim."""
    assert "nonce" not in decode(token, jwks).claims


def check_unknown_kid(token, jwks, base_url, agent):
    """A kid the JWKS does not list."""
    kid = header_of(token)["kid"]
    assert kid not in {k["kid"] for k in jwks["keys"]}
    with pytest.raises((JoseError, ValueError)):
        decode(token, jwks)


def check_no_kid(token, jwks, base_url, agent):
    """No kid, yet valid under the single published key."""
    assert "kid" not in header_of(token)
    key = RSAKey.import_key(jwks["keys"][0])
    claims = jwt.decode(token, key, algorithms=["RS256"]).claims
    validate_times(claims)
    assert claims["nonce"] == agent.nonce and claims["aud"] == seed.DEFAULT_CLIENT_ID


def check_bad_tid(token, jwks, base_url, agent):
    """tid is not a GUID, and iss is consistent with it."""
    claims = decode(token, jwks).claims
    assert not GUID.match(claims["tid"])
    assert claims["iss"] == f"{base_url}/{claims['tid']}/v2.0"


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items() if name.startswith("check_")}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_then_clean_token(fault, agent, sandbox, base_url, jwks):
    """The armed fault shows in the next id_token only; the one after is clean."""
    CHECKS[fault](faulty_id_token(agent, sandbox, fault), jwks, base_url, agent)
    clean = agent.redeem(agent.sign_in()["code"]).json()["id_token"]
    claims = decode(clean, jwks).claims
    validate_times(claims)
    assert claims["aud"] == seed.DEFAULT_CLIENT_ID and claims["nonce"] == agent.nonce


def test_unknown_fault_is_refused(sandbox):
    """A typo in a fault name fails loudly."""
    with pytest.raises(ValueError):
        sandbox.set_id_token_fault("bad_sig")
