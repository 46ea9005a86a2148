"""Building and signing the id_token and the Graph access token.

Claims follow Microsoft's v2.0 id_token reference; the access token is a JWT the sandbox's
Graph half verifies (real Graph tokens are opaque to clients, which must not parse them).
Every token's `uti` starts with the sandbox's reset epoch, so Graph refuses tokens issued
before the last reset even though reset() restores the same signing key (generating a new
RSA key on every reset would make each test wait for it).
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from ..directory.models import AppRegistration, User
from ..directory.scopes import GRAPH_APP_ID, graph_scopes
from ..knobs.id_token_faults import FAULTS, TokenDraft
from . import jws
from .signing_keys import KeyRing, b64url

ID_TOKEN_LIFETIME = 3600
ACCESS_TOKEN_LIFETIME = 3599
# Six bytes are exactly eight base64url characters, so the epoch is a clean `uti` prefix.
EPOCH_BYTES = 6
_PAIRWISE_SALT = "microsoft-sandbox-pairwise-v1"


def pairwise_sub(oid: str, client_id: str) -> str:
    """A subject stable per user and app and different across apps, as Microsoft's is."""
    digest = hashlib.sha256(f"{_PAIRWISE_SALT}:{oid}:{client_id}".encode()).digest()
    return b64url(digest)[:43]


def new_epoch() -> bytes:
    """A fresh reset epoch: random bytes every token issued until the next reset carries."""
    return secrets.token_bytes(EPOCH_BYTES)


def new_uti(epoch: bytes) -> str:
    """A unique token identifier shaped like Microsoft's `uti` (22 characters), whose first
    eight characters spell the reset epoch it was issued in."""
    return b64url(epoch + secrets.token_bytes(16 - EPOCH_BYTES))


def issued_since_reset(claims: dict, epoch: bytes) -> bool:
    """Whether a token's `uti` names this reset epoch: a token from before a reset is void,
    as the directory it was issued from is gone."""
    uti = claims.get("uti")
    return isinstance(uti, str) and uti.startswith(b64url(epoch))


@dataclass(frozen=True)
class Issuer:
    """What every token signed for one response shares: keys, origin, time, reset epoch."""

    keys: KeyRing
    base_url: str
    now: float
    epoch: bytes


def _signed(issuer: Issuer, claims: dict, fault: str | None = None) -> str:
    """Sign claims with the current key, first letting `fault` (one of faults.FAULTS) break
    the draft; a fault that removed the key leaves the token unsigned."""
    key = issuer.keys.current
    draft = TokenDraft({"typ": "JWT", "alg": "RS256", "kid": key.kid}, claims, key, issuer.now)
    if fault:
        FAULTS[fault](draft, issuer.keys)
    if draft.key is None:
        return jws.unsigned(draft.header, draft.claims)
    return jws.sign_rs256(draft.header, draft.claims, draft.key.private_key)


def _time_claims(now: float, lifetime: int) -> dict:
    """`iat`, `nbf` and `exp` as integers."""
    return {"iat": int(now), "nbf": int(now), "exp": int(now) + lifetime}


def id_token(issuer: Issuer, *, app: AppRegistration, user: User, scopes: list[str],
             nonce: str | None, session_id: str, auth_time: float | None = None,
             fault: str | None = None) -> str:
    """Sign an id_token for `user`, applying `fault` (one of faults.FAULTS) if given;
    `auth_time` (OIDC Core, required when the request had max_age) when given."""
    claims = {
        "ver": "2.0",
        "iss": f"{issuer.base_url}/{user.tenant_id}/v2.0",
        "sub": pairwise_sub(user.oid, app.client_id),
        "aud": app.client_id,
        **_time_claims(issuer.now, ID_TOKEN_LIFETIME),
        "tid": user.tenant_id,
        "sid": session_id,
        "uti": new_uti(issuer.epoch),
    }
    if "profile" in scopes:
        claims.update(name=user.display_name, preferred_username=user.upn, oid=user.oid)
    if "email" in scopes and user.mail:
        claims["email"] = user.mail
        # An optional claim, sent only to apps that added it under Token configuration. Seeded
        # tenants own their domains, so it is true; personal accounts never carry it (their
        # emails count as verified anyway).
        if not user.is_personal and "xms_edov" in app.optional_claims:
            claims["xms_edov"] = True
    if auth_time is not None:
        claims["auth_time"] = int(auth_time)
    if nonce is not None:
        claims["nonce"] = nonce
    return _signed(issuer, claims, fault)


def access_token(issuer: Issuer, *, app: AppRegistration, user: User,
                 scopes: list[str]) -> str:
    """Sign a Graph access token carrying the delegated scopes in `scp`."""
    claims = {
        "aud": GRAPH_APP_ID,
        "iss": f"{issuer.base_url}/{user.tenant_id}/v2.0",
        **_time_claims(issuer.now, ACCESS_TOKEN_LIFETIME),
        "appid": app.client_id,
        "app_displayname": app.display_name,
        "idtyp": "user",
        "name": user.display_name,
        "given_name": user.given_name,
        "family_name": user.surname,
        "oid": user.oid,
        "scp": " ".join(graph_scopes(scopes)),
        "sub": pairwise_sub(user.oid, app.client_id),
        "tid": user.tenant_id,
        "unique_name": user.upn,
        "upn": user.upn,
        "uti": new_uti(issuer.epoch),
        "ver": "2.0",
    }
    return _signed(issuer, claims)


def service_principal_id(tenant_id: str, client_id: str) -> str:
    """The app's service principal object id in a tenant: stable per tenant and app."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox-sp:{tenant_id}:{client_id}"))


def app_access_token(issuer: Issuer, *, app: AppRegistration, tenant_id: str) -> str:
    """Sign an app-only Graph token (client credentials): no user, no `scp`.

    The sandbox registers no application permissions, so the token carries no `roles` and Graph
    answers it with 403, as Microsoft does for an app granted none.
    """
    principal = service_principal_id(tenant_id, app.client_id)
    claims = {
        "aud": GRAPH_APP_ID,
        "iss": f"{issuer.base_url}/{tenant_id}/v2.0",
        **_time_claims(issuer.now, ACCESS_TOKEN_LIFETIME),
        "appid": app.client_id,
        "app_displayname": app.display_name,
        "idtyp": "app",
        "oid": principal,
        "sub": principal,
        "tid": tenant_id,
        "uti": new_uti(issuer.epoch),
        "ver": "2.0",
    }
    return _signed(issuer, claims)
