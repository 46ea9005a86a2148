"""`client_info`: whose tokens these are, in the form Microsoft's libraries key accounts by.

MSAL sends `client_info=1` on the authorize and token requests; Entra then adds `client_info`,
base64url of `{"uid": <oid>, "utid": <tenant id>}`, to the authorization response and to the
token response, and MSAL names the account `<oid>.<tid>` from it (without it, MSAL falls back
to the id_token's `sub`, which is different for every app).

UNCONFIRMED: the protocol reference does not document the parameter; Microsoft's libraries do.
The sandbox answers it only when the request says exactly `client_info=1`, leaves out base64
padding (MSAL pads it back), and adds it to every response that names a user (both delegated
grants, and the authorization response); client credentials name no user and never carry it.
"""

import json

from .signing_keys import b64url

REQUESTED = "1"


def requested(value: str | None) -> bool:
    """Whether a request asked for client_info."""
    return value == REQUESTED


def encode(oid: str, tenant_id: str) -> str:
    """The `client_info` value for a user: uid is the object id, utid the home tenant."""
    body = json.dumps({"uid": oid, "utid": tenant_id}, separators=(",", ":"))
    return b64url(body.encode("utf-8"))
