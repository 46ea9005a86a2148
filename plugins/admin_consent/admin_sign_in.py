"""Method 2 on this device: "Sign in as an administrator", and what it records.

The trip is tied to the browser that starts it and to its one sign-in: the plugin keeps a signed
cookie naming the hash of that sign-in's ``state`` (the core starts a fresh session at sign-in,
so the marker cannot live in the session). Only the callback that uses up that very ``state``,
in that browser, counts: ``account_connected`` records it for the account Microsoft just
signed in, then the cookie is deleted. The page the administrator lands on only reads the
result; no GET, no link and no other sign-in records anything.

Microsoft does not tell the app whether the person is an administrator or ticked "Consent on
behalf of your organization" (Entra's optional ``wids`` claim would say who is one; the app does
not ask for it), so the record says only that an administrator signed in from the approval
page; tenant-wide consent is confirmed later by a stopped person getting in (``confirmations``).
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qs, urlsplit

from flask import after_this_request, current_app, render_template, request, session, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from postpress_whitelabel.api import connected_accounts, login_required, start_sign_in

from . import admin_message, app_facts
from .blueprint import bp
from .consent_book import name_the_organization, record_grant

TRIP_COOKIE = "postpress_admin_consent_trip"
TRIP_SALT = "admin-consent.admin-sign-in"
TRIP_MAX_AGE = 900  # seconds: a sign-in at Microsoft takes minutes
RESULT_KEY = "admin_consent.signed_in"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=TRIP_SALT)


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def start(event_token: str | None, login_hint: str | None, domain_hint: str | None):
    """Send this browser to Microsoft with ``prompt=consent`` for this one sign-in, marking it
    (by its ``state``) as the administrator's trip from the error page ``event_token``."""
    response = start_sign_in(url_for("admin_consent.admin_signed_in"), prompt="consent",
                             login_hint=login_hint, domain_hint=domain_hint)
    state = parse_qs(urlsplit(response.headers.get("Location", "")).query).get("state")
    if response.status_code == 303 and state:
        marker = _serializer().dumps({"state": _digest(state[0]), "event": event_token})
        response.set_cookie(TRIP_COOKIE, marker, max_age=TRIP_MAX_AGE, httponly=True,
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
                            samesite="Lax")
    return response


def _trip_of_this_callback() -> dict | None:
    """The trip this callback finishes, or None: the cookie must be ours, recent, and name the
    ``state`` Microsoft just sent back (which the core has used up: single use)."""
    value = request.cookies.get(TRIP_COOKIE)
    state = request.values.get("state")
    if not value or not state or len(value) > 512:
        return None
    try:
        trip = _serializer().loads(value, max_age=TRIP_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(trip, dict) or trip.get("state") != _digest(state):
        return None
    return trip


def finish(account) -> bool:
    """On ``account_connected``: when this sign-in is the administrator's trip, record it for
    the account Microsoft signed in. True when it was the trip."""
    trip = _trip_of_this_callback()
    if trip is None:
        return False

    @after_this_request
    def _forget(response):
        response.delete_cookie(TRIP_COOKIE, httponly=True, samesite="Lax")
        return response

    session[RESULT_KEY] = {"account_id": account.id, "personal": account.is_personal}
    if account.is_personal:
        return True
    facts = app_facts.current()
    name_the_organization(trip.get("event"), account)
    record_grant(tenant_id=account.tid, client_id=account.client_id,
                 credentials=facts.source if facts and facts.client_id == account.client_id
                 else "unknown",
                 granted_by=claimant(account), scopes=account.scopes, method="admin_sign_in")
    return True


def claimant(account) -> str:
    """How an administrator's sign-in names them: ``Name <username>`` (their own later
    sign-ins are never taken as confirmation)."""
    return f"{account.name or 'someone'} <{account.username or account.email or ''}>"


@bp.get("/admin-signed-in")
@login_required
def admin_signed_in():
    """The administrator is back: what their sign-in recorded (this page records nothing)."""
    result = session.get(RESULT_KEY) or {}
    account = next((a for a in connected_accounts() if a.id == result.get("account_id")), None)
    if account is None or account.is_personal:
        return render_template("admin_consent/admin_not_recorded.html",
                               personal=bool(account and account.is_personal)), 400
    return render_template("admin_consent/granted.html", tenant_id=account.tid,
                           who=account.name or account.username, facts=app_facts.current(),
                           method="sign_in", admin_link=admin_message.link_for(account.tid),
                           other_tenant=None, verified=True)
