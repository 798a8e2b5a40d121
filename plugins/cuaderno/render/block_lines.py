"""Which lines of its note a block shows, and their Markdown: found in time linear in the note.

A note may hold thousands of blocks and thousands of segments (code, drawings,
fences); each block looks up its own few segments and the code it must not cut
(`NoteLayout`, worked out once per note) instead of reading the whole note again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from cuaderno.formats.markdown import FENCE_RE, Fence, fences
from cuaderno.model import HeadingSegment, MarkdownSegment, Note, ProseSegment, Segment, TextSegment
from cuaderno.render.notes import NoteRenderer

EXCERPT_LINES = 40


def _span(segment: Segment) -> tuple[int, int]:
    """The first and last line of a segment."""
    if isinstance(segment, HeadingSegment):
        return segment.heading.line, segment.heading.line
    return segment.first, segment.last


def _segment_fences(note: Note, segment: MarkdownSegment) -> list[Fence]:
    """The fences of a Markdown segment, numbered as the note's lines (reading only the segment's lines)."""
    shift = segment.first - 1
    return [
        Fence(fence.open + shift, fence.close + shift if fence.close else 0, fence.info, fence.indent)
        for fence in fences(note.lines[shift : segment.last], 1)
    ]


class NoteLayout:
    """A note's segments by line, and the line ranges an excerpt must not end inside (code, drawings, fences)."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.segments = note.segments
        spans = [_span(segment) for segment in note.segments]
        # Segments follow each other down the note, so the last lines are in order; if a reader ever
        # wrote them otherwise, every segment is looked at (slower, never wrong).
        lasts = [last for _first, last in spans]
        self._lasts = lasts if all(a <= b for a, b in pairwise(lasts)) else None
        regions: list[tuple[int, int]] = []
        for segment, (first, last) in zip(note.segments, spans, strict=True):
            if isinstance(segment, HeadingSegment | ProseSegment | TextSegment):
                continue
            if isinstance(segment, MarkdownSegment):
                regions.extend((fence.open, fence.close or last) for fence in _segment_fences(note, segment))
            else:
                regions.append((first, last))
        regions.sort()
        self.regions = regions

    def overlapping(self, first: int, last: int) -> list[Segment]:
        """The segments holding any of the lines `first..last`, in order."""
        if self._lasts is None:
            return [segment for segment in self.segments if _span(segment)[1] >= first and _span(segment)[0] <= last]
        found = []
        for index in range(bisect_left(self._lasts, first), len(self.segments)):
            start = _span(self.segments[index])[0]
            if start > last:
                break
            found.append(self.segments[index])
        return found

    def region_at(self, line: int) -> tuple[int, int] | None:
        """The unbroken region (code, drawing, fence) that starts at or before `line` and runs past it, if any."""
        index = bisect_right(self.regions, (line, float("inf"))) - 1
        # Regions do not overlap; a few before the last one starting here are looked at all the same.
        for start, end in reversed(self.regions[max(0, index - 2) : index + 1]):
            if start <= line < end:
                return start, end
        return None


def excerpt_end(note: Note, first: int, last: int, limit: int = EXCERPT_LINES, layout: NoteLayout | None = None) -> int:
    """The last line of a block's excerpt: about `limit` lines, never cutting code or a drawing short.

    Code or a drawing that would be cut is shown whole when it ends within
    another `limit` lines, else left for the note page (unless the block opens with it).
    """
    cut = first + limit - 1
    if cut >= last:
        return last
    region = (layout or NoteLayout(note)).region_at(cut)
    if region is None:
        return cut
    start, end = region
    if end <= cut + limit:
        return min(end, last)
    return start - 1 if start > first else cut


def _clip(segment: Segment, first: int, last: int) -> Segment | None:
    """The part of `segment` on lines `first..last`, or None."""
    if isinstance(segment, HeadingSegment):
        return segment if first <= segment.heading.line <= last else None
    start, end = segment.first, segment.last
    if end < first or start > last:
        return None
    if isinstance(segment, ProseSegment) or (start >= first and end <= last):
        return segment
    return replace(segment, first=max(start, first), last=min(end, last))


_FENCE_OPENING = re.compile(r"^\s*(`{3,}|~{3,})")


def _closing_fence(note: Note, segment: MarkdownSegment) -> str:
    """The line that closes a fence left open at the end of a cut Markdown segment, if one is."""
    for fence in _segment_fences(note, segment):
        if fence.close == 0:
            opening = _FENCE_OPENING.match(note.lines[fence.open - 1])
            return f"{opening[0]}\n" if opening and FENCE_RE.match(note.lines[fence.open - 1]) else ""
    return ""


def lines_markdown(renderer: NoteRenderer, first: int, last: int, layout: NoteLayout | None = None) -> list[str]:
    """The Markdown a note page holds for the note's lines `first..last`, segment by segment.

    A Markdown fence the cut leaves open is closed.
    """
    note = renderer.note
    parts: list[str] = []
    for segment in (layout or NoteLayout(note)).overlapping(first, last):
        clipped = _clip(segment, first, last)
        if clipped is None:
            continue
        part = renderer.segment(clipped)
        if isinstance(clipped, MarkdownSegment) and clipped.last < getattr(segment, "last", 0):
            part += _closing_fence(note, clipped)
        if part:
            parts.append(part)
    return parts
