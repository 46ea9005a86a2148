"""Mail: the user's Outlook mailboxes, read safely, answered from the app.

A built-in plugin written as a third party would write it: it imports only
``postpress_whitelabel.api`` from the core. The pages live in the modules named for what they
do (``mailbox_views``, ``message_views``, ``attachment_views``, ``action_views``,
``compose_views``); this file only wires the hooks.
"""

from pathlib import Path

from flask import url_for

from postpress_whitelabel.api import MenuLink, Scope, hookimpl

from . import action_views, attachment_views, compose_views, mailbox_views, message_views
from .blueprint import bp
from .home_panel import unread_panel

# The views register their routes on ``bp`` when imported; nothing else uses these names.
_VIEWS = (action_views, attachment_views, compose_views, mailbox_views, message_views)


@hookimpl
def register_blueprints(app):
    return [bp]


@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "migrations"]


@hookimpl
def register_scopes(app):
    return [
        Scope("Mail.Read", "Show your folders and messages, and open messages and attachments."),
        Scope("Mail.ReadWrite", "Mark messages read or unread, flag, move and delete them, and "
              "keep the drafts you save."),
        Scope("Mail.Send", "Send the messages, replies and forwards you write."),
        Scope("MailboxSettings.Read", "Show message times in your mailbox's time zone (without "
              "it, times are shown in UTC).", optional=True),
    ]


@hookimpl
def menu_links(user):
    return [MenuLink("Mail", url_for("mail.inbox"))] if user is not None else None


@hookimpl
def home_panels(account):
    return [unread_panel(account)]
