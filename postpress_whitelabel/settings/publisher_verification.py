"""``/.well-known/microsoft-identity-association.json``: proof for publisher verification.

Microsoft fetches this file from the publisher domain and checks that it lists the app's ID;
the guide's format, served as ``application/json``. It lists the active custom app's ID and the
default one when configured, and is a 404 when there is nothing to associate.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify

from .credentials import stored

bp = Blueprint("wellknown", __name__)
PATH = "/.well-known/microsoft-identity-association.json"


def associated_ids() -> list[str]:
    """App IDs this domain vouches for: the custom app (saved, active or not), then the default.

    A saved custom app is listed before it is switched on, so its publisher can be verified
    first and end users never see it as unverified.
    """
    ids = []
    row = stored()
    if row.client_id:
        ids.append(row.client_id)
    default = current_app.config.get("DEFAULT_CLIENT_ID")
    if default and default not in ids:
        ids.append(default)
    return ids


@bp.get(PATH)
def association():
    """The association file.

    :raise 404: when no app ID is configured.
    """
    ids = associated_ids()
    if not ids:
        abort(404)
    return jsonify({"associatedApplications": [{"applicationId": i} for i in ids]})
