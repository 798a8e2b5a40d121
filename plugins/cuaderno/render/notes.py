"""A note's page as Markdown: headings, text shown as written, chips, code fences."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from cuaderno.diagrams import diagram_anchor
from cuaderno.formats.common import without_line_break
from cuaderno.formats.markdown import ATX_RE, clean_heading, code_spans, fenced_lines
from cuaderno.formats.nesting import DEEP_NESTING
from cuaderno.formats.outline import heading_source as outline_heading_source
from cuaderno.formats.tagged import heading_source as tagged_heading_source
from cuaderno.i18n import language_name, t
from cuaderno.kb import KnowledgeBase, canonical_tags
from cuaderno.links import MARKDOWN_LINK, is_note_link, page_link
from cuaderno.markers import is_safe_url, strip_markers
from cuaderno.mentions import Mention
from cuaderno.model import (
    CodeSegment,
    DiagramSegment,
    Format,
    Heading,
    HeadingSegment,
    MarkdownSegment,
    Marker,
    Note,
    PreformattedSegment,
    ProseSegment,
    Segment,
    TextSegment,
)
from cuaderno.render.diagram import bullet_html, diagram_html, preformatted_html
from cuaderno.render.headings import heading_shift, markdown_heading, text_heading
from cuaderno.render.inline import INLINE_RE, attr, escape, escape_raw_html, page_links
from cuaderno.render.link_lists import link_list, section_item
from cuaderno.slugs import element_id
from cuaderno.urls import tag_url


def _id_attr(anchor: str) -> str:
    """A heading's `{#id}` attribute list (none for the empty anchor of a heading with no letters)."""
    return f" {{#{anchor}}}" if anchor else ""


