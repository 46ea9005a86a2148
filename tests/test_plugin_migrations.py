"""Plugins' own tables: their migrations run with ``flask db upgrade``, in a history of their own.

The example package (examples/postpress-hello) owns a table, ``hello_visit``; these tests run its
migrations through the real ``flask db`` commands, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from flask_migrate import check
from sqlalchemy import inspect, text

from postpress_whitelabel import create_app
from postpress_whitelabel.extensions import db
from postpress_whitelabel.plugin_host import migrations

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "postpress-hello"
HELLO_HEAD = "3b9e51c0d7a2"

NOTES = """
from pathlib import Path

from postpress_whitelabel.api import hookimpl

@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "versions"]
"""


NOTES_WITH_A_MODEL = """
from pathlib import Path

from sqlalchemy.orm import Mapped, mapped_column

from postpress_whitelabel.api import db, hookimpl

class Note(db.Model):
    __tablename__ = "{table}"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(default="")

@hookimpl
def register_migrations(app):
    return [Path(__file__).parent / "versions"]
"""


@pytest.fixture
def hello(installed_plugin):
    """The example package, found through its entry point as after ``pip install``."""
    installed_plugin("hello", "postpress_hello", path=EXAMPLE)


@pytest.fixture
def empty_app(app_config, sandbox):
    """``empty_app(**config)``: an app on a database with no tables at all, emptied again after;
    ``keep=True`` for a second app on the first one's tables."""
    made = []

    def make(keep: bool = False, **config):
        app = create_app(app_config | config)
        made.append(app)
        if not keep:
            with app.app_context():
                _empty(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            _empty(app)
            db.engine.dispose()


def _empty(app) -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
            return
        for name in inspect(connection).get_table_names():
            connection.execute(text(f'DROP TABLE "{name}"'))


def _flask(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def _tables(app) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def _version(app, table: str) -> list[str]:
    query = text(f'SELECT version_num FROM "{table}"')  # noqa: S608 - the tests' own table names
    with app.app_context(), db.engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def test_hook_register_migrations(kit, make_app):
    """An enabled plugin's folders are listed under its name; a disabled plugin's are not."""
    kit.builtin("notes", NOTES)
    folder = str(kit.folder / "notes" / "versions")
    with make_app(**kit.config()).app_context():
        assert migrations.folders() == {"notes": [folder]}
    with make_app(**kit.config(DISABLED_PLUGINS=["notes"])).app_context():
        assert migrations.folders() == {}


def test_version_tables_are_named_after_the_plugin():
    assert migrations.version_table("hello") == "alembic_version_hello"
    assert migrations.version_table("Hello-World") == "alembic_version_hello_world"


def test_db_upgrade_creates_the_plugin_table_after_the_core(hello, empty_app, database):
    app = empty_app(PLUGINS=["hello"])
    result = _flask(app, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "plugin hello: up to date" in result.output
    assert {"user", "connected_account", "hello_visit", "alembic_version",
            "alembic_version_hello"} <= _tables(app)
    assert _version(app, "alembic_version_hello") == [HELLO_HEAD]
    with app.app_context():
        check()  # the core's history still matches the core's models, plugin tables aside
        command.check(migrations.config("hello"))  # and the plugin's matches its models
    assert _flask(app, "db", "upgrade").exit_code == 0  # twice is a no-op


def test_a_plugin_table_downgrades_and_upgrades_alone(hello, empty_app, database):
    app = empty_app(PLUGINS=["hello"])
    assert _flask(app, "db", "upgrade").exit_code == 0
    result = _flask(app, "db", "plugin", "hello", "downgrade", "base")
    assert result.exit_code == 0, result.output
    assert "hello_visit" not in _tables(app) and "user" in _tables(app)
    assert _version(app, "alembic_version_hello") == []
    result = _flask(app, "db", "plugin", "hello", "upgrade")
    assert result.exit_code == 0, result.output
    assert "hello_visit" in _tables(app)
    assert HELLO_HEAD in _flask(app, "db", "plugin", "hello", "current").output


def test_only_enabled_plugins_migrate(hello, empty_app, database):
    app = empty_app(PLUGINS=["hello"], DISABLED_PLUGINS=["hello"])
    assert _flask(app, "db", "upgrade").exit_code == 0
    assert "user" in _tables(app) and "hello_visit" not in _tables(app)
    result = _flask(app, "db", "plugin", "hello", "upgrade")
    assert result.exit_code != 0
    assert "plugin 'hello' is not enabled or has no migrations" in result.output


def test_turning_a_plugin_off_leaves_the_core_history_working(hello, empty_app, database):
    """The plugin's revision sits in its own version table, never in the core's."""
    with_hello = empty_app(PLUGINS=["hello"])
    assert _flask(with_hello, "db", "upgrade").exit_code == 0
    without = empty_app(keep=True, PLUGINS=[])
    result = _flask(without, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert _flask(without, "db", "downgrade", "--", "-1").exit_code == 0
    assert "hello_visit" in _tables(without)  # a turned-off plugin's data is kept


def test_an_explicit_core_revision_leaves_plugins_alone(hello, empty_app, database):
    app = empty_app(PLUGINS=["hello"])
    result = _flask(app, "db", "upgrade", "a7dd7e29c9f0")
    assert result.exit_code == 0, result.output
    assert "user" in _tables(app) and "hello_visit" not in _tables(app)


def test_plugin_tables_come_with_create_all_too(hello, make_app):
    """The suite's apps build tables from the models: a plugin's are among them."""
    app = make_app(plugins=["hello"])
    assert "hello_visit" in _tables(app)


def test_a_plugin_revision_is_autogenerated_from_its_models_alone(kit, empty_app, database):
    table = f"notes_{kit.package[-8:]}"  # the models' metadata lives as long as the process
    kit.builtin("notes", NOTES_WITH_A_MODEL.format(table=table))
    versions = kit.folder / "notes" / "versions"
    versions.mkdir()
    app = empty_app(**kit.config(PLUGINS=["notes"]))
    assert _flask(app, "db", "upgrade").exit_code == 0  # the core; the plugin has no revision yet
    result = _flask(app, "db", "plugin", "notes", "revision", "-m", "notes", "--autogenerate")
    assert result.exit_code == 0, result.output
    [written] = versions.glob("*_notes.py")
    script = written.read_text()
    assert f"op.create_table('{table}'" in script and "down_revision = None" in script
    assert "'user'" not in script and "hello_visit" not in script  # the core's, another's
    assert _flask(app, "db", "plugin", "notes", "upgrade").exit_code == 0
    assert table in _tables(app)
    again = _flask(app, "db", "plugin", "notes", "revision", "-m", "nothing", "--autogenerate")
    assert again.exit_code == 0 and list(versions.glob("*.py")) == [written]  # nothing new


def test_every_builtin_plugins_history_matches_its_models(empty_app, database):
    """What `flask db upgrade` builds for each built-in plugin is what its models describe."""
    app = empty_app()  # the built-in plugins, as the suite's apps load them
    result = _flask(app, "db", "upgrade")
    assert result.exit_code == 0, result.output
    with app.app_context():
        for name in migrations.folders():
            command.check(migrations.config(name))  # raises on any difference
