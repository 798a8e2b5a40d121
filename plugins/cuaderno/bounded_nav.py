"""Navigation that stays small: a folder of many notes shows a window of them, and an index page lists them all.

Material prints a page's open branch of the navigation on it, so every note of
a flat folder carried a link to each of its siblings: 1,000 notes in one folder
made a 505 MB site, 2,000 notes 1.9 GB. Past `FOLDER_NAV_LIMIT` notes, a group
of the navigation (a folder's section, or the top level) shows, on one of its
notes' pages, the folder's index page and the `WINDOW_RADIUS` notes on either
side of the current one; on every other page, the index page alone. A page then
holds at most `2 * WINDOW_RADIUS + 2` entries of any group however many notes
it has, and every note is two clicks from any page: the index page, then the note.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from cuaderno.navigation import natural_key

# Fifty links are a sidebar one still scans by eye (about three screens); past it a full list stops being a
# way to find a note and only weighs on every page of the folder, so the index page's full list takes over.
FOLDER_NAV_LIMIT = 50
# Ten notes on either side of the current one: its neighbours in reading order, a screen of the sidebar.
WINDOW_RADIUS = 10

Item = TypeVar("Item")


def folder_of(path: str) -> str:
    """The folder a note is filed in (`""` at the root): `aws/iam.txt` -> `aws`."""
    return posixpath.dirname(path)


def folders_by_size(paths: Iterable[str]) -> list[str]:
    """The folders of the notes `paths`, the one holding most of them first."""
    return [folder for folder, _count in Counter(folder_of(path) for path in paths).most_common()]


def large_folders(paths: Iterable[str], limit: int = FOLDER_NAV_LIMIT) -> dict[str, list[str]]:
    """The folders holding more than `limit` of the notes `paths`, each with its notes in the navigation's order."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folders.setdefault(folder_of(path), []).append(path)
    return {folder: sorted(notes, key=natural_key) for folder, notes in folders.items() if len(notes) > limit}


class WindowedGroup(Generic[Item]):
    """One group of the navigation with more than `FOLDER_NAV_LIMIT` notes, and what each page shows of it.

    Each page costs the window it shows, not the group: a folder of 20,000 notes is built in linear time.
    """

    def __init__(
        self, items: Sequence[Item], is_note: Callable[[Item], bool], index_page: Item | None, radius: int
    ) -> None:
        """Split `items` into notes and the rest (sub-sections, other pages), which every page shows."""
        self.items = list(items)
        self.index_page = index_page
        self.radius = radius
        self._notes = [number for number, item in enumerate(self.items) if is_note(item)]
        self._others = [number for number, item in enumerate(self.items) if not is_note(item)]
        self._rank = {id(self.items[number]): rank for rank, number in enumerate(self._notes)}
        self.collapsed = self._shown([])

    def holds(self, page: object) -> bool:
        """Whether `page` is one of the group's notes."""
        return id(page) in self._rank

    def shown_on(self, page: object) -> list[Item]:
        """The items `page` shows: the index page and the notes around `page`, or the index page alone."""
        rank = self._rank.get(id(page))
        if rank is None:
            return self.collapsed
        size = 2 * self.radius + 1
        start = max(min(rank - self.radius, len(self._notes) - size), 0)  # the window slides at either end
        return self._shown(self._notes[start : start + size])

    def _shown(self, notes: list[int]) -> list[Item]:
        """Every item that is not a note, and where the notes were, the index page then the notes `notes`."""
        kept: list[Item] = []
        pending = self.index_page
        for number in sorted([*self._others, *notes]):
            if pending is not None and number >= self._notes[0]:
                kept.append(pending)
                pending = None
            kept.append(self.items[number])
        return kept if pending is None else [*kept, pending]


class BoundedNav:
    """The groups of a navigation with more than `limit` notes, each shown as a window on the page being built.

    It changes the navigation's own lists (a navigation's `items`, a section's `children`), the ones themes
    read: `show(page)` before a page is rendered, `collapse()` after. Between pages, and for the theme's
    own pages (`404.html`), each such group holds its index page alone.
    """

    def __init__(
        self,
        nav: object,
        is_note: Callable[[object], bool],
        index_page_of: Callable[[Sequence[object]], object | None],
        *,
        limit: int = FOLDER_NAV_LIMIT,
        radius: int = WINDOW_RADIUS,
    ) -> None:
        """Find the large groups of `nav`; `index_page_of` gives the index page of a group's notes."""
        self.groups: list[tuple[object, str, WindowedGroup[object]]] = []
        self._active: tuple[object, str, WindowedGroup[object]] | None = None
        pending: list[tuple[object, str]] = [(nav, "items")]
        while pending:
            holder, attribute = pending.pop()
            items = getattr(holder, attribute)
            pending.extend((item, "children") for item in items if isinstance(getattr(item, "children", None), list))
            notes = [item for item in items if is_note(item)]
            if len(notes) > limit:
                group = WindowedGroup(items, is_note, index_page_of(notes), radius)
                self.groups.append((holder, attribute, group))
                setattr(holder, attribute, group.collapsed)
        self._group_of = {id(item): found for found in self.groups for item in found[2].items}

    def show(self, page: object) -> None:
        """Open the window of `page`'s group on it (nothing for a page in no large group)."""
        self.collapse()
        found = self._group_of.get(id(page))
        if found is not None and found[2].holds(page):
            holder, attribute, group = found
            setattr(holder, attribute, group.shown_on(page))
            self._active = found

    def collapse(self) -> None:
        """Leave the group opened by `show` with its index page alone again."""
        if self._active is not None:
            holder, attribute, group = self._active
            setattr(holder, attribute, group.collapsed)
            self._active = None
