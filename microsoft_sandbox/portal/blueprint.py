"""The `/portal/` blueprint every portal blade attaches its routes to, with its security policy.

It lives apart from the package so the blade modules can import it without importing the
package that imports them.
"""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal")
# The portal's pages carry no inline script or style, so a strict policy costs nothing and
# limits any injected markup; its only script is the copy buttons' static file.
CONTENT_SECURITY_POLICY = ("default-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")


@bp.after_request
def _content_security_policy(response):
    """Every portal response carries the policy."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response
