"""Box-drawing diagrams: which lines of a note draw a picture that must keep its columns."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cuaderno.model import DiagramSegment, PreformattedSegment, Segment, TextSegment

# The Unicode "Box Drawing" block, U+2500–U+257F: ─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼ ═ ║ ╔ …
BOX_DRAWING = re.compile("[\u2500-\u257f]")
# Blocks holding a diagram are tagged with it automatically.
DIAGRAM_TAG = "doc_has.diagram"
# `└ · item`, `├─ item`, `└→ item`: a list bullet drawn with a corner, not a drawing.
TREE_BULLET = re.compile(r"^\s*[└├]─{0,2}\s*[·•→>]?\s")
# Info strings of Markdown fences that may hold a diagram (anything else is code).
DIAGRAM_FENCE_INFOS = frozenset({"", "text", "txt", "plain", "plaintext"})
# A drawing: box-drawing characters on at least this many lines, or this many on one line.
MIN_DRAWN_LINES = 2
MIN_DRAWN_CHARS = 3


def drawn_characters(line: str) -> int:
    """How many box-drawing characters a line draws with (a `└ · item` bullet draws nothing)."""
    bullet = TREE_BULLET.match(line)
    return len(BOX_DRAWING.findall(line, bullet.end() if bullet else 0))


def draws(lines: Sequence[str]) -> bool:
    """Whether lines draw with box-drawing characters, beyond list bullets."""
    counts = [drawn_characters(line) for line in lines]
    return sum(1 for n in counts if n) >= MIN_DRAWN_LINES or max(counts, default=0) >= MIN_DRAWN_CHARS


def _paragraphs(lines: Sequence[str], first: int, last: int) -> Iterator[tuple[int, int]]:
    """Runs of non-blank lines among `first..last` (1-based, inclusive)."""
    start = 0
    for number in range(first, last + 1):
        if lines[number - 1].strip():
            start = start or number
        elif start:
            yield start, number - 1
            start = 0
    if start:
        yield start, last


def diagram_ranges(lines: Sequence[str], first: int, last: int) -> list[tuple[int, int]]:
    """The drawings among lines `first..last`: paragraphs that draw.

    Drawing paragraphs one blank line apart are one diagram (a picture with
    an empty row in it); two blank lines end it.
    """
    found: list[tuple[int, int]] = []
    for start, end in _paragraphs(lines, first, last):
        if not draws(lines[start - 1 : end]):
            continue
        if found and start - found[-1][1] == 2:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def with_diagrams(segments: Sequence[Segment], lines: Sequence[str]) -> tuple[Segment, ...]:
    """Split the text segments of a note around the diagrams they hold."""
    out: list[Segment] = []
    for segment in segments:
        if isinstance(segment, PreformattedSegment):
            out.append(_fenced_diagram(segment, lines) or segment)
            continue
        if not isinstance(segment, TextSegment):
            out.append(segment)
            continue
        cursor = segment.first
        for start, end in diagram_ranges(lines, segment.first, segment.last):
            if start > cursor:
                out.append(TextSegment(cursor, start - 1))
            out.append(DiagramSegment(start, end))
            cursor = end + 1
        if cursor <= segment.last:
            out.append(TextSegment(cursor, segment.last))
    return tuple(out)


def _fenced_diagram(segment: PreformattedSegment, lines: Sequence[str]) -> DiagramSegment | None:
    """A text note's fenced region as one diagram, when what it holds draws (its margin cut off)."""
    if segment.head or segment.first > segment.last:
        return None
    content = [line[segment.margin :] for line in lines[segment.first - 1 : segment.last]]
    if not draws(content):
        return None
    return DiagramSegment(
        segment.first, segment.last, margin=segment.margin, label=segment.label, bullet=segment.bullet
    )


def diagram_anchor(diagram: DiagramSegment) -> str:
    """The id of a diagram on its note's page."""
    return f"cdn-diagram-{diagram.first}"
