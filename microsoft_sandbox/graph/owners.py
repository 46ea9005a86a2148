"""Whose data a path names: `/me` is the caller, `/users/{id|upn}` someone in their tenant.

Also the route helper that registers a view under both prefixes, and the body reader every
writing view shares.
"""

import json

from flask import Blueprint, request

from ..directory.models import User
from ..web import get_sandbox, utf8_clean
from . import errors
from .access import Caller, Permission
from .errors import bad_request, invalid_user
from .models import Mailbox
from .shapes import graph_user_id
from .store import GraphStore


def store() -> GraphStore:
    """The sandbox's Graph data."""
    return get_sandbox().graph


def on_mailbox(bp: Blueprint, rule: str, endpoint: str, methods: tuple[str, ...] = ("GET",)):
    """Register a view at `/me{rule}` and `/users/<user_ref>{rule}` under one endpoint name.

    The endpoint name is what request counts and fault knobs use, so both paths share it.
    """
    def register(view):
        """Add both URL rules."""
        bp.add_url_rule(f"/me{rule}", endpoint, view, methods=list(methods))
        bp.add_url_rule(f"/users/<user_ref>{rule}", endpoint, view, methods=list(methods))
        return view
    return register


def find_user(tenant_id: str, ref: str) -> User | None:
    """A user of the tenant by oid, UPN, mail or (personal accounts) Graph id."""
    sandbox = get_sandbox()
    user = sandbox.user(ref.lower()) or sandbox.user_by_login(ref)
    if user is None:
        user = next((u for u in sandbox.list_users() if graph_user_id(u) == ref.lower()), None)
    return user if user is not None and user.tenant_id == tenant_id else None


def owner(caller: Caller, user_ref: str | None) -> User:
    """The user a path names.

    :raise GraphError: 400 for `/me` with an app-only token, 404 ErrorInvalidUser for nobody.
    """
    if user_ref is None:
        if caller.user is None:
            raise bad_request(errors.DELEGATED_ONLY)
        return caller.user
    user = find_user(caller.tenant_id, user_ref)
    if user is None:
        raise invalid_user(user_ref)
    return user


def mailbox_of(caller: Caller, user_ref: str | None,
               permission: Permission) -> tuple[User, Mailbox]:
    """The owner and mailbox a mail path names, once the caller may use them.

    :raise GraphError: 403 without the permission (mail of others is never delegated here).
    """
    user = owner(caller, user_ref)
    caller.require(permission, user)
    return user, store().mailbox(user)


def json_body() -> dict:
    """The request's JSON object.

    :raise GraphError: 400 BadRequest when the body is not a JSON object (or is nested too
        deeply for the json module, which raises RecursionError rather than ValueError).
    """
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw) if raw.strip() else {}
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise bad_request(errors.BAD_JSON) from exc
    if not isinstance(body, dict) or not utf8_clean(body):
        raise bad_request(errors.BAD_JSON)
    return body
