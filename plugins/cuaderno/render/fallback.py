"""The page of a note cuaderno could not render: a notice, then its text exactly as written."""

from __future__ import annotations

from cuaderno.i18n import t
from cuaderno.model import Note
from cuaderno.render.inline import escape

RENDER_FAILED = "render-failed"


def render_plain(note: Note, lang: str) -> str:
    """The Markdown of a page showing `note` line by line in a preformatted block, under a notice."""
    notice = escape(t("note.shown_as_text", lang))
    text = escape("\n".join(note.lines))
    return f'<p class="cdn-notice">{notice}</p>\n\n<pre class="cdn-text">{text}</pre>\n'
