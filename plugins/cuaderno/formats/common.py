"""What the three format readers share: links, anchors, titles, language, assembly."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import PurePosixPath

from cuaderno.diagrams import with_diagrams
from cuaderno.language import detect_language
from cuaderno.markers import ANCHOR_RE, IMAGE_RE, LINK_RE, is_safe_image, is_safe_url
from cuaderno.model import Anchor, Diagnostic, Format, Heading, Link, Marker, Note, Segment, Severity
from cuaderno.slugs import Slugger
from cuaderno.sources import Source
from cuaderno.structure import build_structure

Spans = Mapping[int, tuple[tuple[int, int], ...]]
# A `<br/>` closing a line of a text note: the author's viewer reads it as a line break, which the line has anyway.
LINE_END_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*$", re.IGNORECASE)


def without_line_break(text: str) -> str:
    """A text note's line without the `<br/>` (or `<br>`) that closes it: that is markup, not content."""
    return LINE_END_BREAK.sub("", text) if "<" in text else text


def scan_links(
    source: Source, lines: Sequence[str], code_spans: Spans, code_lines: frozenset[int]
) -> tuple[tuple[Link, ...], tuple[Anchor, ...], tuple[Diagnostic, ...]]:
    """Find `@[…]` links and `#[…]` anchors outside code; refuse unsafe URLs."""
    links: list[Link] = []
    anchors: list[Anchor] = []
    problems: list[Diagnostic] = []
    for number, line in enumerate(lines, start=1):
        if number < source.body_start or number in code_lines or "[" not in line:
            continue
        skip = code_spans.get(number, ())
        for match in LINK_RE.finditer(line):
            if any(a <= match.start() < b for a, b in skip):
                continue
            target = match.group(1)
            if target.startswith("#"):
                links.append(Link(number, target[1:], "anchor"))
            elif is_safe_url(target):
                links.append(Link(number, target, "url"))
            else:
                problems.append(
                    Diagnostic(
                        source.path,
                        number,
                        "unsafe-link",
                        f"link to '{target}' refused: only http(s), mailto and relative links are allowed",
                        Severity.WARNING,
                        match.start() + 1,
                    )
                )
        for match in ANCHOR_RE.finditer(line):
            if not any(a <= match.start() < b for a, b in skip):
                anchors.append(Anchor(number, match.group(1)))
        if source.format != Format.MARKDOWN and "i[" in line:
            problems.extend(_image_problems(source.path, number, line))
    return tuple(links), tuple(anchors), tuple(problems)


def _image_problems(path: str, number: int, line: str) -> list[Diagnostic]:
    """Warn about `i[…]` images of a text note that cannot be shown: other schemes, `data:` that is no image."""
    return [
        Diagnostic(
            path,
            number,
            "unsafe-image",
            f"image '{match.group(1)[:60]}' refused: only http(s), relative paths and data:image/…;base64 are shown",
            Severity.WARNING,
            match.start() + 1,
        )
        for match in IMAGE_RE.finditer(line)
        if not is_safe_image(match.group(1).strip())
    ]


def anchor_slugger(lines: Sequence[str], first: int = 1) -> Slugger:
    """A slugger for a note's headings that keeps clear of its `#[name]` anchors, so no two elements share an id."""
    slugger = Slugger()
    for line in lines[first - 1 :]:
        if "#[" in line:
            for match in ANCHOR_RE.finditer(line):
                slugger.reserve(match.group(1))
    return slugger


def heading_label(text: str) -> str:
    """A heading's text as a title reads it: `#[x]` anchors left out, `@[target]` as its target, spaces squeezed."""
    if "[" in text:
        text = LINK_RE.sub(lambda match: match.group(1), ANCHOR_RE.sub("", text))
    return " ".join(text.split())


# Raw HTML in a title candidate: comments (`<!-- { -->`, closed or not) and lowercase tags of HTML elements
# (`<div groupv>`, `</span>`); `Optional<T>` and `Map<K,V>` are no HTML.
_HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|br|center|code|del|details|div|em|font|h[1-6]|hr|i|img|kbd|li|mark|ol|p|pre|s|"
    "section|small|span|strong|sub|summary|sup|table|td|th|tr|tt|u|ul"
)
_TITLE_HTML_RE = re.compile(rf"<!--.*?(?:-->|$)|</?(?:{_HTML_ELEMENTS})(?=[\s/>])[^<>]*>")
_CODE_SPAN_RE = re.compile(r"(`+).*?\1")
# How many lines after a heading of raw HTML may give the note its title.
TITLE_LOOKAHEAD = 3
_BARE_URL_RE = re.compile(r"^<?(?:https?|ftp)://\S+>?$|^www\.\S+$")


