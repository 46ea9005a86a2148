"""Between two demos: the app's database back to its seed (empty, at the migrations' head).

A prospect should meet the same app every time: no accounts left from the last demo, default
credentials, default branding, no audit log, empty plugin tables. The generated keys in
``instance/`` are files, not rows, and stay, so the next demo starts with no new set-up. Only in
demo mode: on a real deployment this would delete every user.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import MetaData

from ..config import is_demo
from ..extensions import db
from ..plugin_host import migrations as plugin_migrations


class NotADemo(RuntimeError):
    """The app is not in demo mode; its database holds real people's accounts."""


def reset_database() -> list[str]:
    """Drop every table (the core's, every plugin's, loaded or not), then migrate again.

    Tables are read from the database itself rather than from the models, so a plugin turned
    off since the last demo leaves nothing behind. Returns the plugins whose tables were made.

    :raise NotADemo: outside demo mode.
    """
    if not is_demo(current_app):
        raise NotADemo("demo-reset deletes every account and setting; it runs only in demo "
                       "mode (POSTPRESS_SANDBOX=true).")
    db.session.remove()
    found = MetaData()
    found.reflect(bind=db.engine)
    found.drop_all(bind=db.engine)
    db.engine.dispose()  # connections may have cached the old schema
    upgrade()
    return plugin_migrations.upgrade_all()


@click.command("demo-reset")
@with_appcontext
def demo_reset_command():
    """Demo mode only: delete accounts, settings and plugin data; keep the generated keys."""
    try:
        plugins = reset_database()
    except NotADemo as exc:
        raise click.ClickException(str(exc)) from None
    made = f" (and the tables of {', '.join(plugins)})" if plugins else ""
    click.echo(f"The app's database is back to its seed{made}.")
