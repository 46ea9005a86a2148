"""Who is calling Graph, and whether their token lets them do what they ask.

Every Graph call presents a bearer access token issued by the sandbox. It is checked as Graph
checks it: RS256 signature with a key the sandbox signed with (current or rotated out, so tokens
outlive a key rollover until they expire), audience Graph, `nbf`/`exp` against the sandbox clock,
issued since the sandbox's last reset (the `uti` carries the reset epoch), and not revoked.
Revoked means the user's sessions were revoked (`revoke_refresh_tokens(oid)`) at or after the
token's `iat`: Graph enforces such critical events at once through continuous access evaluation.
`iat` has whole seconds, so a token issued in the very second of a revocation counts as revoked
(fail closed). Signature checks are cached per token; time, revocation and the
user's existence are checked on every call.
"""

import base64
import binascii
import json
import threading
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from flask import current_app, g, request

from ..directory.models import User
from ..directory.scopes import GRAPH_APP_ID
from ..identity.signing_keys import KeyRing
from ..identity.tokens import issued_since_reset
from ..web import get_sandbox
from . import errors
from .errors import GraphError

AUDIENCES = (GRAPH_APP_ID, "https://graph.microsoft.com", "https://graph.microsoft.com/")
EXTENSION_KEY = "microsoft_sandbox_graph_tokens"
CACHE_LIMIT = 4096


@dataclass(frozen=True)
class Permission:
    """The permissions that allow one kind of call; any one of a tuple is enough.

    `own` applies to the signed-in user's own data, `others` to another user's (which must also
    be shared with them), `app` to app-only tokens (application permissions, in `roles`).
    """

    own: tuple[str, ...]
    others: tuple[str, ...] = ()
    app: tuple[str, ...] = ()


PROFILE = Permission(own=("User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All"),
                     others=("User.ReadBasic.All", "User.Read.All"),
                     app=("User.Read.All", "User.ReadBasic.All"))
MAIL_READ_BASIC = Permission(
    own=("Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite", "Mail.Read.Shared",
         "Mail.ReadWrite.Shared"),
    app=("Mail.ReadBasic.All", "Mail.Read", "Mail.ReadWrite"))
MAIL_READ = Permission(own=("Mail.Read", "Mail.ReadWrite", "Mail.Read.Shared",
                            "Mail.ReadWrite.Shared"), app=("Mail.Read", "Mail.ReadWrite"))
MAIL_WRITE = Permission(own=("Mail.ReadWrite", "Mail.ReadWrite.Shared"), app=("Mail.ReadWrite",))
MAIL_SEND = Permission(own=("Mail.Send", "Mail.Send.Shared"), app=("Mail.Send",))
CALENDAR_READ = Permission(
    own=("Calendars.Read", "Calendars.ReadWrite", "Calendars.Read.Shared",
         "Calendars.ReadWrite.Shared"),
    others=("Calendars.Read.Shared", "Calendars.ReadWrite.Shared"),
    app=("Calendars.Read", "Calendars.ReadWrite"))
CALENDAR_WRITE = Permission(own=("Calendars.ReadWrite", "Calendars.ReadWrite.Shared"),
                            others=("Calendars.ReadWrite.Shared",), app=("Calendars.ReadWrite",))


@dataclass(frozen=True)
class Caller:
    """The verified token behind a request: its user (None for app-only), app and permissions."""

    claims: dict
    user: User | None
    tenant_id: str
    client_id: str
    scopes: frozenset[str]
    roles: frozenset[str]

    def require(self, permission: Permission, owner: User | None = None) -> None:
        """Demand `permission` for data owned by `owner` (the caller when None).

        :raise GraphError: 403 ErrorAccessDenied when the token lacks every allowing permission.
        """
        if self.user is None:
            allowed = permission.app and self.roles.intersection(permission.app)
        elif owner is None or owner.oid == self.user.oid:
            allowed = self.scopes.intersection(permission.own)
        else:
            allowed = self.scopes.intersection(permission.others)
        if not allowed:
            raise errors.access_denied()


def _unb64(segment: str) -> bytes:
    """Decode base64url with or without padding."""
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


