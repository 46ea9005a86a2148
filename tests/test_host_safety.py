"""Host safety: links and redirect URIs come from PUBLIC_URL, other hosts are refused."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from postpress_whitelabel import config
from postpress_whitelabel.config import ConfigurationError

PUBLIC = "https://app.example.com"


def _production_env(monkeypatch, **extra):
    import os

    for key in list(os.environ):
        if key.startswith("POSTPRESS_"):
            monkeypatch.delenv(key)
    values = {"SECRET_KEY": "s", "ENCRYPTION_KEYS": Fernet.generate_key().decode()} | extra
    for key, value in values.items():
        monkeypatch.setenv(f"POSTPRESS_{key}", value)


def _loaded(tmp_path) -> Flask:
    app = Flask("probe", instance_path=str(tmp_path), instance_relative_config=True)
    config.load(app, None)
    return app


def test_start_up_refuses_without_public_url_and_says_who_sets_it(tmp_path, monkeypatch):
    _production_env(monkeypatch)
    with pytest.raises(ConfigurationError, match="Whoever deploys.*POSTPRESS_PUBLIC_URL"):
        _loaded(tmp_path)


def test_demo_mode_starts_without_public_url(tmp_path, monkeypatch):
    _production_env(monkeypatch, SANDBOX="true")
    assert _loaded(tmp_path).config["TRUSTED_HOSTS"] is None


def test_trusted_hosts_come_from_public_url_unless_set(tmp_path, monkeypatch):
    _production_env(monkeypatch, PUBLIC_URL=PUBLIC + "/")
    assert _loaded(tmp_path).config["TRUSTED_HOSTS"] == ["app.example.com"]
    _production_env(monkeypatch, PUBLIC_URL=PUBLIC, TRUSTED_HOSTS="app.example.com, .example.org")
    assert _loaded(tmp_path).config["TRUSTED_HOSTS"] == ["app.example.com", ".example.org"]


@pytest.mark.parametrize("host", ["evil.example", "app.example.com.evil.example", "bad host!",
                                  "app.example.com:99999", "\u00e9vil.example"])
def test_a_request_for_another_host_gets_a_clear_400_page(make_app, host):
    client = make_app(PUBLIC_URL=PUBLIC).test_client()
    for path in ("/login", "/", "/api/v1/hosted/microsoft_auth_request_callback?state=x"):
        resp = client.get(path, headers={"Host": host})
        assert resp.status_code == 400, (path, resp.status_code)
        assert "This address is not served here" in resp.text
        assert 'href="/static/css/app.css"' in resp.text and host not in resp.text
    assert client.get("/login", headers={"Host": "app.example.com"}).status_code == 200


def test_forwarded_host_is_checked_only_through_trusted_proxies(make_app):
    behind = make_app(PUBLIC_URL=PUBLIC, TRUSTED_PROXIES=1).test_client()
    forged = behind.get("/login", headers={"Host": "app.example.com",
                                           "X-Forwarded-Host": "evil.example"})
    assert forged.status_code == 400
    good = behind.get("/login", headers={"Host": "10.0.0.5:8000",
                                         "X-Forwarded-Host": "app.example.com"})
    assert good.status_code == 200
    direct = make_app(PUBLIC_URL=PUBLIC).test_client()
    ignored = direct.get("/login", headers={"Host": "app.example.com",
                                            "X-Forwarded-Host": "evil.example"})
    assert ignored.status_code == 200  # no proxy trusted: the header means nothing


def test_redirect_uri_comes_from_public_url_not_the_request_host(make_app):
    app = make_app(PUBLIC_URL="http://app.example.com",
                   TRUSTED_HOSTS=["app.example.com", "alias.example.com"])
    client, alias = app.test_client(), "http://alias.example.com"
    html = client.get("/login", base_url=alias).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    resp = client.post("/connect/microsoft", base_url=alias, data={"csrf_token": token})
    assert resp.status_code == 303
    sent = parse_qs(urlsplit(resp.headers["Location"]).query)["redirect_uri"][0]
    assert sent == "http://app.example.com/api/v1/hosted/microsoft_auth_request_callback"


def test_probes_answer_whatever_host_they_name(make_app):
    """A load balancer asks by address; the answers hold no link built from it."""
    client = make_app(PUBLIC_URL=PUBLIC, METRICS_TOKEN="t").test_client()
    assert client.get("/healthz", headers={"Host": "10.0.0.5:8000"}).json == {"status": "ok"}
    assert client.get("/readyz", headers={"Host": "10.0.0.5:8000"}).status_code in (200, 503)
    assert client.get("/metrics", headers={"Host": "10.0.0.5",
                                           "Authorization": "Bearer t"}).status_code == 200
    assert client.get("/metrics", headers={"Host": "10.0.0.5"}).status_code == 404
    assert client.post("/healthz", headers={"Host": "10.0.0.5"}).status_code == 400
