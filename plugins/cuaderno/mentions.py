"""Topic mentions: the first time a section names a taxonomy keyword, it links to that topic's page.

A mention is found where keywords count (`KeywordIndex.note_matches`: prose,
never code, URLs, links or markers), except in headings (a heading links
nowhere) and an outline note's comment lines (shown re-flowed). Only mentions of topics that have a page are linked
(`linked_mentions`), since a keyword's topic may hold no block.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cuaderno.autotag import KeywordIndex, prose_lines
from cuaderno.formats.markdown import SETEXT_RE
from cuaderno.model import Note, ProseSegment


@dataclass(frozen=True)
class Mention:
    """Columns `start:end` of `line` name a keyword of `tag`, in the section under the heading at `section_line`."""

    line: int
    start: int
    end: int
    tag: str
    section_line: int


def find_mentions(
    note: Note, keywords: KeywordIndex, found_keywords: Sequence[tuple[re.Match[str], ...]] | None = None
) -> tuple[Mention, ...]:
    """Each topic named in each section of a note, at its first mention (never in code, headings or links).

    A word that names several topics is a mention of each, in the order of
    their ids, so that one without a page can give way to the next
    (`linked_mentions` keeps one per word). `found_keywords`, the keywords of
    each line (`KeywordIndex.note_matches`), saves searching them again.
    """
    if keywords.pattern is None:
        return ()
    if found_keywords is None:
        found_keywords = keywords.note_matches(note)
    # Headings link nowhere; an outline note's comment lines are shown re-flowed, as one paragraph.
    unlinked = {heading.line for heading in note.headings}
    unlinked.update(
        number
        for segment in note.segments
        if isinstance(segment, ProseSegment)
        for number in range(segment.first, segment.last + 1)
    )
    seen: set[tuple[int, str]] = set()
    found: list[Mention] = []
    for number, is_markdown in prose_lines(note):
        matches = found_keywords[number - 1]
        if not matches or number in unlinked:
            continue
        if is_markdown and number < len(note.lines) and SETEXT_RE.match(note.lines[number]):
            continue  # the text of a setext heading
        heading = note.heading_at(number)
        section = heading.line if heading else 0
        for match in matches:
            for tag in sorted(keywords.tags_of.get(match.group(1).casefold(), ())):
                if (section, tag) not in seen:
                    seen.add((section, tag))
                    found.append(Mention(number, match.start(), match.end(), tag, section))
    return tuple(found)


def linked_mentions(mentions: Sequence[Mention], topics: Collection[str]) -> tuple[Mention, ...]:
    """The mentions to link: those of topics in `topics` (the tags with a page), one per word."""
    linked: list[Mention] = []
    words: set[tuple[int, int]] = set()
    for mention in mentions:
        if mention.tag in topics and (mention.line, mention.start) not in words:
            words.add((mention.line, mention.start))
            linked.append(mention)
    return tuple(linked)
