"""Loopback servers for what the sandbox never does: hostile links, broken bodies, silence.

The sandbox follows Microsoft's documentation, so it never sends a next-page link to another
host or an HTML error page. These small servers do, on 127.0.0.1 only, and record what
reaches them.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Canned:
    """A server answering every request with one canned response, recording each request."""

    def __init__(self, status: int = 200, body: bytes | dict = b"", content_type: str = ""):
        self.requests: list[dict] = []
        self.answer(status, body, content_type)
        canned = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                canned.requests.append({"path": self.path, "headers": dict(self.headers)})
                status, payload, content_type = canned.response
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, status: int, body: bytes | dict, content_type: str = "") -> None:
        """Answer from now on with this status and body (a dict is sent as JSON)."""
        payload = json.dumps(body).encode() if isinstance(body, dict) else body
        content_type = content_type or ("application/json" if isinstance(body, dict) else "")
        self.response = (status, payload, content_type)

    def close(self):
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class Silent:
    """A listening socket that accepts connections into its backlog and never answers."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def close(self):
        """Free the port."""
        self.socket.close()
