"""`/oidc/userinfo`: the OpenID Connect UserInfo endpoint, hosted by Graph at Microsoft.

It answers the claims of the user behind a Graph access token issued by this sandbox, so
clients that call the `userinfo_endpoint` from discovery work offline too. Being Graph's, it
checks the token exactly as Graph does (`graph.access.caller`: rotated-out keys still verify,
revoked and pre-reset tokens do not) and answers errors in Graph's shape, with the
`WWW-Authenticate` challenge on 401.
"""

from flask import Blueprint

from ..graph import access
from ..graph import errors as graph_errors
from ..graph.errors import GraphError
from ..graph.responses import json_response

bp = Blueprint("userinfo", __name__)
bp.register_error_handler(GraphError, graph_errors.render)
bp.after_request(graph_errors.stamp_ids)


@bp.route("/oidc/userinfo", methods=["GET", "POST"])
def userinfo():
    """Name, given/family name, email and pairwise `sub` of the token's user.

    :raise GraphError: 401 for an unusable token, 403 for an app-only one (it has no user).
    """
    caller = access.caller()
    user = caller.user
    if user is None:
        raise graph_errors.access_denied()
    return json_response({"sub": caller.claims["sub"], "name": user.display_name,
                          "family_name": user.surname, "given_name": user.given_name,
                          "email": user.mail})
