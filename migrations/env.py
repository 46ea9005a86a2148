"""Alembic environment for Flask-Migrate: the app's engine and models, online or offline."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from postpress_whitelabel.crypto import EncryptedText
from postpress_whitelabel.plugin_host import migrations as plugin_migrations

config = context.config
# Keep the app's own loggers alive: fileConfig would otherwise disable them.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url", db.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def render_item(type_, obj, autogen_context):
    """Encrypted columns are plain text to the database: write them as ``sa.Text()``."""
    if type_ == "type" and isinstance(obj, EncryptedText):
        return "sa.Text()"
    return False


def _options() -> dict:
    # The core's history, or one plugin's: its own version table, only the tables it owns.
    plugin = config.attributes.get(plugin_migrations.PLUGIN_ATTRIBUTE)
    return {
        "target_metadata": db.metadata,
        "render_item": render_item,
        "render_as_batch": True,  # SQLite can only alter tables by copying them
        **plugin_migrations.context_options(plugin),
        **current_app.extensions["migrate"].configure_args,
    }


def run_migrations_offline():
    """Emit SQL for the configured URL without connecting."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      **_options())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run against the app's engine; an autogenerate with no change writes no empty file."""

    def process_revision_directives(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    options = _options()
    options.setdefault("process_revision_directives", process_revision_directives)
    with db.engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
