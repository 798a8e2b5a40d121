"""Apply the markers of a note, line by line, to find its blocks.

Blocks nest like parentheses. Problems (a closer with nothing open, a block
never closed, a closer naming another block, a tag outside every block) become
diagnostics; no marker is ever dropped from the page because of them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from cuaderno.markers import strip_markers
from cuaderno.model import Block, BlockKind, Diagnostic, Marker, Severity

TITLE_WIDTH = 80


@dataclass
class _OpenBlock:
    index: int
    anchor: str
    kind: BlockKind
    tags: dict[str, None]  # ordered, and fast to test: a block may collect thousands of tags
    depth: int
    parent: int | None
    start: int
    end: int = 0
    title: str = ""
    children: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Structure:
    """The blocks of a note, the anchor of each opening marker, and the problems found."""

    blocks: tuple[Block, ...]
    marker_anchors: Mapping[tuple[int, int], str]
    diagnostics: tuple[Diagnostic, ...]


_HEADING_HASHES = re.compile(r"^#{1,6}\s+")


def _named(tags: Mapping[str, None], shown: int = 5) -> str:
    """A block's tags for a message: the first few (a block may hold thousands), or `untagged`."""
    first = list(itertools.islice(tags, shown + 1))
    if not first:
        return "untagged"
    return ", ".join(first[:shown]) + (", …" if len(first) > shown else "")


class _VisibleText:
    """Each line's text with its markers cut out, and the title it would give, worked out once.

    One line may hold thousands of markers, and thousands of blocks may start
    on it: cutting the markers out again for each block would be quadratic.
    """

    def __init__(self, lines: Sequence[str], markers: Sequence[Marker], kept: AbstractSet[tuple[int, int]]) -> None:
        self.lines = lines
        self.by_line: dict[int, list[Marker]] = {}
        for marker in markers:
            if (marker.line, marker.start) not in kept:  # a marker shown as written stays in the text
                self.by_line.setdefault(marker.line, []).append(marker)
        self._texts: dict[int, str] = {}
        self._titles: dict[int, str] = {}

    def text(self, number: int) -> str:
        """Line `number` as the reader sees it: its markers cut out."""
        if number not in self._texts:
            on_line = self.by_line.get(number)
            line = self.lines[number - 1]
            self._texts[number] = strip_markers(line, tuple(on_line)) if on_line else line
        return self._texts[number]

    def title(self, number: int) -> str:
        """The title line `number` gives a block: spaces squeezed, heading hashes dropped, shortened."""
        if number not in self._titles:
            text = _HEADING_HASHES.sub("", " ".join(self.text(number).split()))  # a title, not Markdown
            self._titles[number] = text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "…"
        return self._titles[number]

    def first_title(self, start: int, end: int) -> str:
        """The title of the first line from `start` to `end` that has any text."""
        for number in range(start, min(end, len(self.lines)) + 1):
            title = self.title(number)
            if title:
                return title
        return ""


class _Paragraphs:
    """The runs of non-blank, non-heading lines of a note, found once.

    A note may tag thousands of paragraphs; scanning up and down from each
    marker would read the same lines again and again.
    """

    def __init__(self, visible: _VisibleText, headings: Mapping[int, object]) -> None:
        count = len(visible.lines)
        plain = [False] * (count + 2)  # line numbers 1..count; 0 and count + 1 stay False
        for number in range(1, count + 1):
            plain[number] = bool(visible.text(number).strip()) and number not in headings
        # up[n]: the first line of the plain run just above n (n itself when n - 1 is not plain).
        self.up = list(range(count + 2))
        for number in range(2, count + 1):
            if plain[number - 1]:
                self.up[number] = self.up[number - 1]
        # down[n]: the last line of the plain run just below n.
        self.down = list(range(count + 2))
        for number in range(count - 1, 0, -1):
            if plain[number + 1]:
                self.down[number] = self.down[number + 1]

    def span(self, line: int, floor: int) -> tuple[int, int]:
        """The run of non-blank lines around `line`, not crossing headings nor going up to `floor`."""
        return min(line, max(self.up[line], floor + 1)), self.down[line]


