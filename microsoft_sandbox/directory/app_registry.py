"""App registrations as the portal edits them: create, rename, audience, permissions, secrets,
publisher domain and verification.

Mixed into `Sandbox`, so registrations made in the portal are the very records authorize, token
and client_credentials use. Methods return copies; only these methods change a registration.
"""

import copy
import secrets
import string
import uuid

from .models import AppRegistration, ClientSecret, SignInAudience
from .scopes import GRAPH_PERMISSIONS, OIDC_SCOPES

DAY = 24 * 3600
# The portal's expiry choices: 6, 12 and 24 months, the longest Microsoft allows.
SECRET_LIFETIME_DAYS = {180: "180 days (6 months)", 365: "365 days (12 months)",
                        730: "730 days (24 months)"}
_SECRET_HEAD = string.ascii_letters + string.digits
_SECRET_TAIL = _SECRET_HEAD + "._~-"
DEFAULT_PERMISSIONS = ("User.Read",)
# The portal's limit on an application's display name.
NAME_MAX_LENGTH = 120
# ID token optional claims the portal offers, with the portal's descriptions. `email` is also sent
# for the `email` scope; `xms_edov` is sent beside `email` only when added here.
OPTIONAL_CLAIMS = {
    "email": "The addressable email for this user, if the user has one",
    "xms_edov": "Whether the owner of the user's email domain is verified",
}


def new_secret_value() -> str:
    """40 characters with Azure's `Q~` marker after the first three, as real values have."""
    head = "".join(secrets.choice(_SECRET_HEAD) for _ in range(3))
    tail = "".join(secrets.choice(_SECRET_TAIL) for _ in range(35))
    return f"{head}Q~{tail}"


def checked_name(display_name: str | None) -> str:
    """An application name, trimmed.

    :raise ValueError: when it is empty or longer than the portal allows.
    """
    name = (display_name or "").strip()
    if not name:
        raise ValueError("The application name is required.")
    if len(name) > NAME_MAX_LENGTH:
        raise ValueError(f"The application name must be {NAME_MAX_LENGTH} characters or "
                         "fewer.")
    return name


def known_permission(name: str) -> bool:
    """Whether the portal can add this Microsoft Graph delegated permission."""
    return name in GRAPH_PERMISSIONS or name in OIDC_SCOPES


