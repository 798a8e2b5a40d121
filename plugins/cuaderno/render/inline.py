"""Inline pieces of a page: escaped text, links, anchors, tag chips."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Literal

from cuaderno.i18n import t
from cuaderno.kb import KnowledgeBase
from cuaderno.links import is_note_link, resolve_target
from cuaderno.markers import ANCHOR_RE, IMAGE_RE, LINK_RE, image_style, is_safe_image, is_safe_url
from cuaderno.slugs import element_id
from cuaderno.urls import NoteUrls, interface_url, relative_url, tag_url

INLINE_RE = re.compile(
    rf"(?P<link>{LINK_RE.pattern})|(?P<anchor>{ANCHOR_RE.pattern})|(?P<image>{IMAGE_RE.pattern})"
    r"|(?P<url>https?://[^\s<>\"'`|\]\[]*[^\s<>\"'`|\]\[.,;:!?)])"
)
# Characters Markdown would read as syntax, written as entities in generated prose.
_FENCE_ENTITIES = (("`", "&#96;"), ("~", "&#126;"), ("\t", "&#9;"))
_MARKDOWN_SYNTAX = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|~#"})


def escape(text: str) -> str:
    """HTML-escape text (no quotes needed outside attributes).

    Backticks and tildes become entities too: Markdown fences are found before
    raw HTML is, so a ```` ``` ```` line inside a `<pre>` would otherwise open one.
    So do tabs: Python-Markdown would expand them to 4-column stops counted from
    the Markdown line, not the 8 columns a `<pre>` shows them at.
    """
    escaped = html.escape(text, quote=False)
    for char, entity in _FENCE_ENTITIES:
        if char in escaped:  # str.translate with a table is thirty times slower than these scans
            escaped = escaped.replace(char, entity)
    return escaped


def escape_with_html(text: str, markup: Mapping[str, str]) -> str:
    """Escape a translated string whose `{name}` placeholders stand for ready HTML (links), then put it in.

    Call `t()` with each name filled by its own placeholder (`link="{link}"`).
    """
    escaped = escape(text)
    for name, html_piece in markup.items():
        escaped = escaped.replace("{" + name + "}", html_piece)
    return escaped


# Raw HTML in Markdown: a tag, closing tag, comment or declaration (`<https://…>` autolinks are not HTML).
_RAW_HTML = re.compile(r"<(?=[A-Za-z][\w-]*(?:[\s/>]|$)|/[A-Za-z]|!)")


def escape_raw_html(text: str, code: Sequence[tuple[int, int]] = ()) -> str:
    """Show the raw HTML of untrusted Markdown as text: `<script>` becomes `&lt;script>` (code spans left alone)."""
    return _RAW_HTML.sub(lambda m: m[0] if any(a <= m.start() < b for a, b in code) else "&lt;", text)


