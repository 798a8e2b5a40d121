"""The knowledge base: every note and block, their tags, the tag tree, links and relations.

`build_kb` makes it whole; nothing in it is filled in later. What `mkdocs
serve` reuses from one build to the next lives in a `NoteMemo` the plugin keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cuaderno.autotag import KeywordIndex
from cuaderno.kb_index import KBIndex, build_index
from cuaderno.links import NoteLink, link_graph
from cuaderno.mentions import Mention, find_mentions, linked_mentions
from cuaderno.model import Diagnostic, Note
from cuaderno.note_blocks import KBBlock, block_topics, canonical_tags, note_blocks
from cuaderno.relations import (
    COUNTERPARTS,
    RELATED_NOTES,
    NoteRelations,
    relate_notes,
    still_related,
    translations,
)
from cuaderno.taxonomy import Taxonomy, ancestors, parent_of
from cuaderno.urls import NoteUrls, assign_note_urls

__all__ = ["KBBlock", "KBTag", "KnowledgeBase", "NoteMemo", "block_topics", "build_kb", "canonical_tags"]


@dataclass(frozen=True)
class KBTag:
    """A node of the tag tree."""

    id: str
    parent: str | None
    count: int
    labels: Mapping[str, str]
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the renderers need, computed once per build (by `build_kb`)."""

    notes: tuple[Note, ...]
    blocks: tuple[KBBlock, ...]
    tags: Mapping[str, KBTag]
    taxonomy: Taxonomy
    languages: tuple[str, ...]
    index: KBIndex
    # Where each `#[name]` anchor lives: name -> note path (the first one wins).
    anchors: Mapping[str, str] = field(default_factory=dict)
    # The interface languages of the site, the default first; empty for a one-language site.
    interfaces: tuple[str, ...] = ()
    # Links between notes, and the problems found with them (unknown anchors, missing notes).
    links: tuple[NoteLink, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # Topic mentions linked in each note (by path), when the site links them.
    mentions: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)
    relations: Mapping[str, NoteRelations] = field(default_factory=dict)
    # Where each note's page is (a note that lost a clash for its URL has a distinct one).
    urls: NoteUrls = field(default_factory=NoteUrls)

    @property
    def note_blocks(self) -> Mapping[str, tuple[KBBlock, ...]]:
        """Each note's blocks, by path."""
        return self.index.note_blocks

    @property
    def note_paths(self) -> frozenset[str]:
        """The path of every note."""
        return frozenset(self.index.notes_by_path)

    @property
    def translated_urls(self) -> frozenset[str]:
        """Pages of default-language notes that have a translation: other interfaces show that instead."""
        return self.index.translated_urls

    def note_url(self, path: str) -> str:
        """The URL of a note's page, relative to the site root."""
        return self.urls.url(path)

    def note(self, path: str) -> Note:
        """The note at `path`."""
        return self.index.notes_by_path[path]

    def mentioned_in(self, tag_id: str) -> tuple[tuple[str, int], ...]:
        """Where a topic is mentioned: (note path, heading line of the section; 0 before any heading)."""
        return self.index.mentions_by_tag.get(tag_id, ())

    def backlinks(self, path: str) -> tuple[NoteLink, ...]:
        """Links from other notes to the note at `path`, one per linking section."""
        seen: dict[tuple[str, str], NoteLink] = {}
        for link in self.index.links_to.get(path, ()):
            seen.setdefault((link.source, link.section_anchor), link)
        return tuple(seen.values())

    def tag_labels(self, lang: str) -> Mapping[str, str]:
        """Every tag's label in `lang` (shared by all pages of the site's languages)."""
        found = self.index.labels.get(lang)
        return found if found is not None else {tag: self.taxonomy.label(tag, lang) for tag in self.tags}

    def blocks_under(self, tag_id: str) -> tuple[KBBlock, ...]:
        """Blocks carrying `tag_id` or a tag beneath it (own or automatic tags)."""
        return self.index.topic_blocks.get(tag_id, ())

    def related_tags(self, tag_id: str, limit: int = 12) -> tuple[tuple[str, int], ...]:
        """Tags sharing blocks with `tag_id` (its own ancestors and descendants aside), most shared first."""
        shared: dict[str, int] = {}
        family = {tag_id, *ancestors(tag_id)}
        for block in self.blocks_under(tag_id):
            for tag in (*block.tags, *block.auto_tags):
                if tag not in family and not tag.startswith(tag_id + "."):
                    shared[tag] = shared.get(tag, 0) + 1
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return tuple(ranked[:limit])

    def translations(self, path: str) -> tuple[str, ...]:
        """The other-language versions of a note (`a.md` and `a.es.md`), by path."""
        return translations(self.index, path, self.languages)

    def related_notes(self, path: str, limit: int = RELATED_NOTES) -> tuple[tuple[str, float], ...]:
        """Notes sharing the most specific of this note's tags, in any language, best first (at most 6)."""
        found = self.relations[path].related
        return found if limit >= RELATED_NOTES else found[:limit]

    def counterparts(self, path: str, limit: int = COUNTERPARTS) -> Mapping[str, tuple[KBBlock, ...]]:
        """Per other language, the sections sharing the note's most specific tags, best first (at most 6 each).

        Empty for a note with a translation: its page links the translation instead.
        """
        found = self.relations[path].counterparts
        return found if limit >= COUNTERPARTS else {lang: blocks[:limit] for lang, blocks in found.items()}

    def note_tags(self, path: str, limit: int | None = None) -> tuple[str, ...]:
        """A note's tags, the most used first (ties in order of appearance)."""
        ranked = self.index.note_tags.get(path, ())
        return ranked[:limit] if limit else ranked


