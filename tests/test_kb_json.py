"""kb.json on hostile input: nested blocks share their text, links are encoded, long tag ids get short pages."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from urllib.parse import unquote

import pytest

from cuaderno.block_titles import block_title
from cuaderno.pipeline import load_folders
from cuaderno.render.blocks import BlockRenderer
from cuaderno.render.export import kb_document, kb_json
from cuaderno.settings import Settings
from cuaderno.urls import MAX_NAME_BYTES, tag_folder, tag_page_source, tag_url
from tests.linkcheck import check_links
from tests.sites import build_site, load_kb


def _kb(tmp_path: Path, files: dict[str, str]) -> dict[str, object]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = load_folders([tmp_path], Settings())
    return kb_document(loaded.kb, BlockRenderer(loaded.kb, "en"))


def _nested(levels: int) -> str:
    opening = "".join(f"[[{{ level{i % 7} ]]\nline {i}\n" for i in range(levels))
    return "# Nested\n" + opening + "[[}]]\n" * levels


def test_a_block_holds_its_own_lines_and_names_its_nested_blocks(tmp_path: Path) -> None:
    kb = _kb(tmp_path, {"nested.txt": _nested(3)})
    blocks = {block["id"]: block for block in kb["blocks"]}  # type: ignore[union-attr]
    outer, middle, inner = (blocks[f"nested.txt#{i}"] for i in range(3))
    assert outer["text"] == "line 0" and outer["children"] == ["nested.txt#1"]
    assert middle["text"] == "line 1" and middle["children"] == ["nested.txt#2"] and middle["parent"] == outer["id"]
    assert inner["text"] == "line 2" and inner["children"] == []
    assert inner["inherited_tags"] == ["level1", "level0"]  # tags of every block around it, innermost first


def test_text_around_a_nested_block_stays_with_its_block(tmp_path: Path) -> None:
    note = "# T\n[[{ outer ]]\nbefore\n[[{ inner ]]\ninside\n[[}]]\nafter\n[[}]]\n"
    kb = _kb(tmp_path, {"t.txt": note})
    texts = {block["id"]: block["text"] for block in kb["blocks"]}  # type: ignore[union-attr]
    assert texts == {"t.txt#0": "before\nafter", "t.txt#1": "inside"}


def _kb_bytes(folder: Path, levels: int) -> tuple[int, float]:
    folder.mkdir()
    (folder / "nested.txt").write_text(_nested(levels), encoding="utf-8")
    tracemalloc.start()
    loaded = load_folders([folder], Settings())
    size = len(kb_json(loaded.kb, blocks=BlockRenderer(loaded.kb, "en")).encode("utf-8"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size, peak


def test_kb_json_grows_linearly_with_nested_blocks(tmp_path: Path) -> None:
    """Each block once repeated the text of every block inside it: 10,000 of them made 443 MB."""
    small, _ = _kb_bytes(tmp_path / "small", 500)
    large, peak = _kb_bytes(tmp_path / "large", 2000)
    assert large < 4.6 * small, (small, large)
    assert large < 8_000_000 and peak < 200_000_000  # about 3 KB a block, most of it its first lines as HTML


@pytest.mark.parametrize(
    ("candidates", "title"),
    [
        (["| }]]", "| ------", "| sendmail and mail relays"], "sendmail and mail relays"),
        (["```", "| biotop: top for disks"], "biotop: top for disks"),
        (["* Streams **no longer** carry null"], "Streams no longer carry null"),
        (["**Module system**"], "Module system"),
        (["Runtimes <!-- { -->"], "Runtimes"),
        (["`jcmd`: diagnose a running VM"], "jcmd: diagnose a running VM"),
        (["Strong hashing only.<br/>"], "Strong hashing only."),
        (["- <https://example.org/tool>"], "https://example.org/tool"),
        (["see [the guide](guide.md) first"], "see the guide first"),
        (["Optional<T> and Map<K,V>"], "Optional<T> and Map<K,V>"),
        (["java.time.* and __init__"], "java.time.* and __init__"),
        (["Learning C#"], "Learning C#"),
        (["|", "```", "}]]"], ""),
    ],
)
def test_block_titles_are_words_not_markup(candidates: list[str], title: str) -> None:
    assert block_title(candidates) == title


def test_a_block_opened_in_a_margin_takes_its_first_line_with_words(tmp_path: Path) -> None:
    note = (
        "# Mail\n  | [[{ mail.relay ]]}]]\n  | ------------\n  | relaying through a provider\n  | ------------\n[[}]]\n"
    )
    kb = _kb(tmp_path, {"mail.txt": note})
    assert [block["title"] for block in kb["blocks"]] == ["relaying through a provider"]  # type: ignore[union-attr]


def test_long_tag_ids_get_a_short_stable_folder() -> None:
    long_id = "a." + "b" * 298
    folder = tag_folder(long_id)
    assert len(folder.encode("utf-8")) <= 100 and folder.startswith("a.bbb") and folder == tag_folder(long_id)
    assert tag_folder(long_id + "c") != folder
    assert tag_url(long_id) == f"tags/{folder}/" and tag_page_source(long_id) == f"tags/{folder}/index.md"
    assert tag_folder("ñ" * 200) != "ñ" * 200  # 400 bytes
    assert tag_folder("ñ" * 100) == "ñ" * 100
    assert tag_folder("security.101") == "security.101"
    assert len(tag_folder("x/" + "y" * 300).encode()) <= MAX_NAME_BYTES and "/" not in tag_folder("x/" + "y" * 300)


def test_a_site_with_a_300_byte_tag_builds_and_every_link_leads_somewhere(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    long_id = "topic." + "x" * 294
    (notes / "long.txt").write_text(f"# Long [[{{ {long_id} ]]\n  body\n[[}}]]\n", "utf-8")
    (notes / "other.txt").write_text(f"# Other\n[[{{ {long_id.upper()}, short ]]\n  more\n[[}}]]\n", "utf-8")
    site = tmp_path / "site"
    build_site(notes, site)
    checked, broken = check_links(site)
    assert checked > 20 and broken == []
    kb = load_kb(site)
    tag = next(tag for tag in kb["tags"] if tag["id"] == long_id)
    assert tag["url"] == tag_url(long_id)
    assert (site / tag["url"] / "index.html").is_file()
    assert (site / "es" / tag["url"] / "index.html").is_file()
    page = (site / "long" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{tag["url"]}"' in page  # the note's chip leads to the short page


def test_kb_json_links_are_encoded_and_lead_to_their_pages(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    names = ["notes#2.txt", "what?.txt", "a%20b.txt", "sí ñ.txt"]
    for number, name in enumerate(names):
        (notes / name).write_text(f"# Note {number} [[{{ crypto.pkcs#11 ]]\n  body {number}\n[[}}]]\n", "utf-8")
    site = tmp_path / "site"
    build_site(notes, site)
    kb = load_kb(site)
    urls = {note["path"]: note["url"] for note in kb["notes"]}
    assert urls["notes#2.txt"] == "notes%232/" and urls["what?.txt"] == "what%3F/"
    assert urls["a%20b.txt"] == "a%2520b/" and urls["sí ñ.txt"] == "s%C3%AD%20%C3%B1/"
    for number, name in enumerate(names):
        assert f"body {number}" in (site / unquote(urls[name]) / "index.html").read_text(encoding="utf-8")
    for block in kb["blocks"]:
        path, _, anchor = block["url"].partition("#")
        assert path == urls[block["note"]] and anchor
        assert f'id="{unquote(anchor)}"' in (site / unquote(path) / "index.html").read_text(encoding="utf-8")
    tag = next(tag for tag in kb["tags"] if tag["id"] == "crypto.pkcs#11")
    assert tag["url"] == "tags/crypto.pkcs%2311/"
    assert (site / unquote(tag["url"]) / "index.html").is_file()
    assert all("url" in tag for tag in kb["tags"])
    json.dumps(kb)  # plain JSON
