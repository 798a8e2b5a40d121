"""Pages rendered by the last build of `mkdocs serve`, reused when nothing they show has changed.

A page is a function of its inputs: the site-wide facts every page reads
(`site_inputs`) and what it shows of the knowledge base (each renderer says
what that is: `note_page_inputs`, `TopicPages`). A page is rendered again
only when its inputs differ from the last build's.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from cuaderno.kb import KnowledgeBase


def site_inputs(kb: KnowledgeBase) -> tuple[object, ...]:
    """What every page may show of the whole site: tag names and labels, anchors, note paths, interfaces."""
    return (
        kb.taxonomy,
        kb.languages,
        kb.interfaces,
        tuple(kb.tags),
        kb.anchors,
        kb.note_paths,
        kb.translated_urls,
    )


class PageCache:
    """Rendered pages by key (page and interface), each with the inputs it was rendered from."""

    def __init__(self) -> None:
        self._site: object = None
        self._pages: dict[Hashable, tuple[object, str]] = {}

    def begin(self, kb: KnowledgeBase) -> bool:
        """Start a build; forget every page if the site-wide facts changed. Whether they did not."""
        site = site_inputs(kb)
        if site == self._site:
            return True
        self._site, self._pages = site, {}
        return False

    def page(self, key: Hashable, inputs: object, render: Callable[[], str]) -> str:
        """The page rendered last time from equal inputs, or `render()`'s result, kept for next time."""
        known = self._pages.get(key)
        if known is not None and known[0] == inputs:
            return known[1]
        rendered = render()
        self._pages[key] = (inputs, rendered)
        return rendered
