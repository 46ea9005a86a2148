"""Plugins' own tables: each enabled plugin's Alembic history, kept apart from the core's.

A plugin declares models on the core's ``db`` and lists folders of revision scripts with the
``register_migrations`` hook. Its revisions form their own chain, recorded in its own version
table (``alembic_version_<plugin>``), run through the core's ``migrations/env.py``. Apart, so
the core's history never names a revision it cannot find when a plugin is turned off or
removed, and ``flask db upgrade`` has one head per history instead of one per plugin.

Autogenerate compares only the tables a history owns: the core's models for the core, the
plugin's models (by the module that defines them) for a plugin. It never proposes dropping a
table no model describes; write such a drop by hand.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from alembic import command
from flask import Flask, current_app

from ..extensions import db
from . import manager

PLUGIN_ATTRIBUTE = "postpress_plugin"  # where a plugin run tells env.py whose history it is
CORE_PACKAGE = __name__.split(".")[0]


class NoMigrations(LookupError):
    """The plugin is not enabled, or lists no migrations."""


def version_table(plugin: str) -> str:
    """The table that records how far ``plugin``'s history has been applied."""
    return "alembic_version_" + re.sub(r"[^a-z0-9_]", "_", plugin.lower())


def folders(app: Flask | None = None) -> dict[str, list[str]]:
    """Each enabled plugin's folders of revision scripts, by plugin name."""
    found: dict[str, list[str]] = {}
    for name, answer in manager.answers_by_plugin("register_migrations", app=app or current_app):
        if answer:
            found.setdefault(name, []).extend(str(Path(folder)) for folder in answer)
    return found


def config(plugin: str):
    """The Alembic config of one plugin's history: the core's env.py, the plugin's scripts.

    :raise NoMigrations: when the plugin is not enabled or lists no folder.
    """
    paths = folders().get(plugin)
    if not paths:
        raise NoMigrations(f"plugin {plugin!r} is not enabled or has no migrations")
    alembic_config = current_app.extensions["migrate"].migrate.get_config()
    alembic_config.set_main_option("path_separator", "os")
    alembic_config.set_main_option("version_locations",
                                   os.pathsep.join(paths).replace("%", "%%"))
    alembic_config.attributes[PLUGIN_ATTRIBUTE] = plugin
    return alembic_config


def upgrade(plugin: str, revision: str = "head", sql: bool = False) -> None:
    """Apply ``plugin``'s revisions up to ``revision``."""
    command.upgrade(config(plugin), revision, sql=sql)


def downgrade(plugin: str, revision: str, sql: bool = False) -> None:
    """Revert ``plugin``'s revisions down to ``revision`` (``base`` drops all its tables)."""
    command.downgrade(config(plugin), revision, sql=sql)


def upgrade_all(sql: bool = False) -> list[str]:
    """Bring every enabled plugin's tables to its latest revision; the plugins' names."""
    names = sorted(folders())
    for name in names:
        upgrade(name, sql=sql)
    return names


def context_options(plugin: str | None) -> dict:
    """What env.py hands Alembic for one history: its version table, the tables it owns."""
    owned = owned_tables(plugin)

    def include_object(obj, name, type_, reflected, compare_to):
        if type_ != "table":
            return True  # a table's columns and indexes follow the table
        return name in owned

    options = {"include_object": include_object}
    if plugin is not None:
        options["version_table"] = version_table(plugin)
    return options


def owned_tables(plugin: str | None) -> set[str]:
    """Names of the tables whose models ``plugin`` defines (None: the core's)."""
    if plugin is None:
        prefix = CORE_PACKAGE
    else:
        prefix = manager.current().get_plugin(plugin).__name__
    owned = set()
    for mapper in db.Model.registry.mappers:
        module = mapper.class_.__module__
        if module == prefix or module.startswith(prefix + "."):
            owned.update(table.name for table in mapper.tables)
    return owned