def _tag_tree(blocks: Sequence[KBBlock], taxonomy: Taxonomy, languages: Sequence[str]) -> dict[str, KBTag]:
    counts: dict[str, int] = {}
    for block in blocks:
        for tag in block_topics(block):
            counts[tag] = counts.get(tag, 0) + 1
    children: dict[str, list[str]] = {}
    for tag in counts:
        parent = parent_of(tag)
        if parent:
            children.setdefault(parent, []).append(tag)
    return {
        tag: KBTag(
            id=tag,
            parent=parent_of(tag),
            count=counts[tag],
            labels=taxonomy.labels(tag, languages),
            children=tuple(sorted(children.get(tag, ()))),
        )
        for tag in sorted(counts)
    }


NoteFacts = tuple[tuple[KBBlock, ...], tuple[Mention, ...]]


class NoteMemo:
    """What `build_kb` may reuse from the last build of the same site, kept by `mkdocs serve` between builds.

    Each note's own facts (blocks, topic mentions): the parse cache hands back
    the very same `Note` for a file whose content did not change, so only
    edited notes are derived again. And the last knowledge base, whose notes'
    relations hold while no edit touched their topics. Everything is
    forgotten when the taxonomy, the languages or the interfaces change.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._facts: dict[int, tuple[Note, NoteFacts]] = {}  # id(note) -> (the note itself, its facts)
        self.last: KnowledgeBase | None = None
        self.relations_kept = 0  # how many notes the last build took their relations from the one before

    def facts(self, notes: Sequence[Note], context: object, derive: Callable[[Note], NoteFacts]) -> list[NoteFacts]:
        """Each note's facts, derived again only for notes this memo has not seen in the same `context`."""
        if context != self._context:
            self._facts, self._context, self.last = {}, context, None
        kept: dict[int, tuple[Note, NoteFacts]] = {}
        for note in notes:
            known = self._facts.get(id(note))
            kept[id(note)] = known if known is not None and known[0] is note else (note, derive(note))
        self._facts = kept  # notes gone from the folder are forgotten
        return [kept[id(note)][1] for note in notes]

    def kept_relations(self, index: KBIndex) -> dict[str, NoteRelations]:
        """The last build's relations of the notes whose relations still hold in a build with this `index`."""
        last = self.last
        if last is None:
            return {}
        holding = still_related(last.index, index)
        return {path: last.relations[path] for path in holding}


def build_kb(
    notes: Sequence[Note],
    taxonomy: Taxonomy,
    languages: Sequence[str] = ("en", "es"),
    interfaces: Sequence[str] = (),
    mention_topics: bool = True,
    memo: NoteMemo | None = None,
    taken: Iterable[str] = (),
) -> KnowledgeBase:
    """Gather the notes' blocks under canonical tags, build the tag tree, links and relations.

    `languages` are those of the notes; `interfaces` those the site is served
    in, the default first (none for a one-language site), which decide URLs.
    A `memo` kept from the last build spares deriving unchanged notes again.
    `taken` are the site's files besides its pages (the folder's images…): no note's URL is theirs.
    """
    keywords = KeywordIndex(taxonomy)
    urls = assign_note_urls((note.path for note in notes), interfaces, taken)

    def derive(note: Note) -> NoteFacts:
        index = keywords.for_note(note)  # none for a note whose front matter says `auto_tags: false`
        found_keywords = index.note_matches(note)  # searched once, for tags and for mentions
        blocks = note_blocks(note, taxonomy, index, found_keywords, languages, urls.url(note.path))
        return blocks, find_mentions(note, index, found_keywords) if mention_topics else ()

    # A note's blocks hold its URL: all are derived again when a note's URL is not the rule's (rare).
    context = (taxonomy, tuple(languages), tuple(interfaces), mention_topics, urls.moved())
    facts = (memo or NoteMemo()).facts(notes, context, derive)
    per_note = {note.path: blocks for note, (blocks, _found) in zip(notes, facts, strict=True)}
    blocks = tuple(block for note in notes for block in per_note[note.path])
    tags = _tag_tree(blocks, taxonomy, languages)
    # Only topics with a page are linked.
    linked = ((note.path, linked_mentions(found, tags)) for note, (_blocks, found) in zip(notes, facts, strict=True))
    mentions = {path: found for path, found in linked if found}
    anchors: dict[str, str] = {}
    for note in notes:
        for anchor in note.anchors:
            anchors.setdefault(anchor.name, note.path)
    links, problems = link_graph(notes, anchors)
    problems = (*urls.diagnostics(), *problems)
    index = build_index(notes, per_note, links, mentions, taxonomy, tuple(tags), languages, interfaces)
    keep = memo.kept_relations(index) if memo is not None else {}
    counts = {tag: info.count for tag, info in tags.items()}
    kb = KnowledgeBase(
        notes=tuple(notes),
        blocks=blocks,
        tags=tags,
        taxonomy=taxonomy,
        languages=tuple(languages),
        index=index,
        anchors=anchors,
        interfaces=tuple(interfaces),
        links=links,
        diagnostics=problems,
        mentions=mentions,
        relations=relate_notes(index, counts, languages, keep),
        urls=urls,
    )
    if memo is not None:
        memo.last, memo.relations_kept = kb, len(keep)
    return kb
