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
# `i[path|style]`: an image, its path relative to the note (or a URL, or a `data:image/…;base64,` image).
# The path must name an image file, so that code such as `x = i[0]` stays code.
IMAGE_RE = re.compile(
    r"(?<![\w@#])i\[("
    r"data:[^\[\]\n|]*"
    r"|https?://[^\[\]\s|]+"
    r"|[^\[\]\s|]*\.(?i:png|jpe?g|gif|svg|webp|bmp|ico|avif)(?:[?#][^\[\]\s|]*)?"
    r")(?:\|([^\[\]\n]*))?\]"
)
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpe?g|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
# Style an image may have: sizes only (`width=3em`, `max-width: 50%`).
_IMAGE_STYLE = re.compile(r"^\s*((?:max-|min-)?(?:width|height))\s*[=:]\s*(\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh)?)\s*$")

# A token holding one of these is shell or code, not a tag: `[[ -f "$F" ]]`, `[[name: 'dev']]`.
_SHELL_CHARS = frozenset("$=<>")
_QUOTES = "\"'`"
_QUOTE_SET = frozenset(_QUOTES)
# Characters a shell word of a token may begin with or be made of (checked word by word only when present).
_SHELL_WORD_CHARS = frozenset("-!&|;")
# Words of shell syntax alone: `[[ ! x ]]`, `[[ a && b ]]`.
_SHELL_WORD = re.compile(r"^[!&|;]+$")
# A map entry of code, `key: value` (Groovy, YAML): `branches: [[name: commit]]`. No tag has a space after a colon.
_KEY_VALUE = re.compile(r":\s+\S")
_STRIP = ".\"'`,;"
_DOTS = re.compile(r"\.{2,}")
# Braces (kept, as tokens of their own) and commas (dropped) between a marker's tokens.
_SEPARATOR_SPLIT = re.compile(r"([{}])|,")
# A whole dimension: `dev_stack.*` tags the dimension `dev_stack`.
_WHOLE_DIMENSION = re.compile(r"\.\*+$")


def normalize_tag(token: str) -> str:
    """Return the canonical id of a tag token ('' when nothing is left).

    Whitespace inside is removed, dots, quotes and commas at either end are
    dropped, runs of dots collapse, a trailing `.*` (the whole dimension) is
    dropped, and the id is lowercase.

    >>> normalize_tag(' "1_PRICE. free ')
    '1_price.free'
    >>> normalize_tag('dev_stack.*')
    'dev_stack'
    """
    # NFC: `básica` typed with a combining accent (as macOS often stores it) is the same tag.
    compact = unicodedata.normalize("NFC", "".join(token.split())).strip(_STRIP)
    compact = _DOTS.sub(".", _WHOLE_DIMENSION.sub("", compact)).strip(_STRIP)
    return compact.lower()


def token_tag(token: str) -> str | None:
    """The tag a token written between `[[` and `]]` names ('' for an empty token), or None when it can be none.

    Anything but `,{}[]` and whitespace may be in a tag (`security.101?`,
    `poll(2)`, `PKCS#11`), as the reference viewer reads them. Shell and code
    never are: a `$`, `=`, `<` or `>`, a word starting with `-`, a word of
    `!`, `&`, `|` or `;` alone, a `key: value` pair (a colon followed by a
    space and more), or a quote inside the tag (`name:'dev'`).
    """
    if not _SHELL_CHARS.isdisjoint(token):
        return None
    if ":" in token and _KEY_VALUE.search(token):
        return None
    if not _SHELL_WORD_CHARS.isdisjoint(token):
        for word in token.split():
            bare = word.lstrip(_QUOTES)
            if bare.startswith("-") or _SHELL_WORD.match(bare):
                return None
    tag = normalize_tag(token)
    if not _QUOTE_SET.isdisjoint(tag):
        return None
    return tag


def is_tag_token(token: str) -> bool:
    """Whether a token written between `[[` and `]]` can be a tag (see `token_tag`)."""
    return token_tag(token) is not None


def _tokens(inner: str) -> Iterator[str]:
    """Yield braces and comma-separated tokens of a marker's inner text, in order.

    A shell expansion `${…}` belongs to its token: its braces are not the marker's.
    """
    if "$" not in inner:  # no expansion: one split (a marker may hold 50,000 tags)
        yield from (token for token in _SEPARATOR_SPLIT.split(inner) if token is not None)
        return
    current: list[str] = []
    expansion = 0  # depth of `${` being read
    previous = ""
    for char in inner:
        if expansion:
            current.append(char)
            expansion += (char == "{") - (char == "}")
        elif char == "{" and previous == "$":
            current.append(char)
            expansion = 1
        elif char in "{}":
            yield "".join(current)
            current = []
            yield char
        elif char == ",":
            yield "".join(current)
            current = []
        else:
            current.append(char)
        previous = char
    yield "".join(current)


