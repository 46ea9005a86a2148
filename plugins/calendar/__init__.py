"""Calendar: own and shared calendars, a week view, events, invitations, today on the home page.

A built-in plugin written as a third party would write it: it imports only
``postpress_whitelabel.api`` from the core. Every Graph permission it asks for is optional
(Settings can turn each off, and the pages then say how to turn them on); the week view, the
event page and the home panel each cost one Graph round trip (a ``$batch``).
"""

from pathlib import Path

from flask import url_for

from postpress_whitelabel.api import MenuLink, hookimpl

from . import access, edit_views, event_views, panel, week_views  # noqa: F401 - routes
from .blueprint import bp


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_scopes():
    return list(access.SCOPES)


@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "migrations"]


@hookimpl
def menu_links(user):
    return [MenuLink("Calendar", url_for("calendar.week_view"))] if user is not None else None


@hookimpl
def home_panels(account, user):
    return panel.panels(account, user)
