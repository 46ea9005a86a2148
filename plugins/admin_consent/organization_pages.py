"""The organizations page (admins of this app): consent state per tenant, and a re-check.

A re-check asks Microsoft whether the app is installed in the tenant (an app-only token with the
active credentials). Installed is all it shows (one person's own consent installs the app too),
so the page says "installed in the organization (tenant-wide consent not confirmed)";
confirmation comes only from a stopped person signing in with every permission
(``confirmations``).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from postpress_whitelabel.api import admin_required, app_installed_in

from . import admin_message, app_facts, organizations, situations
from .blueprint import bp
from .consent_book import record_grant

_INSTALLED = ("Microsoft shows the app installed in that organization (tenant-wide consent not "
              "confirmed: one person's own consent installs it too).")


@bp.get("/organizations")
@admin_required
def organizations_page():
    """Every organization seen, with its state, people, last errors and admin consent link."""
    facts = app_facts.current()
    client_id = facts.client_id if facts else ""
    return render_template("admin_consent/organizations.html", facts=facts,
                           orgs=organizations.overview(client_id),
                           unidentified=organizations.unidentified_errors(client_id),
                           link_for=admin_message.link_for, organizations=organizations,
                           case_labels=situations.LABELS)


@bp.post("/organizations/<tenant_id>/recheck")
@admin_required
def recheck(tenant_id: str):
    """Ask Microsoft again after the organization's administrator says they approved."""
    tenant_id = tenant_id.lower()
    facts = app_facts.current()
    if facts is None or not admin_message.GUID.match(tenant_id):
        flash("Nothing to re-check: that is not a tenant id, or no credentials are set.",
              "error")
        return redirect(url_for("admin_consent.organizations_page"), code=303)
    installed = app_installed_in(tenant_id)
    state = organizations.state_for(tenant_id, facts.client_id)
    if installed is None:
        flash("Microsoft could not be asked right now; try the re-check again in a minute.",
              "warning")
    elif not installed:
        flash("Not approved yet: the app is not installed in that organization. Its "
              "administrator can use the admin consent link.", "warning")
    elif state in (organizations.BLOCKED, organizations.PENDING):
        record_grant(tenant_id=tenant_id, client_id=facts.client_id,
                     credentials=facts.source,
                     granted_by=f"found by a re-check ({current_user.name or current_user.email})",
                     scopes=" ".join(facts.scopes), method="recheck")
        flash(f"{_INSTALLED} It is confirmed when someone who was stopped signs in with every "
              "permission: ask them to press Try again.", "success")
    else:
        flash(_INSTALLED, "success")
    return redirect(url_for("admin_consent.organizations_page"), code=303)
