"""The navigation of a cuaderno site in MkDocs: ordered by the root payload, sections named, large folders bounded."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from cuaderno.bounded_nav import BoundedNav, folders_by_size
from cuaderno.i18n import t
from cuaderno.model import Diagnostic, Note
from cuaderno.navigation import NavItem, nav_pages, nav_title, nested_items, payload_nav
from cuaderno.payload import find_root_payload, read_payload
from cuaderno.urls import TAGS_DIR, folder_index_source

GENERATED_SECTIONS = {f"{TAGS_DIR}/index.md": "tags.title", "explore/index.md": "explorer.title"}


def payload_navigation(
    files: Files,
    config: MkDocsConfig,
    payload_name: str,
    page_of_note: Callable[[str], str],
    notes: list[str],
    interfaces: tuple[str, ...],
    lang: str,
    topic_pages: bool,
) -> tuple[list[NavItem], tuple[Diagnostic, ...]] | None:
    """The navigation the root payload orders (with the generated sections), and its payloads' problems.

    `None` when the folder has no root payload.
    """
    docs_dir = Path(config.docs_dir).resolve()
    root_payload = find_root_payload(docs_dir, payload_name)
    if root_payload is None:
        return None
    tree = read_payload(docs_dir, root_payload.name, payload_name=root_payload.name)

    def page_of(note: str) -> str | None:
        target = page_of_note(note)
        return target if files.get_file_from_path(target) is not None else None

    nav = payload_nav(tree, page_of, notes=notes, languages=interfaces, lang=lang)
    if "index.md" not in nav_pages(nav) and files.get_file_from_path("index.md") is not None:
        nav.insert(0, "index.md")  # the generated home page; mkdocs-static-i18n needs one in the nav
    if topic_pages:  # `name_sections` names these sections in the build's language
        nav.extend([{TAGS_DIR: [f"{TAGS_DIR}/index.md"]}, {"explore": ["explore/index.md"]}])
    return nav, tree.diagnostics


def name_sections(nav: Navigation, lang: str) -> None:
    """Name the sections of the generated pages (`tags/`, `explore/`) in this build's language."""
    for item in nav.items:
        children = getattr(item, "children", None) or ()
        pages = [child for child in children if isinstance(child, Page)]
        if isinstance(item, Section) and pages and pages[0].file.src_uri in GENERATED_SECTIONS:
            item.title = t(GENERATED_SECTIONS[pages[0].file.src_uri], lang)


def bound_navigation(nav: Navigation, config: MkDocsConfig, files: Files, notes: Mapping[str, Note]) -> BoundedNav:
    """Show each folder of many notes as a window of them beside its index page (`bounded_nav`).

    `notes` are the notes' pages by source. Folder names in section titles are shown as text.
    """

    def is_note(item: object) -> bool:  # a folder's own index note stays: Material's section links to it
        if not isinstance(item, Page) or item.is_index or item is nav.homepage:
            return False
        return item.file.src_uri in notes

    def index_page_of(pages: Sequence[object]) -> Page | None:
        paths = [notes[page.file.src_uri].path for page in pages if isinstance(page, Page)]
        for folder in folders_by_size(paths):  # a payload's section may hold notes of several folders
            index = files.get_file_from_path(folder_index_source(folder))
            if index is not None:
                return index.page
        return None

    if config.nav is None:  # MkDocs named the sections after the folders, and themes print titles as HTML
        for section in nested_items(nav.items):
            if isinstance(section, Section) and section.title is not None:
                section.title = nav_title(section.title)
    return BoundedNav(nav, is_note, index_page_of)
