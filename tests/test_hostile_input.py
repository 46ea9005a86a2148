"""Hostile input at every edge: every route and method as a visitor, a user and an admin, and
every ``flask postpress`` command, fed what Hypothesis draws (tests/hostile_strategies.py).

The property: never a 500, never a traceback, and afterwards nothing lost (accounts, tokens,
credentials). Example counts are bounded by the ``hostile`` profile so the suite stays quick;
``HOSTILE_EXAMPLES`` raises them for a longer hunt.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount, OAuthSettings
from postpress_whitelabel.testing import Journey, MicrosoftBrowser
from tests import hostile_strategies as hostile
from tests.settings_kit import register_custom_app

settings.register_profile(
    "hostile", max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "40")), deadline=None,
    database=None, derandomize=True, suppress_health_check=list(HealthCheck))
HOSTILE = settings.get_profile("hostile")

# Requests a valid CSRF token would make do something a person may lose (their session, an
# account, stored mail): they are sent too, but with a token only the hostile draw supplies.
DESTRUCTIVE = {"auth.logout", "accounts.disconnect", "settings.set_mode",
               "settings.finish_rotation", "mail.delete", "mail.move", "calendar.delete",
               "calendar.cancel", "admin_consent.try_again"}
SESSION_COOKIE = "postpress_session"
EXTRA_METHODS = ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"]


@pytest.fixture
def world(make_app, sandbox_server, sandbox):
    """An app with every built-in plugin, custom credentials saved, and three browsers."""
    app = make_app(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    roles = {"visitor": (None, None)}
    for role, oid in (("user", seed.CONTOSO_USER_OID), ("admin", seed.CONTOSO_ADMIN_OID)):
        client = app.test_client()
        journey = Journey(client, MicrosoftBrowser(sandbox_server.url))
        journey.sign_in(oid)
        token = journey.csrf_token("/")
        roles[role] = (client.get_cookie(SESSION_COOKIE).value, token)
    custom = register_custom_app(sandbox)
    expires = (date.today() + timedelta(days=300)).isoformat()
    saved = app.test_cli_runner().invoke(
        args=["postpress", "set-credentials", "--client-id", custom.client_id, "--expires",
              expires, "--no-test"], input=custom.secret + "\n")
    assert saved.exit_code == 0, saved.output
    return app, roles, _state(app)


def _state(app) -> dict:
    """What must survive: accounts and their tokens, the credentials and their secret."""
    with app.app_context():
        accounts = sorted((a.id, a.oid, a.refresh_token, a.status)
                          for a in db.session.scalars(db.select(ConnectedAccount)))
        row = db.session.get(OAuthSettings, 1)
        creds = (row.client_id, row.client_secret, row.secret_expires_on, row.tenant_id)
        db.session.remove()
    return {"accounts": accounts, "credentials": creds}


def _path(rule, values: list[str]) -> str:
    """The rule's URL with each variable part replaced by a drawn segment."""
    parts = iter(values)
    return re.sub(r"<(?:[^:<>]+:)?[^<>]+>", lambda _m: next(parts, "x"), rule.rule)


def call_wsgi(app, path: str, method: str, headers: dict,
              body: bytes = b"") -> tuple[int, bytes]:
    """Call the app as a server does, with the environ alone: the test client itself cannot
    carry a Host that IDNA refuses (it builds the request's URL from it)."""
    path, _, query = path.partition("?")
    environ = EnvironBuilder(path=path, query_string=query, method=method, headers=headers,
                             data=body).get_environ()
    answer: dict = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    return_value = app(environ, start_response)
    try:
        body = b"".join(return_value)
    finally:
        getattr(return_value, "close", lambda: None)()
    return answer["status"], body


@st.composite
def requests_for(draw, rules):
    """One hostile request: a route, a method it has or not, its parts drawn from hostile."""
    rule = rules[draw(st.integers(0, len(rules) - 1))]
    methods = sorted(rule.methods - {"OPTIONS"})
    # Mostly a method the route has (so the view runs), now and then one it has not.
    method = draw(st.sampled_from(methods if draw(st.integers(0, 4)) else EXTRA_METHODS))
    segments = draw(st.lists(st.one_of(hostile.path_segment(), st.just("1")),
                             min_size=len(rule.arguments), max_size=len(rule.arguments)))
    form = draw(hostile.form_fields())
    body = "&".join(quote_from_bytes(hostile.as_wire_bytes(k)) + "="
                    + quote_from_bytes(hostile.as_wire_bytes(v)) for k, v in form.items())
    return Drawn({"rule": rule, "method": method, "path": _path(rule, segments),
                  "query": draw(hostile.query_string()), "body": body,
                  "big_body": draw(st.integers(0, 30)) == 0,  # beyond MAX_CONTENT_LENGTH
                  "headers": draw(hostile.headers()), "role": draw(st.sampled_from(
                      ["visitor", "user", "admin"])), "with_token": draw(st.booleans())})


class Drawn(dict):
    """A drawn request whose repr (Hypothesis prints a failing one) cuts long values short."""

    def __repr__(self) -> str:
        return repr({k: _short(v) for k, v in self.items()})


def _short(value):
    """Long text cut to its start and length, in dicts too (the headers)."""
    if isinstance(value, dict):
        return {_short(k): _short(v) for k, v in value.items()}
    if isinstance(value, str) and len(value) > 300:
        return value[:300] + f"...({len(value)} characters)"
    return value


