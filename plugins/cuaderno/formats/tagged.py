"""Tagged text: `#`-headings, `[[…]]` markers, layout made with spaces, fenced preformatted regions.

Markers count everywhere, with one exception: inside a fenced region a
marker without a brace (`[[source]]`, a TOML table) is code, shown as written;
it still adds its tags to the block around it, as the author's viewer reads
every `[[t]]` (`| $ git pull  # verify  [[qa]]`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cuaderno.formats.common import anchor_slugger, assemble, heading_label, without_line_break
from cuaderno.formats.fences import text_fences
from cuaderno.markers import adds_tags_only, find_markers, marker_problems, strip_markers
from cuaderno.model import Diagnostic, Heading, HeadingSegment, Marker, Note, PreformattedSegment, Segment, TextSegment
from cuaderno.sources import Source

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
# A closing sequence of hashes, after a space: `# Title ##`. `# Learning C#` keeps its `#`.
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


def heading_source(line: str, markers: tuple[Marker, ...]) -> str:
    """The text a heading line shows, as written: markers, opening and closing hashes removed."""
    text = without_line_break(strip_markers(line, markers).rstrip())
    match = HEADING_RE.match(text)
    body = match.group(2) if match else text
    return " ".join(_CLOSING_HASHES.sub("", " " + body).split())


def heading_text(line: str, markers: tuple[Marker, ...]) -> str:
    """The visible text of a heading line: markers, anchors and closing `#`s removed."""
    return heading_label(heading_source(line, markers))


def parse(source: Source, languages: Sequence[str]) -> Note:
    """Read a tagged-text note: headings become headings, fenced regions preformatted, other runs stay as written."""
    lines = source.lines
    markers: list[Marker] = []
    kept: list[Marker] = []  # brace-less markers inside a fence: shown as written, their tags still count
    headings: list[Heading] = []
    segments: list[Segment] = []
    problems: list[Diagnostic] = []
    slugger = anchor_slugger(lines, source.body_start)
    fences = {fence.open: fence for fence in text_fences(lines, source.body_start)}
    fenced_until = 0  # the closing fence line of the region being read
    run_start = 0
    for number, line in enumerate(lines, start=1):
        if number < source.body_start:
            continue
        on_line: tuple[Marker, ...] = ()
        if "[[" in line:
            on_line = find_markers(line, number)
            problems.extend(marker_problems(source.path, line, number, on_line))
            if number < fenced_until:
                kept.extend(marker for marker in on_line if adds_tags_only(marker))
        markers.extend(on_line)
        fence = fences.get(number)
        if fence is not None:
            if run_start:
                segments.append(TextSegment(run_start, number - 1))
                run_start = 0
            segments.append(
                PreformattedSegment(fence.first, fence.last, fence.margin, fence.label, fence.head, fence.bullet)
            )
            fenced_until = fence.close
            continue
        if number <= fenced_until:  # inside a fence, `# x` is a comment of the code, not a heading
            continue
        match = HEADING_RE.match(line)
        text = heading_text(line, on_line) if match else ""
        if match and text:
            if run_start:
                segments.append(TextSegment(run_start, number - 1))
                run_start = 0
            heading = Heading(number, len(match.group(1)), text, slugger.slug(text))
            headings.append(heading)
            segments.append(HeadingSegment(heading))
        elif not run_start:
            run_start = number
    if run_start:
        segments.append(TextSegment(run_start, len(lines)))
    return assemble(source, lines, markers, headings, segments, languages, {}, frozenset(), extra=problems, kept=kept)
