"""Frozen values that travel between the stages of the pipeline.

Nothing here knows about MkDocs: a `Note` is what a format reader makes of one
source file, a `Diagnostic` is a problem found on the way.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Literal


class Format(str, Enum):
    """The three kinds of note cuaderno reads."""

    TAGGED = "tagged"
    OUTLINE = "outline"
    MARKDOWN = "markdown"


class Severity(str, Enum):
    """How bad a diagnostic is.

    Errors make `cuaderno check` exit 1; errors and warnings are logged as
    warnings by the build (so `--strict` fails); notices are lint findings,
    shown by `cuaderno check` and logged at info level by the build.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Diagnostic:
    """A problem in a note, located at `path:line[:column]`."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = Severity.WARNING
    column: int = 0

    def location(self) -> str:
        """Return `path:line` or `path:line:column`."""
        where = f"{self.path}:{self.line}"
        return f"{where}:{self.column}" if self.column else where

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity.value}: {self.message} [{self.code}]"


OpKind = Literal["open", "close", "add", "paragraph"]


@dataclass(frozen=True)
class MarkerOp:
    """One effect of a marker: open a block, close one, add tags, tag a paragraph."""

    kind: OpKind
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Marker:
    """A `[[ … ]]` marker found at `line`, columns `start:end` (0-based, end exclusive)."""

    line: int
    start: int
    end: int
    raw: str
    ops: tuple[MarkerOp, ...]
    # Tokens written in the marker that can be no tag (shell or code), left out of `ops`.
    dropped: tuple[str, ...] = ()

    @property
    def opens(self) -> bool:
        """Whether the marker opens at least one block."""
        return any(op.kind == "open" for op in self.ops)

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag the marker names, in order."""
        return tuple(tag for op in self.ops for tag in op.tags)


BlockKind = Literal["block", "paragraph"]


@dataclass(frozen=True)
class Block:
    """A tagged region of a note: lines `start..end` (1-based, inclusive)."""

    index: int
    anchor: str
    kind: BlockKind
    tags: tuple[str, ...]
    depth: int
    parent: int | None
    start: int
    end: int
    title: str

    def all_tags(self, blocks: tuple[Block, ...]) -> tuple[str, ...]:
        """Own tags followed by those inherited from enclosing blocks."""
        seen = dict.fromkeys(self.tags)  # ordered, and fast to test on 50,000 tags
        parent = self.parent
        while parent is not None:
            for tag in blocks[parent].tags:
                seen.setdefault(tag)
            parent = blocks[parent].parent
        return tuple(seen)


@dataclass(frozen=True)
class Heading:
    """A heading of the note, with the anchor id the page gives it."""

    line: int
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Link:
    """An `@[…]` link: to a URL, or to a `#[name]` anchor."""

    line: int
    target: str
    kind: Literal["url", "anchor"]


@dataclass(frozen=True)
class Anchor:
    """A `#[name]` anchor that `@[#name]` links point to."""

    line: int
    name: str


@dataclass(frozen=True)
class TextSegment:
    """Source lines shown as written (monospace, spaces kept)."""

    first: int
    last: int


@dataclass(frozen=True)
class HeadingSegment:
    """A heading line, shown as a real heading."""

    heading: Heading


@dataclass(frozen=True)
class ProseSegment:
    """Comment lines of an outline note, shown as a paragraph."""

    first: int
    last: int
    text: str


@dataclass(frozen=True)
class CodeSegment:
    """Code pasted without fences, shown as a fenced block."""

    first: int
    last: int
    language: str
    title: str


@dataclass(frozen=True)
class MarkdownSegment:
    """Markdown source lines handed on to the Markdown renderer."""

    first: int
    last: int


@dataclass(frozen=True)
class DiagramSegment:
    """Lines that draw with box-drawing characters, shown exactly as written.

    `fenced` diagrams come from a Markdown fence: `first..last` are its content
    lines, and the fence lines around them are not shown.
    """

    first: int
    last: int
    fenced: bool = False
    # From a text note's fence (`PreformattedSegment`): the margin columns cut, its label, the bullet before it.
    margin: int = 0
    label: str = ""
    bullet: str = ""


@dataclass(frozen=True)
class PreformattedSegment:
    """A fenced region of a text note: lines `first..last` shown as written, in monospace.

    The fence lines around them (`first - 1`, `last + 1`) are markup, and so
    are the `margin` columns at the left of each line (the author's `| `
    margin). `label` is the fence's one-word info string (a language or a
    name); `head` the text after the opening backticks when it is content
    (several words: the region's first line); `bullet` the list bullet written
    before the opening backticks. Markers inside are markers, as everywhere in
    a text note.
    """

    first: int
    last: int
    margin: int = 0
    label: str = ""
    head: str = ""
    bullet: str = ""


Segment = (
    TextSegment | HeadingSegment | ProseSegment | CodeSegment | MarkdownSegment | DiagramSegment | PreformattedSegment
)


@dataclass(frozen=True)
class Note:
    """One source file, parsed: its lines, markers, blocks and layout."""

    path: str
    title: str
    lang: str
    format: Format
    lines: tuple[str, ...]
    markers: tuple[Marker, ...] = ()
    blocks: tuple[Block, ...] = ()
    headings: tuple[Heading, ...] = ()
    segments: tuple[Segment, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    links: tuple[Link, ...] = ()
    meta: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    diagnostics: tuple[Diagnostic, ...] = ()
    # The anchor id of each opening marker, keyed by (line, start column).
    marker_anchors: dict[tuple[int, int], str] = field(default_factory=dict, hash=False, compare=False)

    def heading_at(self, line: int) -> Heading | None:
        """The heading of the section holding `line` (the heading itself on its own line); None before any."""
        at = bisect.bisect_right(self._heading_lines, line) - 1
        return self.headings[at] if at >= 0 else None

    @cached_property
    def _heading_lines(self) -> list[int]:
        return [heading.line for heading in self.headings]

    @property
    def diagrams(self) -> tuple[DiagramSegment, ...]:
        """The note's diagrams, in order."""
        return tuple(segment for segment in self.segments if isinstance(segment, DiagramSegment))

    def markers_by_line(self) -> dict[int, tuple[Marker, ...]]:
        """Map each line number to the markers on it."""
        found: dict[int, list[Marker]] = {}
        for marker in self.markers:
            found.setdefault(marker.line, []).append(marker)
        return {line: tuple(markers) for line, markers in found.items()}