def note_title(candidates: Iterable[str], path: str) -> str:
    """The first candidate that reads as a title, else a title from the file name.

    Raw HTML tags and comments are left out of each candidate (`<div groupv>`
    is no title, `What's New <!-- { -->` is `What's New`); a bare URL is no
    title either.
    """
    for candidate in candidates:
        text = " ".join(_without_html(candidate).split()) if "<" in candidate else candidate.strip()
        if text and not _BARE_URL_RE.match(text) and any(char.isalnum() for char in text):
            return text
    return file_title(path)


def _without_html(text: str) -> str:
    """`text` with its raw HTML tags and comments left out, except inside code spans."""
    kept, last = [], 0
    for span in _CODE_SPAN_RE.finditer(text):
        kept += [_TITLE_HTML_RE.sub(" ", text[last : span.start()]), span.group(0)]
        last = span.end()
    return "".join([*kept, _TITLE_HTML_RE.sub(" ", text[last:])])


def title_candidates(headings: Sequence[Heading], lines: Sequence[str]) -> Iterator[str]:
    """Each heading's text; after a heading of raw HTML only (`<div groupv>`), the lines that follow it."""
    for heading in headings:
        yield heading.text
        if heading.text.lstrip().startswith("<"):
            yield from lines[heading.line : heading.line + TITLE_LOOKAHEAD]


def file_title(path: str) -> str:
    """A title made from a file name: `aws/s3-basics.es.txt` -> `s3 basics`."""
    stem = PurePosixPath(path).name.split(".")[0]
    return stem.replace("_", " ").replace("-", " ").strip() or path


def note_language(source: Source, lines: Sequence[str], languages: Sequence[str]) -> str:
    """Front matter `lang:`, then the file-name suffix, then detection."""
    declared = source.meta.get("lang")
    if isinstance(declared, str) and declared in languages:
        return declared
    suffix = source.suffix_language()
    if suffix in languages:
        return str(suffix)
    return detect_language("\n".join(lines[source.body_start - 1 :]), languages, languages[0])


def assemble(
    source: Source,
    lines: Sequence[str],
    markers: Sequence[Marker],
    headings: Sequence[Heading],
    segments: Sequence[Segment],
    languages: Sequence[str],
    code_spans: Spans,
    code_lines: frozenset[int],
    title: str = "",
    extra: Sequence[Diagnostic] = (),
    kept: Sequence[Marker] = (),
) -> Note:
    """Build the `Note`: blocks from markers, links, title, language, diagnostics.

    `kept` are markers among `markers` that add their tags to their block but
    stay in the text as written (brace-less markers inside a fence): the
    note's `markers` are those its page turns into chips.
    """
    heading_anchors = {h.line: (h.anchor, h.text) for h in headings}
    kept_at = frozenset((marker.line, marker.start) for marker in kept)
    structure = build_structure(source.path, lines, markers, heading_anchors, kept_at)
    if kept_at:
        markers = [marker for marker in markers if (marker.line, marker.start) not in kept_at]
    links, anchors, link_problems = scan_links(source, lines, code_spans, code_lines)
    meta_title = source.meta.get("title")
    written = [str(meta_title)] if isinstance(meta_title, str) and meta_title.strip() else []
    best_title = note_title([*written, title, *title_candidates(headings, lines)], source.path)
    return Note(
        path=source.path,
        title=best_title,
        lang=note_language(source, lines, languages),
        format=source.format,
        lines=tuple(lines),
        markers=tuple(markers),
        blocks=structure.blocks,
        headings=tuple(headings),
        segments=with_diagrams(segments, lines),
        anchors=anchors,
        links=links,
        meta=dict(source.meta),
        diagnostics=(*source.diagnostics, *extra, *structure.diagnostics, *link_problems),
        marker_anchors=dict(structure.marker_anchors),
    )
