"""What the search indexes: each block with its tags, each note page's text by section, each topic.

A block is a record of its own, so a hit lands on it with its note, its chips
and its tags as filters (`tag:` and the facets). A note page is indexed as its
built HTML: Pagefind splits it at its headings, so text outside any block is
found too, in the section that holds it. Topic pages are a record each: their
labels and their intro, never the blocks they repeat.

Records are grouped by the language they are written in, for stemming; the
search of each interface reads its own records, at that interface's URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from cuaderno.kb import KnowledgeBase
from cuaderno.note_blocks import KBBlock, block_topics
from cuaderno.render.export import site_link
from cuaderno.taxonomy import ancestors
from cuaderno.urls import interface_url, tag_url

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


@dataclass(frozen=True)
class SearchRecord:
    """One thing a search can find: custom text (`content`) or a page's HTML (`html`)."""

    url: str  # encoded, relative to the site root, maybe with an anchor
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


def block_records(kb: KnowledgeBase, lang: str, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per block of the notes the `lang` interface shows, at that interface's URLs."""
    shown = set(kb.urls.shown_in(lang)) if interfaces else None
    for block in kb.blocks:
        if (shown is not None and block.note not in shown) or not block.text.strip():
            continue
        note = kb.note(block.note)
        yield SearchRecord(
            url=site_link(interface_url(block.url, lang, interfaces)),
            language=block.lang,
            content=block.text,
            meta={
                "title": block.title or note.title,
                "note": note.title,
                "tags": " ".join(dict.fromkeys((*block.tags, *block.auto_tags))),
                "kind": "block",
                "text": block.text,  # Pagefind collapses the spaces of `content`: the lines as written, for context
            },
            filters={"tag": block_filters(block)},
        )


def topic_records(kb: KnowledgeBase, lang: str, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per topic page: its labels in every language and its id, so a label in either finds it."""
    for tag in kb.tags.values():
        labels = dict.fromkeys((tag.labels.get(lang) or tag.id, *tag.labels.values(), tag.id))
        yield SearchRecord(
            url=site_link(interface_url(tag_url(tag.id), lang, interfaces)),
            language=lang,
            content=" · ".join(labels),
            meta={"title": tag.labels.get(lang) or tag.id, "tags": tag.id, "kind": "topic"},
            filters={"tag": sorted({tag.id, *ancestors(tag.id)})},
        )


def page_record(page_html: str, url: str, language: str) -> SearchRecord | None:
    """A note page's text for the search: its article only, in the note's own language, chips and tools left out."""
    article = _ARTICLE.search(page_html)
    if article is None:
        return None
    body = _CLASS_ATTRIBUTE.sub(lambda found: f'{found[0]} data-pagefind-ignore="all"', article[1])
    html = f'<!DOCTYPE html><html lang="{language}"><body><main data-pagefind-body>{body}</main></body></html>'
    return SearchRecord(url=site_link(url), language=language, html=html, meta={"kind": "page"})
