"""Navigation that stays small: a folder of many notes shows a window of them and an index page lists them all."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest

from cuaderno.bounded_nav import FOLDER_NAV_LIMIT, WINDOW_RADIUS, BoundedNav, WindowedGroup, large_folders
from tests.sites import build_site

INTERFACES = ("", "es/")  # the English interface at the root, the Spanish one under /es/
HREF = re.compile(r'<a href="([^"]*)"')


@dataclass(eq=False)
class Item:
    """A stand-in for MkDocs' pages and sections."""

    name: str
    note: bool = True
    children: list[Item] | None = None


@dataclass(eq=False)
class Nav:
    items: list[Item] = field(default_factory=list)


def names(items: list[Item]) -> list[str]:
    return [item.name for item in items]


def group_of(count: int, *, others: tuple[int, ...] = ()) -> tuple[list[Item], Item]:
    items = [Item(f"n{number}") for number in range(count)]
    for place in others:
        items.insert(place, Item(f"section{place}", note=False))
    return items, Item("index", note=False)


def test_a_window_shows_the_notes_around_the_current_one_after_the_index_page() -> None:
    items, index = group_of(100)
    group = WindowedGroup(items, lambda item: item.note, index, radius=2)
    assert names(group.shown_on(items[50])) == ["index", "n48", "n49", "n50", "n51", "n52"]
    # At either end the window slides, so that it always shows as many notes.
    assert names(group.shown_on(items[0])) == ["index", "n0", "n1", "n2", "n3", "n4"]
    assert names(group.shown_on(items[99])) == ["index", "n95", "n96", "n97", "n98", "n99"]
    # A page outside the group sees its index page alone.
    assert names(group.shown_on(Item("elsewhere"))) == ["index"]


def test_a_window_keeps_what_is_not_a_note_in_its_place() -> None:
    items, index = group_of(100, others=(0, 60))
    group = WindowedGroup(items, lambda item: item.note, index, radius=1)
    assert names(group.collapsed) == ["section0", "index", "section60"]
    assert names(group.shown_on(items[30])) == ["section0", "index", "n28", "n29", "n30", "section60"]


def test_bounded_nav_windows_large_groups_only_and_collapses_after_each_page() -> None:
    large, index = group_of(FOLDER_NAV_LIMIT + 1)
    small, _ = group_of(FOLDER_NAV_LIMIT)
    section = Item("folder", note=False, children=large)
    nav = Nav([Item("home", note=False), section, *small])
    bounded = BoundedNav(nav, lambda item: item.note, lambda notes: index)
    assert nav.items[2:] == small  # at the limit, a group is shown whole
    assert names(section.children or []) == ["index"]
    bounded.show(large[20])
    shown = section.children or []
    assert shown[0] is index and large[20] in shown and len(shown) == 2 * WINDOW_RADIUS + 2
    bounded.collapse()
    assert names(section.children or []) == ["index"]
    bounded.show(small[3])  # a page of a small group changes nothing
    assert nav.items[2:] == small and names(section.children or []) == ["index"]


def test_large_folders_are_those_past_the_limit() -> None:
    paths = [f"big/{number}.txt" for number in range(12, 0, -1)] + ["small/a.txt", "top.txt"]
    assert large_folders(paths, limit=10) == {"big": [f"big/{number}.txt" for number in range(1, 13)]}


# Built sites


