"""A block as HTML, the way its note page shows it: for topic pages, the explorer and `kb.json`.

The block's lines go through the note page's own renderer (`NoteRenderer.segment`),
then through Python-Markdown with the site's extensions, as MkDocs turns the
note page into HTML. Each block is rendered once per interface; its links are
made relative to its note's page and moved to wherever the block is shown
(`relocate`).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from cuaderno.formats.markdown import ATX_RE
from cuaderno.kb import KBBlock, KnowledgeBase
from cuaderno.markers import strip_markers
from cuaderno.model import Format, Marker, Note
from cuaderno.render.block_lines import EXCERPT_LINES, NoteLayout, excerpt_end, lines_markdown
from cuaderno.render.notes import NoteRenderer
from cuaderno.render.page_cache import site_inputs
from cuaderno.sanitize import is_cleaned, sanitize_html
from cuaderno.urls import note_url, relative_url

# The extensions a page of the bundled site is rendered with (`plugin.MARKDOWN_EXTENSIONS`).
PAGE_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences")


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions (names or instances) and their options pages are rendered with."""

    extensions: tuple[Any, ...] = PAGE_EXTENSIONS
    configs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockHTML:
    """A block's first lines as HTML, links relative to `page` (the URL of its note's page, in its interface)."""

    html: str
    page: str
    hidden_lines: int  # lines of the block after those shown


# Markdown empties lines of spaces before it reads anything (`NormalizeWhitespace`); so must a copy of its output.
_BLANK_LINE_SPACES = re.compile(r"(?<=\n) +\n")
# What the note renderer writes as one raw HTML block (text shown as written, a drawing): Markdown keeps it as is.
_RAW_HTML_BLOCK = re.compile(r"<(pre|figure)\b[^<>]*>.*</\1>\s*", re.S)


def lines_html(parts: Sequence[str], convert: Callable[[str], str]) -> str:
    """The HTML of a block's Markdown `parts`: Markdown converted, raw HTML blocks as they are.

    Text notes are mostly raw HTML blocks, which Markdown would only copy; each
    run of other parts is converted in one go, as the note page converts them.
    """
    html: list[str] = []
    markdown_run: list[str] = []
    for part in parts:
        if _RAW_HTML_BLOCK.fullmatch(part) and "markdown=" not in part:
            if markdown_run:
                html.append(convert("\n".join(markdown_run)))
                markdown_run = []
            html.append(_BLANK_LINE_SPACES.sub("\n", part.rstrip("\n")))
        else:
            markdown_run.append(part)
    if markdown_run:
        html.append(convert("\n".join(markdown_run)))
    return "\n".join(html)


# --- Markdown to HTML -------------------------------------------------------------------------


class _NoteLinks(Treeprocessor):  # type: ignore[misc]  # Python-Markdown has no type hints
    """Markdown links and images are written relative to the note's file; MkDocs makes them relative to its page."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.note = ""  # the note's path (`aws/iam.txt`), whose folder its links start from
        self.page = ""  # the URL of the note's page
        self.pages: Mapping[str, str] = {}  # the Markdown path of each note's page -> its URL

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            name = "href" if element.tag == "a" else "src" if element.tag == "img" else ""
            value = element.get(name) if name else None
            if value:
                element.set(name, self.page_relative(value))

    def page_relative(self, url: str) -> str:
        """`other.md#x` -> `../other/#x`, `pic.png` -> `../pic.png`: relative to the note's page."""
        if not url or url.startswith(("#", "/")) or re.match(r"^[A-Za-z][\w+.-]*:", url):
            return url
        path, hash_sign, fragment = url.partition("#")
        path, query_sign, query = path.partition("?")
        # The file a link names, as MkDocs finds it (`a%20b.md` is `a b.md`); relative_url encodes it again.
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.note), unquote(path)))
        if target.startswith("../"):
            return url  # outside the site: left as written, as MkDocs leaves it
        site_url = self.pages.get(target) or (note_url(target) if target.lower().endswith(".md") else target)
        found = relative_url(self.page, site_url)
        return found + (query_sign + query) + (hash_sign + fragment)


class _NoteLinksExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_NoteLinks(md), "cuaderno_note_links", 1)


