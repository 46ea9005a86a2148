"""The plugin contract: one hook specification per extension point.

Plugins implement these with the ``hookimpl`` marker; the core calls them with keyword arguments,
and an implementation may accept any subset of a spec's arguments. Names follow one pattern:
``register_*`` returns a list of things to add, ``extra_*`` returns additions to merge,
``handle_*`` may take over a request (the first non-None result wins), and events are named after
what happened. See docs/plugins.md for an example of each.
"""

from __future__ import annotations

import pluggy

PROJECT = "postpress_whitelabel"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# ---------------------------------------------------------------- start-up and routes


@hookspec
def startup(app):
    """The app is built; do one-time set-up (read config, check a dependency).

    :param app: the Flask app, fully configured, plugins loaded.
    :returns: nothing.

    Called once at the end of ``create_app``, in every process.
    """


@hookspec
def register_blueprints(app):
    """Blueprints (pages, API routes) the plugin serves.

    :param app: the Flask app being built.
    :returns: a list of ``flask.Blueprint``. A blueprint's ``template_folder`` ranks below the
        app's ``templates/``, so an integrator can override any plugin template.

    Called once by ``create_app``, before the first request.
    """


@hookspec
def register_scopes(app):
    """Microsoft Graph delegated permissions the plugin needs, with the reason for each.

    :param app: the Flask app.
    :returns: a list of ``postpress_whitelabel.api.Scope``. They are requested at sign-in, listed
        in Settings (what the integrator must add under "API permissions"), and shown with the
        reason and the plugin that asked.

    Called whenever the core needs the scope list: each sign-in, the Settings and account
    pages, a reconnect page, every ``api.scope_enabled`` check, the ``scopes`` CLI. Within one
    request it is called at most once and its answer reused, so return the same list every
    time (no Graph, database or per-user logic); what may change is an admin turning optional
    scopes off in Settings, which the core handles.
    """


@hookspec
def register_migrations(app):
    """Folders of Alembic revision scripts that create and change the plugin's own tables.

    :param app: the Flask app.
    :returns: a list of folder paths (``str`` or ``pathlib.Path``). Their revisions are the
        plugin's own history, recorded in its own version table (``alembic_version_<name>``):
        ``flask db upgrade`` applies it after the core's, for enabled plugins only, and
        ``flask db plugin <name> ...`` runs it alone.

    Called by the ``flask db`` commands, never while serving requests.
    """


# ---------------------------------------------------------------- pages


@hookspec
def menu_links(user):
    """Navigation items for the top bar.

    :param user: the signed-in ``User``, or None for anonymous visitors.
    :returns: a list of ``postpress_whitelabel.api.MenuLink``, or None for none.

    Called on every page render.
    """


@hookspec
def home_panels(account, user):
    """Panels for the home page, one call per connected account.

    :param account: a ``ConnectedAccount`` of the user (status ``connected``).
    :param user: the signed-in ``User``.
    :returns: a list of ``postpress_whitelabel.api.Panel``, or None for none.

    Called when the home page renders; keep it fast (it runs once per account).
    """


@hookspec
def extra_template_vars(request, user):
    """Variables added to the context of every template.

    :param request: the Flask request being answered.
    :param user: the signed-in ``User``, or None.
    :returns: a dict; later plugins' keys override earlier ones'.

    Called on every page render.
    """


@hookspec
def settings_sections(user):
    """Sections a plugin adds to the Settings page (admins only).

    :param user: the signed-in admin.
    :returns: a list of ``postpress_whitelabel.api.SettingsSection``, or None for none.

    Called when Settings renders.
    """


# ---------------------------------------------------------------- account events


@hookspec
def account_connected(account, user, kind):
    """A Microsoft account was connected or signed in again; its tokens are stored.

    :param account: the ``ConnectedAccount`` (granted scopes in ``account.scopes``).
    :param user: the ``User`` it belongs to.
    :param kind: ``sign_in``, ``connect``, ``reconsent`` or ``reconnect``.
    :returns: nothing.
    """


@hookspec
def account_refreshed(account):
    """An account's access token was refreshed with its refresh token.

    :param account: the ``ConnectedAccount``, new tokens already stored.
    :returns: nothing.
    """


@hookspec
def account_disconnected(account):
    """An account was disconnected and its tokens deleted.

    :param account: the ``ConnectedAccount`` (tokens now None).
    :returns: nothing.
    """


# ---------------------------------------------------------------- Microsoft's answers


@hookspec(firstresult=True)
def handle_oauth_error(error, flow):
    """Microsoft answered a flow with an error; a plugin may answer the browser instead.

    Stops at the first non-None result.

    :param error: the parsed ``postpress_whitelabel.microsoft.errors.MicrosoftError``
        (``error.aadsts``, ``error.error``, ``error.advice()``).
    :param flow: the ``SignInFlow`` it answers (``flow.kind``, ``flow.user_id``). Errors that
        come without a valid ``state`` are refused before any plugin sees them.
    :returns: a Flask response, or None to let the core show its error page.

    Called for error redirects and for token-endpoint refusals. This is how the admin consent
    plugin takes over "Need admin approval" errors.
    """


@hookspec(firstresult=True)
def handle_callback(flow, args):
    """A callback whose ``state`` belongs to a plugin's flow (started with ``api.start_flow``).

    Stops at the first non-None result.

    :param flow: the ``SignInFlow``, already used up (``flow.kind``, ``flow.data``).
    :param args: the callback's query parameters (a MultiDict), untrusted.
    :returns: a Flask response if the flow is this plugin's, else None.

    Called by the hosted callback routes for every flow kind the core does not own.
    """