def attr(text: str) -> str:
    """HTML-escape an attribute value."""
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Escape text so that neither Markdown nor HTML reads anything in it."""
    escaped = escape(text).translate(_MARKDOWN_SYNTAX)
    if not escaped:
        return escaped
    if escaped[0] in "-+>" or re.match(r"^\d+[.)]", escaped):
        escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


class LinkMaker:
    """Makes the links of one page of one interface: chips to topic pages, anchors across notes.

    URLs are given relative to the site root as the default interface serves
    them (`tags/x/`); links stay inside the page's interface (`es/…`) among
    the site's interface `languages` (none for a one-language site).
    """

    def __init__(
        self,
        page_url: str,
        lang: str,
        labels: Mapping[str, str],
        anchors: Mapping[str, str],
        languages: Sequence[str] = (),
        translated: AbstractSet[str] = frozenset(),
        source: str = "",
        notes: AbstractSet[str] = frozenset(),
        urls: NoteUrls | None = None,
    ) -> None:
        self.page_url = page_url
        self.lang = lang
        self.labels = labels
        self.anchors = anchors
        self.languages = tuple(languages)
        self.translated = translated
        self.source = source  # the note of this page, whose relative links are relative to its file
        self.notes = notes
        self.urls = urls or NoteUrls(self.languages)  # where each note's page is
        self.here = interface_url(page_url, lang, self.languages)
        self._hrefs: dict[str, str] = {}
        self._chips: dict[str, str] = {}

    def href(self, url: str) -> str:
        """A link from this page to `url` (relative to the site root), in this page's interface.

        A note that has a translation lives at the root only: in another
        interface its URL shows the translation, whose anchors differ.
        """
        found = self._hrefs.get(url)
        if found is None:
            if url.split("#", 1)[0] in self.translated:
                found = relative_url(self.here, url)
            else:
                found = relative_url(self.here, interface_url(url, self.lang, self.languages))
            self._hrefs[url] = found
        return found

    def chip(self, tag: str) -> str:
        """One tag chip, a link to the tag's topic page; plain text for a tag with no page (an orphan).

        The tags with a page are those `labels` names (the knowledge base's tag tree).
        """
        found = self._chips.get(tag)
        if found is None:
            label = self.labels.get(tag)
            if label is None:
                found = (
                    f'<span class="cdn-tag cdn-tag-orphan" data-tag="{attr(tag)}" '
                    f'title="{attr(tag)}">{escape(tag)}</span>'
                )
            else:
                found = (
                    f'<a class="cdn-tag" href="{attr(self.href(tag_url(tag)))}" '
                    f'data-tag="{attr(tag)}" title="{attr(tag)}">{escape(label)}</a>'
                )
            self._chips[tag] = found
        return found

    def chips(self, tags: Sequence[str], anchor: str = "") -> str:
        """A row of tag chips linking to topic pages, with an optional anchor id."""
        if not tags and not anchor:
            return ""
        id_attr = f' id="{attr(anchor)}"' if anchor else ""
        return f'<span class="cdn-tags"{id_attr}>{" ".join(map(self.chip, tags))}</span>'

    def anchor_href(self, name: str) -> str:
        """Where `@[#name]` points: the note holding `#[name]`, or this page."""
        target = self.anchors.get(name)
        if target is None or self.urls.url(target) == self.page_url:
            return f"#{element_id(name)}"
        return self.href(f"{self.urls.url(target)}#{element_id(name)}")

    def text(
        self,
        text: str,
        skip: Sequence[tuple[int, int]] = (),
        markdown: bool = False,
        keep_columns: Literal["never", "aligned", "always"] = "never",
    ) -> str:
        """Escape text, turning `@[…]`, `#[…]` and bare URLs into links and anchors.

        With `markdown`, the text is also protected from Markdown (for prose
        that goes through the Markdown renderer rather than into `<pre>`).
        For text shown as written, a link whose visible text is shorter than its
        source can be followed by spaces, so that what comes after it keeps its
        column: `always` (a drawing), or `aligned` when the rest of the line is
        laid out with runs of spaces (a side comment), not for running text.
        """
        escape_text = escape_markdown if markdown else escape
        if "[" not in text and "://" not in text:
            return escape_text(text)  # no link, anchor or URL: most lines
        out: list[str] = []
        last = 0
        for match in INLINE_RE.finditer(text):
            if any(a <= match.start() < b for a, b in skip):
                continue
            out.append(escape_text(text[last : match.start()]))
            last = match.end()
            out.append(self.inline(match))
            if match.group("image"):
                continue  # an image has no columns to keep
            if keep_columns == "always" or (keep_columns == "aligned" and "  " in text[match.end() :]):
                out.append(" " * (len(match.group(0)) - len(self.visible_text(match))))
        out.append(escape_text(text[last:]))
        return "".join(out)

    def missing(self, target: str, reason: str) -> str:
        """A link that leads nowhere, kept as text with the reason (a key of the string table) as its title."""
        return f'<span class="cdn-missing-link" title="{attr(t(reason, self.lang))}">{escape(target)}</span>'

    def url_href(self, target: str) -> str:
        """Where `@[target]` leads: URLs as written; a relative path from the note's file to a page of the site."""
        if not self.source or "://" in target or target.startswith(("mailto:", "#", "//")):
            return target
        note = resolve_target(self.source, target, self.notes)
        fragment = target.partition("#")[2]
        if note is not None:
            return self.href(self.urls.url(note) + (f"#{element_id(fragment)}" if fragment else ""))
        if is_note_link(target):
            return ""  # a note that is not here: shown as text
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), target.lstrip("/")))
        return relative_url(self.here, path)

    @staticmethod
    def visible_text(match: re.Match[str]) -> str:
        """What `inline()` shows of a match: the URL or `#name` of `@[…]`, anchors and bare URLs as written."""
        whole = match.group(0)
        if match.group("link"):
            target = whole[2:-1]
            return target if target.startswith("#") or is_safe_url(target) else whole
        if match.group("image"):
            return "" if is_safe_image(_image_parts(whole)[0]) else whole
        return whole

    def image(self, whole: str) -> str:
        """An `i[path|style]` image: the path from the note's file, a URL, or an inline `data:image/…` image."""
        src, style = _image_parts(whole)
        if not is_safe_image(src):  # `cuaderno check` and the build warn about it
            return escape(whole)
        if not (src.lower().startswith("data:") or "://" in src or not self.source):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), src.lstrip("/")))
            src = relative_url(self.here, path)
        css = image_style(style)
        style_attr = f' style="{attr(css)}"' if css else ""
        alt = "" if src.lower().startswith("data:") else posixpath.basename(src)
        return f'<img class="cdn-image" src="{attr(src)}" alt="{attr(alt)}"{style_attr}>'

    def inline(self, match: re.Match[str]) -> str:
        """The HTML of one `@[…]` link, `#[…]` anchor, `i[…]` image or bare URL."""
        whole = match.group(0)
        if match.group("image"):
            return self.image(whole)
        if match.group("anchor"):
            name = whole[2:-1]
            return f'<span class="cdn-anchor" id="{attr(element_id(name))}">{escape(whole)}</span>'
        target = whole[2:-1] if match.group("link") else whole
        if target.startswith("#"):
            if target[1:] not in self.anchors:  # `cuaderno check` and the build warn about it
                return self.missing(target, "link.missing_anchor")
            return f'<a class="cdn-ref" href="{attr(self.anchor_href(target[1:]))}">{escape(target)}</a>'
        if not is_safe_url(target):
            return escape(whole)
        href = self.url_href(target)
        if not href:
            return self.missing(target, "link.missing")
        return f'<a href="{attr(href)}">{escape(target)}</a>'


def _image_parts(whole: str) -> tuple[str, str]:
    """The source and the style of `i[source|style]`."""
    inner = whole[2:-1]
    src, _, style = inner.partition("|")
    return src.strip(), style


def page_links(kb: KnowledgeBase, page_url: str, lang: str, source: str = "") -> LinkMaker:
    """The links of the page at `page_url` (site root, default interface) in the `lang` interface.

    `source` is the note the page shows, if any: its relative links start from its file.
    """
    return LinkMaker(
        page_url,
        lang,
        kb.tag_labels(lang),
        kb.anchors,
        kb.interfaces,
        kb.translated_urls,
        source,
        kb.note_paths,
        kb.urls,
    )
