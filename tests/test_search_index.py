"""The search index: Pagefind bundles per interface and language, read back from the built site."""

from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from cuaderno.i18n import t
from cuaderno.pagefind_service import PagefindError, PagefindService
from cuaderno.search_index import SearchIndexer
from cuaderno.search_records import RECORD_CHARACTERS, SearchRecord, passages, tag_word
from tests.sites import build_site, expanded, load_kb

ROOT = Path(__file__).resolve().parents[1]

FRAGMENT_HEADER = b"pagefind_dcd"


def records(bundle: Path) -> list[dict[str, Any]]:
    """Every record of a Pagefind bundle, as Pagefind stored it (its fragments are gzipped JSON)."""
    found = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(FRAGMENT_HEADER)
        found.append(json.loads(data[len(FRAGMENT_HEADER) :]))
    return found


def unpacked(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A note record's passages, each as a record of its own would be (its pack's filters and content)."""
    if record["meta"].get("kind") != "note":
        return [record]
    lines = record["meta"]["text"].split("\n")
    listed = json.loads(record["meta"]["passages"])
    found = []
    for index, (offset, url, note, first, spans, headings) in enumerate(listed):
        end = listed[index + 1][0] if index + 1 < len(listed) else len(lines)
        meta = {"kind": "note", "url": url, "note": note, "first": first, "text": "\n".join(lines[offset:end])}
        found.append({**record, "meta": {**meta, "spans": spans, "headings": headings}})
    return found


def by_url(site: Path, lang: str) -> dict[str, list[dict[str, Any]]]:
    """A bundle's passages and topics by where they lead, a note's passages in its order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for record in records(site / "pagefind" / lang):
        for passage in unpacked(record):
            found.setdefault(passage["meta"]["url"], []).append(passage)
    for kept in found.values():
        kept.sort(key=lambda record: int(record["meta"].get("first", 0)))
    return found


def test_one_bundle_per_language_serves_every_interface_and_no_lunr_index(docs_site: Path) -> None:
    assert not (docs_site / "search").exists() and not (docs_site / "es" / "pagefind").exists()
    # Both bundles hold the topics of their interface, and with them every tag's word.
    assert json.loads((docs_site / "pagefind" / "bundles.json").read_text()) == {
        "languages": ["en", "es"],
        "tagged": ["en", "es"],
    }
    for lang in ("en", "es"):
        bundle = docs_site / "pagefind" / lang
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]  # one language per bundle: stemmed in it
        assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-*ui.*"))


def test_every_line_of_a_note_is_in_one_passage_with_the_blocks_it_holds_their_tags_and_interfaces(
    docs_site: Path,
) -> None:
    kb = load_kb(docs_site)
    notes = {note["path"]: note for note in kb["notes"]}
    translated = {note["url"].removeprefix("es/") for note in kb["notes"] if note["url"].startswith("es/")}
    bundles = {lang: by_url(docs_site, lang) for lang in ("en", "es")}
    checked = 0
    for path, note in notes.items():
        passages = bundles[note["lang"]][note["url"].removeprefix("es/")]
        # Passages follow each other, without a line twice, each no longer than a record holds.
        numbered: dict[int, str] = {}
        for record in passages:
            first, text = int(record["meta"]["first"]), record["meta"]["text"]
            assert record["meta"]["note"] == note["title"] and record["meta"]["kind"] == "note"
            assert len(text) <= RECORD_CHARACTERS + 200
            for offset, line in enumerate(text.split("\n")):
                assert first + offset not in numbered, path
                numbered[first + offset] = line
            # A note and its translation are shown in one interface each; any other note in both.
            hidden = ["es"] if note["url"] in translated else ["en"] if note["url"].startswith("es/") else None
            assert record["filters"].get("hidden") == hidden, path
        source = (ROOT / "docs" / path).read_text(encoding="utf-8").split("\n")
        body = source.index("---", 1) + 2 if source[0] == "---" else 1  # front matter is not the note's text
        for number, line in enumerate(source, start=1):
            if line.strip() and "[[" not in line and number >= body:  # markers are cut out of their lines
                assert numbered.get(number) == line.rstrip(), (path, number)
        # Each block with text is a span of the passages holding its lines, with its tags and their ancestors.
        for block in kb["blocks"]:
            if block["note"] != path or not block["text"].strip():
                continue
            first, last = block["lines"]
            holding = [
                record
                for record in passages
                if int(record["meta"]["first"]) <= last
                and int(record["meta"]["first"]) + record["meta"]["text"].count("\n") >= first
            ]
            assert holding, block["id"]
            for record in holding:
                spans = {span[2]: span for span in record["meta"]["spans"]}
                span = spans[block["url"].removeprefix("es/")]
                tags = expanded([*block["tags"], *block["auto_tags"], *block["inherited_tags"]])
                assert span[:2] == [first, last] and set(span[5]) == tags, block["id"]
                assert tags <= set(record["filters"]["tag"])
                assert all(tag_word(tag) in record["content"].split() for tag in tags)
            checked += 1
    assert checked > 30


