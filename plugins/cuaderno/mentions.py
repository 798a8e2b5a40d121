"""Topic mentions: the first time a section names a taxonomy keyword, it links to that topic's page."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cuaderno.autotag import KeywordIndex
from cuaderno.formats.markdown import SETEXT_RE, code_spans, fenced_lines
from cuaderno.markers import ANCHOR_RE, LINK_RE
from cuaderno.model import DiagramSegment, MarkdownSegment, Note, TextSegment

# Spans a mention never enters: markers, `@[…]` links, `#[…]` anchors, bare URLs,
# Markdown links and images (text and target), raw HTML tags, reference definitions.
_TEXT_SKIP = re.compile(
    rf"\[\[[^\[\]\n]*\]\]|{LINK_RE.pattern}|{ANCHOR_RE.pattern}|https?://\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"
)
_MARKDOWN_SKIP = re.compile(
    rf"{_TEXT_SKIP.pattern}|!?\[[^\[\]]*\]\([^()]*\)|!?\[[^\[\]]*\]\[[^\[\]]*\]|<[^<>]+>|^\s{{0,3}}\[[^\]]+\]:.*$|^\s{{0,3}}#.*$"
)


@dataclass(frozen=True)
class Mention:
    """Columns `start:end` of `line` name a keyword of `tag`, in the section under the heading at `section_line`."""

    line: int
    start: int
    end: int
    tag: str
    section_line: int


def _lines(note: Note) -> Iterator[tuple[int, bool]]:
    """The lines that may hold mentions, each with whether it is Markdown."""
    headings = {h.line for h in note.headings}
    fenced = fenced_lines(note.lines) if any(isinstance(s, MarkdownSegment) for s in note.segments) else frozenset()
    for segment in note.segments:
        if isinstance(segment, TextSegment) or (isinstance(segment, DiagramSegment) and not segment.fenced):
            yield from ((n, False) for n in range(segment.first, segment.last + 1) if n not in headings)
        elif isinstance(segment, MarkdownSegment):
            for number in range(segment.first, segment.last + 1):
                following = note.lines[number] if number < len(note.lines) else ""
                if number not in fenced and number not in headings and not SETEXT_RE.match(following):
                    yield number, True


def find_mentions(
    note: Note, keywords: KeywordIndex, found_keywords: Sequence[tuple[re.Match[str], ...]] | None = None
) -> tuple[Mention, ...]:
    """The first mention of each topic in each section of a note (never in code, headings or links).

    `found_keywords`, the keywords of each line, saves searching them again.
    """
    if keywords.pattern is None:
        return ()
    if found_keywords is None:
        found_keywords = keywords.line_matches(note.lines)
    seen: set[tuple[int, str]] = set()
    found: list[Mention] = []
    for number, is_markdown in _lines(note):
        matches = found_keywords[number - 1]
        if not matches:
            continue
        heading = note.heading_at(number)
        section = heading.line if heading else 0
        named = [(match, sorted(keywords.tags_of.get(match.group(1).casefold(), ()))) for match in matches]
        if all((section, tag) in seen for _match, tags in named for tag in tags):
            continue  # every topic named here is linked earlier in the section
        line = note.lines[number - 1]
        skip_re = _MARKDOWN_SKIP if is_markdown else _TEXT_SKIP
        skipped = [(m.start(), m.end()) for m in skip_re.finditer(line)]
        if is_markdown and "`" in line:
            skipped.extend(code_spans(line))
        for match, tags in named:
            if any(a < match.end() and match.start() < b for a, b in skipped):
                continue
            for tag in tags:
                key = (section, tag)
                if key not in seen:
                    seen.add(key)
                    found.append(Mention(number, match.start(), match.end(), tag, section))
                    break  # one link per word
    return tuple(found)
