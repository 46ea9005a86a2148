"""Settings (admins only): Microsoft OAuth credentials, what to register in Entra, scopes,
publisher verification, branding, plugins' sections, and the audit log."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from .. import clock
from ..admins import admin_required
from ..extensions import db
from ..models import Branding
from ..plugin_host import manager
from ..plugin_host.ui import render_block
from ..signin import scopes
from ..signin.redirect_uris import redirect_uris
from . import audit, expiry
from .credentials import stored
from .forms import BrandingForm, CredentialsForm, NewSecretForm
from .publisher_verification import PATH as ASSOCIATION_PATH
from .publisher_verification import associated_ids

SUPPORTED_ACCOUNT_TYPE = (
    "Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) "
    "and personal Microsoft accounts (e.g. Skype, Xbox)"
)


def _sections() -> list[dict]:
    hook = manager.current().hook
    sections = [(s.title, render_block(s)) for result in
                hook.settings_sections(user=current_user) if result for s in result]
    return [{"title": title, "html": html} for title, html in sections if html is not None]


def render_page(status: int = 200, **forms):
    """The whole page; a failed form is passed in so its errors and values show."""
    row = stored()
    credentials_form = forms.pop("credentials_form", None) or CredentialsForm(
        client_id=row.client_id, tenant_id=row.tenant_id,
        **({"expires_on": row.secret_expires_on} if row.secret_expires_on else {}))
    body = render_template(
        "settings.html",
        oauth=row,
        credentials_form=credentials_form,
        new_secret_form=forms.pop("new_secret_form", None) or NewSecretForm(prefix="new"),
        branding_form=forms.pop("branding_form", None) or BrandingForm(
            obj=db.session.get(Branding, 1)),
        test_result=forms.pop("test_result", None),
        tested=forms.pop("tested", None),
        not_saved=forms.pop("not_saved", False),
        needs=scopes.needs(),
        disabled_scopes=scopes.disabled(),
        redirect_uris=redirect_uris(),
        account_type=SUPPORTED_ACCOUNT_TYPE,
        association_path=ASSOCIATION_PATH,
        associated_ids=associated_ids(),
        secret_expiry=expiry.active_secret(clock.now().date()),
        sections=_sections(),
        events=audit.recent(),
        describe=audit.describe,
    )
    return body, status


@admin_required
def index():
    """The Settings page."""
    return render_page()


@admin_required
def back_to_page(form: str | None = None):
    """A form's address reopened (a bookmark, or the address bar after a post): the page,
    not a "Method Not Allowed"."""
    return redirect(url_for("settings.index"))


def register(bp) -> None:
    """The page itself, and its forms' addresses reopened with GET."""
    bp.add_url_rule("/", view_func=index)
    for rule in ("/oauth/<path:form>", "/scopes", "/branding"):
        bp.add_url_rule(rule, view_func=back_to_page)
