"""Method 2 by link: the approval page an administrator opens, the trip to Microsoft's admin
consent endpoint, and its answer on the hosted callback.

The endpoint is ``/{tenant}/v2.0/adminconsent`` for the organization the link names (its tenant
id or domain; ``organizations`` when nobody knew it), with the app's ``/.default`` scope, so the
administrator approves exactly the permissions registered for the app.

The callback's ``admin_consent=True&tenant=...`` proves nothing: anyone can take a ``state`` and
write that query themselves. So the ``tenant`` is never used to sign anyone in, and is recorded
only once Microsoft itself shows the app installed there (``app_installed_in``, an app-only token
for that tenant); when Microsoft cannot be asked it is kept as an unverified claim, and when the
app is not there nothing is kept. Errors on this trip name no organization: the approve URL is
whatever the visitor typed.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import abort, redirect, render_template
from flask_login import current_user

from postpress_whitelabel.api import app_installed_in, start_flow

from . import admin_message, app_facts, situations
from .blueprint import bp
from .consent_book import CLAIMED, record_event, record_grant

FLOW_KIND = "admin_consent"
GRAPH_DEFAULT = "https://graph.microsoft.com/.default"


def _segment_or_404(organization: str) -> str:
    """The organization of a link.

    :raise 404: for anything but a tenant id, a domain or ``organizations``.
    """
    segment = admin_message.organization_segment(organization)
    if segment is None:
        abort(404)
    return segment


@bp.get("/approve/<organization>")
def approve(organization: str):
    """What the administrator approves, and why, before Microsoft asks them."""
    segment = _segment_or_404(organization)
    return render_template("admin_consent/approve.html", organization=segment,
                           any_organization=segment == admin_message.ANY_ORGANIZATION,
                           facts=app_facts.current())


@bp.post("/approve/<organization>")
def start_admin_consent(organization: str):
    """Send this browser to Microsoft's admin consent endpoint for the organization."""
    segment = _segment_or_404(organization)
    started = start_flow(FLOW_KIND, data={"organization": segment})
    tenant = started.organization_tenant if segment == admin_message.ANY_ORGANIZATION \
        else segment
    query = urlencode({"client_id": started.client_id, "redirect_uri": started.redirect_uri,
                       "scope": GRAPH_DEFAULT, "state": started.state})
    return redirect(f"{started.login_url}/{tenant}/v2.0/adminconsent?{query}", code=303)


def answer(flow, args, error):
    """The admin consent callback: an error page of its own, or the confirmation."""
    asked = _flow_data(flow).get("organization")
    facts = app_facts.current()
    if error is not None:
        case = situations.admin_trip_case(error)
        record_event(case, error, client_id=flow.client_id,
                     credentials=flow.credentials_source, tenant_id=None)
        return render_template("admin_consent/refused.html", error=error, case=case,
                               situations=situations, facts=facts, organization=asked,
                               retry=admin_message.link_for(asked)), 200
    tenant = (args.get("tenant") or "").strip().lower()
    if args.get("admin_consent", "").lower() != "true" or not admin_message.GUID.match(tenant):
        return render_template("admin_consent/admin_not_recorded.html", personal=False), 400
    installed = _installed(tenant, flow, facts)
    if installed is False:
        return render_template("admin_consent/admin_not_recorded.html", personal=False,
                               not_installed=True), 400
    who = _who()
    record_grant(tenant_id=tenant, client_id=flow.client_id, credentials=flow.credentials_source,
                 granted_by=who, scopes=_scopes(args.get("scope")),
                 method="admin_consent" if installed else CLAIMED)
    other = asked if asked and admin_message.GUID.match(asked) and asked != tenant else None
    return render_template("admin_consent/granted.html", tenant_id=tenant, who=who,
                           facts=facts, method="link", admin_link=admin_message.link_for(tenant),
                           other_tenant=other, verified=bool(installed))


def _installed(tenant: str, flow, facts) -> bool | None:
    """Whether Microsoft shows the flow's app in ``tenant``; None when it cannot say (or the
    credentials changed since the trip began, so the active app is another one)."""
    if facts is None or facts.client_id != flow.client_id:
        return None
    return app_installed_in(tenant)


def _flow_data(flow) -> dict:
    try:
        data = json.loads(flow.data or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _who() -> str:
    """Who approved: the signed-in person when there is one (Microsoft's answer names nobody)."""
    if current_user.is_authenticated:
        return current_user.name or current_user.email or "a signed-in user"
    return "an administrator of the organization"


def _scopes(value: str | None) -> str:
    """The granted permissions, bare (Microsoft sends Graph ones as full URLs)."""
    names = (value or "").split()[:50]
    return " ".join(n.rsplit("/", 1)[-1] if n.startswith("https://") else n for n in names)
