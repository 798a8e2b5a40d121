"""A note's headings on its page: their level, and their text as Markdown."""

from __future__ import annotations

from cuaderno.formats.markdown import code_spans
from cuaderno.markers import ANCHOR_RE
from cuaderno.model import Note
from cuaderno.render.inline import LinkMaker, attr, escape_raw_html
from cuaderno.slugs import element_id


def heading_shift(note: Note) -> int:
    """How many levels a note's headings go down on its page: 1 when it has several top-level (`#`) headings.

    The page then has one `<h1>`, its title (the theme writes it), and every
    heading of the note is in the table of contents: Material lists only the
    children of the first heading when that heading is an `<h1>`.
    """
    return 1 if sum(1 for heading in note.headings if heading.level == 1) > 1 else 0


def _anchor(name: str) -> str:
    """A `#[name]` anchor in a heading: the id, and no text (the table of contents shows the heading's words)."""
    return f'<span class="cdn-anchor" id="{attr(element_id(name))}"></span>'


def text_heading(text: str, links: LinkMaker) -> str:
    """A text note's heading as Markdown: `code` spans shown as code, links and URLs as links, anchors kept.

    Everything else is escaped, so `# Learning C#` keeps its `#`. A `#[x]`
    anchor gives the heading's place the id `x` and shows nothing.
    """

    def plain(part: str) -> str:
        out: list[str] = []
        last = 0
        for match in ANCHOR_RE.finditer(part) if "#[" in part else ():
            out.append(links.text(part[last : match.start()], markdown=True))
            out.append(_anchor(match.group(1)))
            last = match.end()
        out.append(links.text(part[last:], markdown=True))
        return "".join(out)

    out: list[str] = []
    last = 0
    for start, end in code_spans(text) if "`" in text else ():
        out.append(plain(text[last:start]))
        out.append(text[start:end])  # a Markdown code span: Markdown escapes what is in it
        last = end
    out.append(plain(text[last:]))
    return "".join(out).strip()


def markdown_heading(text: str, sanitize: bool) -> str:
    """A Markdown heading's text: raw HTML as text when `sanitize`, `#[x]` anchors as an empty element of id `x`."""
    spans = code_spans(text) if "`" in text else ()
    if sanitize:
        text = escape_raw_html(text, spans)
        spans = code_spans(text) if "`" in text else ()
    if "#[" not in text:
        return text
    out: list[str] = []
    last = 0
    for match in ANCHOR_RE.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            continue
        out.append(text[last : match.start()])
        out.append(_anchor(match.group(1)))
        last = match.end()
    out.append(text[last:])
    return "".join(out)
