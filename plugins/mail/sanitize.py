"""HTML message bodies made harmless before the browser sees them.

An allow-list of tags and attributes (nh3): no script, style, form, frame, object, meta,
base or SVG; no event handler, no ``style`` attribute (CSS can fetch and overlay), URLs only
``http``, ``https``, ``mailto`` and ``cid``, relative URLs dropped (inside the reading frame
they would resolve against this site). Links get ``target="_blank"`` and
``rel="noopener noreferrer"``. Remote images lose their ``src`` until the reader allows them
for that message; ``cid:`` images point at the app's inline-image route.

The result is still shown only inside a sandboxed frame with its own Content-Security-Policy
(see ``reading_frame``): the sanitizer and the frame each hold on their own.
"""

from collections.abc import Callable
from dataclasses import dataclass

import nh3

TAGS = {
    "a", "abbr", "address", "b", "big", "blockquote", "br", "caption", "center", "cite",
    "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "font", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}
# Removed with everything inside them, not just unwrapped.
DROP_WITH_CONTENT = {"script", "style", "title", "noscript", "template", "textarea", "select",
                     "button", "object", "embed", "iframe", "frame", "frameset", "svg", "math",
                     "head", "xmp", "noembed", "noframes", "applet"}
ATTRIBUTES = {
    "*": {"align", "dir", "lang", "title", "valign"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "border"},
    "font": {"color", "face", "size"},
    "table": {"width", "border", "cellpadding", "cellspacing", "bgcolor", "summary"},
    "td": {"width", "height", "colspan", "rowspan", "bgcolor", "nowrap"},
    "th": {"width", "height", "colspan", "rowspan", "bgcolor", "scope"},
    "tr": {"bgcolor"}, "col": {"span", "width"}, "colgroup": {"span", "width"},
    "ol": {"start", "type"}, "li": {"value"}, "blockquote": {"cite"}, "q": {"cite"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "cid"}
REMOTE = ("http://", "https://")


@dataclass
class Cleaned:
    """A sanitized body and what was held back from it."""

    html: str
    blocked_images: int = 0
    inline_images: int = 0


def clean_html(html: str, allow_remote: bool,
               inline_url: Callable[[str], str | None]) -> Cleaned:
    """Sanitize ``html``; remote images kept only with ``allow_remote``; ``inline_url`` maps a
    ``cid:`` content id to the URL that serves it (None drops the image)."""
    result = Cleaned("")

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if tag != "img" or attribute != "src":
            return value
        src = value.strip()
        if src[:4].lower() == "cid:":
            url = inline_url(src[4:])
            result.inline_images += url is not None
            return url
        if src.lower().startswith(REMOTE):
            if allow_remote:
                return src
            result.blocked_images += 1
            return None
        return None

    result.html = nh3.clean(
        html, tags=TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes=ATTRIBUTES,
        attribute_filter=rewrite, strip_comments=True, link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"target": "_blank"}}, url_schemes=URL_SCHEMES,
        url_relative="deny")
    return result
