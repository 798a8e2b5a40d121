"""Untrusted notes: their rendered HTML cleaned by nh3 (the ammonia sanitizer), not filtered by hand.

cuaderno's own markup (chips, text blocks, diagrams with their buttons and icons,
heading anchors, highlighted code, tables, images) is allowed; scripts, event
handlers, forms, frames, styles that can load anything and every URL scheme but
http, https, mailto and relative paths are not. Inline images may be
`data:image/…` (the author's notes embed base64 pictures); no other `data:` URL is.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3

from cuaderno.model import Format, Note

URL_SCHEMES = frozenset({"http", "https", "mailto"})
_INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpe?g|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)

_TEXT = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    "wbr",
}  # fmt: skip
# The icons of a diagram's buttons, drawn by cuaderno; no <use>, <image> or <foreignObject>, which can load or run.
_SVG = {"svg", "path", "rect", "circle", "line", "polyline", "polygon", "g"}
_BUTTON = {"button"}

_GENERIC = {"class", "id", "title", "lang", "dir", "role", "hidden"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "button": {"type"},
    "svg": {"viewbox", "viewBox", "width", "height", "fill", "stroke", "stroke-width", "xmlns"},
    "path": {"d", "fill", "stroke", "stroke-width"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "polyline": {"points", "fill", "stroke"},
    "polygon": {"points", "fill", "stroke"},
    "g": {"fill", "stroke"},
}
# Layout only: nothing here can name a URL.
_STYLE_PROPERTIES = {
    "width", "height", "max-width", "max-height", "min-width", "min-height", "float", "margin", "margin-left",
    "margin-right", "text-align", "vertical-align", "display",
}  # fmt: skip
_DATA_OR_ARIA = re.compile(r"^(?:data|aria)-[a-z0-9-]+$")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """Keep `data-*`/`aria-*` attributes and inline images; leave every other decision to nh3's lists."""
    if attribute in ("href", "src"):
        compact = "".join(value.split()).lower()
        if compact.startswith("data:"):
            return value if element == "img" and attribute == "src" and _INLINE_IMAGE.match(value) else None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    tags = _TEXT | _SVG | _BUTTON
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    return nh3.Cleaner(
        tags=tags,
        attributes=attributes,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=set(URL_SCHEMES | {"data"}),
        attribute_filter=_attribute,
        filter_style_properties=_STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=True,
    )


def sanitize_html(html: str) -> str:
    """Untrusted HTML made safe to show: scripts, handlers and foreign schemes removed, the rest kept as written."""
    return str(_cleaner().clean(html))


def is_cleaned(note: Note, untrusted: bool) -> bool:
    """Whether a note's rendered HTML goes through `sanitize_html`, wherever it is shown (its page, its blocks).

    An untrusted note's does, and a text file's read as Markdown: raw HTML runs only from `.md` notes.
    """
    return untrusted or (note.format is Format.MARKDOWN and not note.path.lower().endswith(".md"))
