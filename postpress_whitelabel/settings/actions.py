"""The POST side of Settings: each form saves, audits, and comes back to the page."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_wtf import FlaskForm

from ..admins import admin_required
from ..extensions import db
from ..signin import scopes
from . import audit, branding, changes, checks
from .changes import SettingsError
from .credentials import CUSTOM, stored
from .forms import BrandingForm, CredentialsForm, NewSecretForm
from .page import render_page


def _back(message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("settings.index"))


@admin_required
def save_custom():
    """Test, then save custom credentials and switch to them (or, with ``activate=no``, keep
    the active credentials: "Save without switching", to verify the publisher first).

    With a Directory (tenant) ID the credentials are saved only once Microsoft accepts them, so
    a mistyped secret never breaks every sign-in; without one they cannot be tested, and the
    page says so.
    """
    form = CredentialsForm()
    if not form.validate_on_submit():
        return render_page(400, credentials_form=form)
    secret = _secret_for(form)
    if form.tenant_id.data and secret:
        result = checks.test(form.client_id.data, secret, form.tenant_id.data)
        if not result.ok:
            return render_page(400, credentials_form=form, test_result=result, not_saved=True,
                               tested=f"client {form.client_id.data}")
    activate = request.form.get("activate") != "no"
    try:
        row = changes.save_custom(client_id=form.client_id.data,
                                  secret=form.client_secret.data,
                                  expires_on=form.expires_on.data,
                                  tenant_id=form.tenant_id.data, activate=activate)
    except SettingsError as exc:
        form.client_secret.errors = [str(exc)]
        return render_page(400, credentials_form=form)
    if row.mode != CUSTOM:
        tested = "Microsoft accepted the custom credentials" if form.tenant_id.data else \
            "Custom credentials saved without a test (no Directory (tenant) ID)"
        return _back(f"{tested}; they are saved and listed in the publisher domain file, "
                     f"and sign-ins keep the {row.mode} credentials until you switch.",
                     "success" if form.tenant_id.data else "warning")
    if not form.tenant_id.data:
        return _back("Custom Microsoft credentials saved without a test, and new sign-ins use "
                     "them now. Add the Directory (tenant) ID so they can be tested.", "warning")
    return _back("Microsoft accepted the custom credentials; they are saved, and new sign-ins "
                 "use them now.")


def _secret_for(form: CredentialsForm) -> str | None:
    """The typed secret, or the stored one when the form keeps it for the same client."""
    row = stored()
    return form.client_secret.data or (row.client_secret if row.client_id ==
                                       form.client_id.data else None)


@admin_required
def test_credentials():
    """Ask Microsoft for an app-only token with the typed (or stored) credentials."""
    form = CredentialsForm()
    if not form.validate_on_submit():
        return render_page(400, credentials_form=form)
    secret = _secret_for(form)
    if not secret or not form.tenant_id.data:
        form.tenant_id.errors = ["Testing needs the secret's Value and the Directory (tenant) "
                                 "ID: Microsoft issues app-only tokens per tenant."]
        return render_page(400, credentials_form=form)
    result = checks.test(form.client_id.data, secret, form.tenant_id.data)
    return render_page(200 if result.ok else 400, credentials_form=form, test_result=result,
                       tested=f"client {form.client_id.data}")


@admin_required
def set_mode():
    """Switch between postpress's default credentials and the custom ones."""
    try:
        changes.set_mode(request.form.get("mode", ""))
    except SettingsError as exc:
        return _back(str(exc), "error")
    mode = stored().mode
    return _back(f"New sign-ins now use the {mode} credentials.")


@admin_required
def add_secret():
    """Keep a new secret beside the active one, to test and promote."""
    form = NewSecretForm(prefix="new")
    if not form.validate_on_submit():
        return render_page(400, new_secret_form=form)
    try:
        changes.add_pending(form.client_secret.data, form.expires_on.data)
    except SettingsError as exc:
        return _back(str(exc), "error")
    return _back("New secret saved beside the active one. Test it, then promote it.")


@admin_required
def test_secret():
    """Test the new secret with the stored client and tenant IDs."""
    row = stored()
    if not (FlaskForm().validate_on_submit() and row.pending_secret and row.client_id):
        return _back("There is no new secret to test.", "error")
    if not row.tenant_id:
        return _back("Save the Directory (tenant) ID to test a secret.", "error")
    result = checks.test(row.client_id, row.pending_secret, row.tenant_id)
    if result.ok:
        changes.mark_pending_tested()
    return render_page(200 if result.ok else 400, test_result=result,
                       tested=f"the new secret ••••••••{row.pending_hint}")


@admin_required
def finish_rotation(action: str):
    """Promote the new secret (the old one is forgotten) or discard it."""
    if not FlaskForm().validate_on_submit() or action not in ("promote", "discard"):
        return _back("That request was not understood.", "error")
    try:
        if action == "promote":
            changes.promote_pending()
            return _back("The new secret is now active; the old one is forgotten.")
        changes.discard_pending()
    except SettingsError as exc:
        return _back(str(exc), "error")
    return _back("The new secret was discarded.")


@admin_required
def save_scopes():
    """Turn optional scopes on or off."""
    if not FlaskForm().validate_on_submit():
        return _back("That request was not understood.", "error")
    wanted = set(request.form.getlist("enabled"))
    optional = [n.name for n in scopes.needs() if n.optional]
    changes.set_disabled_scopes([name for name in optional if name not in wanted])
    return _back("Scopes saved. They apply to the next sign-in.")


@admin_required
def save_branding():
    """Product name, colour, support contact, logo."""
    form = BrandingForm()
    if not form.validate_on_submit():
        return render_page(400, branding_form=form)
    branding.save(product_name=form.product_name.data,
                  primary_color=form.primary_color.data,
                  support_contact=form.support_contact.data,
                  logo=form.logo.data or None, remove_logo=form.remove_logo.data)
    audit.record("branding changed", {
        "product_name": form.product_name.data or "(default)",
        "primary_color": form.primary_color.data or "(default)",
        "support_contact": form.support_contact.data or "(default)",
        "logo": "removed" if form.remove_logo.data else ("uploaded" if form.logo.data else "kept"),
    })
    db.session.commit()
    return _back("Branding saved.")


ROUTES = (
    ("/oauth/custom", save_custom),
    ("/oauth/test", test_credentials),
    ("/oauth/mode", set_mode),
    ("/oauth/new-secret", add_secret),
    ("/oauth/new-secret/test", test_secret),
    ("/oauth/new-secret/<action>", finish_rotation),
    ("/scopes", save_scopes),
    ("/branding", save_branding),
)


def register(bp) -> None:
    """Every form posts to its own address."""
    for rule, view in ROUTES:
        bp.add_url_rule(rule, view_func=view, methods=["POST"])
