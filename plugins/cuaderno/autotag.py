"""Tags inferred from taxonomy keywords, for sections that carry no marker.

Keywords count only in the prose of a note: never inside a URL, a link (its
text or its target), inline or fenced code, a marker or raw HTML. A note
whose front matter says `auto_tags: false` gets no tag from keywords at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from cuaderno.formats.fences import text_fences
from cuaderno.formats.markdown import code_spans, fenced_lines
from cuaderno.markers import ANCHOR_RE, LINK_RE
from cuaderno.model import (
    DiagramSegment,
    Format,
    HeadingSegment,
    MarkdownSegment,
    Note,
    ProseSegment,
    TextSegment,
)
from cuaderno.taxonomy import Taxonomy

# A section's body must mention a keyword this often to be tagged by it; one mention in the heading is enough.
BODY_MENTIONS = 2
# The front matter key with which a note opts out of keyword tagging.
AUTO_TAGS_KEY = "auto_tags"

Spans = tuple[tuple[int, int], ...]
LineMatches = tuple[re.Match[str], ...]

# Spans of a line where keywords never count, in every format: markers, `@[…]` links, `#[…]` anchors,
# URLs (with a scheme, `www.`, or a bare domain with a path), e-mail addresses, inline code.
_URL = r"(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"
_DOMAIN = r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|edu|gov|info)\b"
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"
_CODE = r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
_PLAIN_SKIP = re.compile(
    rf"\[\[[^\[\]\n]*\]\]|{LINK_RE.pattern}|{ANCHOR_RE.pattern}|<(?:https?|ftp|mailto):[^>\s]*>|{_URL}|{_EMAIL}|{_DOMAIN}",
    re.IGNORECASE,
)
_TEXT_SKIP = re.compile(rf"{_PLAIN_SKIP.pattern}|{_CODE}", re.IGNORECASE)
# Markdown adds links and images (their text and target), reference definitions and raw HTML tags.
_MARKDOWN_SKIP = re.compile(
    rf"{_PLAIN_SKIP.pattern}|!?\[[^\[\]]*\]\([^()]*\)|!?\[[^\[\]]*\]\[[^\[\]]*\]|^\s{{0,3}}\[[^\]]+\]:.*$|</?[a-z][^<>]*>",
    re.IGNORECASE,
)


class KeywordIndex:
    """Finds taxonomy keywords (any language) in text, as whole words, ignoring case."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.tags_of: dict[str, set[str]] = {}
        for tag_id, info in taxonomy.entries.items():
            for words in info.keywords.values():
                for word in words:
                    self.tags_of.setdefault(word.casefold(), set()).add(tag_id)
        # One pattern, the keywords arranged as a trie: where a text has no keyword the engine gives up at
        # the first letter, where it has one the longest keyword wins ("Secrets Manager" over "Secrets").
        self.pattern = (
            re.compile(r"(?<!\w)(" + _trie_pattern(self.tags_of) + r")(?!\w)", re.IGNORECASE) if self.tags_of else None
        )

    def for_note(self, note: Note) -> KeywordIndex:
        """The keywords that may tag `note`: these, or none when its front matter says `auto_tags: false`."""
        return self if auto_tags_allowed(note) else _NO_KEYWORDS

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The keywords of `text` outside URLs, links, markers and code, left to right (group 1: the keyword)."""
        if self.pattern is not None:
            yield from _outside(self.pattern.finditer(text), _skipped(text, _TEXT_SKIP))

    def line_matches(self, lines: Sequence[str]) -> list[LineMatches]:
        """The keywords of each line, taken as plain text (no code, URLs or links)."""
        if self.pattern is None:
            return [()] * len(lines)
        return [tuple(self.finditer(line)) if line else () for line in lines]

    def note_matches(self, note: Note) -> list[LineMatches]:
        """The keywords of each line of a note, where they count: its prose and headings.

        Lines of code (pasted, fenced, or a text note's ```` ``` ```` region),
        front matter and the spans `_TEXT_SKIP`/`_MARKDOWN_SKIP` name hold
        none; a note with `auto_tags: false` in its front matter holds none.
        """
        found: list[LineMatches] = [()] * len(note.lines)
        if self.pattern is None or not auto_tags_allowed(note):
            return found
        find = self.pattern.finditer
        for number, is_markdown in prose_lines(note):
            line = note.lines[number - 1]
            matches = tuple(find(line)) if line else ()
            if not matches:
                continue
            if is_markdown:
                skip = _skipped(line, _MARKDOWN_SKIP) + (code_spans(line) if "`" in line else ())
            else:
                skip = _skipped(line, _TEXT_SKIP)
            found[number - 1] = tuple(_outside(matches, skip))
        return found

    def count(self, matches: Iterable[re.Match[str]]) -> Counter[str]:
        """How many times each tag's keywords occur among `matches`."""
        found: Counter[str] = Counter()
        for match in matches:
            for tag in self.tags_of.get(match.group(1).casefold(), ()):
                found[tag] += 1
        return found

    def mentions(self, text: str) -> Counter[str]:
        """How many times each tag's keywords occur in `text` (outside URLs, links, markers and code)."""
        return self.count(self.finditer(text))

    def tags_for(self, heading: str, body: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Tags for a section: keywords in its heading, or mentioned often enough in its body."""
        return choose_tags(self.mentions(heading), self.mentions(body), exclude)


_NO_KEYWORDS = KeywordIndex(Taxonomy())


def auto_tags_allowed(note: Note) -> bool:
    """Whether keywords may tag the note: not when its front matter says `auto_tags: false` (or `no`, `off`)."""
    value = note.meta.get(AUTO_TAGS_KEY, True)
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0")
    return value is not False


def prose_lines(note: Note) -> Iterator[tuple[int, bool]]:
    """The lines of a note where keywords count, each with whether it is Markdown.

    Headings, text shown as written, outline prose and Markdown outside
    fences; never pasted code, a fenced region, or a line before the body.
    """
    markdown = any(isinstance(segment, MarkdownSegment) for segment in note.segments)
    fenced = fenced_lines(note.lines) if markdown else frozenset()
    if any("```" in line for line in note.lines):
        # The author's ``` regions (after a `* ` bullet, with a `| ` margin): code, commands and listings.
        fenced = fenced | _text_fenced_lines(note.lines)
    for segment in note.segments:
        if isinstance(segment, HeadingSegment):
            yield segment.heading.line, note.format is Format.MARKDOWN
        elif isinstance(segment, TextSegment | ProseSegment) or (
            isinstance(segment, DiagramSegment) and not segment.fenced
        ):
            yield from ((n, False) for n in range(segment.first, segment.last + 1) if n not in fenced)
        elif isinstance(segment, MarkdownSegment):
            yield from ((n, True) for n in range(segment.first, segment.last + 1) if n not in fenced)


def _text_fenced_lines(lines: Sequence[str]) -> frozenset[int]:
    """Lines of the fenced regions of a text note (```` ``` ````, often with a `| ` margin), fences included."""
    inside: set[int] = set()
    for fence in text_fences(lines):
        inside.update(range(fence.open, fence.close + 1))
    return frozenset(inside)


def _skipped(line: str, pattern: re.Pattern[str]) -> Spans:
    """The spans of `line` that `pattern` says keywords must stay out of."""
    if not any(c in line for c in "[@#:/.`<"):
        return ()
    return tuple((m.start(), m.end()) for m in pattern.finditer(line))


def _outside(matches: Iterable[re.Match[str]], skip: Spans) -> Iterator[re.Match[str]]:
    """The matches that overlap none of the `skip` spans."""
    for match in matches:
        if not any(a < match.end() and match.start() < b for a, b in skip):
            yield match


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, written as a trie: `s3|sqs` -> `s(?:3|qs)`."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:  # type: ignore[type-arg]
        paths = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not paths:
            return ""
        either = paths[0] if len(paths) == 1 else "(?:" + "|".join(paths) + ")"
        return f"(?:{either})?" if "" in node else either  # greedy: the longer keyword is tried first

    return branch(trie)


def choose_tags(in_heading: Counter[str], in_body: Counter[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """A section's tags from its keyword counts: any named in its heading, those its body names often enough."""
    skip = set(exclude)
    chosen = [tag for tag in in_heading if tag not in skip]
    chosen += [tag for tag, n in in_body.most_common() if n >= BODY_MENTIONS and tag not in skip]
    return tuple(dict.fromkeys(chosen))
