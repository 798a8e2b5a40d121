"""Titled lists of links at the foot of a page: which sections link here, which notes are related."""

from __future__ import annotations

from collections.abc import Sequence

from cuaderno.i18n import t
from cuaderno.kb import KnowledgeBase
from cuaderno.render.inline import LinkMaker, attr, escape


def link_list(css_class: str, heading: str, items: Sequence[str]) -> str:
    """An `<aside>` with a heading and a list of ready HTML items (nothing without items)."""
    if not items:
        return ""
    title = f"<p><strong>{escape(heading)}</strong></p>"
    return f'<aside class="{css_class}">\n{title}\n<ul>{"".join(items)}</ul>\n</aside>\n'


def section_item(links: LinkMaker, kb: KnowledgeBase, path: str, section: str, anchor: str, lang: str) -> str:
    """A list item linking to a section of a note (`section` its heading, "in <note>" beside it), or to the note."""
    note = kb.note(path)
    url = kb.note_url(path) + (f"#{anchor}" if anchor else "")
    where = f' <span class="cdn-source">{escape(t("note.in_note", lang, title=note.title))}</span>' if section else ""
    label = escape(section or note.title)
    return f'<li><a href="{attr(links.href(url))}" lang="{attr(note.lang)}">{label}</a>{where}</li>'
