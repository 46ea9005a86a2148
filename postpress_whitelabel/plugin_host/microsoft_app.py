"""The Microsoft app behind sign-ins, as plugins may see it: which one is active, a sign-in a
plugin may start, and whether the app is installed in an organization.

The admin consent plugin needs these to name the app an administrator approves, to record which
credentials a consent was given under, to send an administrator to Microsoft's consent screen,
and to re-check an organization after its administrator says they approved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app, redirect
from flask_login import current_user

from .. import security
from ..errors.problem_pages import render_problem
from ..microsoft.metadata import GUID, DiscoveryError
from ..settings import checks, credentials
from ..settings.credentials import CredentialsNotConfigured
from ..signin import identity, pending_flows, scopes
from ..signin.redirect_uris import redirect_uris

log = logging.getLogger(__name__)
PROMPTS = frozenset({"consent", "login", "select_account"})
# AADSTS700016: the app has no service principal in that tenant (nobody consented there);
# AADSTS90002: there is no such tenant, so the app is not in it either.
NOT_INSTALLED = frozenset({700016, 90002})


@dataclass(frozen=True)
class ActiveApp:
    """The app new sign-ins use, as Microsoft's consent screens name it.

    ``source`` is ``default`` (postpress's app) or ``custom`` (the integrator's own);
    ``name`` and ``publisher_verified`` are None when this app cannot know them (a custom app's
    name and verification live in Entra); ``scopes`` are the permissions sign-ins request.
    """

    source: str
    client_id: str
    name: str | None
    publisher_verified: bool | None
    scopes: tuple[str, ...]


def active_app() -> ActiveApp | None:
    """The active credentials' app, or None when no credentials are configured."""
    try:
        creds = credentials.active()
    except CredentialsNotConfigured:
        return None
    wanted = tuple(scopes.requested())
    if creds.source == credentials.DEFAULT:
        # postpress's default app is registered by a verified publisher (design: the sandbox
        # preregisters it so, as Microsoft shows it).
        return ActiveApp(creds.source, creds.client_id, current_app.config["DEFAULT_APP_NAME"],
                         True, wanted)
    return ActiveApp(creds.source, creds.client_id, None, None, wanted)


def start_sign_in(next_url: str | None = None, *, prompt: str | None = None,
                  login_hint: str | None = None, domain_hint: str | None = None):
    """A redirect to Microsoft for an ordinary sign-in the core finishes (tokens, account,
    session), then to ``next_url``, a path on this site. ``prompt="consent"`` is for one
    deliberate trip (an administrator consenting for their organization), never every sign-in.

    :raise ValueError: for a prompt Microsoft does not document.
    """
    if prompt is not None and prompt not in PROMPTS:
        raise ValueError(f"unknown prompt {prompt!r}")
    params = {k: v for k, v in (("prompt", prompt), ("login_hint", login_hint),
                                ("domain_hint", domain_hint)) if v}
    try:
        creds = credentials.active()
        redirect_uri = redirect_uris()[0]
        wanted = scopes.requested()
        auth = identity.authorization_request(creds, identity.discovery(creds), redirect_uri,
                                              wanted, **params)
    except CredentialsNotConfigured:
        return render_problem("not_configured")
    except DiscoveryError as exc:
        log.warning("sign-in not started: %s", exc)
        return render_problem("microsoft_unreachable")
    pending_flows.start(kind="sign_in", creds=creds, auth=auth, redirect_uri=redirect_uri,
                        scopes=wanted, next_url=security.safe_next(next_url),
                        user_id=current_user.id if current_user.is_authenticated else None)
    return redirect(auth["url"], code=303)


def app_installed_in(tenant_id: str) -> bool | None:
    """Whether the active app is installed in a tenant: an app-only token request with the
    active credentials. None when Microsoft could not say (unreachable, or an answer other than
    "not installed" or "no such tenant"); False also for a tenant id that is not a GUID.

    Installed means someone consented there, which may be one person for themselves: it is
    evidence the app is in the organization, never of tenant-wide (admin) consent.
    """
    creds = credentials.active()
    if not GUID.match((tenant_id or "").lower()):
        return False
    result = checks.test(creds.client_id, creds.client_secret, tenant_id.lower())
    if result.ok:
        return True
    if result.error is not None and result.error.aadsts in NOT_INSTALLED:
        return False
    return None
