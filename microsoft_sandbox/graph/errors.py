"""Graph's error shape, its codes and wordings, and the request ids every response carries.

Graph answers errors as `{"error": {"code", "message", "innerError": {"date", "request-id",
"client-request-id"}}}` and clients branch on `code`. Every code and sentence the sandbox uses is
here so they change in one place; entries marked UNCONFIRMED follow the project's best guess.
"""

import time
import uuid

from flask import g, request

from ..web import get_sandbox
from .responses import json_response

ACCESS_DENIED = "Access is denied. Check credentials and try again."
ITEM_NOT_FOUND = "The specified object was not found in the store."
EXPIRED_OR_NOT_YET_VALID = "Access token has expired or is not yet valid."
VALIDATION_FAILURE = "Access token validation failure."
INVALID_AUDIENCE = "Access token validation failure. Invalid audience."
EMPTY_BEARER = "Access token is empty."
# The wording of Microsoft's continuous access evaluation challenge.
CAE_REVOKED = ("Continuous access evaluation resulted in challenge with result: "
                 "InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
INEFFICIENT_FILTER = "The restriction or sort order is too complex for this operation."
BAD_JSON = ("Unable to read JSON request payload. Please ensure Content-Type header is set and "
            "payload is of valid JSON format.")
NO_RECIPIENTS = "At least one recipient is required, but none were found."
DELEGATED_ONLY = "/me request is only valid with delegated authentication flow."
METHOD_NOT_ALLOWED = "Specified HTTP method is not allowed for the request target."
# UNCONFIRMED: Graph's documentation says `$search` on messages cannot be combined with
# `$filter` or `$orderby` but shows no error; these codes and words are those clients report.
SEARCH_WITH_FILTER = "The query parameter '$filter' is not supported with '$search'."
SEARCH_WITH_ORDERBY = "The query parameter '$orderBy' is not supported with '$search'."

# UNCONFIRMED: Graph documents no limits for these; the sandbox's sit far above what clients
# send and keep every request within what Python can evaluate or represent. `$filter` nesting
# (of `not` and parentheses) and conditions; the years (UTC) an event's start and end may fall
# in, since a zone's offset could otherwise carry year 9999 or year 1 out of Python's dates.
FILTER_MAX_DEPTH = 32
FILTER_MAX_TERMS = 200
EVENT_YEARS = (1900, 9000)

# Forced statuses from the knobs: (code, message). 429's code is UNCONFIRMED (see reference 7).
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    429: ("ApplicationThrottled", "Application is over its MailboxConcurrency limit."),
    500: ("generalException", "An unspecified error has occurred."),
    502: ("BadGateway", "The server, while acting as a proxy, did not receive a timely response."),
    503: ("serviceNotAvailable", "The service is temporarily unavailable. Please retry later."),
    504: ("GatewayTimeout", "The server, while acting as a proxy, did not receive a timely "
                            "response from the upstream server."),
}

# Sent with every 401, as Graph does, so clients know where to get a new token.
WWW_AUTHENTICATE = ('Bearer realm="", authorization_uri="https://login.microsoftonline.com/'
                    'common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"')


class GraphError(Exception):
    """An error Graph would answer with; views raise it, the blueprint renders it."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        """Keep the HTTP status, Graph's `code` and the human message apart."""
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def not_found() -> GraphError:
    """404 for an id that names nothing the caller can see."""
    return GraphError(404, "ErrorItemNotFound", ITEM_NOT_FOUND)


def access_denied() -> GraphError:
    """403 for a missing permission or a mailbox the caller may not open."""
    return GraphError(403, "ErrorAccessDenied", ACCESS_DENIED)


def bad_request(message: str, code: str = "BadRequest") -> GraphError:
    """400 for a malformed request or query option."""
    return GraphError(400, code, message)


def invalid_user(ref: str) -> GraphError:
    """404 for `/users/{id|upn}` naming nobody the caller's tenant knows."""
    return GraphError(404, "ErrorInvalidUser", f"The requested user '{ref}' is invalid.")


def request_ids() -> tuple[str, str]:
    """This request's `request-id` and `client-request-id` (the client's, echoed, if sent)."""
    if "graph_request_id" not in g:
        g.graph_request_id = str(uuid.uuid4())
    client_id = request.headers.get("client-request-id") or g.graph_request_id
    return g.graph_request_id, client_id


def error_body(code: str, message: str) -> dict:
    """The JSON body of a Graph error, with the request ids in `innerError`."""
    request_id, client_request_id = request_ids()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(get_sandbox().clock.now()))
    inner = {"date": stamp, "request-id": request_id, "client-request-id": client_request_id}
    return {"error": {"code": code, "message": message, "innerError": inner}}


def render(err: GraphError):
    """A Flask response for a GraphError."""
    headers = dict(err.headers)
    if err.status == 401:
        headers["WWW-Authenticate"] = WWW_AUTHENTICATE
    return json_response(error_body(err.code, err.message), err.status, headers)


def forced(status: int, retry_after: int | None):
    """The response for a status forced by the knobs, shaped like Graph's own."""
    code, message = STATUS_ERRORS.get(status, ("generalException", f"Forced status {status}."))
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return render(GraphError(status, code, message, headers))


def stamp_ids(response):
    """after_request: every Graph response names its request, as Graph's do."""
    request_id, client_request_id = request_ids()
    response.headers["request-id"] = request_id
    response.headers["client-request-id"] = client_request_id
    return response
