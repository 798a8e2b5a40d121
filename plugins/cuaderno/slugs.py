"""Heading anchors the way GitHub makes them, so the notes' own TOC links work."""

from __future__ import annotations

import re

_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)
# Material for MkDocs gives its own elements ids starting with `__` (`__config`, `__search`, `__drawer`,
# `__palette_0`): a note's element of such an id would shadow the theme's, and its scripts stop.
_THEME_IDS = "__"
NOTE_ID_PREFIX = "cdn"


def element_id(name: str) -> str:
    """The HTML id of a note's anchor or heading called `name`: `name`, or `cdn__x` for a `__x` the theme may use.

    Every id a note gives an element, and every link to one, goes through here.

    >>> element_id("__config"), element_id("setup")
    ('cdn__config', 'setup')
    """
    return NOTE_ID_PREFIX + name if name.startswith(_THEME_IDS) else name


def github_slug(text: str) -> str:
    """Return GitHub's anchor for a heading text (without de-duplication).

    >>> github_slug("RDS - BACK UPS, MULTI - AZ & READ REPLICAS")
    'rds---back-ups-multi---az--read-replicas'
    """
    plain = _INLINE_LINK.sub(r"\1", text)
    plain = _HTML_TAG.sub("", plain)
    plain = plain.strip().lower()
    plain = _NOT_SLUG.sub("", plain)
    return plain.replace(" ", "-")


class Slugger:
    """Hands out unique anchors within one page: `x`, `x-1`, `x-2`, as GitHub does."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def reserve(self, anchor: str) -> str:
        """Mark an anchor as taken (an explicit id written in the note); return its element id."""
        taken = element_id(anchor)
        self._seen.setdefault(taken, 0)
        return taken

    def slug(self, text: str, fallback: str = "") -> str:
        """Return a unique anchor for `text`.

        Like GitHub, an empty heading gets the empty anchor, then `-1`, `-2`:
        tables of contents link to `#-1`.
        """
        base = element_id(github_slug(text) or fallback)
        anchor = base
        while anchor in self._seen:
            self._seen[base] += 1
            anchor = f"{base}-{self._seen[base]}"
        self._seen.setdefault(anchor, 0)
        return anchor
