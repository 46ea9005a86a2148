"""Settings (admins only): the permissions to register in Entra, and plugins' sections."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from markupsafe import Markup

from . import plugins, scopes
from .admins import admin_required
from .hosted import redirect_uris

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.get("/")
@admin_required
def index():
    """What the integrator must register, and what each plugin asks for and why."""
    hook = plugins.manager().hook
    sections = [
        # Rendered by an autoescaping template, so the output is HTML we made, not input.
        {"title": s.title, "html": Markup(render_template(s.template, **s.context))}  # noqa: S704
        for result in hook.settings_sections(user=current_user) if result for s in result
    ]
    return render_template("settings.html", needs=scopes.needs(), sections=sections,
                           redirect_uris=redirect_uris())
