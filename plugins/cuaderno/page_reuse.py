"""Which pages a rebuild of `mkdocs serve` may leave as the last build wrote them.

A page's HTML is a function of what it is made from (its own Markdown, the
meta and blocks cuaderno adds to it: its *state*) and of what every page
shows (the configuration, the files of the site, the navigation with each
page's title: the *site*). When the site is the last build's, a page whose
state is the last build's would be written exactly as it is: it is left
alone. Anything else (a page this does not know, a new or removed note, a
title that the navigation shows) is written again.

`RebuildPlan` keeps, for each interface, what its last finished build was
made from; it imports nothing from MkDocs and is tested without it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageState:
    """What one page is made from besides the site: its source's Markdown and what cuaderno adds to it."""

    markdown: str
    extras: Hashable = ()  # the meta, the blocks put in after Python-Markdown, the content's language…
    title: str | None = None  # the title set in the page's meta by cuaderno, when it sets one

    def title_key(self) -> str:
        """What decides the page's title in the navigation.

        MkDocs takes a page's title from its meta (set by cuaderno, or the
        front matter) or else from its first `# ` heading: the set title, or
        the Markdown up to the end of that heading's line (all of it when
        there is none).
        """
        if self.title is not None:
            return self.title
        text = self.markdown
        start = 0 if text.startswith("# ") else text.find("\n# ")
        if start < 0:
            return text
        end = text.find("\n", start + 1)
        return text if end < 0 else text[:end]


@dataclass
class _Written:
    """An interface's last finished build: its site, each page's state and the title MkDocs gave it."""

    site: Hashable
    pages: dict[str, PageState]
    titles: dict[str, str | None] = field(default_factory=dict)


class RebuildPlan:
    """The last finished build of each interface, and the pages the next one may leave as they are.

    Usage, per interface's build: `begin` (forget its record: a build that
    fails leaves none), `reusable` once the pages are known, then `finished`
    with what was built.
    """

    def __init__(self) -> None:
        """Start with no build known: everything is written."""
        self._written: dict[str, _Written] = {}
        self._building: dict[str, _Written] = {}  # the last finished build of each interface being built again

    def knows(self, interfaces: Iterable[str]) -> bool:
        """Whether the last build of every interface of `interfaces` finished (its output is all there)."""
        return all(interface in self._written for interface in interfaces)

    def begin(self, interface: str) -> None:
        """A build of `interface` starts: until it finishes, it is compared with the last, and no longer known."""
        last = self._written.pop(interface, None)
        if last is None:
            self._building.pop(interface, None)
        else:
            self._building[interface] = last

    def forget(self) -> None:
        """The site folder was emptied: no page of any interface is there to be kept."""
        self._written.clear()
        self._building.clear()

    def same_site(self, interface: str, site: Hashable) -> bool:
        """Whether the last build of `interface` had this site (configuration, files, navigation, titles)."""
        written = self._building.get(interface)
        return written is not None and written.site == site

    def reusable(self, interface: str, site: Hashable, pages: Mapping[str, PageState | None]) -> dict[str, str | None]:
        """The pages to leave as the last build wrote them, each with the title it was given then.

        Args:
            interface: The interface being built.
            site: What every page shows (see the module's docstring); `site_key` makes it.
            pages: Every page of the build by source, with its state (`None`: a page this cannot vouch for).

        Returns:
            Source -> title, for the pages whose state is the last build's, when the site is too; else empty.

        """
        written = self._building.get(interface)
        if written is None or written.site != site or any(state is None for state in pages.values()):
            return {}
        return {
            source: written.titles.get(source)
            for source, state in pages.items()
            if source in written.titles and written.pages.get(source) == state
        }

    def finished(
        self, interface: str, site: Hashable, pages: Mapping[str, PageState | None], titles: Mapping[str, str | None]
    ) -> None:
        """The build of `interface` finished: remember what its pages were made from, and their titles."""
        self._building.pop(interface, None)
        known = {source: state for source, state in pages.items() if state is not None}
        self._written[interface] = _Written(
            site, known, {source: titles[source] for source in known if source in titles}
        )


def site_key(
    configuration: Hashable,
    files: Iterable[Hashable],
    navigation: Hashable,
    pages: Mapping[str, PageState | None],
) -> Hashable:
    """What every page of an interface shows: the configuration, the site's files, the navigation and titles."""
    titles = tuple(sorted((source, state.title_key() if state else None) for source, state in pages.items()))
    return configuration, tuple(files), navigation, titles
