"""`Server-Timing: sandbox;dur=<ms>` on every response: the sandbox's own time per request.

Benchmarks compare it with the round trip they measure, to show the sandbox is not their
bottleneck. It wraps the WSGI app, so it covers routing, hooks (added latency included) and
the view, and leaves out the HTTP server's socket work.
"""

import time

from flask import Flask


def init_app(app: Flask) -> None:
    """Wrap `app.wsgi_app` with the timer."""
    inner = app.wsgi_app

    def timed(environ, start_response):
        """Time the app until it starts its response, then add the header."""
        started = time.perf_counter()

        def start(status, headers, exc_info=None):
            """Append Server-Timing to the response's headers."""
            elapsed = (time.perf_counter() - started) * 1000
            headers.append(("Server-Timing", f"sandbox;dur={elapsed:.3f}"))
            return start_response(status, headers, exc_info)

        return inner(environ, start)

    app.wsgi_app = timed
