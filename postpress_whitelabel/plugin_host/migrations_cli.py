"""``flask db`` with plugins' tables.

``flask db upgrade`` (to ``head``, the default) upgrades the core's tables, then every enabled
plugin's; ``flask db plugin NAME upgrade|downgrade|revision|current|history`` runs one plugin's
own history. Flask-Migrate's ``db`` group is one object shared by every app in the process, so
each app gets a copy with these two commands changed and the original is left alone.
"""

from __future__ import annotations

import contextlib
import functools
import sys

import click
from alembic import command
from alembic.util import CommandError
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate.cli import db as flask_migrate_group

from . import migrations


def init_app(app: Flask) -> None:
    """Give the app its ``flask db`` group: Flask-Migrate's commands, plugin-aware."""
    group = click.Group("db", commands=dict(flask_migrate_group.commands),
                        callback=flask_migrate_group.callback,
                        params=flask_migrate_group.params, help=flask_migrate_group.help)
    group.add_command(_upgrade_with_plugins(flask_migrate_group.commands["upgrade"]))
    group.add_command(plugin)
    app.cli.add_command(group)


def _upgrade_with_plugins(core_upgrade: click.Command) -> click.Command:
    """Flask-Migrate's ``upgrade``, then every enabled plugin's history when going to head.

    Another target names a core revision, which means nothing to a plugin's history.
    """

    @with_appcontext
    def upgrade(**params):
        core_upgrade.callback(**params)  # exits on an error: plugins wait for the core
        if params["revision"] != "head":
            return
        with _alembic_errors():
            for name in migrations.upgrade_all(sql=params["sql"]):
                click.echo(f"plugin {name}: up to date", err=True)

    return click.Command("upgrade", params=core_upgrade.params, callback=upgrade,
                         help="Upgrade the core's tables to REVISION (default: head); at "
                         "head, every enabled plugin's tables follow.")


@contextlib.contextmanager
def _alembic_errors():
    """Alembic's refusals and an unknown plugin as a CLI error, not a traceback."""
    try:
        yield
    except (CommandError, migrations.NoMigrations) as error:
        raise click.ClickException(str(error)) from error


def _plugin_command(function):
    """Run ``function(alembic_config, ...)`` on the plugin named in ``flask db plugin NAME``."""

    @functools.wraps(function)
    @with_appcontext
    def run(**params):
        name = click.get_current_context().parent.params["name"]
        with _alembic_errors():
            config = migrations.config(name)
            config.stdout = sys.stdout  # now, not at import: where the command writes
            function(config, **params)

    return run


@click.group()
@click.argument("name")
def plugin(name):
    """One plugin's own tables: its history, apart from the core's."""


@plugin.command()
@click.argument("revision", default="head")
@click.option("--sql", is_flag=True, help="Print the SQL instead of running it.")
@_plugin_command
def upgrade(config, revision, sql):
    """Apply the plugin's revisions up to REVISION (default: its latest)."""
    command.upgrade(config, revision, sql=sql)


@plugin.command()
@click.argument("revision", default="-1")
@click.option("--sql", is_flag=True, help="Print the SQL instead of running it.")
@_plugin_command
def downgrade(config, revision, sql):
    """Revert the plugin's revisions down to REVISION (``base`` drops all its tables)."""
    command.downgrade(config, revision, sql=sql)


@plugin.command()
@click.option("-m", "--message", required=True, help="What the revision changes.")
@click.option("--autogenerate", is_flag=True, help="Compare the plugin's models to the database.")
@_plugin_command
def revision(config, message, autogenerate):
    """Write a new revision into the plugin's (first) migrations folder."""
    folder = config.get_version_locations_list()[0]
    config.cmd_opts.autogenerate = autogenerate  # env.py then writes no file for no change
    command.revision(config, message=message, autogenerate=autogenerate, version_path=folder)


@plugin.command()
@_plugin_command
def current(config):
    """The plugin's revision applied to the database."""
    command.current(config)


@plugin.command()
@_plugin_command
def history(config):
    """The plugin's revisions, newest first."""
    command.history(config)
