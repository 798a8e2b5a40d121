"""Heading anchors the way GitHub makes them, so the notes' own TOC links work."""

from __future__ import annotations

import re

_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


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

    def reserve(self, anchor: str) -> None:
        """Mark an anchor as taken (an explicit id written in the note)."""
        self._seen.setdefault(anchor, 0)

    def slug(self, text: str, fallback: str = "") -> str:
        """Return a unique anchor for `text`.

        Like GitHub, an empty heading gets the empty anchor, then `-1`, `-2`:
        tables of contents link to `#-1`.
        """
        base = github_slug(text) or fallback
        anchor = base
        while anchor in self._seen:
            self._seen[base] += 1
            anchor = f"{base}-{self._seen[base]}"
        self._seen.setdefault(anchor, 0)
        return anchor
