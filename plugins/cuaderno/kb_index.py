"""Lookups over the knowledge base's contents (by path, by tag, by language), built once with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cuaderno.links import NoteLink
from cuaderno.mentions import Mention
from cuaderno.model import Note
from cuaderno.note_blocks import KBBlock, block_topics
from cuaderno.taxonomy import Taxonomy
from cuaderno.urls import note_url, translation_of


@dataclass(frozen=True)
class KBIndex:
    """Every lookup the renderers and `relations` make, computed when the knowledge base is built."""

    notes_by_path: Mapping[str, Note]
    note_blocks: Mapping[str, tuple[KBBlock, ...]]
    # Blocks under each topic: carrying the tag or one beneath it (own or automatic tags).
    topic_blocks: Mapping[str, tuple[KBBlock, ...]]
    # Each note's tags, the most used first (ties in order of appearance).
    note_tags: Mapping[str, tuple[str, ...]]
    notes_with_tag: Mapping[str, frozenset[str]]
    # Notes by their path with the language left out: `a.md` and `a.es.md` are one group.
    translation_groups: Mapping[str, tuple[str, ...]]
    translated_urls: frozenset[str]
    links_to: Mapping[str, tuple[NoteLink, ...]]
    mentions_by_tag: Mapping[str, tuple[tuple[str, int], ...]]
    labels: Mapping[str, Mapping[str, str]]  # language -> tag id -> label


def _ranked_tags(blocks: Sequence[KBBlock]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for block in blocks:
        for tag in (*block.tags, *block.auto_tags):
            counts[tag] = counts.get(tag, 0) + 1
    return tuple(sorted(counts, key=lambda tag: -counts[tag]))


def _translation_groups(notes: Sequence[Note], languages: Sequence[str]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for note in notes:
        groups.setdefault(translation_of(note.path, languages)[0], []).append(note.path)
    return {neutral: tuple(paths) for neutral, paths in groups.items()}


def _translated_urls(
    groups: Mapping[str, tuple[str, ...]], languages: Sequence[str], interfaces: Sequence[str]
) -> frozenset[str]:
    """Pages of default-language notes that have a translation: other interfaces show that instead."""
    if not interfaces:
        return frozenset()
    return frozenset(
        note_url(path, interfaces)
        for group in groups.values()
        if len(group) > 1
        for path in group
        if translation_of(path, languages)[1] is None
    )


def _mentions_by_tag(mentions: Mapping[str, tuple[Mention, ...]]) -> dict[str, tuple[tuple[str, int], ...]]:
    places: dict[str, dict[tuple[str, int], None]] = {}
    for path, found in mentions.items():
        for mention in found:
            places.setdefault(mention.tag, {}).setdefault((path, mention.section_line))
    return {tag: tuple(found) for tag, found in places.items()}


def build_index(
    notes: Sequence[Note],
    note_blocks: Mapping[str, tuple[KBBlock, ...]],
    links: Sequence[NoteLink],
    mentions: Mapping[str, tuple[Mention, ...]],
    taxonomy: Taxonomy,
    tag_ids: Sequence[str],
    languages: Sequence[str],
    interfaces: Sequence[str],
) -> KBIndex:
    """The lookups of a knowledge base of `notes`, their blocks, links and topic mentions."""
    topic_blocks: dict[str, list[KBBlock]] = {}
    for note in notes:
        for block in note_blocks.get(note.path, ()):
            for tag in block_topics(block):
                topic_blocks.setdefault(tag, []).append(block)
    note_tags = {note.path: _ranked_tags(note_blocks.get(note.path, ())) for note in notes}
    notes_with_tag: dict[str, set[str]] = {}
    for path, tags in note_tags.items():
        for tag in tags:
            notes_with_tag.setdefault(tag, set()).add(path)
    links_to: dict[str, list[NoteLink]] = {}
    for link in links:
        if link.target != link.source:
            links_to.setdefault(link.target, []).append(link)
    groups = _translation_groups(notes, languages)
    label_languages = dict.fromkeys((*languages, *interfaces))
    return KBIndex(
        notes_by_path={note.path: note for note in notes},
        note_blocks=note_blocks,
        topic_blocks={tag: tuple(blocks) for tag, blocks in topic_blocks.items()},
        note_tags=note_tags,
        notes_with_tag={tag: frozenset(paths) for tag, paths in notes_with_tag.items()},
        translation_groups=groups,
        translated_urls=_translated_urls(groups, languages, interfaces),
        links_to={target: tuple(found) for target, found in links_to.items()},
        mentions_by_tag=_mentions_by_tag(mentions),
        labels={lang: {tag: taxonomy.label(tag, lang) for tag in tag_ids} for lang in label_languages},
    )
