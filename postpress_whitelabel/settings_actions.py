"""The POST side of Settings: each form saves, audits, and comes back to the page."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_wtf import FlaskForm

from . import audit, branding, credential_checks, oauth_settings, scopes
from .admins import admin_required
from .credentials import stored
from .extensions import db
from .oauth_settings import SettingsError
from .settings import bp, render_page
from .settings_forms import BrandingForm, CredentialsForm, NewSecretForm


def _back(message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("settings.index"))


@bp.post("/oauth/custom")
@admin_required
def save_custom():
    """Test, then save custom credentials and switch to them.

    With a Directory (tenant) ID the credentials go live only once Microsoft accepts them, so a
    mistyped secret never breaks every sign-in; without one they cannot be tested, and the page
    says so.
    """
    form = CredentialsForm()
    if not form.validate_on_submit():
        return render_page(400, credentials_form=form)
    secret = _secret_for(form)
    if form.tenant_id.data and secret:
        result = credential_checks.test(form.client_id.data, secret, form.tenant_id.data)
        if not result.ok:
            return render_page(400, credentials_form=form, test_result=result, not_saved=True,
                               tested=f"client {form.client_id.data}")
    try:
        oauth_settings.save_custom(client_id=form.client_id.data, secret=form.client_secret.data,
                                   expires_on=form.expires_on.data,
                                   tenant_id=form.tenant_id.data)
    except SettingsError as exc:
        form.client_secret.errors = [str(exc)]
        return render_page(400, credentials_form=form)
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


@bp.post("/oauth/test")
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
    result = credential_checks.test(form.client_id.data, secret, form.tenant_id.data)
    return render_page(200 if result.ok else 400, credentials_form=form, test_result=result,
                       tested=f"client {form.client_id.data}")


@bp.post("/oauth/mode")
@admin_required
def set_mode():
    """Switch between postpress's default credentials and the custom ones."""
    try:
        oauth_settings.set_mode(request.form.get("mode", ""))
    except SettingsError as exc:
        return _back(str(exc), "error")
    mode = stored().mode
    return _back(f"New sign-ins now use the {mode} credentials.")


@bp.post("/oauth/new-secret")
@admin_required
def add_secret():
    """Keep a new secret beside the active one, to test and promote."""
    form = NewSecretForm(prefix="new")
    if not form.validate_on_submit():
        return render_page(400, new_secret_form=form)
    try:
        oauth_settings.add_pending(form.client_secret.data, form.expires_on.data)
    except SettingsError as exc:
        return _back(str(exc), "error")
    return _back("New secret saved beside the active one. Test it, then promote it.")


@bp.post("/oauth/new-secret/test")
@admin_required
def test_secret():
    """Test the new secret with the stored client and tenant IDs."""
    row = stored()
    if not (FlaskForm().validate_on_submit() and row.pending_secret and row.client_id):
        return _back("There is no new secret to test.", "error")
    if not row.tenant_id:
        return _back("Save the Directory (tenant) ID to test a secret.", "error")
    result = credential_checks.test(row.client_id, row.pending_secret, row.tenant_id)
    if result.ok:
        oauth_settings.mark_pending_tested()
    return render_page(200 if result.ok else 400, test_result=result,
                       tested=f"the new secret ••••••••{row.pending_hint}")


@bp.post("/oauth/new-secret/<action>")
@admin_required
def finish_rotation(action: str):
    """Promote the new secret (the old one is forgotten) or discard it."""
    if not FlaskForm().validate_on_submit() or action not in ("promote", "discard"):
        return _back("That request was not understood.", "error")
    try:
        if action == "promote":
            oauth_settings.promote_pending()
            return _back("The new secret is now active; the old one is forgotten.")
        oauth_settings.discard_pending()
    except SettingsError as exc:
        return _back(str(exc), "error")
    return _back("The new secret was discarded.")


@bp.post("/scopes")
@admin_required
def save_scopes():
    """Turn optional scopes on or off."""
    if not FlaskForm().validate_on_submit():
        return _back("That request was not understood.", "error")
    wanted = set(request.form.getlist("enabled"))
    optional = [n.name for n in scopes.needs() if n.optional]
    oauth_settings.set_disabled_scopes([name for name in optional if name not in wanted])
    return _back("Scopes saved. They apply to the next sign-in.")


@bp.post("/branding")
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
