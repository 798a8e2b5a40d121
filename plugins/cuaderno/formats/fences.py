"""Preformatted regions of text notes: ```` ``` ```` fences, often with a `| ` left margin on their lines.

The author's later notes write a preformatted part as

      ```
      | ┌────┐
      | │ db │   <·· aligned comment
      | └────┘
      ```

The fence lines and the margin are markup, not content: the region shows its
lines with the margin cut off, every column after it kept. The margin is cut
only when every line of the region has it (a line blank up to the margin's
`|` has an empty margin), so nothing written is ever cut. The text after the
opening fence is the region's language or label when it is one word
(```` ```java ````); several words are content, the region's first line.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

# An opening fence: indent, an optional list bullet (`* `, `- `), an optional `|` margin, three or more backticks.
OPENING_RE = re.compile(r"^(?P<lead>[ \t]*(?:[*-][ \t]+)?)(?:\|[ \t]*)?(?P<ticks>`{3,})(?P<info>[^`]*)$")
CLOSING_RE = re.compile(r"^[ \t]*(?:\|[ \t]*)?(?P<ticks>`{3,})[ \t]*$")
_BULLET_RE = re.compile(r"[*-]")


@dataclass(frozen=True)
class TextFence:
    """A fenced region of a text note.

    `open` and `close` are the fence lines (1-based); the content lies
    between them. `margin` columns are cut from each content line. `label` is
    the one-word info string; `head` the text after the opening backticks when
    it is content (several words); `bullet` the list bullet written before the
    opening backticks (`*`), shown above the region.
    """

    open: int
    close: int
    margin: int
    label: str
    head: str
    bullet: str

    @property
    def first(self) -> int:
        """The first content line."""
        return self.open + 1

    @property
    def last(self) -> int:
        """The last content line (`first - 1` for an empty region)."""
        return self.close - 1


def margin_width(lines: Sequence[str]) -> int:
    """How many columns of `| ` margin every line of a region has (0 when one of them lacks it).

    The margin ends at a `|` at the same column on each line, after nothing but
    spaces; a line blank up to that column (or wholly blank) has an empty
    margin. Most lines must hold the `|`, so a pipe that begins one line of a
    shell pipeline is not taken for a margin. One space after the `|` is part
    of the margin when every line has a space (or nothing) there.
    """
    written = [line for line in lines if line.strip()]
    if not written:
        return 0
    first = written[0]
    column = len(first) - len(first.lstrip(" "))
    if first[column : column + 1] != "|":
        return 0
    piped = 0
    for line in written:
        if line[column : column + 1] == "|" and not line[:column].strip(" "):
            piped += 1
        elif line[: column + 1].strip(" "):
            return 0
    if piped * 2 < len(written):
        return 0
    width = column + 1
    if all(line[width : width + 1] in ("", " ") for line in written):
        width += 1
    return width


def text_fences(lines: Sequence[str], first: int = 1) -> list[TextFence]:
    """The closed fenced regions of lines `first..` of a text note, in order.

    An opening fence pairs with the next closing one (a bare fence of as many
    backticks or more), over blank lines as Markdown reads it; an opening
    fence that never closes is text.
    """
    found: list[TextFence] = []
    # Each closing fence line and its backticks, found once: looking ahead from every opening would be quadratic.
    closers: list[tuple[int, int]] = []
    for number in range(first, len(lines) + 1):
        if "`" in lines[number - 1] and (match := CLOSING_RE.match(lines[number - 1])):
            closers.append((number, len(match.group("ticks"))))
    number = first
    while number <= len(lines):
        opening = OPENING_RE.match(lines[number - 1]) if "`" in lines[number - 1] else None
        if opening is None:
            number += 1
            continue
        ticks = len(opening.group("ticks"))
        at = bisect.bisect_right(closers, (number, sys.maxsize))
        close = next((line for line, length in closers[at:] if length >= ticks), 0)
        if not close:
            number += 1
            continue
        info = opening.group("info").strip()
        label, head = (info, "") if len(info.split()) <= 1 else ("", info)
        bullet = _BULLET_RE.search(opening.group("lead"))
        found.append(
            TextFence(
                number,
                close,
                margin_width(lines[number : close - 1]),
                label,
                head,
                bullet.group(0) if bullet else "",
            )
        )
        number = close + 1
    return found
