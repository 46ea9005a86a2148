"""The sandbox's whole mutable state behind one lock, resettable to the seed.

Views, the test knobs and `SandboxServer` all go through this object (found at
`app.extensions["microsoft_sandbox"]`), so tests can inspect and steer the same state the
HTTP endpoints, the portal and Graph use.
"""

import copy
import secrets
import threading
from collections.abc import Callable

from .clock import Clock
from .directory import seed
from .directory.app_registry import RegistrationState
from .directory.consent_book import ConsentState
from .directory.models import (
    AppRegistration,
    AuthorizationCode,
    AuthorizationRequest,
    RefreshToken,
    Tenant,
    User,
)
from .graph.store import GraphStore
from .identity import tokens
from .identity.aadsts_errors import AadstsError, format_timestamp
from .identity.signing_keys import KeyRing
from .knobs.id_token_faults import FAULTS
from .knobs.traffic import EndpointFaults

CODE_LIFETIME = 600
REFRESH_LIFETIME = 90 * 24 * 3600
PENDING_LIFETIME = 3600


class Sandbox(ConsentState, RegistrationState):
    """Tenants, users, app registrations, grants, codes, refresh tokens, keys and knobs.

    Tenant-wide consent and admin consent requests come from `ConsentState`; creating and
    editing registrations (the portal's half) from `RegistrationState`.
    """

    def __init__(self, clock: Clock | None = None):
        """Build the seed state; the signing key is generated here, once per sandbox."""
        self._lock = threading.RLock()
        self.clock = clock or Clock()
        self.keys = KeyRing()
        self._counts: dict[str, dict[str, int]] = {}
        # Added latency and forced statuses per endpoint (cleared by reset).
        self.faults = EndpointFaults()
        self.reset()

    def reset(self) -> None:
        """Return to the seed: directory, keys, clock offset, grants, tokens, faults, counts.

        The seed key comes back, so a new reset epoch is what voids the access tokens issued
        before: Graph accepts only tokens whose `uti` carries the current epoch.
        """
        with self._lock:
            self.clock.reset()
            self.keys.reset()
            self.reset_epoch = tokens.new_epoch()
            self.tenants = seed.seed_tenants()
            self.users = seed.seed_users()
            self.apps = seed.seed_apps(self.clock.now())
            self.grants: dict[tuple[str, str], list[str]] = {}
            self._reset_consents()
            self.pending: dict[str, AuthorizationRequest] = {}
            self.codes: dict[str, AuthorizationCode] = {}
            self.refresh_tokens: dict[str, RefreshToken] = {}
            self.tokens_valid_from: dict[str, float] = {}
            self._fault: str | None = None
            self._token_override: dict | None = None
            self._counts = {}
            self.faults.clear()
            # Graph's mailboxes, seeded on first use around this moment of the sandbox clock.
            self.graph = GraphStore(self.clock.now(), self.list_users)

    # -- directory ---------------------------------------------------------------------------

    def tenant(self, tenant_id: str | None) -> Tenant | None:
        """The tenant with this id, or None."""
        with self._lock:
            return self.tenants.get(tenant_id) if tenant_id else None

    def user(self, oid: str | None) -> User | None:
        """The user with this oid, or None."""
        with self._lock:
            return self.users.get(oid) if oid else None

    def list_users(self) -> list[User]:
        """All users, in seed order (the account picker's order)."""
        with self._lock:
            return list(self.users.values())

    def tenant_domains(self, tenant_id: str) -> list[str]:
        """A tenant's domains, lower-cased (empty for an unknown tenant)."""
        with self._lock:
            tenant = self.tenants.get(tenant_id)
            return [d.lower() for d in tenant.domains] if tenant else []

    def user_by_login(self, login: str | None) -> User | None:
        """The user whose UPN or mail equals `login`, ignoring case (for login_hint)."""
        if not login:
            return None
        wanted = login.strip().lower()
        with self._lock:
            for user in self.users.values():
                if wanted in (user.upn.lower(), user.mail.lower()):
                    return user
        return None

    def app(self, client_id: str | None) -> AppRegistration | None:
        """The app registration with this client id, or None."""
        with self._lock:
            return self.apps.get((client_id or "").lower())

    def add_redirect_uri(self, client_id: str, uri: str) -> None:
        """Register one more exact redirect URI (tests run the app on ephemeral ports).

        :raise KeyError: for an unknown client id.
        """
        with self._lock:
            app = self.apps[client_id.lower()]
            if uri not in app.redirect_uris:
                app.redirect_uris.append(uri)

    # -- consent -----------------------------------------------------------------------------

    def granted_scopes(self, oid: str, client_id: str) -> list[str]:
        """What this user has consented to for this app so far."""
        with self._lock:
            return list(self.grants.get((oid, client_id), []))

    def record_grant(self, oid: str, client_id: str, scopes: list[str]) -> list[str]:
        """Add scopes to the user's grant for the app (a union) and return the whole grant."""
        with self._lock:
            grant = self.grants.setdefault((oid, client_id), [])
            grant.extend(s for s in scopes if s not in grant)
            return list(grant)

    # -- authorize requests in progress ------------------------------------------------------

    def park_request(self, request: AuthorizationRequest) -> None:
        """Keep an authorize request while the user signs in, dropping stale ones."""
        with self._lock:
            cutoff = self.clock.now() - PENDING_LIFETIME
            self.pending = {k: v for k, v in self.pending.items() if v.created_at > cutoff}
            self.pending[request.ctx] = request

    def pending_request(self, ctx: str, browser_id: str) -> AuthorizationRequest | None:
        """The parked request, only for the browser that started it."""
        with self._lock:
            request = self.pending.get(ctx or "")
            if request is None or request.browser_id != browser_id:
                return None
            return request

    def client_of_request(self, ctx: str) -> str | None:
        """The client id of a parked request, for counting the sign-in pages per app."""
        with self._lock:
            request = self.pending.get(ctx)
            return request.client_id if request else None

    def finish_request(self, ctx: str) -> None:
        """Forget a parked request once it has been answered."""
        with self._lock:
            self.pending.pop(ctx, None)

    # -- codes and refresh tokens ------------------------------------------------------------

    def issue_code(self, record: AuthorizationCode) -> str:
        """Store a new authorization code and return it."""
        with self._lock:
            self.codes[record.code] = record
            return record.code

    def redeem_code(self, code: str, check: Callable[[AuthorizationCode], None]):
        """Atomically find, check and use up a code; `check` raises to refuse it unused.

        :raise AadstsError: 9002313 unknown, 54005 already redeemed, 70008 expired.
        """
        with self._lock:
            record = self.codes.get(code)
            if record is None:
                raise AadstsError(9002313)
            if record.redeemed:
                raise AadstsError(54005)
            if self.clock.now() > record.issued_at + CODE_LIFETIME:
                raise AadstsError(70008)
            check(record)
            record.redeemed = True
            return copy.deepcopy(record)

    def new_refresh_token(self, **fields) -> str:
        """Mint and store an opaque refresh token."""
        token = "1.A" + secrets.token_urlsafe(96)
        with self._lock:
            self.refresh_tokens[token] = RefreshToken(
                token=token, issued_at=self.clock.now(), **fields
            )
        return token

    def use_refresh_token(self, token: str, client_id: str) -> RefreshToken:
        """Check a refresh token presented by `client_id` and return its record.

        :raise AadstsError: 9002313 unknown or another app's, 50173 revoked, 700082 expired.
        """
        with self._lock:
            record = self.refresh_tokens.get(token)
            if record is None or record.client_id != client_id:
                raise AadstsError(9002313)
            now = self.clock.now()
            if record.revoked:
                valid_from = self.tokens_valid_from.get(record.oid, now)
                raise AadstsError(50173, {
                    "issued": format_timestamp(record.issued_at),
                    "valid_from": format_timestamp(valid_from),
                })
            if now > record.issued_at + REFRESH_LIFETIME:
                days = int((now - record.issued_at) // 86400)
                raise AadstsError(700082, {
                    "issued": format_timestamp(record.issued_at), "days": days,
                })
            return copy.deepcopy(record)

    def revoke_refresh_tokens(self, user_oid: str) -> int:
        """Revoke every refresh token of a user (as a password reset would); return how many."""
        with self._lock:
            self.tokens_valid_from[user_oid] = self.clock.now()
            revoked = [t for t in self.refresh_tokens.values() if t.oid == user_oid]
            for record in revoked:
                record.revoked = True
            return len(revoked)

    # -- knobs -------------------------------------------------------------------------------

    def rotate_keys(self) -> str:
        """Sign with a new key from now on and drop the old one; return the new kid."""
        return self.keys.rotate().kid

    def set_id_token_fault(self, name: str | None) -> None:
        """Make the next id_token defective in the named way (None clears it).

        :raise ValueError: for a fault name the sandbox does not know.
        """
        if name is not None and name not in FAULTS:
            raise ValueError(f"unknown id_token fault {name!r}; known: {sorted(FAULTS)}")
        with self._lock:
            self._fault = name

    def take_id_token_fault(self) -> str | None:
        """Return the pending fault and clear it: a fault applies to one id_token only."""
        with self._lock:
            fault, self._fault = self._fault, None
            return fault

    def set_token_response_override(self, fields: dict | None) -> None:
        """Put these fields, as given, into the next token response (None clears it): how a
        test shows a client a response Microsoft could send but the seed never does."""
        if fields is not None and not isinstance(fields, dict):
            raise ValueError("fields must be a JSON object or null")
        with self._lock:
            self._token_override = dict(fields) if fields is not None else None

    def take_token_response_override(self) -> dict:
        """The pending override, cleared: it applies to one token response only."""
        with self._lock:
            fields, self._token_override = self._token_override, None
            return fields or {}

    def count_request(self, endpoint: str, client_id: str | None) -> None:
        """Count one request received, per endpoint and per client id ('-' when none)."""
        with self._lock:
            per_client = self._counts.setdefault(endpoint, {})
            key = client_id or "-"
            per_client[key] = per_client.get(key, 0) + 1

    def request_counts(self) -> dict[str, dict[str, int]]:
        """A copy of the counts: {endpoint: {client_id or '-': n}}."""
        with self._lock:
            return copy.deepcopy(self._counts)

    def request_totals(self) -> dict[str, int]:
        """Requests per endpoint, whichever client sent them: {endpoint: n}."""
        with self._lock:
            return {endpoint: sum(by_client.values())
                    for endpoint, by_client in self._counts.items()}

    def reset_counts(self) -> None:
        """Start counting from zero."""
        with self._lock:
            self._counts = {}
