"""The knowledge base: every note and block, their tags, and the tag tree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from cuaderno.autotag import KeywordIndex, choose_tags
from cuaderno.diagrams import DIAGRAM_TAG, diagram_anchor
from cuaderno.language import section_language
from cuaderno.links import NoteLink, link_graph
from cuaderno.markers import strip_markers
from cuaderno.mentions import Mention, find_mentions
from cuaderno.model import Block, Diagnostic, DiagramSegment, Note
from cuaderno.taxonomy import Taxonomy, ancestors, parent_of
from cuaderno.urls import note_url, translation_of

SPECIFIC_TAGS = 4
RELATED_NOTES = 6
# Tags on more blocks or notes than this are too broad to relate sections or notes (and would make the work quadratic).
BROAD_TAG_BLOCKS = 300
BROAD_TAG_NOTES = 150


@dataclass(frozen=True)
class KBBlock:
    """A block as the site shows it: canonical tags, page URL and plain text."""

    id: str
    note: str
    url: str
    lang: str
    tags: tuple[str, ...]
    inherited: tuple[str, ...]
    auto_tags: tuple[str, ...]
    depth: int
    parent: str | None
    lines: tuple[int, int]
    title: str
    kind: str
    text: str


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
    """Everything the renderers need, computed once per build."""

    notes: tuple[Note, ...]
    blocks: tuple[KBBlock, ...]
    tags: Mapping[str, KBTag]
    taxonomy: Taxonomy
    languages: tuple[str, ...]
    note_blocks: Mapping[str, tuple[KBBlock, ...]] = field(default_factory=dict)
    # Where each `#[name]` anchor lives: name -> note path (the first one wins).
    anchors: Mapping[str, str] = field(default_factory=dict)
    # The interface languages of the site, the default first; empty for a one-language site.
    interfaces: tuple[str, ...] = ()
    # Links between notes, and the problems found with them (unknown anchors, missing notes).
    links: tuple[NoteLink, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # Topic mentions linked in each note (by path), when the site links them.
    mentions: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)

    def mentioned_in(self, tag_id: str) -> tuple[tuple[str, int], ...]:
        """Where a topic is mentioned: (note path, heading line of the section; 0 before any heading)."""
        return self._mentions_by_tag.get(tag_id, ())

    @cached_property
    def _mentions_by_tag(self) -> dict[str, tuple[tuple[str, int], ...]]:
        places: dict[str, dict[tuple[str, int], None]] = {}
        for path, found in self.mentions.items():
            for mention in found:
                places.setdefault(mention.tag, {}).setdefault((path, mention.section_line))
        return {tag: tuple(found) for tag, found in places.items()}

    @cached_property
    def note_paths(self) -> frozenset[str]:
        """The path of every note."""
        return frozenset(self._notes_by_path)

    @cached_property
    def _links_to(self) -> dict[str, list[NoteLink]]:
        found: dict[str, list[NoteLink]] = {}
        for link in self.links:
            if link.target != link.source:
                found.setdefault(link.target, []).append(link)
        return found

    def backlinks(self, path: str) -> tuple[NoteLink, ...]:
        """Links from other notes to the note at `path`, one per linking section."""
        seen: dict[tuple[str, str], NoteLink] = {}
        for link in self._links_to.get(path, ()):
            seen.setdefault((link.source, link.section_anchor), link)
        return tuple(seen.values())

    @cached_property
    def _notes_with_tag(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for note in self.notes:
            for tag in self.note_tags(note.path):
                found.setdefault(tag, set()).add(note.path)
        return found

    def related_notes(self, path: str, limit: int = RELATED_NOTES) -> tuple[tuple[str, float], ...]:
        """Notes sharing the most specific of this note's tags, in any language, best first.

        A shared tag weighs more the fewer notes carry it; the note's own
        translations are left out (the page links them already).
        """
        cached = self._related.get((path, limit))
        if cached is not None:
            return cached
        skip = {path, *self.translations(path)}
        scores: dict[str, float] = {}
        for tag in self.note_tags(path):
            holders = self._notes_with_tag.get(tag, set())
            if len(holders) > min(len(self.notes) // 2 + 1, BROAD_TAG_NOTES):
                continue  # a tag on most notes (or on very many) relates nothing, and would cost n² work
            for other in holders - skip:
                scores[other] = scores.get(other, 0.0) + 1.0 / len(holders)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        self._related[(path, limit)] = result = tuple(ranked[:limit])
        return result

    @cached_property
    def _related(self) -> dict[tuple[str, int], tuple[tuple[str, float], ...]]:
        return {}

    def keep_relations(self, previous: KnowledgeBase) -> int:
        """Take from `previous` the related notes and counterparts of each note whose relations still hold.

        `mkdocs serve` builds a new knowledge base after every edit, and
        `build_kb`'s memo hands back the very same note and blocks for each
        note that did not change. A note's relations read its own blocks and
        the blocks and notes under its tags: they hold while the note did not
        change and no changed note had or has a block under one of its tags.
        Nothing is kept when notes came or went, or the taxonomy, languages or
        interfaces changed. Returns how many notes kept their relations.
        """
        site = (self.note_paths, self.taxonomy, self.languages, self.interfaces)
        if site != (previous.note_paths, previous.taxonomy, previous.languages, previous.interfaces):
            return 0
        changed: set[str] = set()  # every topic a block of a changed note had or has
        same: list[str] = []
        for path in self.note_paths:
            before, after = previous.note_blocks.get(path, ()), self.note_blocks.get(path, ())
            if previous.note(path) is self.note(path) and before is after:
                same.append(path)
                continue
            for block in (*before, *after):
                changed |= block_topics(block)
        kept = {path for path in same if changed.isdisjoint(self.note_tags(path))}
        self._counterparts.update((key, found) for key, found in previous._counterparts.items() if key[0] in kept)
        self._related.update((key, found) for key, found in previous._related.items() if key[0] in kept)
        return len(kept)

    @cached_property
    def _notes_by_path(self) -> dict[str, Note]:
        return {note.path: note for note in self.notes}

    @cached_property
    def _topic_index(self) -> dict[str, tuple[KBBlock, ...]]:
        index: dict[str, list[KBBlock]] = {}
        for block in self.blocks:
            for tag in block_topics(block):
                index.setdefault(tag, []).append(block)
        return {tag: tuple(blocks) for tag, blocks in index.items()}

    @cached_property
    def _labels_by_language(self) -> dict[str, dict[str, str]]:
        return {}

    def note(self, path: str) -> Note:
        """The note at `path`."""
        return self._notes_by_path[path]

    def tag_labels(self, lang: str) -> Mapping[str, str]:
        """Every tag's label in `lang`, computed once per language and shared by all pages."""
        labels = self._labels_by_language
        if lang not in labels:
            labels[lang] = {tag: self.taxonomy.label(tag, lang) for tag in self.tags}
        return labels[lang]

    def blocks_under(self, tag_id: str) -> tuple[KBBlock, ...]:
        """Blocks carrying `tag_id` or a tag beneath it (own or automatic tags)."""
        return self._topic_index.get(tag_id, ())

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
        neutral, _lang = translation_of(path, self.languages)
        return tuple(p for p in self._translation_groups.get(neutral, ()) if p != path)

    @cached_property
    def translated_urls(self) -> frozenset[str]:
        """Pages of default-language notes that have a translation: other interfaces show that instead."""
        if not self.interfaces:
            return frozenset()
        return frozenset(
            note_url(path, self.interfaces)
            for group in self._translation_groups.values()
            if len(group) > 1
            for path in group
            if translation_of(path, self.languages)[1] is None
        )

    @cached_property
    def _translation_groups(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for note in self.notes:
            groups.setdefault(translation_of(note.path, self.languages)[0], []).append(note.path)
        return groups

    def specific_tags(self, path: str, limit: int = SPECIFIC_TAGS) -> tuple[str, ...]:
        """The note's most specific tags: those covering the fewest blocks of the knowledge base."""
        tags = [tag for tag in self.note_tags(path) if tag in self.tags]
        return tuple(sorted(tags, key=lambda tag: (self.tags[tag].count, -tag.count("."), tag))[:limit])

    def counterparts(self, path: str, limit: int = 6) -> dict[str, tuple[KBBlock, ...]]:
        """Per other language, the sections that share the note's most specific tags, best first.

        Computed once per note (both interface builds ask). Tags too broad to
        relate anything (over `BROAD_TAG_BLOCKS` blocks) are skipped, which keeps
        the work per note bounded as the notes grow.
        """
        cached = self._counterparts.get((path, limit))
        if cached is not None:
            return cached
        note_lang = self.note(path).lang
        scores: dict[str, float] = {}
        by_id: dict[str, KBBlock] = {}
        for tag in self.specific_tags(path):
            under = self.blocks_under(tag)
            if len(under) > BROAD_TAG_BLOCKS:
                continue
            weight = 1.0 / max(self.tags[tag].count, 1)
            for block in under:
                if block.lang != note_lang and block.note != path:
                    scores[block.id] = scores.get(block.id, 0.0) + weight
                    by_id[block.id] = block
        found: dict[str, list[KBBlock]] = {}
        seen: set[tuple[str, str]] = set()
        for block_id in sorted(scores, key=lambda b: (-scores[b], b)):
            block = by_id[block_id]
            key = (block.note, block.title)
            if key in seen or len(found.get(block.lang, ())) >= limit:
                continue
            seen.add(key)
            found.setdefault(block.lang, []).append(block)
        result = {lang: tuple(blocks) for lang, blocks in sorted(found.items())}
        self._counterparts[(path, limit)] = result
        return result

    @cached_property
    def _counterparts(self) -> dict[tuple[str, int], dict[str, tuple[KBBlock, ...]]]:
        return {}

    def note_tags(self, path: str, limit: int | None = None) -> tuple[str, ...]:
        """A note's tags, the most used first (ties in order of appearance)."""
        counts: dict[str, int] = {}
        for block in self.note_blocks.get(path, ()):
            for tag in (*block.tags, *block.auto_tags):
                counts[tag] = counts.get(tag, 0) + 1
        ranked = sorted(counts, key=lambda tag: -counts[tag])
        return tuple(ranked[:limit] if limit else ranked)


def block_topics(block: KBBlock) -> set[str]:
    """Every topic a block appears under: its own and automatic tags and all their ancestors."""
    topics: set[str] = set()
    for tag in (*block.tags, *block.auto_tags):
        topics.add(tag)
        topics.update(ancestors(tag))
    return topics


def block_text(note: Note, block: Block, markers_by_line: Mapping[int, Sequence[object]]) -> str:
    """Plain text of a block's lines, markers removed, blank lines squeezed."""
    out: list[str] = []
    for number in range(block.start, block.end + 1):
        line = strip_markers(note.lines[number - 1], tuple(markers_by_line.get(number, ())))  # type: ignore[arg-type]
        if line.strip() or (out and out[-1]):
            out.append(line.rstrip())
    return "\n".join(out).strip("\n")


def canonical_tags(tags: Iterable[str], taxonomy: Taxonomy) -> tuple[str, ...]:
    """Resolve aliases and drop duplicates, keeping order."""
    seen: dict[str, None] = {}
    for tag in tags:
        seen.setdefault(taxonomy.canonical(tag), None)
    return tuple(seen)


# A list item or table row holding a link: the lines of a hand-written table of contents.
_LINK_ITEM = re.compile(r"^\s*([-*+]|\|).*\]\([^)]*\)")


def _is_link_list(body: str) -> bool:
    """Whether a section is mostly a list of links (a hand-written table of contents)."""
    lines = [line for line in body.split("\n") if line.strip()]
    return len(lines) >= 3 and sum(1 for line in lines if _LINK_ITEM.match(line)) * 2 > len(lines)


def _section_blocks(
    note: Note,
    keywords: KeywordIndex,
    found_keywords: Sequence[tuple[re.Match[str], ...]],
    marked: set[int],
    languages: Sequence[str],
    interfaces: Sequence[str],
    diagram_lines: Sequence[int] = (),
) -> list[KBBlock]:
    """Heading sections without a marker block, tagged from taxonomy keywords.

    `found_keywords` are the keywords of each line of the note. A section
    holding one of `diagram_lines` (first lines of diagrams no marked block
    holds) is tagged as having a diagram. A section long enough to tell
    gets its own language, for notes that mix them.
    """
    url = note_url(note.path, interfaces)
    found = []
    for position, heading in enumerate(note.headings):
        if heading.line in marked:
            continue
        end = note.headings[position + 1].line - 1 if position + 1 < len(note.headings) else len(note.lines)
        body = "\n".join(note.lines[heading.line : end]).strip("\n")
        if _is_link_list(body):
            continue  # a table of contents mentions everything and is about nothing
        in_body = keywords.count(match for line in found_keywords[heading.line : end] for match in line)
        auto = choose_tags(keywords.mentions(heading.text), in_body)
        if any(heading.line < first <= end for first in diagram_lines):
            auto = (*auto, DIAGRAM_TAG) if DIAGRAM_TAG not in auto else auto
        if not auto:
            continue
        found.append(
            KBBlock(
                id=f"{note.path}#s{heading.line}",
                note=note.path,
                url=f"{url}#{heading.anchor}",
                lang=section_language(body, note.lang, languages),
                tags=(),
                inherited=(),
                auto_tags=auto,
                depth=1,
                parent=None,
                lines=(heading.line, end),
                title=heading.text,
                kind="section",
                text=body,
            )
        )
    return found


def _note_blocks(
    note: Note,
    taxonomy: Taxonomy,
    keywords: KeywordIndex,
    found_keywords: Sequence[tuple[re.Match[str], ...]],
    languages: Sequence[str],
    interfaces: Sequence[str],
) -> list[KBBlock]:
    url = note_url(note.path, interfaces)
    by_line = note.markers_by_line()
    ids = [f"{note.path}#{block.index}" for block in note.blocks]
    headings = {h.line: h.text for h in note.headings}
    result = []
    for block in note.blocks:
        own = canonical_tags(block.tags, taxonomy)
        own_set = set(own)
        inherited = tuple(t for t in canonical_tags(block.all_tags(note.blocks), taxonomy) if t not in own_set)
        # A marked block opened on a heading also takes the keywords of that heading.
        heading = headings.get(block.start, "") if block.kind == "block" else ""
        auto = keywords.tags_for(heading, "", exclude=(*own, *inherited)) if heading else ()
        result.append(
            KBBlock(
                id=ids[block.index],
                note=note.path,
                url=f"{url}#{block.anchor}",
                lang=note.lang,
                tags=own,
                inherited=inherited,
                auto_tags=auto,
                depth=block.depth,
                parent=ids[block.parent] if block.parent is not None else None,
                lines=(block.start, block.end),
                title=block.title,
                kind=block.kind,
                text=block_text(note, block, by_line),
            )
        )
    loose = _tag_diagrams(note, result)
    marked = {block.start for block in note.blocks if block.kind == "block"}
    sections = _section_blocks(note, keywords, found_keywords, marked, languages, interfaces, [d.first for d in loose])
    in_sections = {first for block in sections for first in range(block.lines[0] + 1, block.lines[1] + 1)}
    by_line = note.markers_by_line()
    for diagram in loose:
        if diagram.first in in_sections:
            continue
        text = block_text(note, Block(0, "", "block", (), 0, None, diagram.first, diagram.last, ""), by_line)
        result.append(
            KBBlock(
                id=f"{note.path}#{diagram_anchor(diagram)}",
                note=note.path,
                url=f"{url}#{diagram_anchor(diagram)}",
                lang=note.lang,
                tags=(),
                inherited=(),
                auto_tags=(DIAGRAM_TAG,),
                depth=1,
                parent=None,
                lines=(diagram.first, diagram.last),
                title=above.text if (above := note.heading_at(diagram.first)) else "",
                kind="diagram",
                text=text,
            )
        )
    return result + sections


def _tag_diagrams(note: Note, blocks: list[KBBlock]) -> list[DiagramSegment]:
    """Give the innermost block holding each diagram the diagram tag; return the diagrams no block holds."""
    loose = []
    for diagram in note.diagrams:
        holders = [i for i, b in enumerate(blocks) if b.lines[0] <= diagram.first <= b.lines[1]]
        if not holders:
            loose.append(diagram)
            continue
        index = max(holders, key=lambda i: blocks[i].depth)
        block = blocks[index]
        if DIAGRAM_TAG not in (*block.tags, *block.inherited, *block.auto_tags):
            blocks[index] = replace(block, auto_tags=(*block.auto_tags, DIAGRAM_TAG))
    return loose


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
    """What `build_kb` derives from each note on its own (blocks, topic mentions), kept between builds.

    `mkdocs serve` builds the whole site again after every edit. The parse
    cache hands back the very same `Note` for a file whose content did not
    change, so only edited notes are derived again. Everything is forgotten
    when the taxonomy, the languages or the interfaces change.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._facts: dict[int, tuple[Note, NoteFacts]] = {}  # id(note) -> (the note itself, its facts)

    def facts(self, notes: Sequence[Note], context: object, derive: Callable[[Note], NoteFacts]) -> list[NoteFacts]:
        """Each note's facts, derived again only for notes this memo has not seen in the same `context`."""
        if context != self._context:
            self._facts, self._context = {}, context
        kept: dict[int, tuple[Note, NoteFacts]] = {}
        for note in notes:
            known = self._facts.get(id(note))
            kept[id(note)] = known if known is not None and known[0] is note else (note, derive(note))
        self._facts = kept  # notes gone from the folder are forgotten
        return [kept[id(note)][1] for note in notes]


def build_kb(
    notes: Sequence[Note],
    taxonomy: Taxonomy,
    languages: Sequence[str] = ("en", "es"),
    interfaces: Sequence[str] = (),
    mention_topics: bool = True,
    memo: NoteMemo | None = None,
) -> KnowledgeBase:
    """Gather the notes' blocks under canonical tags and build the tag tree.

    `languages` are those of the notes; `interfaces` those the site is served
    in, the default first (none for a one-language site), which decide URLs.
    A `memo` kept from the last build spares deriving unchanged notes again.
    """
    keywords = KeywordIndex(taxonomy)

    def derive(note: Note) -> NoteFacts:
        found_keywords = keywords.line_matches(note.lines)  # searched once, for tags and for mentions
        blocks = tuple(_note_blocks(note, taxonomy, keywords, found_keywords, languages, interfaces))
        return blocks, find_mentions(note, keywords, found_keywords) if mention_topics else ()

    context = (taxonomy, tuple(languages), tuple(interfaces), mention_topics)
    facts = (memo or NoteMemo()).facts(notes, context, derive)
    per_note = {note.path: blocks for note, (blocks, _found) in zip(notes, facts, strict=True)}
    mentions = {note.path: found for note, (_blocks, found) in zip(notes, facts, strict=True)}
    blocks = tuple(block for note in notes for block in per_note[note.path])
    tags = _tag_tree(blocks, taxonomy, languages)
    anchors: dict[str, str] = {}
    for note in notes:
        for anchor in note.anchors:
            anchors.setdefault(anchor.name, note.path)
    links, problems = link_graph(notes, anchors)
    return KnowledgeBase(
        tuple(notes),
        blocks,
        tags,
        taxonomy,
        tuple(languages),
        per_note,
        anchors,
        tuple(interfaces),
        links,
        problems,
        {path: found for path, found in mentions.items() if found},
    )
