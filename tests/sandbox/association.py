"""A tiny web server playing the integrator's site for publisher domain verification.

It serves `/.well-known/microsoft-identity-association.json` with whatever status, Content-Type
and body a test sets, on 127.0.0.1 and an ephemeral port, so the sandbox's portal really
fetches the file over HTTP as it would from the integrator's domain.
"""

import json
import threading

from werkzeug.serving import make_server

ASSOCIATION_PATH = "/.well-known/microsoft-identity-association.json"


class AssociationServer:
    """Serves the association file; everything else is 404."""

    def __init__(self):
        """Nothing listed yet; `serve` says what to answer."""
        self.status = "200 OK"
        self.content_type: str | None = "application/json"
        self.body = b"{}"
        self.hits = 0
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        # A short poll interval keeps shutdown (once per test) quick.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        """The site's origin, e.g. http://127.0.0.1:54321 (a loopback demo domain)."""
        return f"http://127.0.0.1:{self._server.server_port}"

    def serve(self, *client_ids: str, content_type: str | None = "application/json",
              status: str = "200 OK", body: bytes | None = None) -> "AssociationServer":
        """List these application ids (or send `body` as is) with this header and status."""
        document = {"associatedApplications": [{"applicationId": c} for c in client_ids]}
        self.body = body if body is not None else json.dumps(document).encode()
        self.content_type, self.status = content_type, status
        return self

    def _wsgi(self, environ, start_response):
        """The association file at its well-known path; no Content-Type header when None."""
        if environ.get("PATH_INFO") != ASSOCIATION_PATH:
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        self.hits += 1
        headers = [("Content-Length", str(len(self.body)))]
        if self.content_type is not None:
            headers.append(("Content-Type", self.content_type))
        start_response(self.status, headers)
        return [self.body]

    def __enter__(self) -> "AssociationServer":
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