def read_marker(inner: str) -> tuple[tuple[MarkerOp, ...] | None, tuple[str, ...]]:
    """Parse the text inside `[[ … ]]` into its effects and the tokens dropped as no tag.

    Braces are read left to right: `{` starts a group whose tags follow it,
    `}` closes the innermost block (named by the tags just before it). A group
    opened and closed in the same marker tags only the paragraph. Tags with no
    brace add to the enclosing block. A token that cannot be a tag is dropped
    alone; a marker left with no tag and no brace is no marker (None): it is
    text, as `if [[ -f "$F" ]]` is. So is one that does nothing once its
    tokens are dropped (`[[{ <b>x</b> }]]`): shown, it hides nothing.
    """
    ops: list[MarkerOp] = []
    dropped: list[str] = []
    pending: dict[str, None] = {}  # tags read since the last brace (a dict: ordered, fast to test)
    group_open = False  # a `{` whose tags are still being read
    braces = 0
    for token in _tokens(inner):
        if token == "{":
            braces += 1
            if group_open:
                ops.append(MarkerOp("open", tuple(pending)))
            elif pending:
                ops.append(MarkerOp("add", tuple(pending)))
            pending, group_open = {}, True
        elif token == "}":
            braces += 1
            if group_open:
                if pending:
                    ops.append(MarkerOp("paragraph", tuple(pending)))
                # `{}` with nothing inside does nothing
            else:
                ops.append(MarkerOp("close", tuple(pending)))
            pending, group_open = {}, False
        else:
            tag = token_tag(token)
            if tag is None:
                dropped.append(token.strip())
            elif tag:
                pending.setdefault(tag)
    if group_open:
        ops.append(MarkerOp("open", tuple(pending)))
    elif pending:
        ops.append(MarkerOp("add", tuple(pending)))
    if not ops and (dropped or not braces):
        # No tag and no brace, or nothing left to do once its tokens are dropped (`[[{ <b>x</b> }]]`): text.
        return None, tuple(dropped)
    return tuple(ops), tuple(dropped)


def parse_marker(inner: str) -> tuple[MarkerOp, ...] | None:
    """Parse the text inside `[[ … ]]`; None when it is not a marker at all (see `read_marker`)."""
    return read_marker(inner)[0]


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
        ops, dropped = read_marker(match.group(1))
        if ops is None:
            continue
        found.append(Marker(number, match.start(), match.end(), match.group(0), ops, dropped))
    return tuple(found)


def adds_tags_only(marker: Marker) -> bool:
    """Whether a marker has no brace: it only adds tags to the block around it (`[[ t ]]`, not `[[{ t ]]`).

    Inside a text note's fenced region such a marker is shown as written, as
    code (`[[source]]` in TOML), and still adds its tags.
    """
    return bool(marker.ops) and all(op.kind == "add" for op in marker.ops)


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
    """Point at what a line's markers could not read.

    Args:
        path: the note's path, for the diagnostics.
        line: the line's text.
        number: its line number.
        found: the markers `find_markers` read on it.
        skip: column spans left alone (inline code), sorted.

    Returns:
        A notice for each marker that dropped a token no tag can be (`$runc`
        in `[[{ $runc ]]`: the marker still opens its block), and a warning at
        the first block marker beginning (`[[{`, `[[}`) that is no marker: one
        split across lines, holding a bracket, or doing nothing once its
        tokens are dropped (one is enough to send the writer there; a line of
        ten thousand would not flood the log).

    """
    problems = [
        Diagnostic(
            path,
            number,
            "dropped-token",
            f"'{marker.raw}': {', '.join(repr(token) for token in marker.dropped)} is no tag "
            "(shell or code: $ = < >, a leading -, a quote inside); the rest of the marker counts",
            Severity.NOTICE,
            marker.start + 1,
        )
        for marker in found
        if marker.dropped
    ]
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
            tokens = ", ".join(repr(token) for token in read_marker(whole.group(1))[1])
            message = f"'{whole.group(0)}' names no tag ({tokens}: shell or code) and does nothing; it is shown as text"
        problems.append(Diagnostic(path, number, "malformed-marker", message, Severity.WARNING, column + 1))
        break
    return tuple(problems)


SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_image(src: str) -> bool:
    """Whether an image source may be shown: http(s), a relative path, or an inline `data:image/…;base64,` image.

    Other `data:` types (`data:text/html`) and other schemes are refused.
    """
    lowered = src.strip().lower()
    if lowered.startswith("data:"):
        return bool(_DATA_IMAGE.match(src.strip()))
    return not lowered.startswith("mailto:") and is_safe_url(src)


def image_style(style: str) -> str:
    """The CSS an `i[path|style]` image gets: its sizes, written `width=3em` or `width:3em`, nothing else."""
    found = (_IMAGE_STYLE.match(part) for part in re.split(r"[;,]", style))
    return ";".join(f"{match.group(1).lower()}:{match.group(2)}" for match in found if match)


def is_safe_url(url: str) -> bool:
    """Whether a link target may become a link: http(s), mailto, or relative."""
    lowered = url.strip().lower()
    if lowered.startswith(SAFE_SCHEMES):
        return True
    return not re.match(r"^[a-z][a-z0-9+.\-]*:", lowered)
