"""Plain-text bodies as HTML: every character escaped, line breaks kept (by the stylesheet's
``white-space: pre-wrap``), and web and mail addresses made into links that open in a new tab
and tell the other site nothing about this one."""

import re

from markupsafe import Markup, escape

# A URL runs to the first space or angle bracket; trailing punctuation is left outside it.
LINK = re.compile(r"(?i)\b(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+|www\.[^\s<>\"']+)")
TRAILING = ".,;:!?)]}'\""


def linkify(text: str) -> Markup:
    """``text`` escaped, with its http(s), ``www.`` and ``mailto:`` addresses as links."""
    out, last = [], 0
    for match in LINK.finditer(text or ""):
        url = match.group(0)
        trimmed = url.rstrip(TRAILING)
        out.append(escape(text[last:match.start()]))
        href = trimmed if not trimmed.lower().startswith("www.") else "https://" + trimmed
        out.append(Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>')
                   .format(href, trimmed))
        last = match.start() + len(trimmed)
    out.append(escape((text or "")[last:]))
    return Markup("").join(out)
