"""Run the sandbox in a background thread on a real port, for tests and the demo command."""

import threading
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from . import create_app, local_tls
from .state import Sandbox
from .web import EXTENSION_KEY


class PathOnlyLogHandler(WSGIRequestHandler):
    """Logs requests without their query strings: logout's id_token_hint must not hit logs."""

    def log_request(self, code="-", size="-") -> None:
        """Log method, path and status; the query string is dropped.

        http.server answers a request line it cannot parse (400, 505, 414) before it sets
        `path` (nor `command`): the raw line stands in, or the error would go unanswered.
        """
        target = getattr(self, "path", None) or self.requestline
        self.log("info", '"%s %s" %s', self.command or "-", target.split("?", 1)[0],
                 getattr(code, "value", code))


class SandboxServer:
    """A sandbox app served by werkzeug in a daemon thread; port 0 picks a free port.

    Plain http by default. With `https=True` it serves TLS with a certificate it makes itself
    (see local_tls), written to `cert_dir` or a new temporary folder; clients trust `ca_path`.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, config: dict | None = None,
                 https: bool = False, cert_dir: str | Path | None = None):
        """Build the app (and the certificate) now, so both exist before the server starts."""
        self.host = host
        self.port = port
        self.app = create_app(config)
        self.certificate = local_tls.create(cert_dir) if https else None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def scheme(self) -> str:
        """`https` when serving TLS, else `http`."""
        return "https" if self.certificate else "http"

    @property
    def ca_path(self) -> Path | None:
        """The PEM file of the CA a client must trust to reach this server; None over http."""
        return self.certificate.ca_path if self.certificate else None

    @property
    def sandbox(self) -> Sandbox:
        """The state object behind the served app."""
        return self.app.extensions[EXTENSION_KEY]

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. `http://127.0.0.1:54321`
        (`https://...` over TLS).

        :raise RuntimeError: before start().
        """
        if self._server is None:
            raise RuntimeError("SandboxServer is not started")
        return f"{self.scheme}://{self.host}:{self._server.server_port}"

    def start(self) -> "SandboxServer":
        """Bind the port and serve in a daemon thread; returns self for chaining."""
        if self._server is not None:
            return self
        self._server = make_server(
            self.host, self.port, self.app, threaded=True, request_handler=PathOnlyLogHandler
        )
        if self.certificate:
            self._serve_tls(self._server)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="microsoft-sandbox", daemon=True
        )
        self._thread.start()
        return self

    def _serve_tls(self, server: BaseWSGIServer) -> None:
        """Serve TLS, each handshake in its connection's own thread: werkzeug's own TLS
        handshakes in the accepting thread, where one client that never speaks would stall
        every other. Werkzeug reads `ssl_context` for the `https` URL scheme and TLS errors."""
        context = self.certificate.server_context()
        server.socket = context.wrap_socket(server.socket, server_side=True,
                                            do_handshake_on_connect=False)
        server.ssl_context = context

    def stop(self) -> None:
        """Stop serving, release the port and wait for the thread."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> "SandboxServer":
        """Start on entry."""
        return self.start()

    def __exit__(self, *exc_info) -> None:
        """Stop on exit."""
        self.stop()
