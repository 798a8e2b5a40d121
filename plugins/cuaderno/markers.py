"""The marker grammar: `[[{ a.b, c ]]`, `[[}]]`, `[[ t ]]`, `[[{ t }]]`, links and anchors.

This module is the only place that knows how a marker is written. It turns the
text inside `[[ … ]]` into `MarkerOp` values; `structure.py` applies them.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Iterator

from cuaderno.model import Diagnostic, Marker, MarkerOp, Severity

MARKER_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
LINK_RE = re.compile(r"@\[([^\[\]\s]+)\]")
ANCHOR_RE = re.compile(r"(?<![\w@])#\[([^\[\]\s]+)\]")

# A token holding one of these is shell or prose, not a tag: `[[ -f "$F" ]]`.
_SHELL_CHARS = frozenset("$=<>")
# What a tag may contain once normalised: letters (any script), digits, and . _ - / + &;
# combining accents too, for letters Unicode has no precomposed form of.
_TAG_RE = re.compile(r"^[\w.\-/+&\u0300-\u036f]+$")
_STRIP = ".\"'`,;"
_DOTS = re.compile(r"\.{2,}")
_SEPARATORS = re.compile(r"[,{}]")


def normalize_tag(token: str) -> str:
    """Return the canonical id of a tag token ('' when nothing is left).

    Whitespace inside is removed, dots, quotes and commas at either end are
    dropped, runs of dots collapse, and the id is lowercase.

    >>> normalize_tag(' "1_PRICE. free ')
    '1_price.free'
    """
    # NFC: `básica` typed with a combining accent (as macOS often stores it) is the same tag.
    compact = unicodedata.normalize("NFC", "".join(token.split())).strip(_STRIP)
    compact = _DOTS.sub(".", compact)
    return compact.lower()


def _tokens(inner: str) -> Iterator[str]:
    """Yield braces and comma-separated tokens of a marker's inner text, in order."""
    current: list[str] = []
    for char in inner:
        if char in "{}":
            yield "".join(current)
            current = []
            yield char
        elif char == ",":
            yield "".join(current)
            current = []
        else:
            current.append(char)
    yield "".join(current)


def _foreign_token(inner: str) -> str | None:
    """The first token that makes the text between `[[` and `]]` a shell test or prose, not a marker."""
    for token in _SEPARATORS.split(inner):
        stripped = token.strip()
        if not stripped:
            continue
        tag = normalize_tag(stripped)
        # Quotes are dropped from tags, so `'-f'` starts with `-` as much as `-f` does.
        if tag.startswith("-") or stripped.startswith("-") or any(c in _SHELL_CHARS for c in stripped):
            return stripped
        if tag and not _TAG_RE.match(tag):
            return stripped
    return None


def _is_shell(inner: str) -> bool:
    """Whether the text between `[[` and `]]` is a shell test rather than a marker."""
    return _foreign_token(inner) is not None


def parse_marker(inner: str) -> tuple[MarkerOp, ...] | None:
    """Parse the text inside `[[ … ]]`; None when it is not a marker at all.

    Braces are read left to right: `{` starts a group whose tags follow it,
    `}` closes the innermost block (named by the tags just before it). A group
    opened and closed in the same marker tags only the paragraph. Tags with no
    brace add to the enclosing block.
    """
    if not inner.strip() or _is_shell(inner):
        return None
    ops: list[MarkerOp] = []
    pending: dict[str, None] = {}  # tags read since the last brace (a dict: ordered, fast to test)
    group_open = False  # a `{` whose tags are still being read
    for token in _tokens(inner):
        if token == "{":
            if group_open:
                ops.append(MarkerOp("open", tuple(pending)))
            elif pending:
                ops.append(MarkerOp("add", tuple(pending)))
            pending, group_open = {}, True
        elif token == "}":
            if group_open:
                if pending:
                    ops.append(MarkerOp("paragraph", tuple(pending)))
                # `{}` with nothing inside does nothing
            else:
                ops.append(MarkerOp("close", tuple(pending)))
            pending, group_open = {}, False
        else:
            tag = normalize_tag(token)
            if tag:
                pending.setdefault(tag)
    if group_open:
        ops.append(MarkerOp("open", tuple(pending)))
    elif pending:
        ops.append(MarkerOp("add", tuple(pending)))
    return tuple(ops)


def _inside(spans: tuple[tuple[int, int], ...], column: int) -> bool:
    """Whether `column` falls in one of the sorted, disjoint `(start, end)` spans."""
    at = bisect.bisect_right(spans, (column, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= column < spans[at][1]


def find_markers(line: str, number: int, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Marker, ...]:
    """Return the markers of one line, leaving alone those inside `skip` column spans (sorted, disjoint)."""
    found: list[Marker] = []
    for match in MARKER_RE.finditer(line):
        if _inside(skip, match.start()):
            continue
        ops = parse_marker(match.group(1))
        if ops is None:
            continue
        found.append(Marker(number, match.start(), match.end(), match.group(0), ops))
    return tuple(found)


def strip_markers(line: str, markers: tuple[Marker, ...]) -> str:
    """Return the line with the given markers cut out."""
    out, last = [], 0
    for marker in markers:
        out.append(line[last : marker.start])
        last = marker.end
    out.append(line[last:])
    return "".join(out)


# How a block marker begins: nothing but spaces between `[[` and the brace. Shell tests never begin so.
_BLOCK_MARKER_START = re.compile(r"\[\[[ \t]*[{}]")


def marker_problems(
    path: str, line: str, number: int, found: tuple[Marker, ...], skip: tuple[tuple[int, int], ...] = ()
) -> tuple[Diagnostic, ...]:
    """Warn where a line begins a block marker (`[[{`, `[[}`) that could not be read as one.

    Args:
        path: the note's path, for the diagnostics.
        line: the line's text.
        number: its line number.
        found: the markers `find_markers` read on it.
        skip: column spans left alone (inline code), sorted.

    Returns:
        A warning at the first such beginning on the line (one is enough to
        send the writer there; a line of ten thousand would not flood the
        log): a marker split across lines, one holding a bracket, or one with
        a token no tag can be (`<script>`, `$x`, `it's`), which stays text.

    """
    read = {marker.start for marker in found}
    for begin in _BLOCK_MARKER_START.finditer(line):
        column = begin.start()
        if column in read or _inside(skip, column):
            continue
        whole = MARKER_RE.match(line, column)
        if line.find("]]", begin.end()) < 0:
            message = "marker is not closed on this line: a marker must end with ]] on the line where it begins"
        elif whole is None:
            message = "marker holds a [ or ], or lacks its ]]; it is shown as text"
        else:
            token = _foreign_token(whole.group(1)) or ""
            shell = token.lstrip("\"'`").startswith("-") or any(c in _SHELL_CHARS for c in token)
            why = (
                "reads as shell: $ = < > or a leading -"
                if shell
                else "is no tag: tags are letters, digits and . _ - / + &"
            )
            message = f"'{whole.group(0)}' is not a marker: '{token}' {why}; it is shown as text"
        return (Diagnostic(path, number, "malformed-marker", message, Severity.WARNING, column + 1),)
    return ()


SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """Whether a link target may become a link: http(s), mailto, or relative."""
    lowered = url.strip().lower()
    if lowered.startswith(SAFE_SCHEMES):
        return True
    return not re.match(r"^[a-z][a-z0-9+.\-]*:", lowered)
