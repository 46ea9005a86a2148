"""Turning HTML bodies into text and back, for `Prefer: outlook.body-content-type` and previews.

Exchange converts bodies on the way out; the sandbox does a plain version of the same with a
few regular expressions (fast enough to seed hundreds of bodies per reset): scripts, styles and
comments vanish, block elements become line breaks, other tags go, entities are decoded. It is
a converter for display, never a sanitizer.
"""

import functools
import html
import re

PREVIEW_LENGTH = 255
_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|head|title|template)\b.*?</\1\s*>",
                     re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"</?(?:p|div|br|tr|li|h[1-6]|table|blockquote|hr|ul|ol|pre)\b[^>]*>",
                    re.IGNORECASE)
_CELL = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def to_text(markup: str) -> str:
    """The visible text of an HTML body, paragraphs kept as line breaks."""
    text = _HIDDEN.sub("", markup)
    text = _BLOCK.sub("\n", _CELL.sub(" ", text))
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def to_html(text: str) -> str:
    """A text body as the minimal HTML document Exchange would serve for it."""
    escaped = html.escape(text).replace("\n", "<br>\r\n")
    return ('<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f'\r\n</head>\r\n<body>\r\n<div class="PlainText">{escaped}</div>\r\n</body>\r\n'
            "</html>\r\n")


@functools.lru_cache(maxsize=4096)
def preview(body: str, body_type: str) -> str:
    """`bodyPreview`: the first 255 characters of the text, on one line (remembered: every
    reset reseeds the same bodies)."""
    text = to_text(body) if body_type == "html" else body
    return " ".join(text.split())[:PREVIEW_LENGTH]


def convert(body: str, body_type: str, wanted: str | None) -> tuple[str, str]:
    """The body in the wanted type ("html" or "text"; None keeps it): (content, type)."""
    if wanted is None or wanted == body_type:
        return body, body_type
    if wanted == "text":
        return to_text(body), "text"
    return to_html(body), "html"
