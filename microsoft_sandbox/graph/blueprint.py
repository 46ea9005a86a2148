"""The `/v1.0/` blueprint every Graph view module attaches its routes to.

It lives apart from the package so the view modules can import it without importing the
package that imports them. It also holds what applies to all of `/v1.0/`: Graph's error shape
for its own and Werkzeug's errors, the `Prefer` and request-id stamps, and the answer to an
unknown segment.
"""

from flask import Blueprint, current_app, request
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
