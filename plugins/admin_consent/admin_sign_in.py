"""After "Sign in as an administrator": record the consent and show the administrator what next.

The core finishes that sign-in like any other and then opens the page this trip named; a signed,
short-lived ``trip`` in its address proves the trip started here, so no other link can make a
sign-in count as an organization's consent.

Microsoft does not tell the app whether the administrator ticked "Consent on behalf of your
organization"; the record says the consent came from an administrator's sign-in, and the page
offers the admin consent link, which always covers the whole organization.
"""

from __future__ import annotations

from flask import current_app, render_template, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from postpress_whitelabel.api import connected_accounts, login_required

from . import admin_message, app_facts
from .blueprint import bp
from .consent_book import name_the_organization, record_grant

TRIP_SALT = "admin-consent.admin-sign-in"
TRIP_MAX_AGE = 3600  # seconds: a sign-in takes minutes; the flow itself expires sooner


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=TRIP_SALT)


def trip_token(event_token: str | None = None) -> str:
    """A signed, timed marker for one "Sign in as an administrator" trip, naming the error
    page it started from (if any)."""
    return _serializer().dumps({"trip": "admin", "event": event_token})


def _trip(value: str | None) -> dict | None:
    """The trip's content, or None when it is not one of ours or is too old."""
    if not value or len(value) > 512:
        return None
    try:
        trip = _serializer().loads(value, max_age=TRIP_MAX_AGE)
    except BadSignature:
        return None
    return trip if isinstance(trip, dict) else None


@bp.get("/admin-signed-in")
@login_required
def admin_signed_in():
    """The administrator is back, signed in: record the consent for their organization."""
    account = _latest_account()
    facts = app_facts.current()
    trip = _trip(request.args.get("trip"))
    if account is None or account.is_personal or trip is None:
        return render_template("admin_consent/admin_not_recorded.html",
                               personal=bool(account and account.is_personal)), 400
    name_the_organization(trip.get("event"), account)
    record_grant(tenant_id=account.tid, client_id=account.client_id,
                 credentials=facts.source if facts and facts.client_id == account.client_id
                 else "unknown",
                 granted_by=account.name or account.username, scopes=account.scopes,
                 method="admin_sign_in")
    link = admin_message.link_for(account.tid)
    return render_template("admin_consent/granted.html", tenant_id=account.tid,
                           who=account.name or account.username, facts=facts, method="sign_in",
                           admin_link=link, other_tenant=None)


def _latest_account():
    """The account this sign-in just connected: the signed-in user's most recently updated."""
    accounts = connected_accounts()
    return max(accounts, key=lambda a: a.updated_at) if accounts else None
