"""Branding & properties: the app's name, its publisher domain and publisher verification.

Verifying the domain really fetches the association file (see `verification`); adding a
numeric Partner Global Account (PGA) ID then marks the publisher verified under the directory's
name, which puts the blue badge on the consent screen.
"""

import json
import re

from flask import g, request

from ..web import get_sandbox
from .blueprint import bp
from .common import account_required, app_of_tenant, checked_form, done, render
from .registrations import name_problem
from .verification import ASSOCIATION_PATH, VerificationError, verify_domain

PARTNER_ID = re.compile(r"[0-9]{1,12}")


def _page(app, status: int = 200, **extra):
    """The blade, with the association file the developer must publish, shown ready to copy."""
    app = get_sandbox().app(app.client_id)
    association = json.dumps({"associatedApplications": [{"applicationId": app.client_id}]},
                             indent=2)
    return render("branding.html", status, app=app, blade="branding", association=association,
                  association_path=ASSOCIATION_PATH, **extra)


@bp.get("/app-registrations/<client_id>/branding")
@account_required
def branding(client_id: str):
    """Name, publisher domain, publisher verification."""
    return _page(app_of_tenant(client_id))


@bp.post("/app-registrations/<client_id>/branding")
@account_required
def rename(client_id: str):
    """Save the name users see on the consent screen."""
    checked_form()
    app = app_of_tenant(client_id)
    name = (request.form.get("name") or "").strip()
    problem = name_problem(name)
    if problem:
        return _page(app, 400, name_error=problem)
    get_sandbox().update_app(app.client_id, display_name=name)
    return done("Branding updated.", "portal.branding", client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/branding/publisher-domain")
@account_required
def verify_publisher_domain(client_id: str):
    """"Verify and save domain": fetch the association file and check it lists this app."""
    checked_form()
    app = app_of_tenant(client_id)
    typed = request.form.get("domain", "")
    try:
        domain = verify_domain(typed, app.client_id)
    except VerificationError as exc:
        return _page(app, 400, domain_error=f"Verification of publisher domain failed. {exc}",
                     typed_domain=typed)
    get_sandbox().set_publisher_domain(app.client_id, domain)
    return done(f"Publisher domain {domain} verified.", "portal.branding",
                client_id=app.client_id)


@bp.post("/app-registrations/<client_id>/branding/publisher-verification")
@account_required
def verify_publisher(client_id: str):
    """Save the Partner Global Account ID: the publisher becomes verified."""
    checked_form()
    app = app_of_tenant(client_id)
    partner_id = (request.form.get("partner_id") or "").strip()
    if not PARTNER_ID.fullmatch(partner_id):
        return _page(app, 400, partner_error="Enter a valid Partner Global Account ID (PGA "
                                             "ID): digits only.", typed_partner=partner_id)
    try:
        get_sandbox().verify_publisher(app.client_id, partner_id, g.tenant.display_name)
    except ValueError as exc:
        return _page(app, 400, partner_error=str(exc), typed_partner=partner_id)
    return done("Publisher verified.", "portal.branding", client_id=app.client_id)