def _send(app, roles, drawn) -> tuple[int, bytes]:
    """Send as the drawn role (its session cookie), straight to the app as a server would."""
    cookie, token = roles[drawn["role"]]
    body = drawn["body"]
    if drawn["big_body"]:
        body += "&big=" + "a" * (2 * 1024 * 1024)
    if token and drawn["with_token"] and drawn["rule"].endpoint not in DESTRUCTIVE:
        body = f"csrf_token={token}&{body}"
    headers = {"Host": "localhost", "Content-Type": "application/x-www-form-urlencoded"}
    headers |= drawn["headers"]
    if cookie:  # the role's session, then whatever cookies were drawn
        headers["Cookie"] = "; ".join(filter(None, [f"{SESSION_COOKIE}={cookie}",
                                                    drawn["headers"].get("Cookie")]))
    path = drawn["path"] + ("?" + drawn["query"] if drawn["query"] else "")
    return call_wsgi(app, path, drawn["method"], headers, body.encode("latin-1"))


def test_every_route_and_method_answers_hostile_requests_without_a_500(world):
    app, roles, before = world
    rules = [rule for rule in app.url_map.iter_rules()]

    @HOSTILE
    @given(requests_for(rules))
    def property_(drawn):
        status, body = _send(app, roles, drawn)
        not_ready = status == 503 and drawn["rule"].endpoint == "health.readyz"
        assert status < 500 or not_ready, (drawn["method"], drawn["path"], status)
        assert b"Traceback" not in body

    property_()
    assert _state(app) == before


def test_hosts_no_server_should_accept_get_a_400_page_in_demo_mode_too(make_app):
    """Demo mode trusts every host (no PUBLIC_URL): a Host werkzeug cannot parse is still a
    400 page, rendered although the request never reached routing."""
    app = make_app(DEMO=True, PUBLIC_URL=None)
    rules = list(app.url_map.iter_rules())

    @HOSTILE
    @given(st.integers(0, len(rules) - 1), hostile.host_header(), st.sampled_from(
        ["GET", "POST", "HEAD"]))
    def property_(index, host, method):
        status, body = call_wsgi(app, _path(rules[index], []), method, {"Host": host})
        assert status < 500 or rules[index].endpoint == "health.readyz", (
            host, rules[index].rule, status)
        assert b"Traceback" not in body

    property_()
    status, body = call_wsgi(app, "/login", "GET", {"Host": "a" * 64 + ".example"})
    assert status == 400 and b"Bad Request" in body
    assert b'href="/static/' in body  # its links are this site's own


def _cli_commands(app) -> dict:
    """Every ``flask postpress`` command, by name."""
    return app.cli.commands["postpress"].commands


@st.composite
def invocations(draw, commands: dict):
    """A command with hostile option values and arguments, and hostile standard input."""
    name = draw(st.sampled_from(sorted(commands)))
    args = ["postpress", name]
    for param in commands[name].params:
        if not draw(st.booleans()):
            continue
        value = draw(hostile.cli_argument())
        if param.param_type_name == "argument":
            args.append(value)
        elif getattr(param, "is_flag", False):
            args.append(param.opts[0])
        else:
            args.extend([param.opts[0], value])
    stdin = draw(st.one_of(hostile.hostile_bytes(), st.just(b"x" * hostile.HUGE)))
    return args, stdin


def test_every_command_answers_hostile_arguments_and_input_with_a_message(world):
    app, _, before = world
    commands = _cli_commands(app)
    assert {"set-credentials", "show-credentials", "check-credentials", "doctor"} <= set(commands)

    @HOSTILE
    @given(invocations(commands))
    def property_(invocation):
        args, stdin = invocation
        result = app.test_cli_runner().invoke(args=args, input=stdin)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args, repr(result.exception))
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
        assert "Traceback" not in result.output

    property_()
    after = _state(app)
    assert after == before


@pytest.mark.parametrize(("stdin", "message"), [
    (b"abc\x00def-secret-value~1\n", "control characters"),
    (b"abc\x1b[31mdef-secret-value\n", "control characters"),
    ("Gr8~secret.value.caf\u00e9\n".encode(), "not in a client secret Value"),
    (b"x" * 300 + b"\n", "longer than any client secret Value (256"),
    (b"\xff\xfe-not-utf8-secret-value\n", "not UTF-8"),
    (b"y" * 5_000_000, "longer than any client secret Value"),
])
def test_set_credentials_refuses_secrets_entra_never_issues(app, stdin, message):
    result = app.test_cli_runner().invoke(args=[
        "postpress", "set-credentials", "--client-id", seed.DEFAULT_CLIENT_ID.replace("3", "4"),
        "--expires", (date.today() + timedelta(days=90)).isoformat(), "--no-test"], input=stdin)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert message in result.output and "Traceback" not in result.output
    with app.app_context():
        assert db.session.get(OAuthSettings, 1) is None  # nothing saved


def test_the_same_checks_guard_the_settings_form():
    from postpress_whitelabel.settings import checks

    assert "control characters" in checks.secret_problem("abc\x07def-secret-value")
    assert "longer than" in checks.secret_problem("z" * 257)
    assert checks.secret_problem("Q~8aBcD.eFgH_iJkL-mNoPqRsTuVwXyZ0123456789") is None


@pytest.mark.parametrize("url", ["/calendar/event/" + "a" * 5000 + "/respond",
                                 "/login?next=" + "%2F" * 3000])
def test_urls_longer_than_gunicorn_serves_are_refused_however_the_app_is_served(make_app, url):
    app = make_app(["calendar"])
    status, body = call_wsgi(app, url, "GET", {"Host": "localhost"})
    assert status == 414 and b"URI Too Long" in body