class RegistrationState:
    """Creating and editing app registrations (a mixin of `Sandbox`)."""

    def _live_app(self, client_id: str) -> AppRegistration:
        """The stored registration (call with the lock held).

        :raise KeyError: for an unknown client id.
        """
        return self.apps[(client_id or "").lower()]

    def register_app(self, display_name: str, sign_in_audience: SignInAudience | str,
                     home_tenant_id: str, redirect_uris: tuple[str, ...] | list[str] = (),
                     required_scopes: tuple[str, ...] | list[str] = DEFAULT_PERMISSIONS,
                     ) -> AppRegistration:
        """Register a new app, unverified, with User.Read as the portal adds by default.

        :raise KeyError: for an unknown home tenant.
        :raise ValueError: for an empty or overlong name, an unknown audience or permission.
        """
        name = checked_name(display_name)
        unknown = [p for p in required_scopes if not known_permission(p)]
        if unknown:
            raise ValueError(f"Unknown permission: {', '.join(unknown)}")
        with self._lock:
            tenant = self.tenants[home_tenant_id]
            app = AppRegistration(
                client_id=str(uuid.uuid4()), display_name=name, publisher_name="",
                publisher_verified=False, sign_in_audience=SignInAudience(sign_in_audience),
                home_tenant_id=tenant.tenant_id, redirect_uris=list(redirect_uris),
                required_scopes=list(required_scopes), publisher_domain=tenant.initial_domain,
                object_id=str(uuid.uuid4()), created_at=self.clock.now(),
            )
            self.apps[app.client_id] = app
            return copy.deepcopy(app)

    def apps_in_tenant(self, tenant_id: str) -> list[AppRegistration]:
        """Copies of the registrations whose home is this tenant, by name."""
        with self._lock:
            apps = [a for a in self.apps.values() if a.home_tenant_id == tenant_id]
            return copy.deepcopy(sorted(apps, key=lambda a: a.display_name.lower()))

    def update_app(self, client_id: str, *, display_name: str | None = None,
                   sign_in_audience: SignInAudience | str | None = None) -> None:
        """Rename an app or change its supported account types.

        :raise KeyError: for an unknown client id.
        :raise ValueError: for an empty or overlong name or an unknown audience.
        """
        name = checked_name(display_name) if display_name is not None else None
        with self._lock:
            app = self._live_app(client_id)
            if name is not None:
                app.display_name = name
            if sign_in_audience is not None:
                app.sign_in_audience = SignInAudience(sign_in_audience)

    def set_optional_claim(self, client_id: str, claim: str, present: bool = True) -> None:
        """Add an ID token optional claim to an app (Token configuration), or remove it.

        :raise KeyError: for an unknown client id.
        :raise ValueError: for a claim the portal does not offer.
        """
        if claim not in OPTIONAL_CLAIMS:
            raise ValueError(f"Unknown optional claim: {claim}")
        with self._lock:
            app = self._live_app(client_id)
            if present and claim not in app.optional_claims:
                app.optional_claims.append(claim)
            elif not present and claim in app.optional_claims:
                app.optional_claims.remove(claim)

    def remove_redirect_uri(self, client_id: str, uri: str) -> bool:
        """Unregister one redirect URI; False when it was not registered."""
        with self._lock:
            app = self._live_app(client_id)
            if uri not in app.redirect_uris:
                return False
            app.redirect_uris.remove(uri)
            return True

    def set_permissions(self, client_id: str, add: list[str] = (), remove: list[str] = (),
                        ) -> list[str]:
        """Add and remove configured delegated permissions; returns the new list.

        :raise KeyError: for an unknown client id.
        :raise ValueError: for a permission the sandbox does not know.
        """
        unknown = [p for p in add if not known_permission(p)]
        if unknown:
            raise ValueError(f"Unknown permission: {', '.join(unknown)}")
        with self._lock:
            app = self._live_app(client_id)
            app.required_scopes.extend(p for p in add if p not in app.required_scopes)
            app.required_scopes = [p for p in app.required_scopes if p not in remove]
            return list(app.required_scopes)

    def add_secret(self, client_id: str, description: str, days: int) -> ClientSecret:
        """"New client secret": a fresh value and Secret ID, expiring by the sandbox clock.

        :raise KeyError: for an unknown client id.
        :raise ValueError: for a lifetime the portal does not offer.
        """
        if days not in SECRET_LIFETIME_DAYS:
            raise ValueError("Choose an expiry of 180, 365 or 730 days.")
        with self._lock:
            app = self._live_app(client_id)
            secret = ClientSecret(secret_id=str(uuid.uuid4()), value=new_secret_value(),
                                  description=(description or "").strip()[:100],
                                  expires_at=self.clock.now() + days * DAY)
            app.secrets.append(secret)
            return copy.deepcopy(secret)

    def delete_secret(self, client_id: str, secret_id: str) -> bool:
        """Delete a secret by its Secret ID; False when there is none."""
        with self._lock:
            app = self._live_app(client_id)
            kept = [s for s in app.secrets if s.secret_id != secret_id]
            removed = len(kept) != len(app.secrets)
            app.secrets = kept
            return removed

    def expire_secret(self, client_id: str, secret_id: str | None = None) -> int:
        """Make one secret (or all of an app's) expired now; returns how many.

        :raise KeyError: for an unknown client id or Secret ID.
        """
        with self._lock:
            app = self._live_app(client_id)
            chosen = [s for s in app.secrets if secret_id in (None, s.secret_id)]
            if secret_id is not None and not chosen:
                raise KeyError(secret_id)
            for secret in chosen:
                secret.expires_at = self.clock.now() - 1
            return len(chosen)

    def set_publisher_domain(self, client_id: str, domain: str) -> None:
        """Record a publisher domain proven by its association file.

        A different domain drops publisher verification, which was tied to the old one.
        """
        with self._lock:
            app = self._live_app(client_id)
            if app.publisher_domain != domain:
                app.publisher_verified, app.partner_id, app.publisher_name = False, None, ""
            app.publisher_domain, app.publisher_domain_verified = domain, True

    def verify_publisher(self, client_id: str, partner_id: str, publisher_name: str) -> None:
        """Mark the publisher verified under a Partner Global Account id.

        :raise ValueError: when no publisher domain has been verified yet.
        """
        with self._lock:
            app = self._live_app(client_id)
            if not app.publisher_domain_verified:
                raise ValueError("Verify a publisher domain before adding a Partner Global "
                                 "Account ID.")
            app.partner_id, app.publisher_name = partner_id, publisher_name
            app.publisher_verified = True
