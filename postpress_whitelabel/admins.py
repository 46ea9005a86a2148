"""Who may open Settings: users whose *verified* email is in ``ADMIN_EMAILS``.

An email claim alone proves nothing (it is mutable, and settable by users in some tenants: the
"nOAuth" takeover). We only match an email Microsoft marks as verified: personal-account emails,
and work-account emails whose domain owner is verified (the ``xms_edov`` optional claim, which
Microsoft sends only to apps that add it under Token configuration).
"""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app
from flask_login import current_user, login_required

from .errors.problem_pages import render_problem
from .models import PERSONAL_TENANT_ID


def email_is_verified(identity) -> bool:
    """Whether the email stored for this identity is its ``email`` claim, and trustworthy.

    The stored email falls back to ``preferred_username`` when there is no ``email`` claim;
    that fallback is never trusted.
    """
    claim = identity.claims.get("email")
    if not isinstance(claim, str) or not claim or claim != identity.email:
        return False
    return identity.tid == PERSONAL_TENANT_ID or _true(identity.claims.get("xms_edov"))


def _true(value: object) -> bool:
    """A boolean claim, which some token paths carry as ``"true"`` or ``"1"``."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in ("true", "1")


def still_verified(user, identity) -> bool:
    """Whether a user's email stays verified after this sign-in.

    A sign-in through an app without the ``xms_edov`` claim (custom credentials just switched on,
    say) proves nothing new, but nothing against either: the same immutable identity ``(tid,
    oid)`` still carries the very address it was verified with. Any other address, or the claim
    present and not true, starts over.
    """
    if email_is_verified(identity):
        return True
    if "xms_edov" in identity.claims:  # Microsoft said, and did not say yes
        return False
    claim = identity.claims.get("email")
    return bool(user.email_verified and isinstance(claim, str) and claim
                and claim == identity.email and claim.lower() == (user.email or "").lower())


def unverified(user) -> bool:
    """A signed-in user whose email Microsoft did not confirm.

    Told to every such user alike (listed in ``ADMIN_EMAILS`` or not), so the page cannot be
    used to learn which addresses are listed.
    """
    return bool(getattr(user, "is_authenticated", False) and not user.email_verified)


def is_admin(user) -> bool:
    """True for a signed-in user whose verified email is listed in ``ADMIN_EMAILS``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    admins = {e.lower() for e in current_app.config.get("ADMIN_EMAILS") or []}
    return bool(user.email_verified and user.email and user.email.lower() in admins)


def admin_required(view):
    """Like ``login_required``, then 403 for anyone who is not an admin.

    :raise 403: for signed-in users who are not admins.
    """

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not is_admin(current_user):
            if unverified(current_user):
                return render_problem("admin_email_unverified")
            abort(403)
        return view(*args, **kwargs)

    return wrapped
