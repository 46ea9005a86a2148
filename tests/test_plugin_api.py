"""The public API's Graph binding, reconnect page and plugin settings, against the sandbox."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from microsoft_sandbox.directory import seed
from postpress_whitelabel import api
from postpress_whitelabel.config import ConfigurationError
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount, User

ROOT = Path(__file__).resolve().parent.parent


def _account(app) -> ConnectedAccount:
    return db.session.get(ConnectedAccount, 1)


def _counts(sandbox, endpoint: str) -> int:
    return sandbox.request_totals().get(endpoint, 0)


def test_graph_calls_microsoft_graph_as_the_account(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        me = api.graph(_account(app)).get("/me").json()
    assert me["id"] == seed.CONTOSO_USER_OID
    assert me["userPrincipalName"] == "AdeleV@contoso.com"


def test_an_expired_token_is_refreshed_before_the_call(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = _account(app)
        old = account.access_token
        account.access_token_expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        sandbox.reset_counts()
        assert api.graph(account).get("/me").status == 200
        assert _account(app).access_token != old
    assert _counts(sandbox, "token") == 1


def test_a_token_graph_refuses_is_refreshed_once_and_the_call_retried(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = _account(app)
        account.access_token = "not-a-token-graph-accepts"  # looks fresh, Graph says 401
        db.session.commit()
        sandbox.reset_counts()
        assert api.graph(account).get("/me").json()["id"] == seed.CONTOSO_USER_OID
    assert _counts(sandbox, "token") == 1
    assert _counts(sandbox, "graph_me") == 2


def test_a_refused_refresh_marks_the_account_and_keeps_it(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = _account(app)
        account.access_token_expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        with pytest.raises(api.GraphError) as caught:
            api.graph(account).get("/me")
        assert caught.value.needs_sign_in
        assert "token" not in str(caught.value).lower() or "renew" in str(caught.value)
        kept = db.session.get(ConnectedAccount, 1)
        assert kept.status == "needs_sign_in"
        assert kept.refresh_token  # nothing thrown away: a new sign-in replaces it
        assert db.session.get(User, kept.user_id) is not None


def test_access_token_says_sign_in_again_as_a_graph_error(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = _account(app)
        assert api.access_token(account) == account.access_token
        account.refresh_token = None
        account.access_token_expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        with pytest.raises(api.GraphError) as caught:
            api.access_token(account)
    assert caught.value.needs_sign_in


RECONNECT_PLUGIN = """
    from flask import Blueprint
    from postpress_whitelabel import api

    bp = Blueprint("needs", __name__, url_prefix="/needs")

    @bp.get("/")
    @api.login_required
    def page():
        account = api.connected_accounts()[0]
        return api.reconnect(account, next="/needs/?from=reconnect")

    @api.hookimpl
    def register_blueprints(app):
        return [bp]

    @api.hookimpl
    def register_scopes():
        return [api.Scope("Contacts.Read", "An extra permission the page needs.")]
