"""Apply the markers of a note, line by line, to find its blocks.

Blocks nest like parentheses. Problems (a closer with nothing open, a block
never closed, a closer naming another block, a tag outside every block) become
diagnostics; no marker is ever dropped from the page because of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from cuaderno.markers import strip_markers
from cuaderno.model import Block, BlockKind, Diagnostic, Marker, Severity

TITLE_WIDTH = 80


@dataclass
class _OpenBlock:
    index: int
    anchor: str
    kind: BlockKind
    tags: list[str]
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


def _first_text(lines: Sequence[str], start: int, end: int, markers_of: Callable[[int], tuple[Marker, ...]]) -> str:
    for number in range(start, min(end, len(lines)) + 1):
        text = " ".join(strip_markers(lines[number - 1], markers_of(number)).split())
        text = _HEADING_HASHES.sub("", text)  # a title, not Markdown
        if text:
            return text if len(text) <= TITLE_WIDTH else text[: TITLE_WIDTH - 1] + "…"
    return ""


def _is_blank(lines: Sequence[str], number: int, markers_of: Callable[[int], tuple[Marker, ...]]) -> bool:
    return not strip_markers(lines[number - 1], markers_of(number)).strip()


def _paragraph_span(
    lines: Sequence[str],
    line: int,
    headings: Mapping[int, object],
    markers_of: Callable[[int], tuple[Marker, ...]],
    floor: int,
) -> tuple[int, int]:
    """The run of non-blank lines around `line`, not crossing headings nor `floor`."""
    first = last = line
    while first - 1 > floor and first - 1 not in headings and not _is_blank(lines, first - 1, markers_of):
        first -= 1
    while last + 1 <= len(lines) and last + 1 not in headings and not _is_blank(lines, last + 1, markers_of):
        last += 1
    return first, last


def build_structure(
    path: str,
    lines: Sequence[str],
    markers: Sequence[Marker],
    heading_anchors: Mapping[int, tuple[str, str]],
) -> Structure:
    """Turn the markers of a note into blocks.

    Args:
        path: the note's path, for diagnostics.
        lines: the note's lines (line 1 is `lines[0]`).
        markers: every marker of the note, in reading order.
        heading_anchors: for each heading line, its (anchor, text); a block
            opened on a heading line starts at that heading and takes its anchor.

    Returns:
        The blocks in order of opening, the anchor given to each opening marker
        (keyed by `(line, start column)`), and the diagnostics.

    """
    by_line: dict[int, list[Marker]] = {}
    for marker in markers:
        by_line.setdefault(marker.line, []).append(marker)

    def markers_of(number: int) -> tuple[Marker, ...]:
        return tuple(by_line.get(number, ()))

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
            tags=list(tags),
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
                floor = stack[-1].start if stack else 0
                first, last = _paragraph_span(lines, marker.line, heading_anchors, markers_of, floor)
                block = new_block("paragraph", op.tags, marker, first, anchor)
                block.end = last
            elif op.kind == "add":
                if stack:
                    for tag in op.tags:
                        if tag not in stack[-1].tags:
                            stack[-1].tags.append(tag)
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
                    named = ", ".join(block.tags) or "untagged"
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
        named = ", ".join(block.tags) or "untagged"
        problems.append(
            Diagnostic(
                path,
                block.start,
                "unclosed-block",
                f"block [{named}] opened here is never closed; it runs to the end of the file",
                Severity.ERROR,
            )
        )

    frozen = tuple(
        Block(
            index=b.index,
            anchor=b.anchor,
            kind=b.kind,
            tags=tuple(b.tags),
            depth=b.depth,
            parent=b.parent,
            start=b.start,
            end=max(b.end, b.start),
            title=b.title or _first_text(lines, b.start, max(b.end, b.start), markers_of),
        )
        for b in blocks
    )
    return Structure(frozen, anchors, tuple(problems))
