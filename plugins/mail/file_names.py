"""Attachment names as the reader sees them and as the download names them.

A name comes from the sender. Unicode format characters (category Cf: the right-to-left
override that turns ``invoice\u202egpj.exe`` into what looks like ``invoiceexe.jpg``, other bidi
controls, zero-width characters) are removed wherever a name is shown or saved, so the name
reads as the file it is.
"""

import re
import unicodedata

UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def visible(name: str | None) -> str:
    """The name in NFC without format (Cf) characters; "attachment" when nothing is left."""
    normal = unicodedata.normalize("NFC", name or "")
    cleaned = "".join(c for c in normal if unicodedata.category(c) != "Cf").strip()
    return cleaned or "attachment"


def safe_name(name: str | None) -> str:
    """A file name for a download: visible, without paths, control characters or quotes;
    never empty."""
    cleaned = UNSAFE_NAME.sub("_", visible(name)).strip(" .")
    return cleaned[:200] or "attachment"
