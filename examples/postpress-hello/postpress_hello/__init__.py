"""postpress-hello: the smallest useful postpress-whitelabel plugin.

It adds a page (/hello), a top-bar link to it, a panel on the home page for each connected
account, asks for one more Microsoft Graph permission (Contacts.Read) with its reason, and
keeps a table of its own (visits per user) with its migration.
It imports only ``postpress_whitelabel.api``, the core's public API for plugins.
"""

from pathlib import Path

from flask import Blueprint, render_template, url_for
from flask_login import current_user

from postpress_whitelabel.api import (
    MenuLink,
    Panel,
    Scope,
    connected_accounts,
    hookimpl,
    login_required,
    scope_enabled,
)

from .models import record_visit

bp = Blueprint("hello", __name__, template_folder="templates", url_prefix="/hello")


@bp.get("/")
@login_required
def page():
    """A page listing the user's connected accounts by name, and how often they came."""
    return render_template("hello/page.html", accounts=connected_accounts(),
                           visit=record_visit(current_user.id),
                           contacts_on=scope_enabled("Contacts.Read"))


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "migrations"]


@hookimpl
def menu_links(user):
    if user is not None:
        return [MenuLink("Hello", url_for("hello.page"))]
    return None


@hookimpl
def home_panels(account):
    return [Panel("Hello", "hello/panel.html", {"greeting": f"Hello, {account.name}!"})]


@hookimpl
def register_scopes():
    return [Scope("Contacts.Read", "An example optional permission: Settings can turn it off, "
                  "and the hello page then says so.", optional=True)]