def build_structure(
    path: str,
    lines: Sequence[str],
    markers: Sequence[Marker],
    heading_anchors: Mapping[int, tuple[str, str]],
    kept: AbstractSet[tuple[int, int]] = frozenset(),
) -> Structure:
    """Turn the markers of a note into blocks.

    Args:
        path: the note's path, for diagnostics.
        lines: the note's lines (line 1 is `lines[0]`).
        markers: every marker of the note, in reading order.
        heading_anchors: for each heading line, its (anchor, text); a block
            opened on a heading line starts at that heading and takes its anchor.
        kept: the `(line, start column)` of markers that add their tags but
            are shown as written (brace-less markers inside a text note's
            fence): titles and paragraphs read them as text.

    Returns:
        The blocks in order of opening, the anchor given to each opening marker
        (keyed by `(line, start column)`), and the diagnostics.

    """
    visible = _VisibleText(lines, markers, kept)
    paragraphs: _Paragraphs | None = None  # built on the first paragraph marker
    blocks: list[_OpenBlock] = []
    stack: list[_OpenBlock] = []
    anchors: dict[tuple[int, int], str] = {}
    problems: list[Diagnostic] = []
    used_anchors: dict[str, int] = {}

    def anchor_for(marker: Marker) -> str:
        if marker.line in heading_anchors:
            return heading_anchors[marker.line][0]
        base = f"kb-{marker.line}"
        count = used_anchors.get(base, 0)
        used_anchors[base] = count + 1
        return base if count == 0 else f"{base}-{count}"

    def new_block(kind: BlockKind, tags: tuple[str, ...], marker: Marker, start: int, anchor: str) -> _OpenBlock:
        parent = stack[-1] if stack else None
        block = _OpenBlock(
            index=len(blocks),
            anchor=anchor,
            kind=kind,
            tags=dict.fromkeys(tags),
            depth=(parent.depth + 1) if parent else 1,
            parent=parent.index if parent else None,
            start=start,
        )
        if marker.line in heading_anchors and kind == "block":
            block.title = heading_anchors[marker.line][1]
        blocks.append(block)
        return block

    for marker in markers:
        anchor = ""
        for op in marker.ops:
            if op.kind in ("open", "paragraph") and not anchor:
                anchor = anchor_for(marker)
                anchors[(marker.line, marker.start)] = anchor
            if op.kind == "open":
                stack.append(new_block("block", op.tags, marker, marker.line, anchor))
            elif op.kind == "paragraph":
                paragraphs = paragraphs or _Paragraphs(visible, heading_anchors)
                first, last = paragraphs.span(marker.line, stack[-1].start if stack else 0)
                block = new_block("paragraph", op.tags, marker, first, anchor)
                block.end = last
            elif op.kind == "add":
                if stack:
                    for tag in op.tags:
                        stack[-1].tags.setdefault(tag)
                else:
                    problems.append(
                        Diagnostic(
                            path,
                            marker.line,
                            "orphan-tag",
                            f"tag {', '.join(op.tags)} is outside every block and tags nothing",
                            Severity.NOTICE,
                            marker.start + 1,
                        )
                    )
            elif not stack:  # close with nothing open
                problems.append(
                    Diagnostic(
                        path,
                        marker.line,
                        "unbalanced-closer",
                        f"closer {marker.raw} has no open block to close",
                        Severity.ERROR,
                        marker.start + 1,
                    )
                )
            else:
                block = stack.pop()
                block.end = marker.line
                name = op.tags[0] if op.tags else ""
                if name and name not in block.tags:
                    named = _named(block.tags)
                    problems.append(
                        Diagnostic(
                            path,
                            marker.line,
                            "misnamed-closer",
                            f"closer names '{name}' but closes the block [{named}] opened at line {block.start}",
                            Severity.NOTICE,
                            marker.start + 1,
                        )
                    )

    for block in reversed(stack):
        block.end = len(lines)
        named = _named(block.tags)
        problems.append(
            Diagnostic(
                path,
                block.start,
                "unclosed-block",
                f"block [{named}] opened here is never closed; it runs to the end of the file",
                Severity.ERROR,
            )
        )

    # A paragraph runs on to its last non-blank line, but never past the block around it.
    ends: list[int] = []
    for b in blocks:
        end = max(b.end, b.start)
        ends.append(end if b.parent is None else min(end, ends[b.parent]))
    frozen = tuple(
        Block(
            index=b.index,
            anchor=b.anchor,
            kind=b.kind,
            tags=tuple(b.tags),
            depth=b.depth,
            parent=b.parent,
            start=b.start,
            end=ends[b.index],
            title=b.title or visible.first_title(b.start, ends[b.index]),
        )
        for b in blocks
    )
    return Structure(frozen, anchors, tuple(problems))
