"""What the search indexes: each note's own lines, in passages packed into records, and each topic.

A passage is a stretch of a note: its lines as written (markers cut out), at
most about `RECORD_CHARACTERS` of them. A record packs passages that follow
each other (`PACK_CHARACTERS`), so that a frequent word is in few records and
a search fetches little to show a hit. The record says, in its meta, which of
its lines each passage, block and heading covers: the search box turns the
words a search found into the blocks that hold them (with their chips) or the
sections of text outside any block. Every line of a note is in one record
exactly once, so a word is found once, where the note has it.

A record's `kind` filter says whether it is a note's or a topic's: the search
box counts the notes a language's bundle found, and searches the others when
it found topics only. A note's blocks are its records' tags: a `tag` filter (for `-tag:` and the
facets) and, for a fast `tag:`, a word per tag in its content (`tag_word`):
Pagefind answers a word from the chunks that hold it, and a filter only from
every record's. Topic pages are a record each: their labels, never the blocks
they repeat.

One index serves every interface: URLs are relative to an interface's root
(`aws/s3/#x`, served at `/aws/s3/` and `/es/aws/s3/`), and the `hidden` filter
names the interfaces that do not show a record (a note and its translation are
shown in one each). Records are grouped by the language they are written in,
for stemming.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from cuaderno.kb import KnowledgeBase
from cuaderno.markers import strip_markers
from cuaderno.model import Marker, Note
from cuaderno.note_blocks import KBBlock, block_topics
from cuaderno.render.export import site_link
from cuaderno.taxonomy import ancestors
from cuaderno.urls import encode_fragment, interface_relative_url, tag_url

RECORD_CHARACTERS = 6_000  # a passage of a note
PACK_CHARACTERS = 16_000  # a record: passages that follow each other
LONG_WORD = 200  # characters without a space: no reader searches such a word whole
SHORTENED_WORD = 40
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
TAG_WORD = "qxq"  # how a tag's word begins: no word of a note does
_TAG_WORD_END = "zz"  # ends it, so that no tag's word begins another's (`zz` is written nowhere else)


@dataclass(frozen=True)
class SearchRecord:
    """One thing a search can find: a passage of a note, or a topic."""

    url: str  # where it leads: encoded, from an interface's root (its `url` meta)
    language: str
    content: str
    meta: Mapping[str, str] = field(default_factory=dict)
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)


def tag_word(tag: str) -> str:
    """The word a record holds for each of its tags: `aws.s3` -> `qxqawszwszxdzz`.

    Letters a-y stand for themselves; `z` and every other character are
    written with a `z` and letters, never two `z` in a row, so the closing
    `zz` is found only at the end. Stemming leaves such a word alone (no
    suffix of English or Spanish ends in `zz`). search-query.js writes the
    same words.
    """
    out = [TAG_WORD]
    for char in tag.lower():
        if "a" <= char <= "y":
            out.append(char)
        elif char == "z":
            out.append("zy")
        elif char == ".":
            out.append("zw")
        elif "0" <= char <= "9":
            out.append("zx" + chr(ord("a") + int(char)))
        else:
            out.append("zv" + "".join(chr(ord("a") + int(digit, 16)) for digit in f"{ord(char):x}") + "zu")
    out.append(_TAG_WORD_END)
    return "".join(out)


def block_filters(block: KBBlock) -> list[str]:
    """The tags a block is found under: its own, automatic and inherited tags, and every tag above them."""
    found = block_topics(block)
    for tag in block.inherited:
        found.add(tag)
        found.update(ancestors(tag))
    return sorted(found)


def shown_in_interfaces(kb: KnowledgeBase, interfaces: Sequence[str]) -> dict[str, list[str]]:
    """The interfaces that show each note (a one-language site: none, every note shown)."""
    shown: dict[str, list[str]] = {}
    for lang in interfaces:
        for path in kb.urls.shown_in(lang):
            shown.setdefault(path, []).append(lang)
    return shown


def note_lines(note: Note) -> list[str]:
    """A note's lines as the search reads them.

    Markers are cut out, front matter is left out (as blank lines), and a
    word longer than `LONG_WORD` (an image's `data:` URL, a key) is shortened
    to its beginning: the note's page has it whole.
    """
    by_line: dict[int, list[Marker]] = {}
    for marker in note.markers:
        by_line.setdefault(marker.line, []).append(marker)
    lines = [
        strip_markers(line, tuple(by_line[number])).rstrip() if number in by_line else line.rstrip()
        for number, line in enumerate(note.lines, start=1)
    ]
    if note.meta and lines and lines[0].strip() == "---":
        end = next((number for number in range(1, len(lines)) if lines[number].strip() in ("---", "...")), -1)
        lines[: end + 1] = [""] * (end + 1)
    return [_LONG_WORD.sub(lambda word: word[0][:SHORTENED_WORD] + "…", line) for line in lines]


def _pieces(line: str, limit: int) -> list[str]:
    """A line longer than `limit` cut at spaces into pieces of at most about `limit` characters."""
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", limit // 2, limit)
        cut = cut if cut > 0 else limit
        pieces.append(line[:cut])
        line = line[cut:]
    return [*pieces, line]


def passages(lines: Sequence[str], limit: int = RECORD_CHARACTERS) -> list[tuple[int, int, str]]:
    """A note's lines in passages of whole lines, each at most about `limit` characters.

    Each is its first and last line numbers (from 1) and its text, blank
    lines at either end left out. A line longer than `limit` is cut into
    passages of its own, each a piece of it (first and last are its number).
    """
    found: list[tuple[int, int, str]] = []
    held: list[str] = []
    first = last = size = 0

    def close() -> None:
        nonlocal first, size
        if held:
            found.append((first, last, "\n".join(held)))
        held.clear()
        first = size = 0

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > limit:
            close()
            found.extend((number, number, piece) for piece in _pieces(line, limit) if piece.strip())
            continue
        if held and size + len(line) > limit:
            close()
        if not held:
            first = number
        held.extend([""] * (number - first - len(held)))  # the blank lines between
        held.append(line)
        last = number
        size += len(line) + 1
    close()
    return found


@dataclass(frozen=True)
class _Span:
    """A block as a passage's meta says it: its lines, where it leads, its title, chips and tags."""

    first: int
    last: int
    url: str
    title: str
    chips: str
    tags: list[str]

    def json(self) -> list[object]:
        return [self.first, self.last, self.url, self.title, self.chips, self.tags]


def _spans(kb: KnowledgeBase, note: Note, interfaces: Sequence[str]) -> list[_Span]:
    return [
        _Span(
            first=block.lines[0],
            last=block.lines[1],
            url=site_link(interface_relative_url(block.url, interfaces)),
            title=block.title or note.title,
            chips=" ".join(dict.fromkeys((*block.tags, *block.auto_tags))),
            tags=block_filters(block),
        )
        for block in kb.note_blocks.get(note.path, ())
        if block.text.strip()  # a heading alone: its line is found in its section
    ]


@dataclass(frozen=True)
class _Passage:
    """A passage of a note, as a record's meta lists it."""

    language: str
    hidden: tuple[str, ...]
    url: str  # the note's page, from an interface's root
    note: str  # its title
    first: int
    text: str
    spans: list[_Span]
    headings: list[tuple[int, str, str]]

    def json(self, offset: int) -> list[object]:
        return [offset, self.url, self.note, self.first, [span.json() for span in self.spans], self.headings]


def _passages(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[_Passage]:
    """Every note's passages, note after note, each with the blocks it holds a line of and the headings above."""
    shown = shown_in_interfaces(kb, interfaces)
    for note in kb.notes:
        if interfaces and note.path not in shown:
            continue
        page = site_link(interface_relative_url(kb.note_url(note.path), interfaces))
        hidden = tuple(lang for lang in interfaces if lang not in shown.get(note.path, ()))
        spans = _spans(kb, note, interfaces)
        headings = [
            (heading.line, f"{page}#{encode_fragment(heading.anchor)}", heading.text) for heading in note.headings
        ]
        for first, last, text in passages(note_lines(note)):
            above = [heading for heading in headings if heading[0] <= last]
            at = max((index for index, heading in enumerate(above) if heading[0] <= first), default=0)
            held = [span for span in spans if span.first <= last and span.last >= first]
            yield _Passage(note.lang, hidden, page, note.title, first, text, held, above[at:])


def _packs(found: Iterable[_Passage], limit: int = PACK_CHARACTERS) -> Iterator[list[_Passage]]:
    """Passages in packs of at most about `limit` characters, a passage never cut.

    A pack holds passages that follow each other, in one language, shown in the same interfaces.
    """
    pack: list[_Passage] = []
    size = 0
    for passage in found:
        if pack and (
            size + len(passage.text) > limit or (passage.language, passage.hidden) != (pack[0].language, pack[0].hidden)
        ):
            yield pack
            pack, size = [], 0
        pack.append(passage)
        size += len(passage.text) + 1
    if pack:
        yield pack


def note_records(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per pack of passages of notes, in their language (from an interface's root).

    A search scores each record that holds a word: at 10,000 notes a frequent
    word is in thousands of notes, and Pagefind spends about as long per
    record as a reader waits for 300 ms of them. So a record holds several
    passages, of the same note or of notes that follow it.

    Its meta: `text`, the passages' lines as written (Pagefind collapses the
    spaces of `content`), one after the other, and `passages`: for each, the
    line of `text` it begins at, its note's URL and title, the number of its
    first line in the note, the blocks it holds a line of (first and last
    line, URL, title, chips, tags) and the headings above its lines (line,
    URL, text). search-places.js reads them.
    """
    for pack in _packs(_passages(kb, interfaces)):
        offsets, lines = [], 0
        for passage in pack:
            offsets.append(lines)
            lines += passage.text.count("\n") + 1
        tags = sorted({tag for passage in pack for span in passage.spans for tag in span.tags})
        text = "\n".join(passage.text for passage in pack)
        hidden = list(pack[0].hidden)
        yield SearchRecord(
            url=pack[0].url,
            language=pack[0].language,
            content="\n".join((text, " ".join(tag_word(tag) for tag in tags))),
            meta={
                "title": pack[0].note,
                "kind": "note",
                "text": text,
                "passages": json.dumps(
                    [passage.json(offset) for passage, offset in zip(pack, offsets, strict=True)], ensure_ascii=False
                ),
            },
            filters={"tag": tags, "kind": ["note"], **({"hidden": hidden} if hidden else {})},
        )


def topic_records(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """A record per topic page and interface: its labels in every language and its id, so either finds it."""
    for lang in interfaces or kb.languages[:1]:
        hidden = [other for other in interfaces if other != lang]
        for tag in kb.tags.values():
            labels = dict.fromkeys((tag.labels.get(lang) or tag.id, *tag.labels.values(), tag.id))
            tags = sorted({tag.id, *ancestors(tag.id)})
            yield SearchRecord(
                url=site_link(tag_url(tag.id)),
                language=lang,
                content="\n".join((" · ".join(labels), " ".join(tag_word(found) for found in tags))),
                meta={"title": tag.labels.get(lang) or tag.id, "tags": " ".join(tags), "kind": "topic"},
                filters={"tag": tags, "kind": ["topic"], **({"hidden": hidden} if hidden else {})},
            )


def search_records(kb: KnowledgeBase, interfaces: Sequence[str]) -> Iterator[SearchRecord]:
    """Everything the search finds: each note's passages, each topic."""
    yield from note_records(kb, interfaces)
    yield from topic_records(kb, interfaces)
