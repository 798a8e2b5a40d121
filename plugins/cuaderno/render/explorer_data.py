"""The small static files the explorer and the search box load instead of `kb.json`.

`kb.json` is the whole knowledge base (150 MB at 10,000 notes); a page needs a
sliver of it. Everything lives under `kb/` at the site root, one set for every
interface (URLs are relative to the site root, as in `kb.json`):

- `kb/tags.json`: every tag, its parent, labels in every language, aliases
  merged into it and count. The first file the explorer and the search box
  fetch (as `kb/tags.json.gz`, the same gzipped); tags are numbered by their
  place in it.
- `kb/explorer/blocks.json`: the shape of the blocks, numbered in document
  order: each block's parent (as a distance back), language and note as
  runs, how many results each tag alone gives, and where the other files
  split.
- `kb/explorer/postings/<n>.json`: for a run of tags, the blocks under each
  (the tag or one below it, written, inherited or automatic), as gaps.
- `kb/explorer/forward/<n>.json`: for a run of blocks, the tags each carries
  (numbers, ancestors left out): the remaining counts of a selection.
- `kb/explorer/cards/<n>.json`: for a run of blocks, what a result card shows.
- `kb/explorer/text/<n>.json`: for a run of blocks, `[title, text]` each, for
  the text filter (and cards without HTML).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cuaderno.kb import KnowledgeBase
from cuaderno.render.blocks import BlockRenderer
from cuaderno.render.export import kb_document
from cuaderno.urls import KB_DATA_DIR, TAG_INDEX_FILE, TAG_INDEX_PACKED

DATA_VERSION = 1
EXPLORER_DIR = f"{KB_DATA_DIR}/explorer"
SHAPE_FILE = "blocks.json"  # in EXPLORER_DIR: the blocks' shape, fetched first with the tag index
CARD_BLOCKS = 16  # blocks per card file: a page of results spread over the notes fetches little besides its own
TEXT_BLOCKS = 256  # blocks per text file, fetched only by the text filter
FORWARD_BLOCKS = 2048  # blocks per file of their tags, fetched for the remaining counts
POSTING_BYTES = 32_000  # about how much of the postings one file holds (a larger list has a file alone)

# What a card shows of a block, as `kb.json` has it; its chips are its written and automatic tags.
CARD_FIELDS = ("id", "note", "url", "lang", "title", "lines", "html", "more_lines")

Document = Mapping[str, Any]


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def tag_index(document: Document, aliases: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`kb/tags.json`: each tag of `kb.json` with its parent, labels (every language), aliases and count.

    A tag whose every label is its id has no `label` (495 of DevOps' 520 tags: half the file).

    Args:
        document: The knowledge base as `kb.json` has it (`export.kb_document`).
        aliases: Variant id -> the id it is merged into (the taxonomy's table).

    """
    languages = list(document.get("languages") or [])
    merged: dict[str, list[str]] = {}
    for alias, target in sorted((aliases or {}).items()):
        if alias != target:
            merged.setdefault(target, []).append(alias)
    tags = []
    for tag in document.get("tags", ()):
        label = dict(tag.get("label") or {})
        # Every language of the site, so that a label is found whichever interface asks; none when each
        # is the id (a tag the taxonomy does not name): the reader falls back to the id.
        labels = {lang: label.get(lang) or next(iter(label.values()), tag["id"]) for lang in languages} or label
        entry: dict[str, Any] = {"id": tag["id"], "parent": tag.get("parent")}
        if any(text != tag["id"] for text in labels.values()):
            entry["label"] = labels
        entry["count"] = tag.get("count", 0)
        if merged.get(tag["id"]):
            entry["aliases"] = merged[tag["id"]]
        tags.append(entry)
    return {"version": DATA_VERSION, "languages": languages, "tags": tags}