"""


def test_reconnect_signs_the_same_account_in_again_and_comes_back(kit, make_app, microsoft,
                                                                 sandbox):
    from tests.conftest import Journey

    kit.builtin("needs", RECONNECT_PLUGIN)
    app = make_app(**kit.config(PLUGINS=["needs"]))
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_USER_OID)
    sandbox.revoke_user_consent(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID)
    sandbox.record_grant(seed.CONTOSO_USER_OID, seed.DEFAULT_CLIENT_ID,
                         ["openid", "profile", "email", "offline_access", "User.Read"])
    with app.app_context():
        account = _account(app)
        account.scopes = "openid profile email offline_access User.Read"
        db.session.commit()

    page = client.get("/needs/")
    html = page.get_data(as_text=True)
    assert page.status_code == 403
    assert "Permission needed" in html and "Contacts.Read" in html
    assert 'name="intent" value="reconnect"' in html
    assert 'name="next" value="/needs/?from=reconnect"' in html

    form = dict(re.findall(r'name="(csrf_token|intent|next|account_id)" value="([^"]*)"', html))
    started = client.post("/connect/microsoft", data=form)
    assert started.status_code == 303
    query = parse_qs(urlsplit(started.headers["Location"]).query)
    assert query["login_hint"] == ["AdeleV@contoso.com"]
    assert "prompt" not in query  # Microsoft asks only for what is missing
    back = journey.callback(journey.at_microsoft(started.headers["Location"]))
    assert back.status_code == 302 and back.headers["Location"] == "/needs/?from=reconnect"
    with app.app_context():
        assert "contacts.read" in _account(app).scope_set


def test_reconnect_never_follows_next_off_the_site(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.test_request_context("/"):
        account = _account(app)
        account.status = "needs_sign_in"
        html, status = api.reconnect(account, next="https://evil.example/")
    assert status == 200 and "Sign in to Microsoft again" in html
    assert "evil.example" not in html


def test_reconnect_drops_the_empty_query_mark_of_full_path(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with app.test_request_context("/mail/"):
        account = _account(app)
        account.status = "needs_sign_in"
        html, _ = api.reconnect(account, next="/mail/?")
    assert 'name="next" value="/mail/"' in html


def test_browser_session_id_names_this_sign_in_until_it_signs_out(app, journey, sandbox):
    journey.sign_in(seed.CONTOSO_USER_OID)
    with journey.client.session_transaction() as cookie:
        stored = dict(cookie)
    with app.test_request_context("/"):
        from flask import session
        session.update(stored)
        browser = api.browser_session_id()
        user_id = _account(app).user_id
        assert browser and browser not in str(stored.values())
        assert api.browser_session_open(browser, user_id)
        assert not api.browser_session_open(browser, user_id + 1)
        assert not api.browser_session_open("0" * 64, user_id)
        assert not api.browser_session_open(None, user_id)
    journey.client.post("/logout", data={"csrf_token": journey.csrf_token("/")})
    with app.app_context():
        assert not api.browser_session_open(browser, user_id)
    with app.test_request_context("/"):
        assert api.browser_session_id() is None


def test_safe_next_is_the_cores_check():
    assert api.safe_next("/mail/?folder=inbox") == "/mail/?folder=inbox"
    for bad in ("//evil.example/", "/\\evil.example", "https://evil.example/", "mail",
                "/a\tb", None):
        assert api.safe_next(bad) is None


def test_next_page_path_is_the_clients_check_made_relative(app):
    with app.app_context():
        root = app.config["MICROSOFT_GRAPH_URL"].rstrip("/")
        assert api.next_page_path(f"{root}/v1.0/me/messages?$skip=25") == "/me/messages?$skip=25"
        assert api.next_page_path(None) is None
        for link in ("https://graph.evil.example/v1.0/me/messages", f"{root}/beta/me/messages",
                     f"{root}/v1.0//evil.example/me", "/v1.0/me/messages"):
            with pytest.raises(api.GraphError):
                api.next_page_path(link)


def test_plugin_config_defaults_and_overrides(make_app, monkeypatch):
    app = make_app(PLUGIN_MAIL_PAGE_SIZE=50)
    with app.app_context():
        config = api.plugin_config("mail", {"page_size": 25, "images": False})
    assert dict(config) == {"page_size": 50, "images": False}
    with pytest.raises(TypeError):
        config["page_size"] = 10  # read-only


def test_plugin_config_reads_environment_variables(monkeypatch):
    """The documented names, read by the same loader the app uses (Flask's prefixed env)."""
    from flask import Flask

    monkeypatch.setenv("POSTPRESS_PLUGIN_MY_PLUGIN_SHOW_IMAGES", "true")
    monkeypatch.setenv("POSTPRESS_PLUGIN_MY_PLUGIN_FOLDERS", "Inbox, Archive")
    app = Flask(__name__)
    app.config.from_prefixed_env("POSTPRESS")
    with app.app_context():
        config = api.plugin_config("my-plugin", {"show_images": False, "folders": ["Inbox"]})
    assert config["show_images"] is True
    assert config["folders"] == ["Inbox", "Archive"]


def test_plugin_config_of_the_wrong_type_names_the_key(make_app):
    app = make_app(PLUGIN_MAIL_PAGE_SIZE="many")
    with app.app_context(), pytest.raises(ConfigurationError, match="PLUGIN_MAIL_PAGE_SIZE"):
        api.plugin_config("mail", {"page_size": 25})


@pytest.mark.parametrize("name", sorted(api.__all__))
def test_every_public_name_is_documented(name):
    docs = (ROOT / "docs" / "plugins.md").read_text()
    assert re.search(rf"`{re.escape(name)}[`(\[]", docs), f"{name} is not in docs/plugins.md"


def test_public_names_exist():
    for name in api.__all__:
        assert hasattr(api, name), name
