"""How deep a Markdown note nests what Python-Markdown parses recursively, and the bound a page survives.

Python-Markdown reads a nested list, a nested quote or an HTML block with a
`markdown` attribute (md_in_html) by calling itself once per level, and
serialises the resulting tree the same way. Deep enough, a note exceeds
Python's recursion limit (1,000 frames) inside MkDocs and the whole build
stops. Measured with `cuaderno build` on one note (Python 3.11, the site's
extensions): a list indented four spaces per level fails at 247 levels, a
line of `- - - …` at 491 markers, nested `<div markdown="1">` at 327,
emphasis nested in one paragraph (`*a *a … x**…`) at 981; quotes written
`> > > …`, nested links and plain nested HTML survive 1,200. A note nesting
deeper than `MAX_NESTING` (`MAX_EMPHASIS` for emphasis) is shown as written
instead, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

# Well below the 247 levels a list fails at, so that a theme or plugin deepening the stack still fits;
# far above what anyone writes (the deepest Markdown notes of the seed corpus and real collections nest 5 and 2).
MAX_NESTING = 100
# Emphasis fails four times deeper than lists; a paragraph of unclosed `*.txt` globs must not pass it.
MAX_EMPHASIS = 300
DEEP_NESTING = "deep-nesting"  # the code of the warning

# One container a line opens: a quote marker or a list marker, after its indentation.
_CONTAINER_RE = re.compile(r"(?P<indent>[ \t]*)(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))")
_CONTAINER_START = frozenset(" \t>-*+0123456789")
# An HTML block md_in_html parses as Markdown (`<div markdown="1">`), and a closing tag.
_MARKDOWN_HTML_RE = re.compile(r"<(?P<name>[A-Za-z][\w-]*)\s[^<>]*?\bmarkdown\b", re.IGNORECASE)
_CLOSING_TAG_RE = re.compile(r"</(?P<name>[A-Za-z][\w-]*)\s*>")
INDENT_WIDTH = 4  # Python-Markdown nests a list one level per four columns
# Emphasis delimiter runs that may open (after a space or bracket, before a letter) or close (the other way round).
_EMPHASIS_OPENER = re.compile(r"(?<![^\s(\[{])[*_]+(?=[^\s*_])")
_EMPHASIS_CLOSER = re.compile(r"(?<=[^\s*_])[*_]+(?![^\s)\]},.;:!?])")


def line_nesting(line: str) -> int:
    """How many lists and quotes a line opens: `> - x` opens 2, a list item indented 8 columns 3.

    A list item's indentation counts one level per four columns (as
    Python-Markdown nests lists), so the measure never falls short of the
    parser's; it may exceed it for deeply indented text, which is harmless.
    """
    if not line or line[0] not in _CONTAINER_START:
        return 0
    depth = position = 0
    while (match := _CONTAINER_RE.match(line, position)) is not None:
        depth += 1 + len(match.group("indent").expandtabs(INDENT_WIDTH)) // INDENT_WIDTH
        position = match.end()
    return depth


def too_deep(lines: Sequence[str], skip: Collection[int], first: int = 1) -> tuple[int, int, int] | None:
    """The first line (1-based) where a Markdown note nests deeper than it may: the line, its depth, the bound.

    Lines in `skip` (fenced code) are left out. Markdown HTML blocks count
    from their opening tag to the tag that closes them; emphasis runs that
    may open, less those that may close, within a paragraph.
    """
    html: list[str] = []  # names of the open `markdown` HTML blocks, innermost last
    emphasis = 0  # emphasis left open in the current paragraph
    for number in range(first, len(lines) + 1):
        if number in skip:
            continue
        line = lines[number - 1]
        if "<" in line and (html or "markdown" in line.lower()):
            html = _html_blocks(line, html)
        depth = len(html) + line_nesting(line)
        if depth > MAX_NESTING:
            return number, depth, MAX_NESTING
        if not line.strip():
            emphasis = 0
        elif "*" in line or "_" in line:
            emphasis, most = _open_emphasis(line, emphasis)
            if most > MAX_EMPHASIS:
                return number, most, MAX_EMPHASIS
    return None


def _open_emphasis(line: str, open_before: int) -> tuple[int, int]:
    """The emphasis open after `line` and the most open along it, given how much was open before it.

    A rough upper bound of Python-Markdown's nesting: any run that may open
    counts, as many as its length, and closes what a run that may close does.
    """
    events = sorted(
        [(m.start(), len(m.group(0))) for m in _EMPHASIS_OPENER.finditer(line)]
        + [(m.start(), -len(m.group(0))) for m in _EMPHASIS_CLOSER.finditer(line)]
    )
    most = current = open_before
    for _column, change in events:
        current = max(0, current + change)
        most = max(most, current)
    return current, most


def _html_blocks(line: str, open_blocks: list[str]) -> list[str]:
    """The `markdown` HTML blocks open after `line`, given those open before it."""
    events = sorted(
        [(m.start(), m.group("name").lower(), True) for m in _MARKDOWN_HTML_RE.finditer(line)]
        + [(m.start(), m.group("name").lower(), False) for m in _CLOSING_TAG_RE.finditer(line)]
    )
    for _column, name, opens in events:
        if opens:
            open_blocks.append(name)
        elif open_blocks and open_blocks[-1] == name:
            open_blocks.pop()
    return open_blocks
