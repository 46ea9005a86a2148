"""id_token validation, exactly as the security rules ask.

Authlib's own ``parse_id_token`` trusts the algorithms a discovery document lists and compares the
issuer literally, which fails on Microsoft's ``/common`` template. We keep Authlib for the OAuth
exchange and do the OpenID checks here, where each rejection has a reason that reaches the logs
(never the token itself).
"""

from __future__ import annotations

import hmac
import math
from dataclasses import dataclass

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from .metadata import GUID, TENANT_PLACEHOLDER, MetadataCache

ALLOWED_ALGORITHMS = ("RS256",)


class IdTokenError(ValueError):
    """The id_token failed a check; the message names which, for the logs."""


@dataclass(frozen=True)
class Identity:
    """Who signed in, as the validated id_token says."""

    tid: str
    oid: str
    name: str
    email: str
    claims: dict

    @property
    def username(self) -> str:
        """``preferred_username``: for display and as a ``login_hint``, never as a key."""
        return _text(self.claims.get("preferred_username"), 320)


def validate(raw: object, *, discovery: dict, keys: MetadataCache, client_id: str,
             nonce: str, now: float, leeway: int) -> Identity:
    """Check signature, algorithm, issuer, audience, times and nonce; return the identity.

    :raise IdTokenError: on the first failed check.
    """
    if not isinstance(raw, str) or raw.count(".") != 2:
        raise IdTokenError("no id_token in the token response")
    header = _header(raw)
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise IdTokenError(f"algorithm {alg!r} is not allowed")
    jwk = keys.signing_key(discovery["jwks_uri"], header.get("kid"))
    if jwk is None:
        raise IdTokenError("signing key is not in the provider's key set")
    try:
        claims = jwt.decode(raw, RSAKey.import_key(jwk), algorithms=list(ALLOWED_ALGORITHMS)).claims
    except (JoseError, ValueError) as exc:
        raise IdTokenError(f"signature check failed: {type(exc).__name__}") from exc
    _check_required(claims)
    _check_issuer(claims, discovery["issuer"])
    check_key_issuer(claims, jwk)
    _check_audience(claims, client_id)
    _check_times(claims, now, leeway)
    sent = claims.get("nonce")
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), nonce.encode()):
        raise IdTokenError("nonce does not match the one sent")
    oid = claims.get("oid")
    if not isinstance(oid, str) or not GUID.match(oid.lower()):
        raise IdTokenError("oid claim missing or not a GUID")
    return Identity(
        tid=claims["tid"].lower(),
        oid=oid.lower(),
        name=_text(claims.get("name"), 255),
        email=_text(claims.get("email") or claims.get("preferred_username"), 320),
        claims=claims,
    )


def _header(raw: str) -> dict:
    try:
        return dict(jws.extract_compact(raw.encode()).headers())
    except (JoseError, ValueError) as exc:
        raise IdTokenError("id_token is not a well-formed JWS") from exc


def _check_required(claims: dict) -> None:
    """Every claim OpenID Connect Core (section 2, "ID Token") makes REQUIRED, present.

    ``iss``, ``aud``, ``exp``, ``iat`` and ``nonce`` (we always send one) get their value checks
    below; ``sub`` has none to get (it is pairwise, and we key users on ``tid``/``oid``), so
    this is where its absence is caught.
    """
    for name in ("iss", "sub", "aud", "exp", "iat", "nonce"):
        value = claims.get(name)
        if value is None or value == "" or value == []:
            raise IdTokenError(f"required claim {name} is missing")
    if not isinstance(claims["sub"], str) or len(claims["sub"]) > 255:
        raise IdTokenError("sub claim is not a string of at most 255 characters")


def _check_issuer(claims: dict, template: str) -> None:
    """Microsoft's multi-tenant rule: put the token's tid into the template, then compare."""
    tid = claims.get("tid")
    if not isinstance(tid, str) or not GUID.match(tid):
        raise IdTokenError("tid claim missing or not a GUID")
    expected = template.replace(TENANT_PLACEHOLDER, tid)
    iss = claims.get("iss")
    if iss != expected or f"/{tid}/" not in expected:
        raise IdTokenError("issuer does not match the tenant the token names")
    if claims.get("ver") != "2.0":
        raise IdTokenError("not a v2.0 id_token")


def check_key_issuer(claims: dict, jwk: dict) -> None:
    """A key that names an issuer may sign only for it (``{tenantid}`` filled with ``tid``).

    Microsoft's common key set mixes keys of different issuers; without this check a key meant
    for one tenant (or for personal accounts) could vouch for a token naming another.
    """
    issuer = jwk.get("issuer")
    if issuer is None:
        return
    allowed = issuer.replace(TENANT_PLACEHOLDER, claims["tid"]) if isinstance(issuer, str) else None
    if allowed != claims["iss"]:
        raise IdTokenError("signing key belongs to another issuer")


def _check_audience(claims: dict, client_id: str) -> None:
    aud = claims.get("aud")
    if isinstance(aud, list):
        aud = aud[0] if len(aud) == 1 else None
    if aud != client_id:
        raise IdTokenError("audience is not this app")


def _check_times(claims: dict, now: float, leeway: int) -> None:
    exp, iat, nbf = claims.get("exp"), claims.get("iat"), claims.get("nbf")
    if not _number(exp) or not _number(iat):
        raise IdTokenError("exp or iat missing")
    if exp < now - leeway:
        raise IdTokenError("id_token expired")
    if iat > now + leeway or (nbf is not None and (not _number(nbf) or nbf > now + leeway)):
        raise IdTokenError("id_token not valid yet")


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: object, limit: int) -> str:
    """A display string cut to its column's size."""
    return value[:limit] if isinstance(value, str) else ""