def _tag_closure(tags: Sequence[Mapping[str, Any]]) -> list[tuple[int, ...]]:
    """Each tag's number with its ancestors' (as `tag-index.js` walks them: parent links and dotted ids)."""
    number = {tag["id"]: n for n, tag in enumerate(tags)}

    def parents(n: int) -> list[int]:
        tag_id = str(tags[n]["id"])
        found = [number[tags[n]["parent"]]] if tags[n].get("parent") in number else []
        parts = tag_id.split(".")
        for cut in range(len(parts) - 1, 0, -1):  # the nearest dotted prefix that is a tag
            up = number.get(".".join(parts[:cut]))
            if up is not None:
                found.append(up)
                break
        return [up for up in found if up != n]

    closure: list[tuple[int, ...]] = []
    for n in range(len(tags)):
        chain = [n]
        seen = {n}
        for tag in chain:  # grows as it goes; `seen` ends a cycle in hostile data
            for up in parents(tag):
                if up not in seen:
                    seen.add(up)
                    chain.append(up)
        closure.append(tuple(chain))
    return closure


def _runs(values: Iterable[int]) -> list[int]:
    """Values as runs: `[0, 0, 1, 0]` -> `[0, 2, 1, 1, 0, 1]` (value, run length, …)."""
    out: list[int] = []
    for value in values:
        if out and out[-2] == value:
            out[-1] += 1
        else:
            out.extend((value, 1))
    return out


def _gaps(numbers: Sequence[int]) -> list[int]:
    """Sorted numbers as the first and the gaps between them: short JSON."""
    return [number - (numbers[n - 1] if n else 0) for n, number in enumerate(numbers)]


def _chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(count, start + size))


class _Blocks:
    """The blocks of a document, numbered, with their parents and tag numbers."""

    def __init__(self, document: Document) -> None:
        self.blocks: Sequence[Mapping[str, Any]] = document.get("blocks", ())
        self.tags: Sequence[Mapping[str, Any]] = document.get("tags", ())
        tag_number = {tag["id"]: n for n, tag in enumerate(self.tags)}
        closure = _tag_closure(self.tags)
        position = {block["id"]: n for n, block in enumerate(self.blocks)}
        self.parents: list[int | None] = []
        self.own: list[list[int]] = []  # written, inherited and automatic tags, as numbers
        self.expanded: list[set[int]] = []  # with every ancestor tag
        for n, block in enumerate(self.blocks):
            up = position.get(block.get("parent") or "")
            self.parents.append(up if up is not None and up < n else None)  # parents come first
            own: list[int] = []
            for tag in (*block.get("tags", ()), *block.get("inherited_tags", ()), *block.get("auto_tags", ())):
                found = tag_number.get(tag)
                if found is not None and found not in own:
                    own.append(found)
            self.own.append(own)
            self.expanded.append({up_tag for tag in own for up_tag in closure[tag]})

    def postings(self) -> list[list[int]]:
        """For each tag, the blocks under it, in order."""
        postings: list[list[int]] = [[] for _ in self.tags]
        for n, tags in enumerate(self.expanded):
            for tag in tags:
                postings[tag].append(n)
        return postings

    def alone(self) -> list[int]:
        """For each tag, how many results it gives alone: blocks under it that no block under it encloses."""
        counts = [0] * len(self.tags)
        for n, tags in enumerate(self.expanded):
            outer = set(tags)
            up = self.parents[n]
            while up is not None and outer:
                outer -= self.expanded[up]
                up = self.parents[up]
            for tag in outer:
                counts[tag] += 1
        return counts


def _posting_shards(postings: Sequence[Sequence[int]]) -> tuple[list[int], list[bytes]]:
    """Runs of tags whose gap-encoded postings fill about POSTING_BYTES: their first tags and their files."""
    firsts: list[int] = []
    files: list[bytes] = []
    current: list[list[int]] = []
    size = 0
    for tag, blocks in enumerate(postings):
        encoded = _gaps(blocks)
        weight = 2 + sum(len(str(gap)) + 1 for gap in encoded)
        if current and size + weight > POSTING_BYTES:
            files.append(_dumps(current))
            current, size = [], 0
        if not current:
            firsts.append(tag)
        current.append(encoded)
        size += weight
    if current:
        files.append(_dumps(current))
    return firsts, files


