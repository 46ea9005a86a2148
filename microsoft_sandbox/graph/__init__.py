"""Microsoft Graph v1.0, delegated: the offline graph.microsoft.com under `/v1.0/`.

`init_app` registers the blueprint. Views live one area per module (users, mail, MIME, sending,
calendars, events, $batch); they verify the caller's access token (`access`), demand the
permission their call needs, and answer in Graph's JSON shapes (`shapes`) and error format
(`errors`). Endpoint names start with `graph_`; request counts and fault knobs use them.
"""

from flask import Flask

# Routes attach themselves to `bp` on import.
from . import (  # noqa: F401
    attachments,
    batch,
    calendars,
    drafts,
    event_actions,
    events,
    mail,
    mail_write,
    mailbox_settings,
    mime,
    schedule,
    upload_sessions,
    users,
)
from .blueprint import bp


def init_app(app: Flask) -> None:
    """Serve Graph from this app (and, as outlook.office.com does, its upload URLs)."""
    app.register_blueprint(bp)
    app.register_blueprint(upload_sessions.uploads)
