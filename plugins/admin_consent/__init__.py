"""Admin consent: what a person sees when their organization must approve the app first.

Takes over Microsoft's consent errors (admin approval, the admin consent workflow, risk-based
step-up, returning without consent) with an "Administrator approval required" page and the
guide's two methods, carries the admin consent trip on the hosted callback, records consent per
organization and credentials, and gives this app's admins an organizations page.
It imports only ``postpress_whitelabel.api``, the core's public API for plugins;
docs/admin-consent.md describes it.

Guesses where Microsoft's documentation is silent (UNCONFIRMED; the same list is in the doc):
leaving "Need admin approval" comes back as the same AADSTS65004 as a Cancel, so the person is
asked what they saw (``situations``); a cancelled admin consent is ``consent_required`` in the
docs and ``access_denied`` in captures, both are "not approved"; whether an administrator ticked
"Consent on behalf of your organization" is not told to the app, so their sign-in is recorded
only as "an administrator signed in from the approval page" (``admin_sign_in``); the shareable
link is this app's page because ``state`` is bound to one browser (``admin_message``); an
app-only token's AADSTS700016 or 90002 means "not installed" (``app_installed_in``); a person of
the organization, stopped before, who then signs in with every permission confirms tenant-wide
consent (``confirmations``).
"""

from pathlib import Path

from flask import redirect, url_for

from postpress_whitelabel.api import (
    MenuLink,
    connected_accounts,
    hookimpl,
    is_admin,
    microsoft_error,
)

from . import (  # noqa: F401 (admin_link, approval_pages, organization_pages: routes)
    admin_link,
    admin_sign_in,
    approval_pages,
    confirmations,
    organization_pages,
)
from .blueprint import bp
from .consent_book import record_event, remember_member
from .situations import sign_in_case


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "migrations"]


@hookimpl
def menu_links(user):
    if user is not None and is_admin(user):
        return [MenuLink("Organizations", url_for("admin_consent.organizations_page"))]
    return None


@hookimpl
def handle_oauth_error(error, flow):
    """Consent errors get the approval page (a known member's too: a policy may have changed
    since they last signed in); personal accounts and other errors do not. The organization is
    only ever the known account's, never anything the visitor sent."""
    case = sign_in_case(error)
    if case is None:
        return None
    account = next((a for a in connected_accounts() if a.id == flow.account_id), None)
    if account is not None and account.is_personal:
        return None
    event = record_event(case, error, client_id=flow.client_id,
                         credentials=flow.credentials_source,
                         tenant_id=account.tid if account is not None else None)
    return redirect(url_for("admin_consent.needed", token=event.token), code=303)


@hookimpl
def handle_callback(flow, args):
    if flow.kind != admin_link.FLOW_KIND:
        return None
    return admin_link.answer(flow, args, microsoft_error(args))


@hookimpl
def account_connected(account):
    """Count the person; the administrator's trip records its claim, any other sign-in may
    confirm tenant-wide consent."""
    remember_member(account)
    if not admin_sign_in.finish(account):
        confirmations.confirm_from_sign_in(account)
