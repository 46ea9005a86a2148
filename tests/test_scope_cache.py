"""Scope checks in one request ask the plugins and the settings row once, and see a change
Settings makes in the same request."""

from __future__ import annotations

import sys

from sqlalchemy import event

from postpress_whitelabel import api
from postpress_whitelabel.extensions import db
from postpress_whitelabel.settings import changes

COUNTING_PLUGIN = """
from postpress_whitelabel import api

CALLS = []

@api.hookimpl
def register_scopes():
    CALLS.append(1)
    return [api.Scope("Mail.Send", "Send mail.", optional=True)]
"""


def _settings_reads(app, action) -> int:
    reads = []

    def count(conn, cursor, statement, *args):
        if "oauth_settings" in statement.lower() and statement.lstrip().upper().startswith(
                "SELECT"):
            reads.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(reads)


def test_a_request_asks_the_plugins_and_the_database_once(kit, make_app):
    kit.builtin("counting", COUNTING_PLUGIN)
    app = make_app(**kit.config(PLUGINS=["counting"]))
    calls = sys.modules[f"{kit.package}.counting"].CALLS
    with app.test_request_context("/"):
        calls.clear()
        reads = _settings_reads(app, lambda: [api.scope_enabled("Mail.Send") for _ in range(5)])
        assert len(calls) == 1
        assert reads <= 1
    with app.test_request_context("/"):
        assert api.scope_enabled("Mail.Send")
        assert len(calls) == 2  # a new request asks again


def test_settings_turning_a_scope_off_shows_in_the_same_request(kit, make_app):
    kit.builtin("counting", COUNTING_PLUGIN)
    app = make_app(**kit.config(PLUGINS=["counting"]))
    with app.test_request_context("/"):
        assert api.scope_enabled("Mail.Send")
        changes.set_disabled_scopes(["Mail.Send"])
        assert not api.scope_enabled("Mail.Send")
        changes.set_disabled_scopes([])
        assert api.scope_enabled("Mail.Send")
