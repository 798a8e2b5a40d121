"""The marker grammar: `[[{ a.b, c ]]`, `[[}]]`, `[[ t ]]`, `[[{ t }]]`, links and anchors.

This module is the only place that knows how a marker is written. It turns the
text inside `[[ … ]]` into `MarkerOp` values; `structure.py` applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cuaderno.model import Marker, MarkerOp

MARKER_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
LINK_RE = re.compile(r"@\[([^\[\]\s]+)\]")
ANCHOR_RE = re.compile(r"(?<![\w@])#\[([^\[\]\s]+)\]")

# A token holding one of these is shell or prose, not a tag: `[[ -f "$F" ]]`.
_SHELL_CHARS = frozenset("$=<>")
# What a tag may contain once normalised: letters (any script), digits, and . _ - / + &
_TAG_RE = re.compile(r"^[\w.\-/+&]+$")
_STRIP = ".\"'`,;"


def normalize_tag(token: str) -> str:
    """Return the canonical id of a tag token ('' when nothing is left).

    Whitespace inside is removed, dots, quotes and commas at either end are
    dropped, runs of dots collapse, and the id is lowercase.

    >>> normalize_tag(' "1_PRICE. free ')
    '1_price.free'
    """
    compact = "".join(token.split()).strip(_STRIP)
    compact = re.sub(r"\.{2,}", ".", compact)
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


def _is_shell(inner: str) -> bool:
    """Whether the text between `[[` and `]]` is a shell test rather than a marker."""
    for token in re.split(r"[,{}]", inner):
        stripped = token.strip()
        if not stripped:
            continue
        if stripped.startswith("-") or any(c in _SHELL_CHARS for c in stripped):
            return True
        if not _TAG_RE.match(normalize_tag(stripped) or "x"):
            return True
    return False


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
    pending: list[str] = []  # tags read since the last brace
    group_open = False  # a `{` whose tags are still being read
    for token in _tokens(inner):
        if token == "{":
            if group_open:
                ops.append(MarkerOp("open", tuple(pending)))
            elif pending:
                ops.append(MarkerOp("add", tuple(pending)))
            pending, group_open = [], True
        elif token == "}":
            if group_open:
                if pending:
                    ops.append(MarkerOp("paragraph", tuple(pending)))
                # `{}` with nothing inside does nothing
            else:
                ops.append(MarkerOp("close", tuple(pending)))
            pending, group_open = [], False
        else:
            tag = normalize_tag(token)
            if tag and tag not in pending:
                pending.append(tag)
    if group_open:
        ops.append(MarkerOp("open", tuple(pending)))
    elif pending:
        ops.append(MarkerOp("add", tuple(pending)))
    return tuple(ops)


def find_markers(line: str, number: int, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Marker, ...]:
    """Return the markers of one line, leaving alone those inside `skip` column spans."""
    found: list[Marker] = []
    for match in MARKER_RE.finditer(line):
        if any(a <= match.start() < b for a, b in skip):
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


SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """Whether a link target may become a link: http(s), mailto, or relative."""
    lowered = url.strip().lower()
    if lowered.startswith(SAFE_SCHEMES):
        return True
    return not re.match(r"^[a-z][a-z0-9+.\-]*:", lowered)