# Ids belong to the note page; a block shown elsewhere has none (nor the permalinks that point to them).
_ID = re.compile(r'(<[A-Za-z][^<>]*?)\s+id="[^"]*"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^<>]*>[^<]*</a>')
# Raw HTML put in a Markdown page goes through that page's preprocessors: a line that opens a fence
# would start a code block, and tabs would be expanded at Markdown's tab stops.
_FENCE_START = re.compile(r"^(\s*)([`~])(?=\2\2)", re.MULTILINE)
_TAG_OR_TAB = re.compile(r"<[^<>]*>|\t")


_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:\s[^<>]*?)?(/?)>|<!--.*?-->", re.S)
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))


def _balanced(html: str) -> str:
    """The block's HTML with every element closed inside it and no closer of an element it did not open.

    A block is a cut of its note: raw HTML the note opens before it or closes
    after it (an author's stray `</pre>`, a `<div>` whose end lies below the
    excerpt) would otherwise close or swallow the page around the block.
    """
    out: list[str] = []
    stack: list[str] = []
    done = 0
    at = 0
    while (found := _TAG_TOKEN.search(html, at)) is not None:
        at = found.end()
        closing, name, self_closing = found[1], (found[2] or "").lower(), found[3]
        if not name or name in _VOID or self_closing:
            continue
        if not closing:
            if name in _RAW_TEXT:  # its text is not markup: skip to its end
                end = re.compile(rf"</{name}\s*>", re.I).search(html, at)
                at = end.end() if end else len(html)
                continue
            stack.append(name)
            continue
        if name in stack:
            while stack[-1] != name:
                out += (html[done : found.start()], f"</{stack.pop()}>")
                done = found.start()
            stack.pop()
        else:
            out.append(html[done : found.start()])  # a closer of nothing here: dropped
            done = found.end()
    out.append(html[done:])
    out.extend(f"</{name}>" for name in reversed(stack))
    return "".join(out)


def _inert(html: str) -> str:
    """HTML that a Markdown page can hold as raw HTML unchanged: fence openings and tabs as entities."""
    html = _FENCE_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", html)
    if "\t" in html:
        html = _TAG_OR_TAB.sub(lambda m: "&#9;" if m[0] == "\t" else m[0].replace("\t", " "), html)
    return html


class BlockRenderer:
    """Renders the blocks of one knowledge base for one interface, each once.

    `untrusted` tells the notes whose raw HTML is shown as text (the plugin's
    `sanitize` option); their blocks, and those of text files read as Markdown,
    are cleaned by nh3 as their note pages are (`sanitize.is_cleaned`). `mkdocs serve` hands in
    the renderer of its last build as `previous` (made with `remember`): a
    block whose inputs did not change is not rendered again.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        lang: str,
        settings: MarkdownSettings | None = None,
        untrusted: Callable[[Note], bool] = lambda note: False,
        limit: int = EXCERPT_LINES,
        previous: BlockRenderer | None = None,
        remember: bool = False,
    ) -> None:
        self.kb = kb
        self.lang = lang
        self.untrusted = untrusted
        self.limit = limit
        self._site = (site_inputs(kb), lang, settings, limit) if remember else None
        same_site = previous is not None and previous._site is not None and previous._site == self._site
        self._previous = previous._known if same_site and previous is not None else {}
        self._known: dict[str, tuple[object, BlockHTML]] = {}  # block id -> (its inputs, its HTML), when remembering
        settings = settings or MarkdownSettings()
        self._links = _NoteLinksExtension()
        self._markdown = markdown.Markdown(
            extensions=[*settings.extensions, self._links], extension_configs=dict(settings.configs)
        )
        self._note_links = self._markdown.treeprocessors["cuaderno_note_links"]
        assert isinstance(self._note_links, _NoteLinks)
        # The note renderer points Markdown links to notes at their pages' Markdown paths, as MkDocs reads them.
        self._note_links.pages = {kb.urls.source(path): kb.note_url(path) for path in kb.note_paths}
        self._rendered: dict[str, BlockHTML] = {}

    def block(self, block: KBBlock) -> BlockHTML:
        """The block's first lines as HTML; all blocks of its note are rendered on the first call."""
        found = self._rendered.get(block.id)
        if found is None:
            known = self._previous.get(block.id)
            if known is not None and known[0] == self._inputs(block):
                self._known[block.id] = known
                found = self._rendered[block.id] = known[1]
            else:
                self._render_note(self.kb.note(block.note))
                found = self._rendered[block.id]
        return found

    def _inputs(self, block: KBBlock) -> object:
        """What a block's HTML shows besides the site-wide facts: the block, its lines, its note's topic mentions."""
        note = self.kb.note(block.note)
        return block, note.format, note.lines[block.lines[0] - 1 : block.lines[1]], self.kb.mentions.get(note.path)

    def _convert(self, text: str) -> str:
        return str(self._markdown.reset().convert(text))

    def _render_note(self, note: Note) -> None:
        untrusted = self.untrusted(note)
        renderer = NoteRenderer(note, self.kb, self.lang, untrusted)
        cleaned = is_cleaned(note, untrusted)  # as its page is
        page = renderer.links.here
        layout = NoteLayout(note)
        self._note_links.note, self._note_links.page = note.path, self.kb.note_url(note.path)
        for block in self.kb.note_blocks.get(note.path, ()):
            first, last = _body(note, renderer.markers, *block.lines)
            end = excerpt_end(note, first, last, self.limit, layout)
            html = lines_html(lines_markdown(renderer, first, end, layout), self._convert) if first <= end else ""
            if cleaned:
                html = sanitize_html(html)
            html = _inert(_demote_headings(_HEADERLINK.sub("", _ID.sub(r"\1", _balanced(html)))))
            self._rendered[block.id] = rendered = BlockHTML(html, page, last - end)
            if self._site is not None:
                self._known[block.id] = (self._inputs(block), rendered)