def test_passages_are_whole_lines_and_a_line_too_long_is_cut_into_passages_of_its_own() -> None:
    lines = ["", "first line", "", "", "second", "word " * 30, "third", "", ""]
    found = passages(lines, limit=40)
    assert found[0] == (2, 5, "first line\n\n\nsecond")  # blank lines between kept, at either end left out
    pieces = [text for first, last, text in found if first == last == 6]
    assert len(pieces) > 1 and "".join(pieces) == lines[5] and all(len(piece) <= 40 for piece in pieces)
    assert found[-1] == (7, 7, "third")


def test_a_word_no_reader_searches_whole_is_shortened_in_the_index(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    image = "data:image/png;base64," + "iVBORw0KGgo" * 300
    (notes / "one.txt").write_text(f"# One\n\n[[{{aws.s3}}]]\nA diagram ![d]({image}) of buckets.\n", encoding="utf-8")
    assert build_site(notes, tmp_path / "site") == []
    (record,) = [found for found in records(tmp_path / "site" / "pagefind" / "en") if found["meta"]["kind"] == "note"]
    assert "of buckets." in record["meta"]["text"] and len(record["content"]) < 400


def test_tag_words_are_single_words_that_begin_no_other(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    words = {tag_word(tag["id"]) for tag in kb["tags"]}
    assert len(words) == len(kb["tags"])
    assert all(re.fullmatch(r"qxq[a-z]*zz", word) and "zz" not in word[:-2] for word in words)
    assert not any(one != other and other.startswith(one) for one in words for other in words)
    # The same words as search-query.js's tagWord (tests/js/search-query.test.js checks these too).
    assert tag_word("aws.s3") == "qxqawszwszxdzz"
    assert tag_word("1_price") == "qxqzxbzvfpzupricezz"
    assert tag_word("arch.lazy") == "qxqarchzwlazyyzz"
    assert tag_word("seguridad.cifrado-ñ") == "qxqseguridadzwcifradozvcnzuzvpbzuzz"


def test_topics_are_found_by_their_labels_in_every_language_in_each_interface(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    english, spanish = by_url(docs_site, "en"), by_url(docs_site, "es")
    (security,) = [record for record in spanish["tags/security/"] if record["meta"]["kind"] == "topic"]
    assert security["filters"]["hidden"] == ["en"] and security["meta"]["title"] == "Seguridad"
    assert "Seguridad" in security["content"] and "Security" in security["content"]
    assert tag_word("security") in security["content"].split()
    (security_en,) = [record for record in english["tags/security/"] if record["meta"]["kind"] == "topic"]
    assert security_en["filters"]["hidden"] == ["es"] and security_en["meta"]["title"] == "Security"
    topics = [record for found in spanish.values() for record in found if record["meta"]["kind"] == "topic"]
    assert len(topics) == len(kb["tags"])


def test_text_outside_blocks_is_found_under_its_heading_and_no_chip_or_link_is_indexed(docs_site: Path) -> None:
    english = by_url(docs_site, "en")
    guide = english["guide/finding/"]
    (holding,) = [record for record in guide if "Each tag has a page" in record["content"]]
    headings = {url: (line, title) for line, url, title in holding["meta"]["headings"]}
    assert headings["guide/finding/#topic-pages"][1] == "Topic pages"
    html = (docs_site / "aws" / "storage" / "s3-quick-facts" / "index.html").read_text(encoding="utf-8")
    also = t("note.also_in", "en", language="Spanish")
    assert also in html and 'class="cdn-tag"' in html
    page = english["aws/storage/s3-quick-facts/"]
    assert page and not any(also in record["content"] or "[[" in record["content"] for record in page)


def test_the_search_box_is_cuadernos_and_material_never_starts_its_own(docs_site: Path) -> None:
    for page, lang, prefix in (("index.html", "en", ""), ("es/index.html", "es", "es/")):
        html = (docs_site / page).read_text(encoding="utf-8")
        assert 'name="cuaderno-search"' in html and 'name="search"' not in html
        assert 'data-md-component="search' not in html
        settings = html.split("data-cuaderno-search=", 1)[1].split('"', 2)[1]
        decoded = json.loads(settings.replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
        assert decoded["lang"] == lang and decoded["prefix"] == prefix and decoded["tags"] == "kb/tags.json.gz"
        assert decoded["interface"] == lang and decoded["dir"] == "pagefind"
        assert decoded["strings"]["result_other"] == t("search.result_other", lang, count="{count}")


def test_without_pagefind_the_site_is_built_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(self: PagefindService) -> None:
        raise PagefindError("the Pagefind binary is missing (pip install 'pagefind[bin]')")

    monkeypatch.setattr(PagefindService, "__init__", missing)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "one.txt").write_text("# One\n\n[[{aws.s3}]]\nBuckets hold objects.\n", encoding="utf-8")
    warnings = build_site(notes, tmp_path / "site", strict=False)
    assert any("Pagefind binary is missing" in warning and "without search" in warning for warning in warnings)
    assert (tmp_path / "site" / "one" / "index.html").is_file()
    assert not (tmp_path / "site" / "pagefind").exists()


def test_pagefind_refusing_a_record_is_an_error_not_a_hang(tmp_path: Path) -> None:
    with PagefindService() as service, pytest.raises(PagefindError, match="refused 1 of 2"):
        good = {"type": "AddRecord", "url": "a/", "content": "words", "language": "en", "meta": {}, "filters": {}}
        service.add(service.new_index(), [good, {"type": "AddRecord", "url": "b/"}])


def test_sealed_records_are_written_before_the_build_finishes(tmp_path: Path) -> None:
    """Every record is known once the knowledge base is read: the bundles need not wait for the last page."""
    folder = tmp_path / "pagefind"
    indexer = SearchIndexer(folder, "en")
    records = [SearchRecord(f"n{number}/", "en", f"note {number} on buckets", {"title": "n"}) for number in range(50)]
    indexer.add(iter(records))
    indexer.seal()
    deadline = time.monotonic() + 60
    while not (folder / "bundles.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads((folder / "bundles.json").read_text()) == {"languages": ["en"], "tagged": []}
    assert indexer.finish() < 1  # nothing left to wait for
    assert indexer.records == 50 and (folder / "en" / "pagefind-entry.json").is_file()


def test_an_abandoned_index_writes_nothing(tmp_path: Path) -> None:
    def slow() -> Any:
        for number in range(20):
            time.sleep(0.05)
            yield SearchRecord(f"n{number}/", "en", "words", {"title": "n"})

    folder = tmp_path / "pagefind"
    indexer = SearchIndexer(folder, "en")
    indexer.add(slow())
    indexer.seal()
    indexer.abandon()
    time.sleep(3)  # longer than the records and their bundle would take
    assert not folder.exists()


def test_an_abandoned_index_stops_within_a_chunk(tmp_path: Path) -> None:
    """A rebuild of `mkdocs serve` abandons the last one's index: Pagefind gets no more than the chunk in hand."""
    from cuaderno.search_index import CHUNK

    folder = tmp_path / "pagefind"
    indexer = SearchIndexer(folder, "en")

    def records() -> Any:
        for number in range(CHUNK * 8):
            if number == CHUNK + CHUNK // 2:
                indexer.abandon()  # the next rebuild starts while the records are being made
            yield SearchRecord(f"n{number}/", "en", f"words of note {number}", {"title": "n"})

    indexer.add(records())
    indexer.finish()
    assert indexer.abandoned and indexer.records == CHUNK
    assert not folder.exists()


def test_an_index_abandoned_while_written_leaves_the_last_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundles are written beside the folder and put in its place once whole: stopping Pagefind halfway
    (the next rebuild of `mkdocs serve` started) leaves the last ones served, and nothing else behind."""
    folder = tmp_path / "pagefind"

    def index(word: str) -> SearchIndexer:
        indexer = SearchIndexer(folder, "en")
        indexer.add(SearchRecord(f"n{number}/", "en", f"{word} {number}", {"title": "n"}) for number in range(50))
        return indexer

    index("first").finish()
    before = {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert (folder / "bundles.json").is_file()

    second = index("second")
    real_write = PagefindService.write

    def abandoned_meanwhile(service: PagefindService, index_id: int, target: Path) -> None:
        second.abandon()  # stops Pagefind: the write in hand fails
        real_write(service, index_id, target)

    monkeypatch.setattr(PagefindService, "write", abandoned_meanwhile)
    second.finish()  # no error: the index was abandoned
    after = {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert after == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pagefind"]
