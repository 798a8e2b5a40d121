"""The theme's files listed once for all the rebuilds of `mkdocs serve`.

At every build MkDocs lists the files of the theme's folders to find the ones
it copies into the site (`Files.add_files_from_theme`): with Material some
14,500 files (its icons), each name matched against a dozen patterns, a fifth
of a rebuild that writes one page. The list changes only when a file is
added to a theme's folder or removed from it, which changes that folder's
modification time: while the folders' times are those of the last listing,
the last list is given again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from jinja2 import Environment


class Theme(Protocol):
    """What of MkDocs' `Theme` this reads: its folders, its static templates, how it makes its environment."""

    dirs: list[str]
    static_templates: set[str]

    def get_env(self) -> Environment:
        """A new Jinja environment of the theme's templates."""
        ...


def _folders(roots: Sequence[str]) -> list[str]:
    """Every folder under `roots` (themselves included)."""
    found: list[str] = []
    for root in roots:
        found.extend(folder for folder, _subfolders, _files in os.walk(root))
    return found


def _times(folders: Sequence[str]) -> tuple[int, ...] | None:
    """The folders' modification times; `None` when one is gone."""
    try:
        return tuple(os.stat(folder).st_mtime_ns for folder in folders)
    except OSError:
        return None


@dataclass
class _Listed:
    """The lists made from one set of theme folders, and the folders' times then."""

    folders: list[str]
    times: tuple[int, ...] | None
    lists: dict[Hashable, list[str]] = field(default_factory=dict)


class ThemeListing:
    """The names a theme's Jinja environment lists, by its folders and the listing's arguments.

    mkdocs-static-i18n gives each interface's build its own set of folders: each set has its lists.
    """

    def __init__(self) -> None:
        """Nothing listed yet."""
        self._listed: dict[tuple[str, ...], _Listed] = {}

    def install(self, theme: Theme) -> None:
        """Make the environments of `theme` (this build's) list their files through this cache."""
        make_env = theme.get_env

        def get_env() -> Environment:
            env = make_env()
            env.list_templates = self._lister(theme, env.list_templates)  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def _lister(self, theme: Theme, list_templates: Callable[..., list[str]]) -> Callable[..., list[str]]:
        def listed(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            lists = self._lists(tuple(theme.dirs))
            # MkDocs' filter is one function (the same code at each build) reading the theme's static templates.
            code = getattr(filter_func, "__code__", filter_func)
            key = (tuple(extensions or ()), code, frozenset(theme.static_templates))
            names = lists.get(key)
            if names is None:
                names = lists[key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(names)

        return listed

    def _lists(self, roots: tuple[str, ...]) -> dict[Hashable, list[str]]:
        """The lists made from `roots`, forgotten if any of their folders changed since."""
        known = self._listed.get(roots)
        if known is None or known.times is None or _times(known.folders) != known.times:
            folders = _folders(roots)
            known = self._listed[roots] = _Listed(folders, _times(folders))
        return known.lists
