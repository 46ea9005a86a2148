"""Health, readiness and metrics: what an operator's tools read."""

from __future__ import annotations

import re

import pytest
from flask_migrate import upgrade
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from microsoft_sandbox.directory import seed
from postpress_whitelabel import create_app
from postpress_whitelabel.extensions import db
from postpress_whitelabel.operations.metrics import REGISTRY


@pytest.fixture
def make_app(make_app):
    """The kit's apps, with no migration history left behind for the next test."""
    made = []

    def make(*args, **config):
        made.append(make_app(*args, **config))
        _forget_migrations(made[-1])
        return made[-1]

    yield make
    for app in made:
        _forget_migrations(app)


def _forget_migrations(app) -> None:
    with app.app_context():
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()


def _migrated(make_app, **config):
    """An app whose schema comes from the migrations, as ``flask db upgrade`` builds it."""
    app = make_app(plugins=[], **config)
    with app.app_context():
        db.drop_all()
        upgrade()
    return app


def _value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_healthz_needs_nothing_but_the_process(app_config, tmp_path):
    url = f"sqlite:///{tmp_path}/missing/dir/x.db"  # a database nobody can open
    app = create_app(app_config | {"SQLALCHEMY_DATABASE_URI": url, "PLUGINS": []})
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 200 and resp.json == {"status": "ok"}


def test_readyz_is_ok_on_a_migrated_database_with_credentials(make_app):
    resp = _migrated(make_app).test_client().get("/readyz")
    assert resp.status_code == 200, resp.json
    assert resp.json["checks"] == {"database": "ok", "migrations": "ok", "credentials": "ok"}


def test_readyz_names_unapplied_migrations(make_app):
    resp = make_app(plugins=[]).test_client().get("/readyz")  # tables made without alembic
    assert resp.status_code == 503 and resp.json["failing"] == ["migrations"]


def test_readyz_names_missing_credentials(make_app):
    app = _migrated(make_app, DEFAULT_CLIENT_SECRET=None)
    resp = app.test_client().get("/readyz")
    assert resp.status_code == 503 and resp.json["failing"] == ["credentials"]


def test_readyz_names_an_unreachable_database(app_config, tmp_path):
    url = f"sqlite:///{tmp_path}/missing/dir/x.db"  # a folder that does not exist
    app = create_app(app_config | {"SQLALCHEMY_DATABASE_URI": url, "PLUGINS": []})
    resp = app.test_client().get("/readyz")
    assert resp.status_code == 503
    assert resp.json["failing"] == ["database", "migrations", "credentials"]
    assert "sqlite" not in resp.get_data(as_text=True)  # no connection details


def test_metrics_count_a_sign_in_and_its_latency(app, client, journey, sandbox):
    started = _value("postpress_sign_ins_started_total", intent="sign_in")
    finished = _value("postpress_sign_ins_finished_total")
    timed = _value("postpress_request_duration_seconds_count", method="POST",
                   route="/connect/microsoft")
    assert journey.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    text = client.get("/metrics").get_data(as_text=True)
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert "postpress_graph_responses" in families and "postpress_token_refreshes" in families
    assert _value("postpress_sign_ins_started_total", intent="sign_in") == started + 1
    assert _value("postpress_sign_ins_finished_total") == finished + 1
    assert _value("postpress_request_duration_seconds_count", method="POST",
                  route="/connect/microsoft") == timed + 1


def test_a_failed_sign_in_is_counted_by_its_aadsts_code(app, client, journey, sandbox):
    before = _value("postpress_sign_ins_failed_total", aadsts="65004")
    url = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID, consent="cancel")
    journey.callback(url)  # a page, or a plugin's redirect back: a failed sign-in either way
    assert _value("postpress_sign_ins_failed_total", aadsts="65004") == before + 1


def test_a_crafted_aadsts_code_does_not_make_a_new_series(app, client, journey, sandbox):
    before = _value("postpress_sign_ins_failed_total", aadsts="other")
    state = re.search(r"state=([^&]+)", journey.start()).group(1)
    client.get("/api/v1/hosted/microsoft_auth_request_callback", query_string={
        "state": state, "error": "access_denied",
        "error_description": "AADSTS987654321: made up"})
    assert _value("postpress_sign_ins_failed_total", aadsts="other") == before + 1
    assert _value("postpress_sign_ins_failed_total", aadsts="987654321") == 0


def test_metrics_token_guards_the_endpoint(make_app):
    client = make_app(plugins=[], METRICS_TOKEN="scrape-me").test_client()
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    for almost in ("scrape-me", "Basic scrape-me", "Bearer scrape-me ", "Bearer  scrape-me",
                   "Bearerscrape-me", "Token scrape-me"):
        assert client.get("/metrics", headers={"Authorization": almost}).status_code == 404
    resp = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    assert "postpress_sign_ins_started_total" in resp.get_data(as_text=True)


def test_graph_calls_are_counted_by_status_and_throttling(app, sandbox, sign_in):
    from postpress_whitelabel import api
    from postpress_whitelabel.models import ConnectedAccount

    sign_in()
    ok = _value("postpress_graph_responses_total", method="GET", status="200")
    throttled = _value("postpress_graph_throttled_total")
    sandbox.faults.force_status("graph_me", 429, retry_after=0, count=1)
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        assert api.graph(account).get("/me").json()["id"]
    assert _value("postpress_graph_throttled_total") == throttled + 1
    assert _value("postpress_graph_responses_total", method="GET", status="200") == ok + 1


def test_the_request_id_is_returned_and_bounded(client):
    given = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert client.get("/healthz", headers={"X-Request-ID": given}).headers[
        "X-Request-ID"] == given
    nginx = "0f8fad5bd9cb469fa16570867728950e"
    assert client.get("/healthz", headers={"X-Request-ID": nginx}).headers[
        "X-Request-ID"] == nginx
    made = client.get("/healthz", headers={"X-Request-ID": "<script>" * 50}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", made)


RID = "7d3c2b1a-0f9e-4d8c-b7a6-5e4f3a2b1c0d"


def test_the_request_id_goes_to_microsoft_with_token_requests(app, client, journey, sandbox):
    """Microsoft echoes ``client-request-id`` as its correlation id: the page shows ours."""
    first = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    assert journey.callback(first).status_code == 302
    client.post("/logout", data={"csrf_token": journey.csrf_token("/accounts/")})
    second = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    state = re.search(r"state=([^&]+)", second).group(1)
    code = re.search(r"code=([^&]+)", first).group(1)  # redeemed already: AADSTS54005
    resp = client.get(f"/api/v1/hosted/microsoft_auth_request_callback?code={code}"
                      f"&state={state}", headers={"X-Request-ID": RID})
    assert "AADSTS54005" in resp.text and RID in resp.text
    assert resp.headers["X-Request-ID"] == RID


def test_the_request_id_goes_to_microsoft_with_refreshes_and_graph_calls(app, sandbox,
                                                                          sign_in):
    from postpress_whitelabel import api
    from postpress_whitelabel.accounts import refresh
    from postpress_whitelabel.models import ConnectedAccount

    sign_in()
    with app.test_request_context(headers={"X-Request-ID": RID}):
        app.preprocess_request()
        account = db.session.get(ConnectedAccount, 1)
        sandbox.faults.force_status("graph_me", 403, count=1)
        with pytest.raises(api.GraphError) as refused:
            api.graph(account).get("/me")
        assert refused.value.client_request_id == RID
        sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
        with pytest.raises(refresh.RefreshFailed):
            refresh.refresh(account, force=True)
        assert db.session.get(ConnectedAccount, 1).last_error_correlation_id == RID