class NoteRenderer:
    """Renders one note for one interface language."""

    def __init__(self, note: Note, kb: KnowledgeBase, lang: str, sanitize: bool = False) -> None:
        self.note = note
        self.kb = kb
        self.lang = lang
        self.sanitize = sanitize  # a note the site owner does not trust: its raw HTML is shown as text
        self.markers = note.markers_by_line()
        self.mentions: dict[int, list[Mention]] = {}
        for mention in kb.mentions.get(note.path, ()):
            self.mentions.setdefault(mention.line, []).append(mention)
        self.links = page_links(kb, kb.note_url(note.path), lang, note.path)
        self.shift = heading_shift(note)

    def level(self, heading: Heading) -> int:
        """The level a heading has on the page (see `heading_shift`)."""
        return min(6, heading.level + self.shift)

    # -- markers -------------------------------------------------------------

    def marker_html(self, marker: Marker, with_anchor: bool = True) -> str:
        """Chips for a marker's tags (closers show nothing), with its block anchor."""
        tags = canonical_tags((t for op in marker.ops if op.kind != "close" for t in op.tags), self.kb.taxonomy)
        anchor = self.note.marker_anchors.get((marker.line, marker.start), "") if with_anchor else ""
        if not tags and not anchor:
            return ""
        return self.links.chips(tags, anchor)

    def inline_items(self, number: int, markers: tuple[Marker, ...]) -> list[Marker | Mention]:
        """The markers and topic mentions of a line, left to right (they never overlap)."""
        return sorted([*markers, *self.mentions.get(number, ())], key=lambda item: item.start)

    def mention_html(self, mention: Mention) -> str:
        """A keyword, as written, linking to its topic page."""
        text = self.note.lines[mention.line - 1][mention.start : mention.end]
        href = attr(self.links.href(tag_url(mention.tag)))
        return f'<a class="cdn-mention" href="{href}" data-tag="{attr(mention.tag)}">{escape(text)}</a>'

    def line_html(self, number: int, chips: list[str] | None = None, start: int = 0) -> str:
        """One source line from column `start`, escaped, markers made chips, links keeping the columns after them.

        Given a `chips` list (a diagram's line), markers are collected there and
        leave spaces of their width behind, so that no column of the drawing moves.
        A `<br/>` closing the line is markup: it is left out.
        """
        line = self.note.lines[number - 1]
        line = without_line_break(line)
        keep: Literal["aligned", "always"] = "aligned" if chips is None else "always"
        if number not in self.markers and number not in self.mentions:
            return self.links.text(line[start:], keep_columns=keep)
        out: list[str] = []
        last = start
        for item in self.inline_items(number, self.markers.get(number, ())):
            if item.start < start:
                continue
            out.append(self.links.text(line[last : item.start], keep_columns=keep))
            if isinstance(item, Mention):
                out.append(self.mention_html(item))
            elif chips is None:
                out.append(self.marker_html(item))
            else:
                chips.append(self.marker_html(item))
                out.append(" " * (item.end - item.start))
            last = item.end
        out.append(self.links.text(line[last:], keep_columns=keep))
        return "".join(out)

    def only_markers(self, number: int) -> bool:
        """Whether a line holds nothing but markers."""
        markers = self.markers.get(number, ())
        return bool(markers) and not strip_markers(self.note.lines[number - 1], markers).strip()

    # -- segments ------------------------------------------------------------

    def heading(self, heading: Heading) -> str:
        """A Markdown heading with its anchor, and the chips of markers on its line."""
        # The heading carries the block's anchor itself.
        markers = self.markers.get(heading.line, ())
        chips = "".join(self.marker_html(m, with_anchor=False) for m in markers)
        source = self.heading_source(heading, markers)
        text = f"{'#' * self.level(heading)} {text_heading(source, self.links)}{_id_attr(heading.anchor)}"
        return f'{text}\n\n<div class="cdn-heading-tags">{chips}</div>\n' if chips else text + "\n"

    def heading_source(self, heading: Heading, markers: tuple[Marker, ...]) -> str:
        """A heading shown by a text segment's rules, as written: without markers and hashes.

        An outline item loses its side comment; a Markdown heading (of a note
        shown as written) its attribute list.
        """
        line = self.note.lines[heading.line - 1]
        if self.note.format == Format.TAGGED:
            return tagged_heading_source(line, markers)
        if self.note.format == Format.MARKDOWN:
            text = strip_markers(line, markers)
            atx = ATX_RE.match(text)
            return clean_heading((atx.group("text") or "") if atx else text)
        return outline_heading_source(line)

    def text_segment(self, first: int, last: int) -> str:
        """Lines shown as written, in a `<pre>` (lines of bare closers dropped)."""
        rows: list[str] = []
        for number in range(first, last + 1):
            row = self.line_html(number)
            if row or not self.only_markers(number):  # a line of bare closers shows nothing
                rows.append(row)
        while rows and not rows[0].strip():
            rows.pop(0)
        while rows and not rows[-1].strip():
            rows.pop()
        if not rows:
            return ""
        return '<pre class="cdn-text">' + "\n".join(rows) + "</pre>\n"

    def diagram(self, segment: DiagramSegment) -> str:
        """A drawing, every column kept; a text note's markers become the diagram's chips."""
        numbers = range(segment.first, segment.last + 1)
        chips: list[str] = []
        if segment.fenced:  # Markdown code: markers and links in it are content
            rows = [escape(self.note.lines[number - 1]).rstrip() for number in numbers]
        else:  # lines of bare markers leave no empty row behind, their chips (and block anchors) go to the bar
            rows = []
            for number in numbers:
                row = self.line_html(number, chips, segment.margin).rstrip()
                if not self.only_markers(number):
                    rows.append(row)
        label = f'<span class="cdn-pre-label">{escape(segment.label)}</span>' if segment.label else ""
        figure = diagram_html(rows, label + "".join(chips), diagram_anchor(segment), self.lang)
        return bullet_html(segment.bullet) + figure

    def preformatted(self, segment: PreformattedSegment) -> str:
        """A text note's fenced region: its lines shown as written, the fence lines and `| ` margin left out."""
        rows = [self.links.text(segment.head, keep_columns="aligned")] if segment.head else []
        for number in range(segment.first, segment.last + 1):
            row = self.line_html(number, start=segment.margin)
            if row or not self.only_markers(number):  # a line of bare closers shows nothing
                rows.append(row)
        return bullet_html(segment.bullet) + preformatted_html(rows, segment.label)

    def prose(self, segment: ProseSegment) -> str:
        """An outline comment as a paragraph."""
        return self.links.text(segment.text, markdown=True) + "\n" if segment.text else ""

    def code(self, segment: CodeSegment) -> str:
        """Pasted code as a fenced block with its language and title."""
        body = "\n".join(self.note.lines[segment.first - 1 : segment.last])
        longest = max((len(run) for run in body.split("\n") if set(run.strip()) == {"`"}), default=0)
        fence = "`" * max(3, longest + 1)
        title = f' title="{segment.title}"' if segment.title and '"' not in segment.title else ""
        return f"{fence}{segment.language}{title}\n{body}\n{fence}\n"

    def markdown(self, segment: MarkdownSegment) -> str:
        """Markdown lines with markers, links and heading anchors rewritten (code left alone)."""
        fenced = fenced_lines(self.note.lines, segment.first)
        headings: Mapping[int, Heading] = {h.line: h for h in self.note.headings}
        out: list[str] = []
        pending_chips = ""
        underline = 0  # a setext heading's underline, when the heading is written as `#` (its level shifted)
        for number in range(segment.first, segment.last + 1):
            line = self.note.lines[number - 1]
            if number in fenced:
                out.append(line)
                continue
            markers = self.markers.get(number, ())
            heading = headings.get(number)
            if heading is not None and ATX_RE.match(line):
                chips = "".join(self.marker_html(m, with_anchor=False) for m in markers)
                level = self.level(heading)
                text = clean_heading(ATX_RE.match(strip_markers(line, markers)).group("text") or "")  # type: ignore[union-attr]
                text = markdown_heading(text, self.sanitize)
                if text:
                    out.append(f"{'#' * level} {text}{_id_attr(heading.anchor)}")
                else:  # an empty heading: Markdown would show its attribute list as text
                    id_attr = f' id="{attr(heading.anchor)}"' if heading.anchor else ""
                    out.append(f"<h{level}{id_attr}></h{level}>")
                if chips:
                    out.extend(["", f'<div class="cdn-heading-tags">{chips}</div>', ""])
                continue
            if heading is not None:  # setext heading text line
                pending_chips = "".join(self.marker_html(m, with_anchor=False) for m in markers)
                text = markdown_heading(strip_markers(line, markers).rstrip(), self.sanitize)
                if self.shift:
                    out.append(f"{'#' * self.level(heading)} {text.strip()}{_id_attr(heading.anchor)}")
                    underline = number + 1
                else:
                    out.append(f"{text}{_id_attr(heading.anchor)}")
                continue
            if number == underline:
                line = ""
            if pending_chips:
                out.extend([line, "", f'<div class="cdn-heading-tags">{pending_chips}</div>'])
                pending_chips = ""
                continue
            if number == underline:
                out.append("")
                continue
            out.append(self.markdown_line(number, line, markers))
        return "\n".join(out) + "\n"

    def _txt_links(self, line: str) -> str:
        """Point Markdown links at `.txt` notes to their pages; links to unsafe schemes (`javascript:`) go nowhere."""
        if "](" not in line and "]:" not in line:
            return line

        def rewrite(match: re.Match[str]) -> str:
            target = match.group("target")
            if not is_safe_url(target):
                return match.group("head") + "#"
            rewritten = page_link(self.note.path, target, self.kb.note_paths, self.kb.urls.source) or target
            path, hash_sign, fragment = rewritten.partition("#")
            if fragment.startswith("__") and (not path or is_note_link(path)):  # a heading's id, kept off the theme's
                rewritten = path + hash_sign + element_id(fragment)
            return match.group("head") + rewritten

        return MARKDOWN_LINK.sub(rewrite, line)

    def markdown_line(self, number: int, line: str, markers: tuple[Marker, ...]) -> str:
        """A Markdown line with markers, `@[…]` links and `#[…]` anchors replaced."""
        spans = code_spans(line) if "`" in line else ()
        if not markers and "@[" not in line and "#[" not in line and number not in self.mentions:
            return self._source(line, spans, 0)
        out: list[str] = []
        last = 0
        for item in self.inline_items(number, markers):
            out.append(self._markdown_text(line[last : item.start], spans, last))
            out.append(self.mention_html(item) if isinstance(item, Mention) else self.marker_html(item))
            last = item.end
        out.append(self._markdown_text(line[last:], spans, last))
        return "".join(out)

    def _source(self, text: str, spans: tuple[tuple[int, int], ...], offset: int) -> str:
        """Markdown as written, between the pieces replaced: `.txt` links fixed, raw HTML as text when sanitizing.

        `spans` are the line's code spans; `text` starts at column `offset`.
        """
        if self.sanitize and "<" in text:
            text = escape_raw_html(text, [(a - offset, b - offset) for a, b in spans])
        return self._txt_links(text)

    def _markdown_text(self, text: str, spans: tuple[tuple[int, int], ...], offset: int) -> str:
        if "@[" not in text and "#[" not in text:
            return self._source(text, spans, offset)
        # Only the link syntax is replaced; the rest stays Markdown.
        out: list[str] = []
        last = 0
        shifted = tuple((a - offset, b - offset) for a, b in spans)
        for match in INLINE_RE.finditer(text):
            if match.group("url") or match.group("image") or any(a <= match.start() < b for a, b in shifted):
                continue
            out.append(self._source(text[last : match.start()], spans, offset + last))
            out.append(self.links.inline(match))
            last = match.end()
        out.append(self._source(text[last:], spans, offset + last))
        return "".join(out)

    def header(self) -> str:
        """The note's language badge; in the other interface, a notice and the sections on its topics in ours."""
        note, lang = self.note, self.lang
        language = language_name(note.lang, lang)
        badge = (
            f'<span class="cdn-lang-badge" title="{attr(t("note.badge_title", lang, language=language))}">'
            f"{escape(note.lang.upper())}</span>"
        )
        parts = [badge]
        if note.lang != lang:
            notice = escape(t("note.written_in", lang, language=language))
            parts.append(f'<span class="cdn-lang-notice">{notice}</span>')
        out = [f'<p class="cdn-note-meta">{" ".join(parts)}</p>']
        if any(problem.code == DEEP_NESTING for problem in note.diagnostics):
            out.append(f'<p class="cdn-notice">{escape(t("note.too_deep", lang))}</p>')
        if not self.kb.translations(note.path):
            for other, blocks in self.kb.counterparts(note.path).items():
                name = language_name(other, lang)
                links = " · ".join(
                    f'<a href="{attr(self.links.href(block.url))}" lang="{attr(block.lang)}">'
                    f"{escape(block.title or self.kb.note(block.note).title)}</a>"
                    for block in blocks
                )
                label = escape(t("note.also_in", lang, language=name))
                out.append(f'<p class="cdn-also" data-lang="{attr(other)}"><strong>{label}</strong> {links}</p>')
        return "\n".join(out) + "\n"

    def footer(self) -> str:
        """Which notes link here (with the linking section), and the notes related by their tags."""
        backlinks = [
            section_item(self.links, self.kb, link.source, link.section, link.section_anchor, self.lang)
            for link in self.kb.backlinks(self.note.path)
        ]
        related = []
        for path, _score in self.kb.related_notes(self.note.path):
            other = self.kb.note(path)
            badge = (
                f' <span class="cdn-lang-badge">{escape(other.lang.upper())}</span>' if other.lang != self.lang else ""
            )
            href = self.links.href(self.kb.note_url(path))
            related.append(
                f'<li><a href="{attr(href)}" lang="{attr(other.lang)}">{escape(other.title)}</a>{badge}</li>'
            )
        return link_list("cdn-backlinks", t("note.linked_from", self.lang), backlinks) + link_list(
            "cdn-related-notes", t("note.related", self.lang), related
        )

    def segment(self, segment: Segment) -> str:
        """One segment of the note as Markdown (the note page, and each block of it elsewhere: `render.blocks`)."""
        if isinstance(segment, HeadingSegment):
            return self.heading(segment.heading)
        if isinstance(segment, TextSegment):
            return self.text_segment(segment.first, segment.last)
        if isinstance(segment, ProseSegment):
            return self.prose(segment)
        if isinstance(segment, DiagramSegment):
            return self.diagram(segment)
        if isinstance(segment, PreformattedSegment):
            return self.preformatted(segment)
        if isinstance(segment, CodeSegment):
            return self.code(segment)
        return self.markdown(segment)

    def render(self) -> str:
        """The whole page as Markdown."""
        parts: list[str] = [self.header(), *map(self.segment, self.note.segments), self.footer()]
        return "\n".join(part for part in parts if part)


