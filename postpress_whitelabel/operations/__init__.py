"""Running it in production: health checks, Prometheus metrics, one log line per request."""

from __future__ import annotations

from flask import Flask

from . import health, metrics, request_log


def init_app(app: Flask) -> None:
    """Request ids and timing first (every later hook runs under them), then the endpoints."""
    request_log.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(metrics.bp)
