"""App servers as production runs them: ``scripts/serve`` (migrations, then gunicorn), each its
own master on its own port, all sharing one database, talking to a sandbox in this process.

Used by the scale-out, fault and hostile-input tests and by the bench scripts; the fixture
``app_servers`` stops every server it started, whatever the test did.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet

from microsoft_sandbox.directory import seed

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """One gunicorn master: its address, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path
    env: dict = field(repr=False)

    def stop(self) -> None:
        """TERM (graceful), then KILL if it lingers; waits for the whole group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def shared_settings(sandbox_url: str, database_url: str, **extra: str) -> dict:
    """``POSTPRESS_*`` settings every server of one deployment shares (keys included)."""
    return {
        "POSTPRESS_SECRET_KEY": "app-servers-" + Fernet.generate_key().decode(),
        "POSTPRESS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "POSTPRESS_SQLALCHEMY_DATABASE_URI": database_url,
        "POSTPRESS_MICROSOFT_LOGIN_URL": sandbox_url,
        "POSTPRESS_MICROSOFT_GRAPH_URL": sandbox_url,
        "POSTPRESS_DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "POSTPRESS_DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
        "POSTPRESS_PLUGINS": "[]",
    } | extra


def start(shared: dict, sandbox, folder: Path, *, public_url: str | None = None,
          workers: int = 2, migrate: bool = True, args: tuple = ()) -> AppServer:
    """Start one server on a free port; ``public_url`` (default its own address) is where
    browsers reach it, e.g. a second server behind the same name as the first."""
    port = free_port()
    public_url = public_url or f"http://127.0.0.1:{port}"
    for path in seed.DEFAULT_REDIRECT_PATHS:
        sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, public_url + path)
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTPRESS_")} | shared | {
        "POSTPRESS_PUBLIC_URL": public_url,
        "POSTPRESS_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "PROMETHEUS_MULTIPROC_DIR": str(folder / f"metrics-{port}"),
        "SKIP_MIGRATIONS": "0" if migrate else "1",
        "VENV": str(Path(sys.executable).parent.parent),
    }
    log = folder / f"server-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(ROOT / "scripts" / "serve"), *args],  # noqa: S603
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = AppServer(f"http://127.0.0.1:{port}", process, log, env)
    try:
        _wait_until_up(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_up(server: AppServer) -> None:
    """Poll /healthz until a worker answers; fail with the log's tail if the server dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"scripts/serve exited {server.process.returncode}:\n"
                               f"{server.log.read_text()[-3000:]}")
        try:
            if requests.get(server.url + "/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet
            pass
        time.sleep(0.1)  # start-up polling, not waiting for time to pass in a test
    raise RuntimeError(f"no answer within {START_TIMEOUT} s:\n{server.log.read_text()[-3000:]}")


@pytest.fixture
def app_servers(sandbox, sandbox_server, tmp_path):
    """``app_servers.start(shared, **options)``; every server is stopped after the test."""
    started: list[AppServer] = []

    class Starter:
        @staticmethod
        def settings(database_url: str, **extra: str) -> dict:
            return shared_settings(sandbox_server.url, database_url, **extra)

        @staticmethod
        def start(shared: dict, **options) -> AppServer:
            server = start(shared, sandbox, tmp_path, **options)
            started.append(server)
            return server

    yield Starter()
    for server in started:
        server.stop()
