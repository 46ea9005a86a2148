"""What the three `/_sandbox/` knob blueprints share: JSON errors and a JSON body reader.

Only scripts call the knobs, so their errors are JSON rather than pages; and a knob must
answer 400, never crash, whatever body it is sent (a JSON document nested thousands deep makes
the json module raise RecursionError, which Flask's `silent` reading does not catch).
"""

from flask import Blueprint, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from ..web import utf8_clean


def json_error(exc: HTTPException):
    """A knob's refusal as `{"error", "message"}` with the HTTP status."""
    return jsonify(error=exc.name, message=exc.description), exc.code


def knob_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under `/_sandbox` whose errors are JSON."""
    bp = Blueprint(name, import_name, url_prefix="/_sandbox")
    bp.register_error_handler(HTTPException, json_error)
    return bp


def body(*required: str) -> dict:
    """The JSON object posted (an empty dict for a bodiless or non-object POST), with the
    named string fields present.

    :raise 400: for JSON nested too deeply to read, or a required field missing or not a
        non-empty string.
    """
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        abort(400, description="The JSON body is nested too deeply.")
    data = data if isinstance(data, dict) else {}
    if not utf8_clean(data):
        abort(400, description="The JSON body holds text that is not valid Unicode.")
    missing = [name for name in required if not isinstance(data.get(name), str) or not data[name]]
    if missing:
        abort(400, description=f"required: {', '.join(repr(m) for m in missing)}")
    return data


def applied(change) -> Response:
    """Run a knob's change; a value the sandbox refuses (ValueError) is a 400 with its reason.

    :raise 400: when ``change`` raises ValueError.
    """
    try:
        change()
    except ValueError as exc:
        abort(400, description=str(exc))
    return jsonify(ok=True)
