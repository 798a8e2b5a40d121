"""What the search indexes: each block with its tags, each note page's text by section, each topic.

A block is a record of its own, so a hit lands on it with its note, its chips
and its tags as filters (`tag:` and the facets). A note page is indexed as its
built HTML: Pagefind splits it at its headings, so text outside any block is
found too, in the section that holds it. Topic pages are a record each: their
labels and their intro, never the blocks they repeat.

One index serves every interface: URLs are relative to an interface's root
(`aws/s3/#x`, served at `/aws/s3/` and `/es/aws/s3/`), and the `interface`
filter says which interfaces show a record (a note and its translation are
shown in one each). Records are grouped by the language they are written in,
for stemming. A record holds at most about `RECORD_CHARACTERS` of text: a
longer block or section is split, so that a search never fetches a whole
long note to show one hit.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from cuaderno.kb import KnowledgeBase
from cuaderno.model import Note
from cuaderno.note_blocks import KBBlock, block_topics
from cuaderno.render.export import site_link
from cuaderno.taxonomy import ancestors
from cuaderno.urls import encode_fragment, interface_relative_url, tag_url

# Parts of a note page that are not the note: chips, badges, links to other notes, the page's own tools.
_NOT_TEXT = (
    "cdn-tags",
    "cdn-heading-tags",
    "cdn-note-meta",
    "cdn-also",
    "cdn-related",
    "cdn-backlinks",
    "cdn-diagram-bar",
    "headerlink",
)
_CLASS_ATTRIBUTE = re.compile(r'class="((?:[^"]*\s)?(?:' + "|".join(_NOT_TEXT) + r')(?:\s[^"]*)?)"')
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
RECORD_CHARACTERS = 6_000


@dataclass(frozen=True)
class SearchRecord:
    """One thing a search can find: custom text (`content`) or a page's HTML (`html`)."""

    url: str  # where it leads: encoded, from an interface's root, maybe with an anchor (its `url` meta)
    language: str
    content: str = ""
    html: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)


def block_filters(block: KBBlock) -> list[str]:
    """The tags a block is found under: its own, automatic and inherited tags, and every tag above them."""
    found = block_topics(block)
    for tag in block.inherited:
        found.add(tag)
        found.update(ancestors(tag))
    return sorted(found)


def shown_in_interfaces(kb: KnowledgeBase, interfaces: Sequence[str]) -> dict[str, list[str]]:
    """The interfaces that show each note (a one-language site: none, every note shown)."""
    shown: dict[str, list[str]] = {}
    for lang in interfaces:
        for path in kb.urls.shown_in(lang):
            shown.setdefault(path, []).append(lang)
    return shown


def split_text(text: str, limit: int = RECORD_CHARACTERS) -> list[str]:
    """Text in parts of whole lines, each at most about `limit` characters (a longer line is a part alone)."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        if current and size + len(line) > limit:
            parts.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        parts.append("\n".join(current))
    return [part for part in parts if part.strip()]


def block_urls(kb: KnowledgeBase, path: str, interfaces: Sequence[str]) -> set[str]:
    """Where a note's blocks lead, as their records say (encoded, from an interface's root)."""
    return {site_link(interface_relative_url(block.url, interfaces)) for block in kb.note_blocks.get(path, ())}


def block_records(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per block (per part of a long block), at its URL from an interface's root."""
    shown = shown_in_interfaces(kb, interfaces)
    for block in kb.blocks:
        if interfaces and block.note not in shown:
            continue
        note = kb.note(block.note)
        filters = {"tag": block_filters(block), **({"interface": shown[block.note]} if interfaces else {})}
        meta = {
            "title": block.title or note.title,
            "note": note.title,
            "tags": " ".join(dict.fromkeys((*block.tags, *block.auto_tags))),
            "kind": "block",
        }
        for part in split_text(block.text):
            yield SearchRecord(
                url=site_link(interface_relative_url(block.url, interfaces)),
                language=block.lang,
                content=part,
                # Pagefind collapses the spaces of `content`: the lines as written ride here, for context.
                meta={**meta, "text": part},
                filters=filters,
            )


def topic_records(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per topic page and interface: its labels in every language and its id, so either finds it."""
    for lang in interfaces or kb.languages[:1]:
        for tag in kb.tags.values():
            labels = dict.fromkeys((tag.labels.get(lang) or tag.id, *tag.labels.values(), tag.id))
            yield SearchRecord(
                url=site_link(tag_url(tag.id)),
                language=lang,
                content=" · ".join(labels),
                meta={"title": tag.labels.get(lang) or tag.id, "tags": tag.id, "kind": "topic"},
                filters={"tag": sorted({tag.id, *ancestors(tag.id)}), **({"interface": [lang]} if interfaces else {})},
            )


_SECTION = re.compile(r"(?=<h[1-6]\b[^>]*\bid=)")
_HEADING = re.compile(r'^<h[1-6]\b[^>]*\bid="([^"]*)"[^>]*>(.*?)</h[1-6]>', re.DOTALL)
_HEADER_LINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)


def page_records(
    page_html: str,
    url: str,
    note: Note,
    interfaces: Sequence[str] = (),
    shown: Sequence[str] = (),
    blocks: Collection[str] = (),
) -> Iterator[SearchRecord]:
    """A note page's text for the search, a record per section (per part of a long one), at the section.

    Only the article, in the note's own language, chips and tools left out;
    `url` is the page's from the site root, `shown` the interfaces showing it.
    A section that is a block (its anchor among `blocks`, the note's block
    URLs from an interface's root) is left out: the block's record has it.
    """
    article = _ARTICLE.search(page_html)
    if article is None:
        return
    body = _CLASS_ATTRIBUTE.sub(lambda found: f'{found[0]} data-pagefind-ignore="all"', article[1])
    page = site_link(interface_relative_url(url, interfaces))
    shown = shown if interfaces else ()
    for section in _SECTION.split(body):
        heading = _HEADING.match(section)
        anchor = f"#{encode_fragment(html.unescape(heading[1]))}" if heading else ""
        if anchor and page + anchor in blocks:
            continue
        title = html.unescape(_TAG.sub("", _HEADER_LINK.sub("", heading[2]))).strip() if heading else note.title
        labels = (
            f'<span data-pagefind-meta="url">{html.escape(page + anchor)}</span>'
            f'<span data-pagefind-meta="title">{html.escape(title or note.title)}</span>'
            f'<span data-pagefind-meta="note">{html.escape(note.title)}</span>'
            + "".join(f'<span data-pagefind-filter="interface">{html.escape(code)}</span>' for code in shown)
        )
        for part in split_text(section, RECORD_CHARACTERS * 4):  # markup counts too
            if not _TAG.sub("", part).strip():
                continue
            document = (
                f'<!DOCTYPE html><html lang="{note.lang}"><body>{labels}'
                f"<main data-pagefind-body>{part}</main></body></html>"
            )
            yield SearchRecord(url=page + anchor, language=note.lang, html=document)
