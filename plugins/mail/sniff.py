"""What an attachment's bytes really are, from their first bytes ("magic numbers").

A sender chooses an attachment's declared content type; the bytes may say otherwise (an
"image/png" that is an HTML page). An attachment is labelled with its declared type only when
the bytes agree, and only for types that cannot run in a browser; anything else downloads as
``application/octet-stream``.
"""

ZIP = b"PK\x03\x04"
MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/bmp": (b"BM",),
    "application/pdf": (b"%PDF-",),
    "application/zip": (ZIP,),
    "application/msword": (b"\xd0\xcf\x11\xe0",),
    "application/vnd.ms-excel": (b"\xd0\xcf\x11\xe0",),
    "application/vnd.ms-powerpoint": (b"\xd0\xcf\x11\xe0",),
}
OOXML = "application/vnd.openxmlformats-officedocument."
RASTER = ("image/png", "image/jpeg", "image/gif", "image/bmp")
OCTET = "application/octet-stream"
HTML_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml",
               b"<iframe", b"<meta", b"<div", b"<img", b"<a ", b"<p>", b"<style", b"<title")


def _base(declared: str | None) -> str:
    """The declared type without parameters, lower-case."""
    return (declared or "").split(";", 1)[0].strip().lower()


def _starts_with(content: bytes, prefixes) -> bool:
    return any(content.startswith(p) for p in prefixes)


def _is_webp(content: bytes) -> bool:
    return content[:4] == b"RIFF" and content[8:12] == b"WEBP"


def looks_like_html(content: bytes) -> bool:
    """Bytes a browser would take for markup."""
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n\x0c").lower()
    return head.startswith(HTML_STARTS)


def agrees(declared: str, content: bytes) -> bool:
    """Whether the bytes are what the declared type says."""
    if declared == "image/webp":
        return _is_webp(content)
    if declared.startswith(OOXML):
        return content.startswith(ZIP)
    if declared == "text/plain" or declared == "text/csv":
        return not looks_like_html(content) and b"\x00" not in content[:4096]
    prefixes = MAGIC.get(declared)
    return prefixes is not None and _starts_with(content, prefixes)


def served_type(declared: str | None, content: bytes) -> str:
    """The type to label a download with: the declared one when the bytes agree, else
    ``application/octet-stream``."""
    base = _base(declared)
    return base if base and agrees(base, content) else OCTET


def image_type(content: bytes) -> str | None:
    """The raster image type of the bytes, or None (SVG and everything else)."""
    if _is_webp(content):
        return "image/webp"
    for kind in RASTER:
        if _starts_with(content, MAGIC[kind]):
            return kind
    return None
