"""The public API for plugins: everything a plugin may import from the core.

A plugin touches nothing else of the core, so the core can change its insides without breaking
third-party packages. What is here is kept stable.
"""

from __future__ import annotations

from flask_login import current_user, login_required

from .admins import admin_required, is_admin
from .hookspecs import hookimpl
from .plugin_host.contributions import MenuLink, Panel, Scope, SettingsSection
from .plugin_host.flows import start_flow

__all__ = [
    "MenuLink", "Panel", "Scope", "SettingsSection", "admin_required", "connected_accounts",
    "error_page", "has_scope", "hookimpl", "is_admin", "login_required", "microsoft_error",
    "scope_enabled", "start_flow",
]


def scope_enabled(name: str) -> bool:
    """Whether the app requests ``name`` at sign-in (an admin may turn optional scopes off)."""
    from .signin.scopes import enabled

    return enabled(name)


def has_scope(account, name: str) -> bool:
    """Whether Microsoft granted ``name`` to this account (compare before calling Graph)."""
    return name.lower() in account.scope_set


def connected_accounts():
    """The signed-in user's Microsoft accounts (empty for anonymous visitors)."""
    return list(current_user.accounts) if current_user.is_authenticated else []


def microsoft_error(args):
    """The error Microsoft sent back on a callback (a ``MicrosoftError``), or None.

    Check it before anything else in the query: Microsoft's admin consent endpoint, for one,
    sends ``admin_consent=True`` beside an error.
    """
    from .microsoft.errors import MicrosoftError

    return MicrosoftError.from_redirect(args) if "error" in args else None


def error_page(error):
    """The core's page for a Microsoft error: who must act, what to do, the ids for support."""
    from .errors.problem_pages import render_problem

    return render_problem(error.advice(), error)
