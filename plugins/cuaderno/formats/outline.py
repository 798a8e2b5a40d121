"""Outline text: `- Item` lines at column 0, `//` comments, code pasted without fences.

Structure is put on top of the text: items become headings, comments become
prose, pasted code becomes a fenced block (its label line, such as `main.tf`,
its title), and whatever is left is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from cuaderno.formats.code import LABEL_RE, detect_code_language, language_of_label
from cuaderno.formats.common import anchor_slugger, assemble, heading_label, without_line_break
from cuaderno.formats.fences import TextFence, text_fences
from cuaderno.model import (
    CodeSegment,
    Heading,
    HeadingSegment,
    Note,
    PreformattedSegment,
    ProseSegment,
    Segment,
    TextSegment,
)
from cuaderno.sources import Source

LineKind = Literal["blank", "item", "comment", "label", "other", "fence"]
ITEM_RE = re.compile(r"^- (?P<text>\S.*)$")
# Where an item's side comment begins: `//`, but not the `//` of a URL (`https://…`).
SIDE_COMMENT_RE = re.compile(r"(?<![:/])//")
COMMENT_RE = re.compile(r"^[ \t]*//")
TITLE_WIDTH = 100


def classify(line: str) -> LineKind:
    """The role of one line in an outline note."""
    if not line.strip():
        return "blank"
    if ITEM_RE.match(line):
        return "item"
    if COMMENT_RE.match(line):
        return "comment"
    if LABEL_RE.match(line):
        return "label"
    return "other"


def heading_source(line: str) -> str:
    """The heading an outline line gives, as written: an item's text before its side comment, or the title line."""
    line = without_line_break(line)
    item = ITEM_RE.match(line)
    if item is None:
        return line.strip()
    text = item.group("text")
    head = _split_comment(text)[0].strip()
    return head or text.strip()


def _split_comment(text: str) -> tuple[str, str, str]:
    """An item's text and its side comment: `Docs // see below` -> (`Docs `, `//`, ` see below`); URLs stay whole."""
    found = SIDE_COMMENT_RE.search(text)
    return (text[: found.start()], "//", text[found.end() :]) if found else (text, "", "")


def _has_words(line: str) -> bool:
    return any(char.isalnum() for char in line)


def _comment_text(line: str) -> str:
    line = without_line_break(line)
    return line.split("//", 1)[1].strip() if "//" in line else line.strip()


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.lines = source.lines
        self.kinds: list[LineKind] = [classify(line) for line in self.lines]
        self.fences: dict[int, TextFence] = {}
        for fence in text_fences(self.lines, source.body_start):
            self.fences[fence.open] = fence
            self.kinds[fence.open - 1 : fence.close] = ["fence"] * (fence.close - fence.open + 1)
        self.segments: list[Segment] = []
        self.headings: list[Heading] = []
        self.slugger = anchor_slugger(self.lines, source.body_start)

    def kind(self, number: int) -> LineKind:
        return self.kinds[number - 1]

    def add_heading(self, number: int, level: int, text: str) -> None:
        text = heading_label(text)
        heading = Heading(number, level, text, self.slugger.slug(text))
        self.headings.append(heading)
        self.segments.append(HeadingSegment(heading))

    def prose(self, number: int, first_text: str) -> int:
        """Add a prose paragraph starting at `number`; return the next line to read."""
        parts = [first_text]
        last = number
        while last < len(self.lines) and self.kind(last + 1) == "other" and self.lines[last][:1] in " \t":
            last += 1
            parts.append(without_line_break(self.lines[last - 1]).strip())
        self.segments.append(ProseSegment(number, last, " ".join(p for p in parts if p)))
        return last + 1

    def _run_end(self, number: int) -> int:
        """Last line of the run of `other`/blank lines from `number` (trailing blanks excluded)."""
        end = number
        last_text = number
        while end < len(self.lines) and self.kind(end + 1) in ("other", "blank"):
            end += 1
            if self.kind(end) == "other":
                last_text = end
        return last_text

    def labelled_code(self, number: int) -> int:
        label = self.lines[number - 1].strip().rstrip(":").strip()
        first = number + 1
        while first <= len(self.lines) and self.kind(first) == "blank":
            first += 1
        if first > len(self.lines) or self.kind(first) not in ("other",):
            self.segments.append(TextSegment(number, number))
            return number + 1
        last = self._run_end(first)
        text = "\n".join(self.lines[first - 1 : last])
        language = language_of_label(label)
        if language == "text":
            language = detect_code_language(text) or "text"
        self.segments.append(CodeSegment(first, last, language, label))
        return last + 1

    def loose_lines(self, number: int) -> int:
        """Split a run of loose lines into code snippets and text shown as written."""
        last = self._run_end(number)
        chunks: list[tuple[int, int]] = []
        start = number
        for line in range(number, last + 2):
            if line > last or self.kind(line) == "blank":
                if start < line:
                    chunks.append((start, line - 1))
                start = line + 1
        merged: list[tuple[int, int, str | None]] = []
        for first, end in chunks:
            language = detect_code_language("\n".join(self.lines[first - 1 : end]))
            if merged and language and merged[-1][2] == language:
                merged[-1] = (merged[-1][0], end, language)
            else:
                merged.append((first, end, language))
        for first, end, language in merged:
            self.segments.append(CodeSegment(first, end, language, "") if language else TextSegment(first, end))
        return last + 1

    def read(self) -> None:
        number = self.source.body_start
        seen_text = False
        while number <= len(self.lines):
            kind = self.kind(number)
            line = self.lines[number - 1]
            if kind == "blank":
                number += 1
                continue
            if kind == "fence":
                fence = self.fences[number]
                self.segments.append(
                    PreformattedSegment(fence.first, fence.last, fence.margin, fence.label, fence.head, fence.bullet)
                )
                number = fence.close + 1
                seen_text = True
                continue
            if not seen_text and kind == "other" and not _has_words(line):
                self.segments.append(TextSegment(number, number))  # a rule (`---`) above the title, as written
                number += 1
                continue
            if not seen_text and kind == "other" and len(line.strip()) <= TITLE_WIDTH:
                self.add_heading(number, 1, line.strip())
                number += 1
            elif kind == "item":
                text = ITEM_RE.match(line).group("text")  # type: ignore[union-attr]
                comment = _split_comment(text)[2]
                self.add_heading(number, 2, heading_source(line))
                number = self.prose(number, comment.strip()) if comment.strip() else number + 1
            elif kind == "comment":
                number = self.prose(number, _comment_text(line))
            elif kind == "label":
                number = self.labelled_code(number)
            else:
                number = self.loose_lines(number)
            seen_text = True


def parse(source: Source, languages: Sequence[str]) -> Note:
    """Read an outline note into headings, prose, code and text segments."""
    reader = _Reader(source)
    reader.read()
    title = next((h.text for h in reader.headings if h.level == 1), "")
    return assemble(source, reader.lines, (), reader.headings, reader.segments, languages, {}, frozenset(), title=title)
