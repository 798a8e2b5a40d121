"""A Python-Markdown extension: a link or image to a scheme not on the list leads nowhere, however it is written.

A filter of Markdown source misses `java&#115;cript:`, `javascript&colon;`,
`jav&#x09;ascript:`, a target on the line after `(` and a reference defined on
the next line. This one reads what Python-Markdown parsed, after its escapes are
undone, decodes entities and drops control characters and spaces as a browser
does, then keeps http, https, mailto, relative links and inline `data:image/…`
pictures; any other `href` or `src` is removed (the text stays).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# What a browser ignores in a URL before reading its scheme: ASCII control characters and spaces.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_INLINE_IMAGE = re.compile(r"^data:image/(?:png|jpe?g|gif|webp|avif|bmp);base64,", re.IGNORECASE)


def is_allowed(url: str, *, image: bool = False) -> bool:
    """Whether a browser following `url` stays on http(s), mailto or a relative path (or shows an inline picture)."""
    seen = _IGNORED.sub("", html.unescape(url))
    if image and _INLINE_IMAGE.match(seen):
        return True
    scheme = _SCHEME.match(seen)
    return scheme is None or scheme.group(1).lower() in ALLOWED_SCHEMES


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name)
                if value is not None and not is_allowed(value, image=element.tag == "img" and name == "src"):
                    del element.attrib[name]


class SafeLinksExtension(Extension):
    """Register the check after Python-Markdown's own unescaping (priority 0), so it sees the final URLs.

    It has no options: every instance is equal, so the Markdown settings of two builds of `mkdocs serve`
    (each loads the configuration again, with a new instance) are the same settings.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the tree processor."""
        md.treeprocessors.register(_SafeLinks(md), "cuaderno_safe_links", -10)