def _card_file(
    blocks: Sequence[Mapping[str, Any]], numbers: range, notes: Mapping[str, Any], tag_urls: Mapping[str, Any]
) -> bytes:
    """What the cards of these blocks show: title, links, own tags with their pages, rendered HTML."""
    cards = []
    note_info: dict[str, Any] = {}
    chips: dict[str, Any] = {}
    for n in numbers:
        block = blocks[n]
        own = [*block.get("tags", ()), *block.get("auto_tags", ())]
        card = {key: block[key] for key in CARD_FIELDS if key in block}
        card["tags"] = own
        cards.append(card)
        note = notes.get(block.get("note", ""))
        if note is not None:
            note_info[note["path"]] = {"title": note.get("title"), "url": note.get("url")}
        chips.update((tag, tag_urls[tag]) for tag in own if tag in tag_urls)
    return _dumps({"notes": note_info, "tags": chips, "blocks": cards})


def explorer_files(document: Document, aliases: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Every file of `kb/` (the tag index and the explorer's files), by its path from the site root.

    Args:
        document: The knowledge base as `kb.json` has it (`export.kb_document`).
        aliases: Variant id -> the id it is merged into (the taxonomy's table).

    Returns:
        Path -> content; each a JSON document.

    """
    tags = tag_index(document, aliases)
    shape = _Blocks(document)
    blocks = shape.blocks
    languages = list(dict.fromkeys([*tags["languages"], *(block.get("lang", "") for block in blocks)]))
    note_order = {note["path"]: n for n, note in enumerate(document.get("notes", ()))}
    firsts, posting_files = _posting_shards(shape.postings())
    files: dict[str, bytes] = {TAG_INDEX_FILE: _dumps(tags)}
    # Fetched by every first search: gzipped (32 kB -> 4.7 kB for DevOps' 520 tags), read by fetch-json.js.
    files[TAG_INDEX_PACKED] = gzip.compress(files[TAG_INDEX_FILE], mtime=0)
    files[f"{EXPLORER_DIR}/{SHAPE_FILE}"] = _dumps(
        {
            "version": DATA_VERSION,
            "blocks": len(blocks),
            "languages": languages,
            "parents": [0 if up is None else n - up for n, up in enumerate(shape.parents)],
            "lang_runs": _runs(languages.index(block.get("lang", "")) for block in blocks),
            "note_runs": _runs(note_order.get(block.get("note", ""), -1) for block in blocks),
            "alone": shape.alone(),
            "posting_shards": firsts,
            "card_blocks": CARD_BLOCKS,
            "text_blocks": TEXT_BLOCKS,
            "forward_blocks": FORWARD_BLOCKS,
        }
    )
    for n, content in enumerate(posting_files):
        files[f"{EXPLORER_DIR}/postings/{n}.json"] = content
    for n, numbers in enumerate(_chunks(len(blocks), FORWARD_BLOCKS)):
        files[f"{EXPLORER_DIR}/forward/{n}.json"] = _dumps([shape.own[i] for i in numbers])
    notes = {note["path"]: note for note in document.get("notes", ())}
    tag_urls = {tag["id"]: tag.get("url") for tag in document.get("tags", ())}
    for n, numbers in enumerate(_chunks(len(blocks), CARD_BLOCKS)):
        files[f"{EXPLORER_DIR}/cards/{n}.json"] = _card_file(blocks, numbers, notes, tag_urls)
    for n, numbers in enumerate(_chunks(len(blocks), TEXT_BLOCKS)):
        texts = [[blocks[i].get("title") or "", blocks[i].get("text") or ""] for i in numbers]
        files[f"{EXPLORER_DIR}/text/{n}.json"] = _dumps(texts)
    return files


def write_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (path from the site root -> content) under `site_dir`."""
    for path, content in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def write_explorer_data(site_dir: Path, kb: KnowledgeBase, blocks: BlockRenderer | None = None) -> None:
    """Write `kb/` beside `kb.json`: the tag index and the explorer's files, from what `kb.json` holds.

    Args:
        site_dir: The built site's folder.
        kb: The knowledge base.
        blocks: The default interface's block renderer (cards show its HTML), as for `kb.json`.

    """
    write_files(site_dir, explorer_files(kb_document(kb, blocks), kb.taxonomy.alias_of))
