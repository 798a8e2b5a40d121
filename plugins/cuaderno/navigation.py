"""The site navigation made from a payload tree, in the shape of `mkdocs.yml`'s `nav:`.

Pages come in the payload's order; nested payloads and folder entries become
sections. Notes that no payload lists are not lost: each joins the section
that stands for its folder (its folder entry, else the folder's own
`ALL.payload`, else the first payload read from that folder), so a folder is
one entry of the navigation, not one more at its end. The notes of folders
no section stands for follow the payload's entries, grouped by folder as
MkDocs groups them (`index` first, files before sub-folders), sorted by name
with numbers in order (`2_x` before `10_x`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import TypeAlias

from cuaderno.payload import INDEX_STEMS, PayloadEntry, PayloadNote, PayloadSection, PayloadTree, folder_title
from cuaderno.urls import translation_of

NavItem: TypeAlias = "str | dict[str, str | list[NavItem]]"
"""One item of an MkDocs `nav`: a page path, `{title: path}`, or `{section title: [items]}`."""

_DIGITS = re.compile(r"(\d+)")


def natural_key(path: str) -> tuple[object, ...]:
    """Sort `index`/`README` first, then by name with numbers in order (`2_a` before `10_a`)."""
    pure = PurePosixPath(path)
    stem = pure.name.split(".", 1)[0].lower()
    parts = tuple((0, int(p), p) if p.isdigit() else (1, 0, p) for p in _DIGITS.split(pure.name.lower()) if p)
    return (stem not in INDEX_STEMS, parts)


def payload_nav(
    tree: PayloadTree,
    page_of: Callable[[str], str | None],
    *,
    notes: Iterable[str] = (),
    languages: Sequence[str] = (),
    lang: str | None = None,
    title_of: Callable[[str], str | None] | None = None,
) -> list[NavItem]:
    """The MkDocs `nav` of a payload tree: its entries, then the notes it does not list.

    Args:
        tree: the root payload, read by `read_payload`.
        page_of: maps a note path (`aws/iam.txt`) to the page MkDocs knows (`aws/iam.md`),
            or None when the note is not a page of this build.
        notes: every note of the site; those no entry lists are not lost: a folder
            entry takes those of its folder, the others follow the payload's entries,
            grouped by folder (a root `index`/`README` goes first).
        languages: the site's languages, the default first: a listed translation
            (`a.es.md`) stands for its default page (`a.md`), which the i18n plugin
            serves in every language.
        lang: the language of this build, for section titles (`# title.es: …`).
        title_of: a page's title for the nav; None (or no function) lets MkDocs use the
            page's own title, which follows the language of each build.

    Returns:
        A list shaped like `mkdocs.yml`'s `nav:`; each page appears once.

    """

    def page(note: str) -> str | None:
        default, code = translation_of(note, languages)
        for candidate in (default, note) if code else (note,):
            found = page_of(candidate)
            if found is not None:
                return found
        return None

    listed = {found for note in tree.notes() if (found := page(note)) is not None}
    homes = _folder_homes(tree.entries, PurePosixPath(tree.path).name)
    folders = set(homes.values())
    rest: dict[str | None, list[str]] = {}  # folder entry (None: the tail) -> unlisted pages
    for note in sorted(notes, key=natural_key):
        found = page(note)
        if found is not None and found not in listed:
            rest.setdefault(_owner(found, folders), []).append(found)
    placed: set[str] = set()

    def item(found: str) -> NavItem:
        title = title_of(found) if title_of is not None else None
        return {nav_title(title): found} if title else found

    def items(entries: Iterable[PayloadEntry]) -> list[NavItem]:
        made: list[NavItem] = []
        for entry in entries:
            if isinstance(entry, PayloadNote):
                found = page(entry.path)
                if found is not None and found not in placed:
                    placed.add(found)
                    made.append(item(found))
                continue
            children = items(entry.entries)
            folder = homes.get(id(entry))
            if folder is not None:
                children.extend(grouped(rest.pop(folder, []), folder))
            if children:
                made.append({nav_title(entry.title_in(lang)): children})
        return made

    def grouped(pages: list[str], base: str) -> list[NavItem]:
        """Pages not yet placed, in folders relative to `base`, files before sub-folders."""
        made: list[NavItem] = []
        subfolders: dict[str, list[str]] = {}
        for found in pages:
            if found in placed:
                continue
            relative = posixpath.relpath(found, base or ".")
            head, _, tail = relative.partition("/")
            if tail:
                subfolders.setdefault(head, []).append(found)
            else:
                placed.add(found)
                made.append(item(found))
        for name in sorted(subfolders, key=natural_key):
            children = grouped(subfolders[name], posixpath.join(base, name))
            if children:
                made.append({nav_title(folder_title(name)): children})
        return made

    tail = rest.pop(None, [])
    home = [found for found in tail if "/" not in found and _is_index(found)]
    nav = grouped(home, "") + items(tree.entries)
    return nav + grouped(tail, "")


def nav_title(text: str) -> str:
    """A title as the theme gets it: MkDocs and Material print navigation titles as HTML, unescaped.

    A payload's `# title: <img src=x onerror=…>` or a folder's name is shown as
    the text it is, on every page; quotes too, for themes that put titles in attributes.
    """
    return html.escape(text, quote=True)


def nav_pages(nav: Iterable[NavItem]) -> list[str]:
    """Every page path of a `nav`, in order (to check whether one is there already)."""
    found: list[str] = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
            continue
        for value in item.values():
            found.extend([value] if isinstance(value, str) else nav_pages(value))
    return found


def nested_items(items: Iterable[object]) -> Iterator[object]:
    """Every item of a built navigation and, depth first, the `children` of its sections."""
    for item in items:
        yield item
        yield from nested_items(getattr(item, "children", None) or ())


def _sections(entries: Iterable[PayloadEntry]) -> Iterable[PayloadSection]:
    for entry in entries:
        if isinstance(entry, PayloadSection):
            yield entry
            yield from _sections(entry.entries)


def _folder_homes(entries: Iterable[PayloadEntry], payload_name: str) -> dict[int, str]:
    """The section (by `id`) that stands for each folder and takes the notes of it no entry lists.

    A folder entry first, else the folder's own payload (`payload_name`), else
    the first payload read from the folder. Payloads at the root of the notes
    folder stand for none: its unlisted notes follow the payload's entries.
    """
    best: dict[str, tuple[int, int, PayloadSection]] = {}  # folder -> (rank, order, section)
    for order, section in enumerate(_sections(entries)):
        if section.folder is not None:
            folder, rank = section.folder, 0
        else:
            pure = PurePosixPath(section.path)
            folder = "" if str(pure.parent) == "." else str(pure.parent)
            rank = 1 if pure.name.lower() == payload_name.lower() else 2
            if not folder:
                continue
        if folder not in best or (rank, order) < best[folder][:2]:
            best[folder] = (rank, order, section)
    return {id(section): folder for folder, (_rank, _order, section) in best.items()}


def _owner(page: str, folders: set[str]) -> str | None:
    """The deepest folder entry holding `page`, or None."""
    parent = posixpath.dirname(page)
    while True:
        if parent in folders:
            return parent
        if not parent:
            return None
        parent = posixpath.dirname(parent)


def _is_index(page: str) -> bool:
    return PurePosixPath(page).name.split(".", 1)[0].lower() in INDEX_STEMS
