"""The blocks of one note as the site shows them: marked blocks, keyword-tagged sections, loose diagrams.

Each note's blocks depend on the note, the taxonomy and the site's languages
only, so `mkdocs serve` derives them again for edited notes alone (`kb.NoteMemo`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from cuaderno.autotag import KeywordIndex, choose_tags
from cuaderno.block_titles import TITLE_LOOKAHEAD, block_title
from cuaderno.diagrams import DIAGRAM_TAG, diagram_anchor
from cuaderno.language import section_language
from cuaderno.markers import strip_markers
from cuaderno.model import Block, DiagramSegment, Marker, Note
from cuaderno.taxonomy import Taxonomy, ancestors


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


def block_topics(block: KBBlock) -> set[str]:
    """Every topic a block appears under: its own and automatic tags and all their ancestors."""
    topics: set[str] = set()
    for tag in (*block.tags, *block.auto_tags):
        topics.add(tag)
        topics.update(ancestors(tag))
    return topics


def lines_text(
    note: Note,
    first: int,
    last: int,
    markers_by_line: Mapping[int, tuple[Marker, ...]],
    left_out: Sequence[tuple[int, int]] = (),
) -> str:
    """Plain text of the note's lines `first..last`, markers removed, blank lines squeezed.

    `left_out` are line ranges to skip (a block's nested blocks, in order): their text is theirs.
    """
    out: list[str] = []
    number = first
    skips = iter(left_out)
    skip = next(skips, None)
    while number <= last:
        while skip is not None and skip[1] < number:
            skip = next(skips, None)
        if skip is not None and skip[0] <= number:
            number = skip[1] + 1
            continue
        line = note.lines[number - 1]
        markers = markers_by_line.get(number)
        if markers:
            line = strip_markers(line, markers)
        if line.strip() or (out and out[-1]):
            out.append(line.rstrip())
        number += 1
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


@dataclass(frozen=True)
class _NoteContext:
    """What deriving one note's blocks reads besides the note."""

    note: Note
    url: str
    taxonomy: Taxonomy
    keywords: KeywordIndex
    found_keywords: Sequence[tuple[re.Match[str], ...]]
    languages: Sequence[str]
    markers_by_line: Mapping[int, tuple[Marker, ...]]


def _section_blocks(context: _NoteContext, marked: set[int], diagram_lines: Sequence[int]) -> list[KBBlock]:
    """Heading sections without a marker block, tagged from taxonomy keywords.

    A section holding one of `diagram_lines` (first lines of diagrams no marked
    block holds) is tagged as having a diagram. A section long enough to tell
    gets its own language, for notes that mix them.
    """
    note, keywords = context.note, context.keywords
    found = []
    for position, heading in enumerate(note.headings):
        if heading.line in marked:
            continue
        end = note.headings[position + 1].line - 1 if position + 1 < len(note.headings) else len(note.lines)
        body = lines_text(note, heading.line + 1, end, context.markers_by_line)
        if _is_link_list(body):
            continue  # a table of contents mentions everything and is about nothing
        in_body = keywords.count(match for line in context.found_keywords[heading.line : end] for match in line)
        auto = choose_tags(keywords.mentions(heading.text), in_body)
        at = bisect_right(diagram_lines, heading.line)  # diagram_lines are in order
        if at < len(diagram_lines) and diagram_lines[at] <= end:
            auto = (*auto, DIAGRAM_TAG) if DIAGRAM_TAG not in auto else auto
        if not auto:
            continue
        found.append(
            KBBlock(
                id=f"{note.path}#s{heading.line}",
                note=note.path,
                url=f"{context.url}#{heading.anchor}",
                lang=section_language(body, note.lang, context.languages),
                tags=(),
                inherited=(),
                auto_tags=auto,
                depth=1,
                parent=None,
                lines=(heading.line, end),
                title=block_title([heading.text]),
                kind="section",
                text=body,
            )
        )
    return found


def _marked_title(context: _NoteContext, block: Block) -> str:
    """A marked block's title: its heading's or first line's words, or those of the next lines when that has none."""
    last = min(block.end, block.start + TITLE_LOOKAHEAD - 1)
    markers = context.markers_by_line
    lines = [lines_text(context.note, number, number, markers) for number in range(block.start, last + 1)]
    return block_title([block.title, *lines])


def _marked_blocks(context: _NoteContext) -> list[KBBlock]:
    """The blocks the note's markers open, with canonical own and inherited tags."""
    note, taxonomy = context.note, context.taxonomy
    ids = [f"{note.path}#{block.index}" for block in note.blocks]
    headings = {h.line: h.text for h in note.headings}
    nested: dict[int, list[tuple[int, int]]] = {}  # block index -> the lines of the blocks right inside it
    for block in note.blocks:
        if block.parent is not None:
            nested.setdefault(block.parent, []).append((block.start, block.end))
    # Each block's tags with those of the blocks around it, from its parent's (blocks come after their parents).
    around: list[dict[str, None]] = []
    result = []
    for block in note.blocks:
        own = canonical_tags(block.tags, taxonomy)
        own_set = set(own)
        written = dict.fromkeys(block.tags)
        if block.parent is not None:
            written.update(around[block.parent])
        around.append(written)
        inherited = tuple(t for t in canonical_tags(written, taxonomy) if t not in own_set)
        # A marked block opened on a heading also takes the keywords of that heading.
        heading = headings.get(block.start, "") if block.kind == "block" else ""
        auto = context.keywords.tags_for(heading, "", exclude=(*own, *inherited)) if heading else ()
        result.append(
            KBBlock(
                id=ids[block.index],
                note=note.path,
                url=f"{context.url}#{block.anchor}",
                lang=note.lang,
                tags=own,
                inherited=inherited,
                auto_tags=auto,
                depth=block.depth,
                parent=ids[block.parent] if block.parent is not None else None,
                lines=(block.start, block.end),
                title=_marked_title(context, block),
                kind=block.kind,
                text=lines_text(note, block.start, block.end, context.markers_by_line, nested.get(block.index, ())),
            )
        )
    return result


def _tag_diagrams(note: Note, blocks: list[KBBlock]) -> list[DiagramSegment]:
    """Give the innermost block holding each diagram the diagram tag; return the diagrams no block holds."""
    loose = []
    # Blocks by their first line; walking down the note, `open_blocks` holds those around the current line.
    starts = sorted(range(len(blocks)), key=lambda i: blocks[i].lines[0])
    open_blocks: list[int] = []
    next_start = 0
    for diagram in sorted(note.diagrams, key=lambda diagram: diagram.first):
        while next_start < len(starts) and blocks[starts[next_start]].lines[0] <= diagram.first:
            open_blocks.append(starts[next_start])
            next_start += 1
        open_blocks = [i for i in open_blocks if blocks[i].lines[1] >= diagram.first]
        if not open_blocks:
            loose.append(diagram)
            continue
        index = max(open_blocks, key=lambda i: (blocks[i].depth, -i))  # the innermost; the first of equals
        block = blocks[index]
        if DIAGRAM_TAG not in (*block.tags, *block.inherited, *block.auto_tags):
            blocks[index] = replace(block, auto_tags=(*block.auto_tags, DIAGRAM_TAG))
    return loose


def _diagram_block(context: _NoteContext, diagram: DiagramSegment) -> KBBlock:
    """A diagram no block holds, as a block of its own under the diagram tag."""
    note = context.note
    above = note.heading_at(diagram.first)
    return KBBlock(
        id=f"{note.path}#{diagram_anchor(diagram)}",
        note=note.path,
        url=f"{context.url}#{diagram_anchor(diagram)}",
        lang=note.lang,
        tags=(),
        inherited=(),
        auto_tags=(DIAGRAM_TAG,),
        depth=1,
        parent=None,
        lines=(diagram.first, diagram.last),
        title=block_title([above.text]) if above else "",
        kind="diagram",
        text=lines_text(note, diagram.first, diagram.last, context.markers_by_line),
    )


def note_blocks(
    note: Note,
    taxonomy: Taxonomy,
    keywords: KeywordIndex,
    found_keywords: Sequence[tuple[re.Match[str], ...]],
    languages: Sequence[str],
    url: str,
) -> tuple[KBBlock, ...]:
    """Every block of a note the site shows: marked blocks, loose diagrams, then keyword-tagged sections.

    `found_keywords` are the taxonomy keywords of each line of the note; `url` is its page's.
    """
    context = _NoteContext(note, url, taxonomy, keywords, found_keywords, languages, note.markers_by_line())
    result = _marked_blocks(context)
    loose = _tag_diagrams(note, result)
    marked = {block.start for block in note.blocks if block.kind == "block"}
    sections = _section_blocks(context, marked, [d.first for d in loose])
    in_sections = {first for block in sections for first in range(block.lines[0] + 1, block.lines[1] + 1)}
    result.extend(_diagram_block(context, diagram) for diagram in loose if diagram.first not in in_sections)
    return (*result, *sections)