class TokenVerifier:
    """Signature checks, remembered per token so repeated calls cost a dictionary lookup."""

    def __init__(self):
        """An empty cache; it is cleared whole when it grows past CACHE_LIMIT."""
        self._lock = threading.Lock()
        self._verified: dict[str, tuple[str, dict]] = {}

    def signed_claims(self, token: str, keys: KeyRing) -> dict:
        """The claims of a token whose signature one of the sandbox's keys verifies.

        :raise GraphError: 401 InvalidAuthenticationToken for anything malformed or unsigned.
        """
        with self._lock:
            hit = self._verified.get(token)
        if hit is not None:
            kid, claims = hit
            if keys.verification_key(kid) is None:  # the sandbox was reset since
                raise _invalid(errors.VALIDATION_FAILURE)
            return claims
        kid, claims = _verify_signature(token, keys)
        with self._lock:
            if len(self._verified) >= CACHE_LIMIT:
                self._verified.clear()
            self._verified[token] = (kid, claims)
        return claims


def _invalid(message: str) -> GraphError:
    """401 InvalidAuthenticationToken with Graph's wording."""
    return GraphError(401, "InvalidAuthenticationToken", message)


def _verify_signature(token: str, keys: KeyRing) -> tuple[str, dict]:
    """Check an RS256 compact JWS against the current and retired keys; return kid and claims.

    :raise GraphError: 401 for a malformed token, another algorithm, an unknown kid or a bad
        signature.
    """
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = json.loads(_unb64(header_b64))
        claims = json.loads(_unb64(payload_b64))
        signature = _unb64(signature_b64)
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError) as exc:
        raise _invalid("IDX14100: JWT is not well formed.") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise _invalid("IDX14100: JWT is not well formed.")
    key = keys.verification_key(header.get("kid"))
    if header.get("alg") != "RS256" or key is None:
        raise _invalid(errors.VALIDATION_FAILURE)
    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    try:
        key.private_key.public_key().verify(signature, signing_input, padding.PKCS1v15(),
                                            hashes.SHA256())
    except InvalidSignature as exc:
        raise _invalid(errors.VALIDATION_FAILURE) from exc
    return header["kid"], claims


def _check_claims(claims: dict, now: float) -> None:
    """Audience, then validity window, with no leeway (tests move the sandbox clock instead).

    :raise GraphError: 401 InvalidAuthenticationToken.
    """
    if claims.get("aud") not in AUDIENCES:
        raise _invalid(errors.INVALID_AUDIENCE)
    exp, nbf = claims.get("exp"), claims.get("nbf", 0)
    if not isinstance(exp, int | float) or not isinstance(nbf, int | float):
        raise _invalid(errors.VALIDATION_FAILURE)
    if now >= exp or now < nbf:
        raise _invalid(errors.EXPIRED_OR_NOT_YET_VALID)
    if not isinstance(claims.get("tid"), str):
        raise _invalid(errors.VALIDATION_FAILURE)


def _verifier() -> TokenVerifier:
    """The app's verifier, made on first use."""
    return current_app.extensions.setdefault(EXTENSION_KEY, TokenVerifier())


def _bearer() -> str:
    """The raw bearer token of the request.

    :raise GraphError: 401 when there is none.
    """
    auth = request.headers.get("Authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _invalid(errors.EMPTY_BEARER)
    return token.strip()


def caller() -> Caller:
    """The verified caller of this request, checked once per request.

    :raise GraphError: 401 InvalidAuthenticationToken for any failed check.
    """
    if "graph_caller" in g:
        return g.graph_caller
    sandbox = get_sandbox()
    claims = _verifier().signed_claims(_bearer(), sandbox.keys)
    _check_claims(claims, sandbox.clock.now())
    if not issued_since_reset(claims, sandbox.reset_epoch):
        raise _invalid(errors.VALIDATION_FAILURE)
    user = None
    if "scp" in claims:
        user = sandbox.user(claims.get("oid"))
        if user is None or user.tenant_id != claims["tid"]:
            raise _invalid(errors.VALIDATION_FAILURE)
        revoked_at = sandbox.tokens_valid_from.get(user.oid)
        if revoked_at is not None and claims.get("iat", 0) <= revoked_at:
            raise _invalid(errors.CAE_REVOKED)
    g.graph_caller = Caller(
        claims=claims, user=user, tenant_id=claims["tid"], client_id=claims.get("appid", ""),
        scopes=frozenset(str(claims.get("scp", "")).split()),
        roles=frozenset(r for r in claims.get("roles", []) if isinstance(r, str)),
    )
    return g.graph_caller


def bearer_client_id() -> str | None:
    """The `appid` of a valid-looking bearer token, for counting requests; never raises."""
    try:
        claims = _verifier().signed_claims(_bearer(), get_sandbox().keys)
    except GraphError:
        return None
    appid = claims.get("appid") or claims.get("azp")
    return appid if isinstance(appid, str) else None
