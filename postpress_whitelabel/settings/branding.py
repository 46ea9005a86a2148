"""White-label branding: product name, logo, primary colour, support contact.

Values saved in Settings win over configuration (``BRAND_NAME``, ``BRAND_COLOR``,
``BRAND_LOGO_URL``, ``SUPPORT_CONTACT``), which wins over postpress's defaults. The colour reaches
pages through a tiny stylesheet, so the Content-Security-Policy can keep refusing inline styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, url_for

from .. import clock
from ..extensions import db
from ..models import Branding

bp = Blueprint("branding", __name__)
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")
DEFAULT_COLOR = "#2b5ce6"
DARK_INK = "#1b1f24"  # the stylesheet's --ink
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_LOGO_BYTES = 200_000


@dataclass(frozen=True)
class Brand:
    """What templates use."""

    product_name: str
    primary_color: str
    support_contact: str | None
    logo_url: str | None

    @property
    def support_href(self) -> str | None:
        """A link for the contact: mailto for an address, the URL for http(s), else none."""
        contact = self.support_contact or ""
        if EMAIL.match(contact):
            return f"mailto:{contact}"
        parts = urlsplit(contact)
        if parts.scheme in ("https", "http") and parts.netloc and not re.search(r"\s", contact):
            return contact
        return None


def contact_is_linkable(contact: str) -> bool:
    """Whether a support contact becomes a link: an email address or an http(s) URL."""
    return Brand("", "", contact, None).support_href is not None


def row() -> Branding:
    """The branding row for changing, added to the session on first use."""
    found = db.session.get(Branding, 1)
    if found is None:
        found = Branding(id=1)
        db.session.add(found)
        db.session.flush()
    return found


def current() -> Brand:
    """Saved values over configuration over defaults."""
    config, saved = current_app.config, db.session.get(Branding, 1) or Branding()
    logo = url_for("branding.logo", v=int(saved.updated_at.timestamp())) if saved.logo and \
        saved.updated_at else config.get("BRAND_LOGO_URL")
    return Brand(
        product_name=saved.product_name or config.get("BRAND_NAME") or config["DEFAULT_APP_NAME"],
        primary_color=saved.primary_color or config.get("BRAND_COLOR") or DEFAULT_COLOR,
        support_contact=saved.support_contact or config.get("SUPPORT_CONTACT"),
        logo_url=logo,
    )


def logo_type(data: bytes) -> str | None:
    """PNG or JPEG by their magic bytes; anything else (SVG included: it can carry script) is
    refused."""
    return next((kind for magic, kind in LOGO_TYPES.items() if data.startswith(magic)), None)


def save(*, product_name: str, primary_color: str, support_contact: str,
         logo: bytes | None, remove_logo: bool) -> Branding:
    """Store the branding; the caller validated the values and audits the change."""
    saved = row()
    saved.product_name = product_name or None
    saved.primary_color = primary_color or None
    saved.support_contact = support_contact or None
    if remove_logo:
        saved.logo = saved.logo_type = None
    elif logo:
        saved.logo, saved.logo_type = logo, logo_type(logo)
    saved.updated_at = clock.now()
    return saved


def _luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink_for(color: str) -> str:
    """The text colour for buttons filled with the brand colour: white, or near-black when
    that reads better (a light brand colour would leave white text unreadable)."""
    if not COLOR.match(color or ""):
        return "#ffffff"
    brand = _luminance(color)
    on_white = 1.05 / (brand + 0.05)
    on_dark = (brand + 0.05) / (_luminance(DARK_INK) + 0.05)
    return "#ffffff" if on_white >= on_dark else DARK_INK


@bp.get("/branding.css")
def stylesheet():
    """The brand colour, and the text colour that reads on it, as CSS variables."""
    color = current().primary_color
    css = f":root {{ --brand: {color}; --brand-ink: {ink_for(color)}; }}\n"
    return Response(css, mimetype="text/css", headers={"Cache-Control": "no-cache"})


@bp.get("/branding/logo")
def logo():
    """The uploaded logo.

    :raise 404: when none is uploaded.
    """
    saved = db.session.get(Branding, 1)
    if saved is None or not saved.logo:
        abort(404)
    return Response(saved.logo, mimetype=saved.logo_type,
                    headers={"Cache-Control": "public, max-age=86400"})


def init_app(app: Flask) -> None:
    """Serve the stylesheet and logo, and give every template ``brand``."""
    app.register_blueprint(bp)

    @app.context_processor
    def _brand():
        return {"brand": current()}
