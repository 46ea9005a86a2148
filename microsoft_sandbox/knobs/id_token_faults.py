"""Deliberately broken id_tokens, one per check a relying party must make.

A fault edits a token draft (header, claims, signing key) just before signing. Each one breaks
exactly one thing, so a client test that still signs the user in points at exactly one missing
check. See rp-security.md for the cases these mirror.
"""

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from ..identity.signing_keys import KeyRing, SigningKey, b64url

HOUR = 3600


@dataclass
class TokenDraft:
    """A token about to be signed; `key` None means an unsigned (`alg: none`) token."""

    header: dict
    claims: dict
    key: SigningKey | None
    now: float


def _base_of(claims: dict) -> str:
    """Recover the sandbox base URL from a well-formed `iss` (`{base}/{tid}/v2.0`)."""
    return claims["iss"][: -len(f"/{claims['tid']}/v2.0")]


def _bad_signature(draft: TokenDraft, keys: KeyRing) -> None:
    """Sign with an unpublished key while claiming the published kid."""
    draft.key = keys.foreign()


def _alg_none(draft: TokenDraft, keys: KeyRing) -> None:
    """No signature at all, announced as `alg: none`."""
    draft.header = {"alg": "none", "typ": "JWT"}
    draft.key = None


def _wrong_audience(draft: TokenDraft, keys: KeyRing) -> None:
    """Issued to another client."""
    draft.claims["aud"] = str(uuid.uuid4())


def _missing_audience(draft: TokenDraft, keys: KeyRing) -> None:
    """No `aud` at all."""
    draft.claims.pop("aud", None)


def _wrong_issuer(draft: TokenDraft, keys: KeyRing) -> None:
    """An issuer on another host, with the right tenant in it."""
    draft.claims["iss"] = f"https://evil.example/{draft.claims['tid']}/v2.0"


def _tid_mismatch(draft: TokenDraft, keys: KeyRing) -> None:
    """`iss` names a different tenant from `tid` (the multi-tenant issuer trap)."""
    draft.claims["iss"] = f"{_base_of(draft.claims)}/{uuid.uuid4()}/v2.0"


def _expired(draft: TokenDraft, keys: KeyRing) -> None:
    """Issued two hours ago, expired an hour ago."""
    draft.claims["iat"] = draft.claims["nbf"] = int(draft.now - 2 * HOUR)
    draft.claims["exp"] = int(draft.now - HOUR - 60)


def _missing_exp(draft: TokenDraft, keys: KeyRing) -> None:
    """No expiry claim."""
    draft.claims.pop("exp", None)


def _missing_iat(draft: TokenDraft, keys: KeyRing) -> None:
    """No issued-at claim (REQUIRED by OpenID Connect Core, section 2)."""
    draft.claims.pop("iat", None)


def _missing_issuer(draft: TokenDraft, keys: KeyRing) -> None:
    """No `iss` claim (REQUIRED by OpenID Connect Core, section 2)."""
    draft.claims.pop("iss", None)


def _missing_sub(draft: TokenDraft, keys: KeyRing) -> None:
    """No `sub` claim (REQUIRED by OpenID Connect Core, section 2)."""
    draft.claims.pop("sub", None)


def _nbf_future(draft: TokenDraft, keys: KeyRing) -> None:
    """Not valid for another hour."""
    draft.claims["nbf"] = int(draft.now + HOUR)
    draft.claims["exp"] = int(draft.now + 2 * HOUR)


def _nonce_mismatch(draft: TokenDraft, keys: KeyRing) -> None:
    """A nonce other than the one the client sent."""
    draft.claims["nonce"] = secrets.token_urlsafe(16)


def _missing_nonce(draft: TokenDraft, keys: KeyRing) -> None:
    """No nonce claim."""
    draft.claims.pop("nonce", None)


def _unknown_kid(draft: TokenDraft, keys: KeyRing) -> None:
    """Signed by an unpublished key under a random kid the JWKS never lists."""
    draft.key = keys.foreign()
    draft.header["kid"] = b64url(secrets.token_bytes(20))


def _no_kid(draft: TokenDraft, keys: KeyRing) -> None:
    """No kid header; still signed by the current (single published) key, so valid."""
    draft.header.pop("kid", None)


def _bad_tid(draft: TokenDraft, keys: KeyRing) -> None:
    """A `tid` that is not a GUID, with a matching `iss`, so only a GUID check catches it."""
    base = _base_of(draft.claims)
    draft.claims["tid"] = "contoso.com"
    draft.claims["iss"] = f"{base}/contoso.com/v2.0"


FAULTS: dict[str, Callable[[TokenDraft, KeyRing], None]] = {
    "bad_signature": _bad_signature,
    "alg_none": _alg_none,
    "wrong_audience": _wrong_audience,
    "missing_audience": _missing_audience,
    "wrong_issuer": _wrong_issuer,
    "tid_mismatch": _tid_mismatch,
    "expired": _expired,
    "missing_exp": _missing_exp,
    "missing_iat": _missing_iat,
    "missing_issuer": _missing_issuer,
    "missing_sub": _missing_sub,
    "nbf_future": _nbf_future,
    "nonce_mismatch": _nonce_mismatch,
    "missing_nonce": _missing_nonce,
    "unknown_kid": _unknown_kid,
    "no_kid": _no_kid,
    "bad_tid": _bad_tid,
}
