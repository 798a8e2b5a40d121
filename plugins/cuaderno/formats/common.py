"""What the three format readers share: links, anchors, titles, language, assembly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from cuaderno.diagrams import with_diagrams
from cuaderno.language import detect_language
from cuaderno.markers import ANCHOR_RE, IMAGE_RE, LINK_RE, is_safe_image, is_safe_url
from cuaderno.model import Anchor, Diagnostic, Format, Heading, Link, Marker, Note, Segment, Severity
from cuaderno.sources import Source
from cuaderno.structure import build_structure

Spans = Mapping[int, tuple[tuple[int, int], ...]]


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


def heading_label(text: str) -> str:
    """A heading's text as a title reads it: `#[x]` anchors left out, `@[target]` as its target, spaces squeezed."""
    if "[" in text:
        text = LINK_RE.sub(lambda match: match.group(1), ANCHOR_RE.sub("", text))
    return " ".join(text.split())


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
) -> Note:
    """Build the `Note`: blocks from markers, links, title, language, diagnostics."""
    heading_anchors = {h.line: (h.anchor, h.text) for h in headings}
    structure = build_structure(source.path, lines, markers, heading_anchors)
    links, anchors, link_problems = scan_links(source, lines, code_spans, code_lines)
    meta_title = source.meta.get("title")
    best_title = (
        (str(meta_title) if isinstance(meta_title, str) and meta_title.strip() else title)
        or (headings[0].text if headings else "")
        or file_title(source.path)
    )
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
