"""`/oidc/userinfo`: the OpenID Connect UserInfo endpoint, hosted by Graph at Microsoft.

It answers the claims of the user behind a Graph access token issued by this sandbox, so
clients that call the `userinfo_endpoint` from discovery work offline too.
"""

from flask import Blueprint, jsonify, request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from .scopes import GRAPH_APP_ID
from .web import get_sandbox

bp = Blueprint("userinfo", __name__)


def _graph_error(code: str, message: str, status: int):
    """Graph's error shape."""
    return jsonify(error={"code": code, "message": message}), status


def bearer_claims() -> dict | None:
    """The verified claims of the request's Graph access token, or None when unusable."""
    auth = request.headers.get("Authorization", "")
    if not auth.lower().startswith("bearer "):
        return None
    sandbox = get_sandbox()
    try:
        token = jwt.decode(auth[7:].strip(), KeySet.import_key_set(sandbox.keys.jwks()),
                           algorithms=["RS256"])
        JWTClaimsRegistry(now=int(sandbox.clock.now()), leeway=0,
                          exp={"essential": True}, aud={"essential": True, "value": GRAPH_APP_ID},
                          ).validate(token.claims)
    except (JoseError, ValueError):
        return None
    return token.claims


@bp.route("/oidc/userinfo", methods=["GET", "POST"])
def userinfo():
    """Name, given/family name, email and pairwise `sub` of the token's user."""
    claims = bearer_claims()
    if claims is None:
        return _graph_error("InvalidAuthenticationToken",
                            "Access token validation failure. Invalid audience.", 401)
    user = get_sandbox().user(claims.get("oid"))
    if user is None:
        return _graph_error("InvalidAuthenticationToken", "User not found.", 401)
    return jsonify(sub=claims["sub"], name=user.display_name, family_name=user.surname,
                   given_name=user.given_name, email=user.mail)
