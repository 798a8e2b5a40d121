"""Read a note from disk: decode it, split off its front matter, detect its format."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cuaderno.input_limits import load as load_yaml
from cuaderno.markers import MARKER_RE, parse_marker
from cuaderno.model import Diagnostic, Format, Severity

NOTE_SUFFIXES = (".md", ".markdown", ".txt")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
# Each pattern stays within a line and stops at the next opening bracket: on a
# 10 MB note of `[[{ a` a pattern free to run on would take hours (quadratic).
_MD_SIGNALS = (
    re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE),  # fenced code
    re.compile(r"\[[^\[\]\n]+\]\([^()\[\]\s]+\)"),  # [text](url)
    re.compile(r"\*\*[^*\n]+\*\*"),  # **bold**
    re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),  # table rule
    re.compile(r"<(br|p|img|h[1-6]|div|table|details)\b[^<>\n]*>", re.IGNORECASE),  # raw HTML
)
_OUTLINE_ITEM = re.compile(r"^- \S", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t]*//", re.MULTILINE)
_LANG_SUFFIX = re.compile(r"\.([a-z]{2})$")
BINARY = "binary"  # the `encoding` of a file that is not text
BINARY_FILE = "binary-file"  # the code of its diagnostic


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
    def binary(self) -> bool:
        """Whether the file was binary, not text (its text is then empty)."""
        return self.encoding == BINARY

    @property
    def lines(self) -> tuple[str, ...]:
        """The note's lines, without line endings."""
        return tuple(self.text.split("\n"))

    def suffix_language(self) -> str | None:
        """The language written in the file name (`name.es.md`), if any."""
        stem = Path(self.path).stem
        match = _LANG_SUFFIX.search(stem)
        return match.group(1) if match else None