def _body(note: Note, markers: Mapping[int, tuple[Marker, ...]], first: int, last: int) -> tuple[int, int]:
    """A block's lines without what opens it (lines of bare markers, then a heading): its article's head shows those."""
    while first < last and first in markers and not strip_markers(note.lines[first - 1], markers[first]).strip():
        first += 1
    heading = note.heading_at(first)
    if heading is None or heading.line != first or first >= last:
        return first, last
    if note.format is Format.MARKDOWN and not ATX_RE.match(note.lines[first - 1]):
        return first + 2, last  # a setext heading: its text line and its underline
    return first + 1, last


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
# Headings of a block shown elsewhere sit under the page's own (a topic page's language sections are `h2`).
FIRST_BLOCK_HEADING = 3


def _demote_headings(html: str) -> str:
    """Shift the block's headings so that the highest is an `h3`, keeping their relative levels."""
    levels = [int(level) for _slash, level in _HEADING_TAG.findall(html)]
    if not levels or min(levels) >= FIRST_BLOCK_HEADING:
        return html
    shift = FIRST_BLOCK_HEADING - min(levels)
    return _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", html)


# --- moving links -----------------------------------------------------------------------------

_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTRIBUTE = re.compile(r'\s(href|src)="(?![A-Za-z][\w+.-]*:|/)([^"]*)"')


def relocate(html: str, from_page: str, to_page: str) -> str:
    """Make the relative links of `html`, written for the page `from_page`, right on the page `to_page`.

    `#x` on the note's page becomes a link to `#x` of that page; text that
    reads like an attribute (`href="…"` in a note's text) is not a tag, and stays.
    """
    if from_page == to_page:
        return html
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"

    def move(match: re.Match[str]) -> str:
        path, hash_sign, fragment = match[2].partition("#")
        path = unquote(path)  # a link as written in HTML; relative_url encodes the site path again
        if not path:
            target = from_page
        else:
            target = posixpath.normpath(posixpath.join(base, path))
            if target.startswith("../"):
                return match[0]  # above the site root: left as written
            target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        return f' {match[1]}="{relative_url(to_page, target)}{hash_sign}{fragment}"'

    return _TAG.sub(lambda tag: _URL_ATTRIBUTE.sub(move, tag[0]) if "=" in tag[0] else tag[0], html)


def site_root_html(rendered: BlockHTML, interfaces: Sequence[str]) -> str:
    """A block's HTML with links relative to the site root in the default interface (for `kb.json`)."""
    return relocate(rendered.html, rendered.page, "")
