"""Microsoft Graph v1.0, delegated: the offline graph.microsoft.com under `/v1.0/`.

`init_app` registers the blueprint. Views live one area per module (users, mail, MIME, sending,
calendars, events, $batch); they verify the caller's access token (`access`), demand the
permission their call needs, and answer in Graph's JSON shapes (`shapes`) and error format
(`errors`). Endpoint names start with `graph_`; request counts and fault knobs use them.
"""

from flask import Blueprint, Flask, current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from . import errors, prefer
from .errors import GraphError

bp = Blueprint("graph", __name__, url_prefix="/v1.0")
bp.register_error_handler(GraphError, errors.render)
bp.after_request(prefer.stamp)
bp.after_request(errors.stamp_ids)

METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"]


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """Werkzeug's own errors inside `/v1.0/`, in Graph's shape."""
    code = "BadRequest" if exc.code == 400 else type(exc).__name__
    return errors.render(GraphError(exc.code or 500, code, exc.description or exc.name))


def unknown_segment(rest: str):
    """Any other `/v1.0/` path: 405 if another method would match, else Graph's 400."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    for method in METHODS:
        if method == request.method:
            continue
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except (NotFound, MethodNotAllowed):
            continue
        if endpoint != "graph.graph_unknown":
            raise GraphError(405, "BadRequest", errors.METHOD_NOT_ALLOWED)
    segment = rest.rstrip("/").rsplit("/", 1)[-1]
    raise errors.bad_request(f"Resource not found for the segment '{segment}'.")


bp.add_url_rule("/<path:rest>", "graph_unknown", unknown_segment, methods=METHODS)

from . import batch, calendars, events, mail, mail_write, mime, users  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Serve Graph from this app."""
    app.register_blueprint(bp)
