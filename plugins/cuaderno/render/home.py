"""A home page for a folder of notes that has none: the notes by folder, and the ways in by tag."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import PurePosixPath

from cuaderno.i18n import t
from cuaderno.kb import KnowledgeBase
from cuaderno.model import Note
from cuaderno.render.inline import LinkMaker, attr, escape, escape_markdown, escape_with_html, page_links
from cuaderno.urls import EXPLORE_PAGE, TAGS_DIR


def render_home(kb: KnowledgeBase, title: str, lang: str) -> str:
    """The Markdown of a generated `index.md`, in the interface language `lang`."""
    links = page_links(kb, "", lang)
    tags_link = f'<a href="{attr(links.href(f"{TAGS_DIR}/"))}">{escape(t("explorer.tag_index", lang))}</a>'
    explorer_link = f'<a href="{attr(links.href(EXPLORE_PAGE))}">{escape(t("explorer.title", lang).lower())}</a>'
    placeholders = {"tags_link": "{tags_link}", "explorer_link": "{explorer_link}"}
    intro = t("home.intro", lang, notes=len(kb.notes), tags=len(kb.tags), **placeholders)
    markup = {"tags_link": tags_link, "explorer_link": explorer_link}
    out = [f"# {escape_markdown(title)}\n", f"<p>{escape_with_html(intro, markup)}</p>\n"]
    out.append(f"## {escape_markdown(t('home.notes', lang))}\n")
    notes = sorted(kb.notes, key=lambda note: (str(PurePosixPath(note.path).parent), note.title.casefold()))
    for folder, group in groupby(notes, key=lambda note: str(PurePosixPath(note.path).parent)):
        if folder != ".":
            out.append(f'<p class="cdn-home-folder"><strong>{escape(folder)}/</strong></p>\n')
        out.append(note_list(kb, links, group))
    return "\n".join(out)


def note_list(kb: KnowledgeBase, links: LinkMaker, notes: Iterable[Note]) -> str:
    """A list of links to notes, each with its language badge: the home page's, and each folder index page's."""
    items = "".join(
        f'<li><span class="cdn-lang-badge">{escape(note.lang.upper())}</span> '
        f'<a href="{attr(links.href(kb.note_url(note.path)))}" lang="{attr(note.lang)}">'
        f"{escape(note.title)}</a></li>\n"
        for note in notes
    )
    return f'<ul class="cdn-home-notes">\n{items}</ul>\n'
