"""A block's title as the site shows it: the words of its first line, without the markup around them.

The parse stage titles a block with its heading or its first line of text, as
written. Shown as a card's or a topic entry's title, that line must read like
a heading does on its page: no `| ` margin, fence, bullet, `**`, backticks,
`<br/>`, comments or autolink brackets; a line with no word in it (a fence,
a lone `|`, a stray `}]]`, a rule of dashes) gives no title, the next one does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cuaderno.formats.common import heading_label

# How many lines of a block are tried for its title, so that titling stays linear in the note's size.
TITLE_LOOKAHEAD = 8
TITLE_WIDTH = 80
# What is read of a candidate line: enough for a title, and no regex here ever reads a megabyte line.
_READ = 5 * TITLE_WIDTH

# What opens a line without being its words: a `| ` margin, heading hashes, a bullet, a quote.
_LINE_START = re.compile(r"^(?:\s*\|(?=\s|$))?\s*(?:#{1,6}(?=\s)|[-*+>](?=\s))?\s*")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*)>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|em|strong|code|kbd|span|u|s|del|mark|small|sub|sup|tt|a|font|center)\b[^<>]*>")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")


def title_words(line: str) -> str:
    """A title candidate without its markup: `| * **Records**: <br/>` -> `Records:`."""
    text = _LINE_START.sub("", line[:_READ], count=1)
    if _FENCE.match(text):
        return ""
    if "<" in text:
        text = _INLINE_TAG.sub("", _AUTOLINK.sub(r"\1", _LINE_BREAK.sub(" ", _COMMENT.sub(" ", text))))
    if "`" in text:
        text = _CODE_SPAN.sub(lambda match: match.group(2).strip(), text)
    if "**" in text:  # not `__`: `__init__` is a name
        text = _STRONG.sub(r"\1", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    return heading_label(text)


def block_title(candidates: Iterable[str]) -> str:
    """The first candidate whose words hold a letter or digit, without its markup and shortened; else ``."""
    for candidate in candidates:
        words = title_words(candidate)
        if any(char.isalnum() for char in words):
            return words if len(words) <= TITLE_WIDTH else words[: TITLE_WIDTH - 1] + "…"
    return ""
