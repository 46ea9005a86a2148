"""``scripts/serve``: migrations, then gunicorn with two workers, as production runs it.

A real sign-in goes through it; the access log must not hold the callback's code or state, and
``/metrics`` must add up what both workers counted.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.fernet import Fernet
from prometheus_client.parser import text_string_to_metric_families

from microsoft_sandbox.directory import seed
from postpress_whitelabel.testing import MicrosoftBrowser

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll until gunicorn answers (start-up takes a moment), failing with its log if it dies."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scripts/serve exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or a worker still booting
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn did not answer within 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def served(serve_script):
    """``scripts/serve`` as production starts it: (public URL, log file, metrics folder)."""
    return serve_script()


@pytest.fixture
def serve_script(sandbox, sandbox_server, tmp_path):
    """``serve_script(*gunicorn_args)``: ``scripts/serve`` on a free port with two workers."""
    processes = []

    def start(*args):
        url, log, process = _start(sandbox, sandbox_server, tmp_path, args)
        processes.append(process)
        return url, log, tmp_path / "metrics"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=60)


def _start(sandbox, sandbox_server, tmp_path, args):
    port = _free_port()
    public_url = f"http://127.0.0.1:{port}"
    for path in seed.DEFAULT_REDIRECT_PATHS:
        sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, public_url + path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTPRESS_")} | {
        "POSTPRESS_SECRET_KEY": "gunicorn-test",
        "POSTPRESS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "POSTPRESS_PUBLIC_URL": public_url,
        "POSTPRESS_SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'served.sqlite3'}",
        "POSTPRESS_MICROSOFT_LOGIN_URL": sandbox_server.url,
        "POSTPRESS_MICROSOFT_GRAPH_URL": sandbox_server.url,
        "POSTPRESS_DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "POSTPRESS_DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
        "POSTPRESS_PLUGINS": "[]",
        "POSTPRESS_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "VENV": str(Path(os.sys.executable).parent.parent),
    }
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(ROOT / "scripts" / "serve"), *args],  # noqa: S603
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(public_url, process, log)
    except BaseException:
        process.terminate()
        raise
    return public_url, log, process


def _sign_in(public_url: str, sandbox_url: str) -> tuple[requests.Session, str]:
    """A whole sign-in through gunicorn; returns the browser and the callback URL it followed."""
    browser = requests.Session()
    html = browser.get(public_url + "/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    start = browser.post(public_url + "/connect/microsoft", data={"csrf_token": token},
                         allow_redirects=False)
    assert start.status_code == 303, start.text[:500]
    callback = MicrosoftBrowser(sandbox_url).sign_in(start.headers["Location"],
                                                     oid=seed.CONTOSO_USER_OID)
    done = browser.get(callback, allow_redirects=False)
    assert done.status_code == 302, done.text[:500]
    return browser, callback


def _metric(text: str, name: str, **labels) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_a_sign_in_under_gunicorn_leaves_no_code_or_state_in_the_access_log(
        served, sandbox_server):
    public_url, log, _ = served
    browser, callback = _sign_in(public_url, sandbox_server.url)
    assert "Adele" in browser.get(public_url + "/").text
    query = dict(part.split("=", 1) for part in urlsplit(callback).query.split("&"))
    text = log.read_text()
    assert "GET /api/v1/hosted/microsoft_auth_request_callback HTTP/1.1\" 302" in text
    assert re.search(r"request_id=[0-9a-f-]{36}", text)
    for secret in (query["code"], query["state"], browser.cookies.get("postpress_session")):
        assert secret and secret not in text


def test_metrics_add_up_every_worker(serve_script):
    # One connection per worker: a worker holding a kept-alive connection accepts no other,
    # so the two browsers below are served by the two workers.
    public_url, _, folder = serve_script("--worker-connections", "1")
    browsers = [requests.Session(), requests.Session()]
    for _ in range(40):
        for browser in browsers:
            assert browser.get(public_url + "/readyz", timeout=10).status_code in (200, 503)
    writers = {p.stem.rsplit("_", 1)[-1] for p in folder.glob("histogram_*.db")}
    assert len(writers) == 2, writers
    for browser in browsers:  # whichever worker answers reports both workers' requests
        scrape = browser.get(public_url + "/metrics", timeout=5).text
        assert _metric(scrape, "postpress_request_duration_seconds_count",
                       method="GET", route="/readyz") == 80
