"""The link graph between notes: who links where, from which section, and the links that lead nowhere."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from cuaderno.formats.markdown import fenced_lines
from cuaderno.model import Diagnostic, Format, Note, Severity
from cuaderno.urls import page_source

# Extensions of links that mean "another note" (txt_world_domination's viewer served notes as `.html`).
NOTE_SUFFIXES = (".txt", ".md", ".html", ".htm")
# `](target)` of inline links and `[id]: target` of reference definitions, in Markdown.
MARKDOWN_LINK = re.compile(r"(?P<head>\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)(?P<target>[^)\s>]+)")


@dataclass(frozen=True)
class NoteLink:
    """A link from a section of one note (`source`, at `line`) to another note, maybe to a `fragment` of it."""

    source: str
    line: int
    section: str  # the heading above the link ("" before the first heading)
    section_anchor: str
    target: str
    fragment: str


def resolve_target(from_note: str, target: str, notes: Collection[str]) -> str | None:
    """The note a relative link of `from_note` points to (`../aws/iam.txt`, `iam.html`, `iam.md`), else None."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return from_note
    if "://" in path or path.startswith(("mailto:", "//")):
        return None
    base = "" if path.startswith("/") else posixpath.dirname(from_note)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if resolved in notes:
        return resolved
    stem, suffix = posixpath.splitext(resolved)
    if suffix.lower() in NOTE_SUFFIXES:
        return next((stem + other for other in (".txt", ".md") if stem + other in notes), None)
    return None


def page_link(
    from_note: str, target: str, notes: Collection[str], source_of: Callable[[str], str] = page_source
) -> str | None:
    """Rewrite a Markdown link to a note so that MkDocs finds its page, whose Markdown path is `source_of(note)`.

    `see ../aws/iam.txt#x` in `guide/a.md` becomes `../aws/iam.md#x` (and
    `x.txt` beside `x.md` becomes `x.txt.md`, that note's page). A link MkDocs
    finds as written (a `.md` note), or to anything that is not a note, gives None.
    """
    path, hash_sign, anchor = target.partition("#")
    if "://" in path or not is_note_link(path):
        return None
    resolved = resolve_target(from_note, path, notes)
    if resolved is None:
        return None
    source = source_of(resolved)
    if source == resolved and path.lower().endswith(".md"):
        return None
    rewritten = posixpath.relpath(source, posixpath.dirname(from_note) or ".")
    return rewritten + hash_sign + anchor


def is_note_link(target: str) -> bool:
    """Whether a relative link names a note file (so a missing one is a broken link, not an asset)."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    return "://" not in path and posixpath.splitext(path)[1].lower() in NOTE_SUFFIXES


def _markdown_targets(note: Note, fenced: frozenset[int]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(note.lines, start=1):
        if number in fenced or ("](" not in line and "]:" not in line):
            continue
        for match in MARKDOWN_LINK.finditer(line):
            yield number, match.group("target")


def link_graph(
    notes: Sequence[Note], anchors: Mapping[str, str]
) -> tuple[tuple[NoteLink, ...], tuple[Diagnostic, ...]]:
    """Every link between notes, and a diagnostic for each that leads nowhere.

    `anchors` maps each `#[name]` to the note holding it. Links inside
    Markdown code are content, not links.
    """
    paths = {note.path for note in notes}
    links: list[NoteLink] = []
    problems: list[Diagnostic] = []

    def add(note: Note, line: int, target: str | None, fragment: str) -> None:
        if target is None:
            return
        heading = note.heading_at(line)
        section, anchor = (heading.text, heading.anchor) if heading else ("", "")
        links.append(NoteLink(note.path, line, section, anchor, target, fragment))

    for note in notes:
        for link in note.links:
            if link.kind == "anchor":
                holder = anchors.get(link.target)
                if holder is None:
                    message = f"no anchor #[{link.target}] in any note for @[#{link.target}]"
                    problems.append(Diagnostic(note.path, link.line, "unknown-anchor", message, Severity.WARNING))
                add(note, link.line, holder, link.target)
            elif "://" not in link.target and not link.target.startswith("mailto:"):
                resolved = resolve_target(note.path, link.target, paths)
                if resolved is None and is_note_link(link.target):
                    message = f"link to {link.target}: no such note in this folder"
                    problems.append(Diagnostic(note.path, link.line, "link-not-found", message, Severity.NOTICE))
                add(note, link.line, resolved, link.target.partition("#")[2])
        if note.format is Format.MARKDOWN:
            for line, target in _markdown_targets(note, fenced_lines(note.lines)):
                if target.startswith("#"):
                    continue  # the note's own headings: MkDocs checks those
                add(note, line, resolve_target(note.path, target, paths), target.partition("#")[2])
    return tuple(links), tuple(problems)
