"""Tagged text: `#`-headings, `[[…]]` markers everywhere, layout made with spaces."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cuaderno.formats.common import assemble
from cuaderno.markers import find_markers, marker_problems, strip_markers
from cuaderno.model import Diagnostic, Heading, HeadingSegment, Marker, Note, Segment, TextSegment
from cuaderno.slugs import Slugger
from cuaderno.sources import Source

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")


def heading_text(line: str, markers: tuple[Marker, ...]) -> str:
    """The visible text of a heading line: markers and closing `#`s removed."""
    text = strip_markers(line, markers)
    match = HEADING_RE.match(text.rstrip())
    body = match.group(2) if match else text
    return " ".join(body.rstrip("#").split())


def parse(source: Source, languages: Sequence[str]) -> Note:
    """Read a tagged-text note: headings become headings, other runs stay as written."""
    lines = source.lines
    markers: list[Marker] = []
    headings: list[Heading] = []
    segments: list[Segment] = []
    problems: list[Diagnostic] = []
    slugger = Slugger()
    run_start = 0
    for number, line in enumerate(lines, start=1):
        if number < source.body_start:
            continue
        on_line: tuple[Marker, ...] = ()
        if "[[" in line:
            on_line = find_markers(line, number)
            problems.extend(marker_problems(source.path, line, number, on_line))
        markers.extend(on_line)
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
    return assemble(source, lines, markers, headings, segments, languages, {}, frozenset(), extra=problems)
