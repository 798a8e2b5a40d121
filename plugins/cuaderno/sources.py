"""Read a note from disk: decode it, split off its front matter, detect its format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cuaderno.markers import MARKER_RE, parse_marker
from cuaderno.model import Diagnostic, Format, Severity

NOTE_SUFFIXES = (".md", ".markdown", ".txt")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_SIGNALS = (
    re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE),  # fenced code
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # [text](url)
    re.compile(r"\*\*[^*\n]+\*\*"),  # **bold**
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.MULTILINE),  # table rule
    re.compile(r"<(br|p|img|h[1-6]|div|table|details)\b[^>]*>", re.IGNORECASE),  # raw HTML
)
_OUTLINE_ITEM = re.compile(r"^- \S", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t]*//", re.MULTILINE)
_LANG_SUFFIX = re.compile(r"\.([a-z]{2})$")


@dataclass(frozen=True)
class Source:
    """A decoded note: its text, front matter and detected format."""

    path: str
    text: str
    format: Format
    meta: dict[str, object] = field(default_factory=dict, compare=False)
    body_start: int = 1
    encoding: str = "utf-8"
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """The note's lines, without line endings."""
        return tuple(self.text.split("\n"))

    def suffix_language(self) -> str | None:
        """The language written in the file name (`name.es.md`), if any."""
        stem = Path(self.path).stem
        match = _LANG_SUFFIX.search(stem)
        return match.group(1) if match else None


def decode(data: bytes, path: str) -> tuple[str, str, list[Diagnostic]]:
    r"""Decode bytes as UTF-8 (BOM allowed), else Latin-1 with a warning.

    Line endings become `\\n`; NUL bytes are dropped with a warning.
    """
    problems: list[Diagnostic] = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text, encoding = data.decode("latin-1"), "latin-1"
        problems.append(
            Diagnostic(path, line, "not-utf8", "file is not valid UTF-8; read as Latin-1", Severity.WARNING)
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        text = text.replace("\x00", "")
        problems.append(Diagnostic(path, line, "nul-bytes", "NUL bytes removed from the file", Severity.WARNING))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, problems


def split_front_matter(text: str, path: str) -> tuple[dict[str, object], int, list[Diagnostic]]:
    """Return the YAML front matter, the first line of the body, and problems."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 1, []
    body_start = match.group(0).count("\n") + 1
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        message = f"front matter is not valid YAML: {str(error).splitlines()[0]}"
        return {}, 1, [Diagnostic(path, 1, "front-matter", message, Severity.WARNING)]
    if not isinstance(meta, dict):
        return {}, 1, []
    return {str(k): v for k, v in meta.items()}, body_start, []


def has_markers(text: str) -> bool:
    """Whether the text holds at least one block marker (`[[{` or a closer)."""
    for match in MARKER_RE.finditer(text):
        inner = match.group(1)
        if ("{" in inner or "}" in inner) and parse_marker(inner) is not None:
            return True
    return False


def detect_format(text: str, path: str) -> Format:
    """Detect a note's format from its content (and `.md` suffix).

    A `.md` file is Markdown. Otherwise: block markers mean tagged text;
    Markdown features (fences, links, bold, tables, HTML) mean Markdown;
    top-level `- Item` lines or `//` comments without headings mean outline
    text; anything else is tagged text shown as written.
    """
    if path.lower().endswith((".md", ".markdown")):
        return Format.MARKDOWN
    if has_markers(text):
        return Format.TAGGED
    signals = sum(1 for pattern in _MD_SIGNALS if pattern.search(text))
    headings = len(_MD_HEADING.findall(text))
    if signals >= 2 or (signals and headings):
        return Format.MARKDOWN
    if not headings and (_OUTLINE_ITEM.search(text) or _COMMENT_LINE.search(text)):
        return Format.OUTLINE
    return Format.TAGGED


def read_source(data: bytes, path: str, forced: Format | None = None) -> Source:
    """Decode a note's bytes and detect its format (`forced`, front matter, content)."""
    text, encoding, problems = decode(data, path)
    meta, body_start, meta_problems = split_front_matter(text, path)
    problems.extend(meta_problems)
    fmt = forced
    declared = meta.get("format")
    if fmt is None and isinstance(declared, str):
        try:
            fmt = Format(declared.strip().lower())
        except ValueError:
            problems.append(
                Diagnostic(path, 1, "unknown-format", f"unknown format '{declared}' in front matter", Severity.WARNING)
            )
    if fmt is None:
        body = "\n".join(text.split("\n")[body_start - 1 :])
        fmt = detect_format(body, path)
    return Source(path, text, fmt, meta, body_start, encoding, tuple(problems))


def is_note(path: str) -> bool:
    """Whether a file name looks like a note."""
    return path.lower().endswith(NOTE_SUFFIXES)
