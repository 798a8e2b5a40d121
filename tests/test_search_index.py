"""The search index: Pagefind bundles per interface and language, read back from the built site."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from cuaderno.i18n import t
from cuaderno.pagefind_service import PagefindError, PagefindService
from tests.sites import build_site, load_kb

FRAGMENT_HEADER = b"pagefind_dcd"


def records(bundle: Path) -> list[dict[str, Any]]:
    """Every record of a Pagefind bundle, as Pagefind stored it (its fragments are gzipped JSON)."""
    found = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(FRAGMENT_HEADER)
        found.append(json.loads(data[len(FRAGMENT_HEADER) :]))
    return found


def by_url(site: Path, interface: str, lang: str) -> dict[str, dict[str, Any]]:
    return {record["url"]: record for record in records(site / interface / "pagefind" / lang)}


def test_each_interface_has_a_bundle_per_language_and_no_lunr_index(docs_site: Path) -> None:
    assert not (docs_site / "search" / "search_index.json").exists()
    assert json.loads((docs_site / "pagefind" / "bundles.json").read_text()) == {"languages": ["en", "es"]}
    assert json.loads((docs_site / "es" / "pagefind" / "bundles.json").read_text()) == {"languages": ["es", "en"]}
    for interface in ("", "es"):
        for lang in ("en", "es"):
            bundle = docs_site / interface / "pagefind" / lang
            entry = json.loads((bundle / "pagefind-entry.json").read_text())
            assert list(entry["languages"]) == [lang]  # one language per bundle: stemmed in it
            assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-*ui.*"))


def test_every_block_is_a_record_of_its_own_in_its_language_with_its_tags_and_their_ancestors(
    docs_site: Path,
) -> None:
    kb = load_kb(docs_site)
    notes = {note["path"]: note for note in kb["notes"]}
    translated = {note["url"].removeprefix("es/") for note in kb["notes"] if note["url"].startswith("es/")}
    english = {**by_url(docs_site, "", "en"), **by_url(docs_site, "", "es")}
    spanish = {**by_url(docs_site, "es", "en"), **by_url(docs_site, "es", "es")}
    checked = 0
    for block in kb["blocks"]:
        if not block["text"].strip():
            continue
        shown_in_english = not notes[block["note"]]["url"].startswith("es/")
        url = block["url"] if shown_in_english else None
        if url is None:
            continue
        record = english[url]
        assert record["meta"]["kind"] == "block" and record["meta"]["text"] == block["text"]
        assert record["meta"]["note"] == notes[block["note"]]["title"]
        expected = set()
        for tag in (*block["tags"], *block["auto_tags"], *block["inherited_tags"]):
            parts = tag.split(".")
            expected.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        assert set(record["filters"]["tag"]) == expected, url
        # The Spanish interface shows the same block at its own URL, unless the note has a Spanish version.
        if notes[block["note"]]["url"] not in translated:
            assert spanish[f"es/{url}"]["meta"]["text"] == block["text"]
        checked += 1
    assert checked > 30


def test_a_block_is_in_the_bundle_of_its_language(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    english, spanish = by_url(docs_site, "", "en"), by_url(docs_site, "", "es")
    for block in kb["blocks"]:
        if block["text"].strip() and not block["url"].startswith("es/"):
            assert block["url"] in (english if block["lang"] == "en" else spanish), block["id"]


def test_topics_are_found_by_their_labels_in_every_language(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    spanish = by_url(docs_site, "es", "es")
    security = spanish["es/tags/security/"]
    assert security["meta"] == {"title": "Seguridad", "tags": "security", "kind": "topic"}
    assert "Seguridad" in security["content"] and "Security" in security["content"]
    assert len([r for r in spanish.values() if r["meta"].get("kind") == "topic"]) == len(kb["tags"])


def test_a_note_page_is_indexed_by_its_text_without_chips_or_links_to_other_notes(docs_site: Path) -> None:
    english = by_url(docs_site, "", "en")
    page = english["aws/storage/s3-quick-facts/"]
    assert "kind" not in page["meta"] and page["meta"]["title"].startswith("S3 quick facts")
    assert "Numbers worth remembering" in page["content"]
    assert t("note.also_in", "en", language="Spanish") not in page["content"]  # the link to other notes
    # Its sections are anchors of the page: a hit lands on the section that holds it.
    assert any(anchor["id"] == "numbers-worth-remembering" for anchor in page["anchors"])
    html = (docs_site / "aws" / "storage" / "s3-quick-facts" / "index.html").read_text(encoding="utf-8")
    assert 'class="cdn-tag"' in html  # chips are on the page, and left out of its text above
    assert "aws.s3 Basics" not in page["content"]


def test_the_search_box_is_cuadernos_and_material_never_starts_its_own(docs_site: Path) -> None:
    for page, lang, prefix in (("index.html", "en", ""), ("es/index.html", "es", "es/")):
        html = (docs_site / page).read_text(encoding="utf-8")
        assert 'name="cuaderno-search"' in html and 'name="search"' not in html
        assert 'data-md-component="search' not in html
        settings = html.split("data-cuaderno-search=", 1)[1].split('"', 2)[1]
        decoded = json.loads(settings.replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
        assert decoded["lang"] == lang and decoded["prefix"] == prefix and decoded["tags"] == "kb/tags.json"
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
    assert not (tmp_path / "site" / "pagefind" / "bundles.json").exists()


def test_pagefind_refusing_a_record_is_an_error_not_a_hang(tmp_path: Path) -> None:
    with PagefindService() as service, pytest.raises(PagefindError, match="refused 1 of 2"):
        good = {"type": "AddRecord", "url": "a/", "content": "words", "language": "en", "meta": {}, "filters": {}}
        service.write_bundle([good, {"type": "AddRecord", "url": "b/"}], tmp_path / "bundle")
