"""The index page of a folder of many notes: every note of it, where the navigation shows only a few."""

from __future__ import annotations

from collections.abc import Sequence

from cuaderno.i18n import count, t
from cuaderno.kb import KnowledgeBase
from cuaderno.model import Note
from cuaderno.render.home import note_list
from cuaderno.render.inline import escape, escape_markdown, page_links
from cuaderno.urls import folder_index_url


def folder_index_title(folder: str, notes: int, lang: str) -> str:
    """The page's title, as text: `All 240 notes of aws/storage/` (the root's: `All 240 notes at the top`)."""
    number = count("notes", lang, notes)
    if not folder:
        return t("folder_index.title_root", lang, notes=number)
    return t("folder_index.title", lang, notes=number, folder=f"{folder}/")


def render_folder_index(kb: KnowledgeBase, folder: str, notes: Sequence[Note], lang: str) -> str:
    """The Markdown of a folder's index page in the interface `lang`: its `notes`, in that order."""
    links = page_links(kb, folder_index_url(folder), lang)
    title = folder_index_title(folder, len(notes), lang)
    intro = f"<p>{escape(t('folder_index.intro', lang))}</p>\n"
    return f"# {escape_markdown(title)}\n\n{intro}\n{note_list(kb, links, notes)}"