# Bytes that do not occur in text (tab, line breaks, form feed and escape excepted).
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\v\f\r\x1b")
_BINARY_SAMPLE = 8192
_MIN_CONTROL_BYTES = 8  # a short note with one stray control byte is still text
_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")
_TEXT_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def looks_binary(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are no text at all (an image, an archive), judged on their start.

    Text in a legacy encoding, or with a stray NUL byte, is still text: more
    than one byte in twenty of the start (and at least eight) must be control bytes.
    """
    sample = data[:_BINARY_SAMPLE]
    controls = sum(byte in _CONTROL_BYTES for byte in sample)
    return controls >= _MIN_CONTROL_BYTES and controls * 20 > len(sample)


def _decode_legacy(raw: bytes) -> str:
    """A line that is not UTF-8: Windows-1252 (Latin-1 with curly quotes, €), else Latin-1."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return raw.decode("latin-1")


def _decode_by_line(data: bytes, path: str) -> tuple[str, Diagnostic]:
    """Decode line by line: UTF-8 lines as UTF-8, the others as Windows-1252.

    A file that mixes encodings (notes pasted together from several editors)
    keeps every line readable instead of turning its UTF-8 into mojibake.
    """
    parts = _LINE_BREAK.split(data.removeprefix(codecs.BOM_UTF8))
    lines: list[str] = []
    legacy: list[tuple[int, int]] = []  # (line, column) of each line that is not UTF-8
    utf8_letters = False
    for raw in parts[::2]:
        try:
            line = raw.decode("utf-8")
            utf8_letters = utf8_letters or not line.isascii()
        except UnicodeDecodeError as error:
            legacy.append((len(lines) + 1, len(raw[: error.start].decode("utf-8")) + 1))
            line = _decode_legacy(raw)
        lines.append(line)
    (line, column), others = legacy[0], len(legacy) - 1
    more = f" (and {others} more line{'s' * (others != 1)})" if others else ""
    if utf8_letters:
        message = f"file mixes encodings: this line{more} is not UTF-8; read as Windows-1252 (Latin-1)"
    else:
        message = "file is not valid UTF-8; read as Windows-1252 (Latin-1)"
    return "\n".join(lines), Diagnostic(path, line, "not-utf8", message, Severity.WARNING, column)


def decode(data: bytes, path: str) -> tuple[str, str, list[Diagnostic]]:
    r"""Decode bytes as UTF-8 (BOM allowed), UTF-16 with a BOM, else line by line as Windows-1252.

    Binary content decodes to no text, with the encoding `binary` and a warning.
    Line endings become `\n`; NUL bytes are dropped with a warning.
    """
    problems: list[Diagnostic] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows Notepad's "Unicode"
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            if looks_binary(data):
                message = "file is binary, not text; its content is left out"
                return "", BINARY, [Diagnostic(path, 1, BINARY_FILE, message, Severity.WARNING)]
            text, problem = _decode_by_line(data, path)
            encoding = "latin-1"
            problems.append(problem)
    if "\x00" in text:
        where = text.index("\x00")
        breaks = list(_TEXT_LINE_BREAK.finditer(text, 0, where))
        column = where - (breaks[-1].end() if breaks else 0) + 1
        text = text.replace("\x00", "")
        message = "NUL bytes removed from the file"
        problems.append(Diagnostic(path, len(breaks) + 1, "nul-bytes", message, Severity.WARNING, column))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, problems


def split_front_matter(text: str, path: str) -> tuple[dict[str, object], int, list[Diagnostic]]:
    """Return the YAML front matter, the first line of the body, and problems."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 1, []
    body_start = match.group(0).count("\n") + 1
    try:
        meta = load_yaml(match.group(1) or "") or {}  # bounded: an alias bomb in a note's front matter is refused
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


def has_text_fences(text: str) -> bool:
    """Whether the text holds a fence written the author's text way: lines behind a `| ` margin, or a `* ` before it.

    Markdown has neither: in a Markdown reading the margin would show inside
    the code block.
    """
    if "```" not in text:
        return False
    # Imported here: the format readers import this module.
    from cuaderno.formats.fences import text_fences

    return any(fence.margin or fence.bullet for fence in text_fences(text.split("\n")))


def detect_format(text: str, path: str) -> Format:
    """Detect a note's format from its content (and `.md` suffix).

    A `.md` file is Markdown. Otherwise: block markers mean tagged text; a
    fence with a `| ` margin or a `* ` bullet is the author's text convention,
    so its note is text whatever else it holds; Markdown features (fences,
    links, bold, tables, HTML) mean Markdown; top-level `- Item` lines or `//`
    comments without headings mean outline text; anything else is tagged text
    shown as written.
    """
    if path.lower().endswith((".md", ".markdown")):
        return Format.MARKDOWN
    if has_markers(text):
        return Format.TAGGED
    headings = len(_MD_HEADING.findall(text))
    signals = 0 if has_text_fences(text) else sum(1 for pattern in _MD_SIGNALS if pattern.search(text))
    if signals >= 2 or (signals and headings):
        return Format.MARKDOWN
    if not headings and (_OUTLINE_ITEM.search(text) or _COMMENT_LINE.search(text)):
        return Format.OUTLINE
    return Format.TAGGED


def read_source(data: bytes, path: str, forced: Format | None = None) -> Source:
    """Decode a note's bytes and detect its format (`forced`, front matter, content).

    A binary file (an image saved as `.txt`) gives an empty source with a
    warning: its bytes are no text a reader could use.
    """
    text, encoding, problems = decode(data, path)
    if encoding == BINARY:
        return Source(path, "", forced or Format.TAGGED, {}, 1, encoding, tuple(problems))
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


UNPUBLISHED = "unpublished-note"  # the code of the warning for a note the site leaves out
HIDDEN = "its name or a folder's starts with '.', which hides it (rename it to publish it)"


def is_hidden(path: str) -> bool:
    """Whether a path (relative to the notes folder) is hidden: a file's or a folder's name starts with a dot."""
    return any(part.startswith(".") for part in path.split("/"))


def unpublished(path: str, reason: str) -> Diagnostic:
    """The warning for a note the site leaves out (no page, not in `kb.json` nor on topic pages), and why."""
    return Diagnostic(path, 1, UNPUBLISHED, f"this note is not published: {reason}", Severity.WARNING)


def is_note(path: str) -> bool:
    """Whether a file name looks like a note."""
    return path.lower().endswith(NOTE_SUFFIXES)
