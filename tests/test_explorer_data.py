"""`kb/`: the tag index and the explorer's files, made from what `kb.json` holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuaderno.kb import build_kb
from cuaderno.pipeline import read_note
from cuaderno.render import explorer_data
from cuaderno.render.explorer_data import EXPLORER_DIR, explorer_files, tag_index, write_explorer_data
from cuaderno.render.export import kb_document
from cuaderno.settings import Settings
from cuaderno.taxonomy import TagInfo, Taxonomy
from cuaderno.urls import TAG_INDEX_FILE


def _tag(tag_id: str, parent: str | None, count: int, **label: str) -> dict[str, Any]:
    return {"id": tag_id, "parent": parent, "count": count, "label": label or {"en": tag_id}, "url": f"tags/{tag_id}/"}


def _block(n: int, tags: list[str], parent: int | None = None, **fields: Any) -> dict[str, Any]:
    block = {
        "id": f"n.txt#{n}",
        "note": fields.pop("note", "n.txt"),
        "url": f"n/#b{n}",
        "lang": "en",
        "title": f"Block {n}",
        "tags": tags,
        "inherited_tags": [],
        "auto_tags": [],
        "parent": None if parent is None else f"n.txt#{parent}",
        "lines": [n, n],
        "text": f"text {n}",
    }
    block.update(fields)
    return block


# aws (0) holds aws.s3 (1); block 1 is inside block 0 and inherits aws.s3; block 3 is Spanish, in another note.
DOCUMENT: dict[str, Any] = {
    "version": 1,
    "languages": ["en", "es"],
    "notes": [
        {"path": "n.txt", "url": "n/", "title": "Note N"},
        {"path": "m.txt", "url": "m/", "title": "Nota M"},
    ],
    "blocks": [
        _block(0, ["aws.s3"]),
        _block(1, ["security"], 0, inherited_tags=["aws.s3"]),
        _block(2, ["security"], html="<p>two</p>", more_lines=3),
        _block(3, [], lang="es", note="m.txt", auto_tags=["aws"]),
    ],
    "tags": [
        _tag("aws", None, 3, en="Amazon", es="Amazon"),
        _tag("aws.s3", "aws", 2, en="S3", es="S3"),
        _tag("security", None, 2, en="Security", es="Seguridad"),
    ],
}


def _load(files: dict[str, bytes], name: str) -> Any:
    return json.loads(files[f"{EXPLORER_DIR}/{name}"])


def _undo_gaps(gaps: list[int]) -> list[int]:
    out: list[int] = []
    for gap in gaps:
        out.append(gap + (out[-1] if out else 0))
    return out


def test_tag_index_has_every_tag_with_labels_in_every_language_and_aliases() -> None:
    index = tag_index(DOCUMENT, {"securty": "security", "01_security": "security", "same": "same"})
    assert index["languages"] == ["en", "es"]
    assert index["tags"] == [
        {"id": "aws", "parent": None, "label": {"en": "Amazon", "es": "Amazon"}, "count": 3},
        {"id": "aws.s3", "parent": "aws", "label": {"en": "S3", "es": "S3"}, "count": 2},
        {
            "id": "security",
            "parent": None,
            "label": {"en": "Security", "es": "Seguridad"},
            "count": 2,
            "aliases": ["01_security", "securty"],
        },
    ]


def test_a_label_missing_in_a_language_is_filled_from_another() -> None:
    document = {**DOCUMENT, "tags": [_tag("x", None, 1, en="Ex")]}
    assert tag_index(document)["tags"][0]["label"] == {"en": "Ex", "es": "Ex"}


def test_blocks_file_numbers_blocks_and_counts_what_each_tag_gives_alone() -> None:
    files = explorer_files(DOCUMENT)
    shape = _load(files, "blocks.json")
    assert shape["blocks"] == 4
    assert shape["parents"] == [0, 1, 0, 0]  # block 1's parent is one back
    assert shape["languages"] == ["en", "es"]
    assert shape["lang_runs"] == [0, 3, 1, 1]
    assert shape["note_runs"] == [0, 3, 1, 1]
    # aws alone: blocks 0 (1 is inside it) and 3; aws.s3: block 0; security: blocks 1 and 2.
    assert shape["alone"] == [2, 1, 2]


def test_postings_list_the_blocks_under_each_tag_with_descendants_and_inherited_tags() -> None:
    files = explorer_files(DOCUMENT)
    shape = _load(files, "blocks.json")
    postings: list[list[int]] = []
    for n in range(len(shape["posting_shards"])):
        postings.extend(_undo_gaps(gaps) for gaps in _load(files, f"postings/{n}.json"))
    assert postings == [[0, 1, 3], [0, 1], [1, 2]]
    forward = _load(files, "forward/0.json")
    assert forward == [[1], [2, 1], [2], [0]]  # own, inherited and automatic tags; ancestors left out


def test_postings_are_split_in_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explorer_data, "POSTING_BYTES", 8)
    files = explorer_files(DOCUMENT)
    shape = _load(files, "blocks.json")
    assert shape["posting_shards"] == [0, 1, 2]
    assert [_undo_gaps(_load(files, f"postings/{n}.json")[0]) for n in range(3)] == [[0, 1, 3], [0, 1], [1, 2]]


def test_cards_hold_what_a_card_shows_and_text_files_the_filterable_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explorer_data, "CARD_BLOCKS", 3)
    files = explorer_files(DOCUMENT)
    first, second = _load(files, "cards/0.json"), _load(files, "cards/1.json")
    assert [card["id"] for card in first["blocks"]] == ["n.txt#0", "n.txt#1", "n.txt#2"]
    assert first["notes"] == {"n.txt": {"title": "Note N", "url": "n/"}}
    assert first["tags"] == {"aws.s3": "tags/aws.s3/", "security": "tags/security/"}
    assert first["blocks"][2] == {
        "id": "n.txt#2",
        "note": "n.txt",
        "url": "n/#b2",
        "lang": "en",
        "title": "Block 2",
        "lines": [2, 2],
        "html": "<p>two</p>",
        "more_lines": 3,
        "tags": ["security"],
    }
    assert second["blocks"][0]["tags"] == ["aws"]  # chips: written and automatic tags
    assert second["notes"] == {"m.txt": {"title": "Nota M", "url": "m/"}}
    assert _load(files, "text/0.json") == [[f"Block {n}", f"text {n}"] for n in range(4)]


def test_hostile_parents_and_unknown_tags_are_ignored() -> None:
    blocks = [
        _block(0, ["ghost", "aws"], 1),  # a parent after the block: not a parent
        _block(1, ["aws"], 1),  # its own parent
    ]
    tags = [_tag("aws", "aws.s3", 2), _tag("aws.s3", "aws", 0)]  # a parent cycle
    files = explorer_files({**DOCUMENT, "blocks": blocks, "tags": tags})
    shape = _load(files, "blocks.json")
    assert shape["parents"] == [0, 0]
    assert shape["alone"] == [2, 2]
    assert _load(files, "forward/0.json") == [[0], [0]]


def test_the_files_of_a_real_knowledge_base(tmp_path: Path) -> None:
    notes = [
        read_note(b"# Buckets [[{ aws.s3 ]]\n  storage\n[[}]]\n# Keys [[{ security }]]\n", "a.txt", Settings()),
        read_note(b"# Claves [[{ security }]]\n  cifrado de claves\n", "b.txt", Settings()),
    ]
    taxonomy = Taxonomy({"security": TagInfo("security", {"en": "Security", "es": "Seguridad"})}, {"sec": "security"})
    kb = build_kb(notes, taxonomy, ("en", "es"))
    write_explorer_data(tmp_path, kb)
    index = json.loads((tmp_path / TAG_INDEX_FILE).read_text(encoding="utf-8"))
    by_id = {tag["id"]: tag for tag in index["tags"]}
    assert by_id["security"]["label"] == {"en": "Security", "es": "Seguridad"}
    assert by_id["security"]["aliases"] == ["sec"]
    assert by_id["aws.s3"]["parent"] == "aws"
    document = kb_document(kb)
    assert [tag["id"] for tag in index["tags"]] == [tag["id"] for tag in document["tags"]]
    shape = json.loads((tmp_path / EXPLORER_DIR / "blocks.json").read_text(encoding="utf-8"))
    assert shape["blocks"] == len(document["blocks"])
    assert (tmp_path / EXPLORER_DIR / "cards" / "0.json").is_file()