def write_flat_folder(notes: Path, folder: str, count: int) -> None:
    target = notes / folder
    target.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = f"# Note {number}\n\nWhat note {number} says about [[{{ topic.{number % 7} ]] a topic.\n[[}}]]\n"
        (target / f"note-{number:04d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def flat_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Sites of one flat folder of 60 and of 240 notes, beside a small folder of 3, built with --strict."""
    sites = {}
    for count in (60, 240):
        base = tmp_path_factory.mktemp(f"flat{count}")
        write_flat_folder(base / "notes", "flat", count)
        write_flat_folder(base / "notes", "small", 3)
        assert build_site(base / "notes", base / "site") == []
        sites[count] = base / "site"
    return sites


def sidebar(page: str) -> str:
    """The primary navigation of a Material page."""
    start = page.index("md-nav--primary")
    return page[start : page.index("md-sidebar--secondary", start)]


def article(page: str) -> str:
    return page.split("<article", 1)[1].split("</article>", 1)[0]


def targets(page_url: str, part: str) -> set[str]:
    """The site paths (`flat/note-0001/`, decoded) that `part` of the page at `page_url` links to."""
    found = set()
    for href in HREF.findall(part):
        href = unquote(html.unescape(href).split("#", 1)[0])
        if "://" in href or href.startswith(("mailto:", "javascript:")):
            continue
        path = posixpath.normpath(posixpath.join(page_url, href)).lstrip("./")
        found.add("" if path in (".", "") else f"{path.rstrip('/')}/")
    return found


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_note_page_does_not_grow_with_its_folder(flat_sites: dict[int, Path], interface: str) -> None:
    for note in ("flat/note-0000/", "flat/note-0030/", "flat/note-0059/"):
        sizes = [len((flat_sites[count] / interface / note / "index.html").read_bytes()) for count in (60, 240)]
        # Only the count in the index page's title differs ("All 60 notes" / "All 240 notes").
        assert abs(sizes[1] - sizes[0]) < 100, (note, sizes)
    page = read(flat_sites[240], f"{interface}flat/note-0120/")
    notes = {url for url in targets(f"/{interface}flat/note-0120/", sidebar(page)) if "/flat/note-" in f"/{url}"}
    assert len(notes) == 2 * WINDOW_RADIUS + 1
    assert f"{interface}flat/note-0120/" in notes and f"{interface}flat/note-0110/" in notes


@pytest.mark.parametrize("interface", INTERFACES)
def test_the_folder_index_page_links_every_note(flat_sites: dict[int, Path], interface: str) -> None:
    site = flat_sites[240]
    url = f"{interface}folders/flat/"
    page = read(site, url)
    title = "All 240 notes of flat/" if not interface else "Las 240 notas de flat/"
    assert f"<title>{title}" in page
    linked = targets(f"/{url}", article(page))
    assert linked >= {f"{interface}flat/note-{number:04d}/" for number in range(240)}
    for number in (0, 239):
        assert (site / interface / f"flat/note-{number:04d}" / "index.html").is_file()


@pytest.mark.parametrize("interface", INTERFACES)
def test_every_note_is_two_clicks_from_the_home_page(flat_sites: dict[int, Path], interface: str) -> None:
    """By the sidebar alone: the home page's links the folder's index page, which links every note."""
    site = flat_sites[240]
    first = targets(f"/{interface}", sidebar(read(site, interface)))
    second = set(first)
    for url in first:
        if (site / url / "index.html").is_file():
            second |= targets(f"/{url}", read(site, url))
    every_note = {
        f"{interface}{folder}/note-{n:04d}/" for folder, count in (("flat", 240), ("small", 3)) for n in range(count)
    }
    assert every_note <= second


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_small_folder_keeps_every_note_in_the_navigation(flat_sites: dict[int, Path], interface: str) -> None:
    site = flat_sites[60]
    page = read(site, f"{interface}small/note-0001/")
    linked = targets(f"/{interface}small/note-0001/", sidebar(page))
    assert {f"{interface}small/note-{number:04d}/" for number in range(3)} <= linked
    assert not (site / "folders" / "small").exists()


def test_at_the_limit_a_folder_keeps_its_whole_navigation(tmp_path: Path) -> None:
    write_flat_folder(tmp_path / "notes", "", FOLDER_NAV_LIMIT)
    site = tmp_path / "site"
    assert build_site(tmp_path / "notes", site) == []
    linked = targets("/note-0000/", sidebar(read(site, "note-0000/")))
    assert {f"note-{number:04d}/" for number in range(FOLDER_NAV_LIMIT)} <= linked
    assert not (site / "folders").exists()


def test_a_folder_name_is_text_in_its_index_page(tmp_path: Path) -> None:
    """A folder called `<b>x&"y"` at the root of the notes: its index page's title is shown, never run."""
    folder = '<b>x&"y"'
    write_flat_folder(tmp_path / "notes", folder, FOLDER_NAV_LIMIT + 1)
    site = tmp_path / "site"
    assert build_site(tmp_path / "notes", site) == []
    for interface in INTERFACES:
        index = site / interface / "folders" / folder / "index.html"
        page = index.read_text(encoding="utf-8")
        assert "<b>x" not in page
        note = read(site, f"{interface}{folder}/note-0000/")
        assert "<b>x" not in sidebar(note)
        linked = targets(f"/{interface}{folder}/note-0000/", sidebar(note))
        assert f"{interface}folders/{folder}/" in linked


def test_a_payload_section_of_many_notes_is_windowed_too(tmp_path: Path) -> None:
    """The root payload lists one note of a large folder: the rest join the folder's section, windowed."""
    notes = tmp_path / "notes"
    write_flat_folder(notes, "flat", FOLDER_NAV_LIMIT + 20)
    (notes / "flat" / "flat.payload").write_text("note-0005.txt\n", encoding="utf-8")
    (notes / "ALL.payload").write_text("flat/flat.payload\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build_site(notes, site) == []
    for interface in INTERFACES:
        page = read(site, f"{interface}flat/note-0040/")
        linked = targets(f"/{interface}flat/note-0040/", sidebar(page))
        assert f"{interface}folders/flat/" in linked
        assert len({url for url in linked if "flat/note-" in url}) == 2 * WINDOW_RADIUS + 1