def render_note(note: Note, kb: KnowledgeBase, lang: str = "en", sanitize: bool = False) -> str:
    """Render a note's page as Markdown for the interface language `lang`.

    With `sanitize`, raw HTML in the note is shown as text instead of being
    part of the page (for notes the site owner does not trust).
    """
    return NoteRenderer(note, kb, lang, sanitize).render()


def note_page_inputs(note: Note, kb: KnowledgeBase) -> tuple[object, ...]:
    """Everything a note's page shows besides the note itself and the site-wide facts.

    Its topic mentions, translations, the sections of other languages on its
    topics, the sections linking to it and its related notes, with the titles
    and languages of their notes. Two builds that give a note equal inputs
    render the same page (`render.page_cache`).
    """
    path = note.path

    def about(other: str) -> tuple[str, str]:
        found = kb.note(other)
        return found.title, found.lang

    translations = kb.translations(path)
    counterparts = () if translations else tuple(kb.counterparts(path).items())
    backlinks = kb.backlinks(path)
    related = kb.related_notes(path)
    return (
        note,
        kb.mentions.get(path, ()),
        translations,
        counterparts,
        tuple(about(block.note) for _lang, blocks in counterparts for block in blocks),
        backlinks,
        tuple(about(link.source) for link in backlinks),
        tuple((other, *about(other)) for other, _score in related),
    )
