"""The public API for plugins: everything a plugin may import from the core.

A plugin touches nothing else of the core, so the core can change its insides without breaking
third-party packages. What is here is kept stable; docs/plugins.md documents every name.
"""

from __future__ import annotations

from flask import current_app
from flask_login import current_user, login_required

from .accounts import graph as account_graph
from .accounts import reconnect as reconnect_page
from .admins import admin_required, is_admin
from .errors.problem_pages import render_problem
from .extensions import db  # plugins declare their own tables' models on it
from .hookspecs import hookimpl
from .microsoft.errors import MicrosoftError
from .microsoft.graph import (
    BatchRequest,
    BatchResponse,
    GraphClient,
    GraphError,
    GraphResponse,
    SignInRequired,
)
from .microsoft.graph import prefer as graph_prefer
from .microsoft.graph import query as graph_query
from .microsoft.graph import relative_url as graph_path
from .microsoft.graph.paging import relative_next_link
from .microsoft.graph.zones import mailbox_zone, to_iana, to_windows
from .microsoft.graph.zones import mappable as time_zones
from .models import ConnectedAccount, SignInFlow, User
from .plugin_host.contributions import MenuLink, Panel, Scope, SettingsSection
from .plugin_host.flows import StartedFlow, start_flow
from .plugin_host.microsoft_app import ActiveApp, active_app, app_installed_in, start_sign_in
from .plugin_host.settings import plugin_config
from .security import safe_next
from .signin import browser_sessions, scopes

__all__ = [
    "ActiveApp", "active_app", "app_installed_in", "start_sign_in", "next_page_path",
    "browser_session_id", "browser_session_open",
    "BatchRequest", "BatchResponse", "ConnectedAccount", "GraphClient", "GraphError",
    "GraphResponse", "MenuLink", "MicrosoftError", "Panel", "Scope", "SettingsSection",
    "SignInFlow", "SignInRequired", "StartedFlow", "User", "access_token", "admin_required",
    "connected_accounts", "db", "error_page", "graph", "graph_path", "graph_prefer", "graph_query",
    "has_scope", "hookimpl", "is_admin", "login_required", "mailbox_zone", "microsoft_error",
    "plugin_config", "reconnect", "safe_next", "scope_enabled", "start_flow", "time_zones",
    "to_iana", "to_windows",
]


def scope_enabled(name: str) -> bool:
    """Whether the app requests ``name`` at sign-in (an admin may turn optional scopes off)."""
    return scopes.enabled(name)


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
    return MicrosoftError.from_redirect(args) if "error" in args else None


def error_page(error):
    """The core's page for a Microsoft error: who must act, what to do, the ids for support."""
    return render_problem(error.advice(), error)


def graph(account: ConnectedAccount) -> GraphClient:
    """A Microsoft Graph v1.0 client speaking for ``account``: its token comes from the app's
    single-flight refresh, errors are ``GraphError`` (see its predicates)."""
    return account_graph.client_for(account)


def access_token(account: ConnectedAccount) -> str:
    """The account's access token, refreshed first when it is about to expire; for calls the
    Graph client does not make (prefer ``graph``). Never log or render it.

    :raise GraphError: ``needs_sign_in`` when Microsoft refused the refresh (the account is
        then marked so), ``unreachable`` when Microsoft or the database was busy.
    """
    return account_graph.token_provider(account)(False)


def reconnect(account: ConnectedAccount, next: str | None = None,
              error: GraphError | None = None):
    """The core's page for "sign in again" or a missing permission: one button that signs this
    account in again (Microsoft asks only for what is missing) and comes back to ``next``, a
    path on this site (``request.full_path``'s empty trailing ``?`` is dropped). Return it
    from a view."""
    return reconnect_page.page(account, next, error)


def next_page_path(link) -> str | None:
    """Graph's ``@odata.nextLink`` as a path relative to /v1.0 (``/me/messages?$skip=25``),
    for a ``BatchRequest`` or a later ``graph(account).get``; None when ``link`` is None.

    The client's own check runs first (``iter_items`` follows links with it): the link must be
    on the configured Graph's scheme, host and port, under ``/v1.0/``.

    :raise GraphError: ``NextLinkRefused`` (code ``untrusted_next_link``) for any other link.
    """
    root = current_app.config["MICROSOFT_GRAPH_URL"].rstrip("/") + "/v1.0"
    return relative_next_link(link, root)


def browser_session_id() -> str | None:
    """An opaque id of the signed-in browser making this request (None when it has none), to
    bind something handed out on a page, such as a link a cookie-less frame loads, to that
    browser's sign-in. It is not the session key and cannot be turned into one."""
    return browser_sessions.current_id()


def browser_session_open(session_id, user_id: int) -> bool:
    """Whether the browser ``session_id`` names (from ``browser_session_id``) is still signed
    in as ``user_id``: false once it signed out or its sign-in expired. Needs no cookie."""
    return browser_sessions.is_open(session_id, user_id)
