"""Settings > Microsoft OAuth, for the app's admins: which Microsoft app signs users in.

Where things are:

- ``page`` renders the page; ``actions`` handles its forms; ``forms`` declares them.
- ``credentials`` says which credentials are active (default or custom); ``changes`` saves,
  rotates and switches them; ``checks`` catches pasted-wrong values and tests them with
  Microsoft; ``expiry`` warns before the secret runs out; ``audit`` records every change.
- ``branding`` (name, colour, logo), ``publisher_verification`` (the well-known association
  file) and ``cli`` (``flask postpress set-credentials`` and friends).
"""

from __future__ import annotations

from flask import Blueprint

from . import actions, page

bp = Blueprint("settings", __name__, url_prefix="/settings")
page.register(bp)
actions.register(bp)
