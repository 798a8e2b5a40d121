"""How notes relate: the notes sharing their most specific tags, and the sections of other languages on them.

Found for every note when the knowledge base is built (each note's page shows
them, in every interface). `mkdocs serve` hands the last build's relations in:
a note keeps them when they cannot have changed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from cuaderno.kb_index import KBIndex
from cuaderno.note_blocks import KBBlock, block_topics
from cuaderno.urls import translation_of

SPECIFIC_TAGS = 4
RELATED_NOTES = 6
COUNTERPARTS = 6
# Tags on more blocks or notes than this are too broad to relate sections or notes (and would make the work quadratic).
BROAD_TAG_BLOCKS = 300
BROAD_TAG_NOTES = 150


@dataclass(frozen=True)
class NoteRelations:
    """A note's related notes (path, score; best first) and, per other language, its counterpart sections."""

    related: tuple[tuple[str, float], ...] = ()
    counterparts: Mapping[str, tuple[KBBlock, ...]] = field(default_factory=dict)


def translations(index: KBIndex, path: str, languages: Collection[str]) -> tuple[str, ...]:
    """The other-language versions of a note (`a.md` and `a.es.md`), by path."""
    neutral, _lang = translation_of(path, tuple(languages))
    return tuple(p for p in index.translation_groups.get(neutral, ()) if p != path)


def specific_tags(index: KBIndex, counts: Mapping[str, int], path: str, limit: int = SPECIFIC_TAGS) -> tuple[str, ...]:
    """The note's most specific tags: those covering the fewest blocks of the knowledge base."""
    tags = [tag for tag in index.note_tags.get(path, ()) if tag in counts]
    return tuple(sorted(tags, key=lambda tag: (counts[tag], -tag.count("."), tag))[:limit])


def _related(index: KBIndex, path: str, skip: set[str]) -> tuple[tuple[str, float], ...]:
    """Notes sharing the most specific of this note's tags, in any language, best first.

    A shared tag weighs more the fewer notes carry it; `skip` (the note and its
    translations, which its page links already) is left out.
    """
    scores: dict[str, float] = {}
    broad = min(len(index.notes_by_path) // 2 + 1, BROAD_TAG_NOTES)
    for tag in index.note_tags.get(path, ()):
        holders = index.notes_with_tag.get(tag, frozenset())
        if len(holders) > broad:
            continue  # a tag on most notes (or on very many) relates nothing, and would cost n² work
        for other in holders - skip:
            scores[other] = scores.get(other, 0.0) + 1.0 / len(holders)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:RELATED_NOTES])


def _counterparts(index: KBIndex, counts: Mapping[str, int], path: str) -> dict[str, tuple[KBBlock, ...]]:
    """Per other language, the sections that share the note's most specific tags, best first.

    Tags too broad to relate anything (over `BROAD_TAG_BLOCKS` blocks) are
    skipped, which keeps the work per note bounded as the notes grow.
    """
    note_lang = index.notes_by_path[path].lang
    scores: dict[str, float] = {}
    by_id: dict[str, KBBlock] = {}
    for tag in specific_tags(index, counts, path):
        under = index.topic_blocks.get(tag, ())
        if len(under) > BROAD_TAG_BLOCKS:
            continue
        weight = 1.0 / max(counts[tag], 1)
        for block in under:
            if block.lang != note_lang and block.note != path:
                scores[block.id] = scores.get(block.id, 0.0) + weight
                by_id[block.id] = block
    found: dict[str, list[KBBlock]] = {}
    seen: set[tuple[str, str]] = set()
    for block_id in sorted(scores, key=lambda b: (-scores[b], b)):
        block = by_id[block_id]
        key = (block.note, block.title)
        if key in seen or len(found.get(block.lang, ())) >= COUNTERPARTS:
            continue
        seen.add(key)
        found.setdefault(block.lang, []).append(block)
    return {lang: tuple(blocks) for lang, blocks in sorted(found.items())}


def relate_notes(
    index: KBIndex, counts: Mapping[str, int], languages: Collection[str], keep: Mapping[str, NoteRelations]
) -> dict[str, NoteRelations]:
    """Every note's relations; the notes in `keep` take theirs from there (see `still_related`).

    `counts` are the block counts of the tags. A note with a translation has no
    counterparts (its page links the translation instead).
    """
    found: dict[str, NoteRelations] = {}
    for path in index.notes_by_path:
        kept = keep.get(path)
        if kept is not None:
            found[path] = kept
            continue
        others = translations(index, path, languages)
        related = _related(index, path, {path, *others})
        found[path] = NoteRelations(related, {} if others else _counterparts(index, counts, path))
    return found


def still_related(before: KBIndex, after: KBIndex) -> set[str]:
    """The notes whose relations hold from the build of `before` to that of `after` (same site, same notes).

    `mkdocs serve` builds a new knowledge base after every edit, and the
    knowledge base's memo hands back the very same note and blocks for each
    note that did not change. A note's relations read its own blocks and the
    blocks and notes under its tags: they hold while the note did not change
    and no changed note had or has a block under one of its tags.
    """
    if before.notes_by_path.keys() != after.notes_by_path.keys():
        return set()
    changed: set[str] = set()  # every topic a block of a changed note had or has
    same: list[str] = []
    for path, note in after.notes_by_path.items():
        blocks_before, blocks_after = before.note_blocks.get(path, ()), after.note_blocks.get(path, ())
        if before.notes_by_path[path] is note and blocks_before is blocks_after:
            same.append(path)
            continue
        for block in (*blocks_before, *blocks_after):
            changed |= block_topics(block)
    return {path for path in same if changed.isdisjoint(after.note_tags.get(path, ()))}
