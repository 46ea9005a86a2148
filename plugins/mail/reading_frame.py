"""The document a sanitized HTML body is shown in: an ``<iframe sandbox srcdoc=...>``.

The frame has no ``allow-scripts`` and no ``allow-same-origin``: it is an opaque origin that
can run nothing, read none of this site's cookies or storage, submit no form and navigate
nothing but new tabs (``allow-popups`` plus ``allow-popups-to-escape-sandbox``, so links open
normally). It inherits the page's Content-Security-Policy and adds its own, stricter one:
nothing loads but this site's stylesheet and images (``cid:``), and remote images only after
the reader allowed them.
"""

from flask import url_for
from markupsafe import Markup, escape

from .web_origin import public_origin

SANDBOX = "allow-popups allow-popups-to-escape-sandbox"


def frame_csp(remote_images: bool) -> str:
    """The frame's own policy (a ``<meta>`` in its document)."""
    origin = public_origin()
    images = origin + (" https: http:" if remote_images else "")
    return (f"default-src 'none'; img-src {images}; style-src {origin}; font-src 'none'; "
            "media-src 'none'; form-action 'none'; base-uri 'none'")


def document(clean_html: str, remote_images: bool) -> str:
    """The frame's whole document around an already sanitized body."""
    stylesheet = public_origin() + url_for("mail.static", filename="frame.css")
    return ('<!doctype html><html><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{frame_csp(remote_images)}">'
            f'<meta name="referrer" content="no-referrer">'
            f'<link rel="stylesheet" href="{escape(stylesheet)}">'
            f"</head><body>{clean_html}</body></html>")


def iframe(clean_html: str, remote_images: bool, title: str) -> Markup:
    """The ``<iframe>`` element, its document escaped into ``srcdoc``."""
    return Markup('<iframe class="mail-frame" sandbox="{}" referrerpolicy="no-referrer" '
                  'title="{}" srcdoc="{}"></iframe>').format(
        SANDBOX, title, document(clean_html, remote_images))
