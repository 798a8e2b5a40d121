"""Markdown notes: markers outside code, GitHub-compatible heading anchors."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cuaderno.diagrams import DIAGRAM_FENCE_INFOS, draws
from cuaderno.formats.common import Spans, anchor_slugger, assemble
from cuaderno.formats.nesting import DEEP_NESTING, too_deep
from cuaderno.markers import find_markers, marker_problems, strip_markers
from cuaderno.model import (
    Diagnostic,
    DiagramSegment,
    Heading,
    HeadingSegment,
    MarkdownSegment,
    Marker,
    Note,
    Segment,
    Severity,
    TextSegment,
)
from cuaderno.sources import Source

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
ATX_RE = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*(?P<attrs>[^{}]*)\}[ \t]*$")
HTML_H1_RE = re.compile(r"<h1\b[^>]*>(?P<text>.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_CODE_SPAN_RE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its opening line, closing line (0 when never closed), info string and indent."""

    open: int
    close: int
    info: str
    indent: str


def fences(lines: Sequence[str], first: int = 1) -> Iterator[Fence]:
    """The fenced code blocks of lines `first..`, in order."""
    opening: tuple[str, int, int, str, str] | None = None  # fence char, length, line, info, indent
    for number in range(first, len(lines) + 1):
        match = FENCE_RE.match(lines[number - 1])
        if opening is None:
            if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
                fence = match.group("fence")
                opening = (fence[0], len(fence), number, match.group("info").strip(), match.group("indent"))
            continue
        closes = match and match.group("fence")[0] == opening[0] and len(match.group("fence")) >= opening[1]
        if closes and match and not match.group("info").strip():
            yield Fence(opening[2], number, opening[3], opening[4])
            opening = None
    if opening is not None:
        yield Fence(opening[2], 0, opening[3], opening[4])


def fenced_lines(lines: Sequence[str], first: int = 1) -> frozenset[int]:
    """Line numbers inside fenced code blocks, fences included."""
    inside: set[int] = set()
    for fence in fences(lines, first):
        inside.update(range(fence.open, (fence.close or len(lines)) + 1))
    return frozenset(inside)


def diagram_fences(lines: Sequence[str], first: int = 1) -> list[Fence]:
    """Closed fences at the left margin, with no language (or `text`), whose content draws."""
    return [
        fence
        for fence in fences(lines, first)
        if fence.close
        and not fence.indent
        and fence.info.lower() in DIAGRAM_FENCE_INFOS
        and draws(lines[fence.open : fence.close - 1])
    ]


def markdown_segments(lines: Sequence[str], first: int) -> tuple[Segment, ...]:
    """The note's Markdown, split around its diagram fences."""
    out: list[Segment] = []
    cursor = first
    for fence in diagram_fences(lines, first):
        if fence.open > cursor:
            out.append(MarkdownSegment(cursor, fence.open - 1))
        out.append(DiagramSegment(fence.open + 1, fence.close - 1, fenced=True))
        cursor = fence.close + 1
    if cursor <= len(lines):
        out.append(MarkdownSegment(cursor, len(lines)))
    return tuple(out)


def text_segments(lines: Sequence[str], first: int, headings: Sequence[Heading]) -> tuple[Segment, ...]:
    """The note shown as written, its headings kept as headings (their anchors, the table of contents)."""
    out: list[Segment] = []
    cursor = first
    for heading in headings:
        if heading.line > cursor:
            out.append(TextSegment(cursor, heading.line - 1))
        out.append(HeadingSegment(heading))
        cursor = heading.line + 1
        if cursor <= len(lines) and not ATX_RE.match(lines[heading.line - 1]):
            cursor += 1  # a setext heading's underline
    if cursor <= len(lines):
        out.append(TextSegment(cursor, len(lines)))
    return tuple(out)


def code_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Column spans of inline code on one line."""
    return tuple((m.start(), m.end()) for m in _CODE_SPAN_RE.finditer(line))


def split_attr_list(text: str) -> tuple[str, str | None]:
    """Split `Title {#id .class}` into the title and the explicit id (if any)."""
    match = ATTR_LIST_RE.search(text)
    if not match:
        return text, None
    explicit = re.search(r"#([\w\-:.]+)", match.group("attrs"))
    return text[: match.start()].rstrip(" \t"), explicit.group(1) if explicit else None


def clean_heading(text: str) -> str:
    """Visible text of a Markdown heading: closing `#`s and attribute lists removed."""
    text = re.sub(r"[ \t]+#+[ \t]*$", "", text)
    return split_attr_list(text)[0].strip()


def parse(source: Source, languages: Sequence[str]) -> Note:
    """Read a Markdown note: its markers (outside code), headings and anchors."""
    lines = source.lines
    fenced = fenced_lines(lines, source.body_start)
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    markers: list[Marker] = []
    problems: list[Diagnostic] = []
    markers_on: dict[int, tuple[Marker, ...]] = {}
    headings: list[Heading] = []
    slugger = anchor_slugger(lines, source.body_start)
    previous_text = 0  # last line of the current paragraph, for setext headings
    for number in range(source.body_start, len(lines) + 1):
        line = lines[number - 1]
        if number in fenced:
            previous_text = 0
            continue
        if "`" in line:
            spans[number] = code_spans(line)
        on_line = find_markers(line, number, spans.get(number, ())) if "[[" in line else ()
        if "[[" in line:
            problems.extend(marker_problems(source.path, line, number, on_line, spans.get(number, ())))
        markers.extend(on_line)
        markers_on[number] = on_line
        atx = ATX_RE.match(line)
        setext = SETEXT_RE.match(line)
        if atx:
            raw = strip_markers(line, on_line)
            match = ATX_RE.match(raw)
            body = (match.group("text") if match else "") or ""
            text = clean_heading(body)
            explicit = split_attr_list(re.sub(r"[ \t]+#+[ \t]*$", "", body))[1]
            if explicit:
                explicit = slugger.reserve(explicit)
            anchor = explicit or slugger.slug(text)
            headings.append(Heading(number, len(atx.group("hashes")), text, anchor))
            previous_text = 0
        elif setext and previous_text == number - 1 and previous_text:
            text = clean_heading(strip_markers(lines[previous_text - 1], markers_on.get(previous_text, ())).strip())
            level = 1 if setext.group(1)[0] == "=" else 2
            headings.append(Heading(previous_text, level, text, slugger.slug(text)))
            previous_text = 0
        elif line.strip() and not line.startswith(("    ", "\t")):
            previous_text = number
        else:
            previous_text = 0
    title = ""
    body = "\n".join(lines[source.body_start - 1 :])
    html_title = HTML_H1_RE.search(body) if "</h1" in body.lower() else None  # no rescans for unclosed <h1>
    first_atx = headings[0] if headings else None
    if html_title and (first_atx is None or body.find(html_title.group(0)) < body.find(lines[first_atx.line - 1])):
        title = " ".join(_TAG_RE.sub("", html_title.group("text")).split())
    deep = too_deep(lines, fenced, source.body_start)
    if deep is None:
        segments = markdown_segments(lines, source.body_start)
    else:  # Python-Markdown would exceed the recursion limit and stop the build
        segments = text_segments(lines, source.body_start, headings)
        message = (
            f"lists, quotes, markdown HTML blocks or emphasis nest {deep[1]} deep here, more than the {deep[2]} "
            "a page can render: the note is shown as written"
        )
        problems.append(Diagnostic(source.path, deep[0], DEEP_NESTING, message, Severity.WARNING))
    code: Spans = spans
    return assemble(source, lines, markers, headings, segments, languages, code, fenced, title=title, extra=problems)
