"""`GET /me` and `GET /users/{id|upn}`: the signed-in user's profile, or a colleague's."""

from . import access, odata, owners
from .blueprint import bp
from .errors import GraphError
from .responses import json_response
from .shapes import user_json

USER_PROPERTIES = frozenset(("businessPhones", "displayName", "givenName", "jobTitle", "mail",
                             "mobilePhone", "officeLocation", "preferredLanguage", "surname",
                             "userPrincipalName", "id"))
USER = odata.EntityType("microsoft.graph.user", USER_PROPERTIES, {})


def _profile(user_ref: str | None):
    """The profile a path names, with `$select` applied."""
    caller = access.caller()
    user = owners.owner(caller, user_ref)
    caller.require(access.PROFILE, user)
    query = odata.parse(USER, allowed=("$select",))
    body = {"@odata.context": odata.context_url("users/$entity"),
            **odata.select(user_json(user), query.select)}
    return json_response(body)


@bp.get("/me", endpoint="graph_me")
def me():
    """The signed-in user (User.Read); 400 for app-only tokens, as Graph answers."""
    return _profile(None)


@bp.get("/users/<user_ref>", endpoint="graph_user")
def user(user_ref: str):
    """A user of the caller's tenant (own profile with User.Read, others with User.ReadBasic.All).

    :raise GraphError: 404 Request_ResourceNotFound for nobody by that id or name.
    """
    try:
        return _profile(user_ref)
    except GraphError as err:
        if err.code != "ErrorInvalidUser":
            raise
        raise GraphError(404, "Request_ResourceNotFound",
                         f"Resource '{user_ref}' does not exist or one of its queried "
                         "reference-property objects are not present.") from err
