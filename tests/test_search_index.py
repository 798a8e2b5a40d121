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


def by_url(site: Path, lang: str) -> dict[str, list[dict[str, Any]]]:
    """A bundle's records by where they lead (a block, its page's section and a long block's parts share it)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for record in records(site / "pagefind" / lang):
        found.setdefault(record["meta"]["url"], []).append(record)
    return found


def of_kind(found: dict[str, list[dict[str, Any]]], url: str, kind: str | None) -> list[dict[str, Any]]:
    return [record for record in found.get(url, []) if record["meta"].get("kind") == kind]


def test_one_bundle_per_language_serves_every_interface_and_no_lunr_index(docs_site: Path) -> None:
    assert not (docs_site / "search").exists() and not (docs_site / "es" / "pagefind").exists()
    assert json.loads((docs_site / "pagefind" / "bundles.json").read_text()) == {"languages": ["en", "es"]}
    for lang in ("en", "es"):
        bundle = docs_site / "pagefind" / lang
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]  # one language per bundle: stemmed in it
        assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-*ui.*"))


def test_every_block_is_a_record_in_its_language_with_its_tags_their_ancestors_and_interfaces(
    docs_site: Path,
) -> None:
    kb = load_kb(docs_site)
    notes = {note["path"]: note for note in kb["notes"]}
    translated = {note["url"].removeprefix("es/") for note in kb["notes"] if note["url"].startswith("es/")}
    bundles = {lang: by_url(docs_site, lang) for lang in ("en", "es")}
    checked = 0
    for block in kb["blocks"]:
        if not block["text"].strip() or len(block["text"]) > 5000:
            continue
        note_url = notes[block["note"]]["url"]
        (record,) = of_kind(bundles[block["lang"]], block["url"].removeprefix("es/"), "block")
        assert record["meta"]["text"] == block["text"] and record["meta"]["note"] == notes[block["note"]]["title"]
        expected = set()
        for tag in (*block["tags"], *block["auto_tags"], *block["inherited_tags"]):
            parts = tag.split(".")
            expected.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        assert set(record["filters"]["tag"]) == expected, block["id"]
        # A note and its translation are shown in one interface each; any other note in both.
        both = ["en"] if note_url in translated else ["en", "es"]
        shown = ["es"] if note_url.startswith("es/") else both
        assert record["filters"]["interface"] == shown, block["id"]
        checked += 1
    assert checked > 30


def test_topics_are_found_by_their_labels_in_every_language_in_each_interface(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    english, spanish = by_url(docs_site, "en"), by_url(docs_site, "es")
    (security,) = of_kind(spanish, "tags/security/", "topic")
    assert security["filters"]["interface"] == ["es"] and security["meta"]["title"] == "Seguridad"
    assert "Seguridad" in security["content"] and "Security" in security["content"]
    (security_en,) = of_kind(english, "tags/security/", "topic")
    assert security_en["filters"]["interface"] == ["en"] and security_en["meta"]["title"] == "Security"
    assert sum(len(of_kind(spanish, url, "topic")) for url in spanish) == len(kb["tags"])


def test_a_note_page_is_indexed_by_section_without_chips_links_or_its_blocks_again(docs_site: Path) -> None:
    english = by_url(docs_site, "en")
    (section,) = of_kind(english, "guide/finding/#topic-pages", None)
    assert section["meta"]["title"] == "Topic pages" and section["meta"]["note"] == "Finding things by tag"
    assert section["filters"]["interface"] == ["en"]  # the guide has a Spanish version for the other interface
    assert "Each tag has a page" in section["content"]
    # A section that is a block is found as the block, once.
    quick_facts = "aws/storage/s3-quick-facts/#numbers-worth-remembering"
    assert of_kind(english, quick_facts, None) == [] and len(of_kind(english, quick_facts, "block")) == 1
    page = [
        record for url, found in english.items() if url.startswith("aws/storage/s3-quick-facts/") for record in found
    ]
    html = (docs_site / "aws" / "storage" / "s3-quick-facts" / "index.html").read_text(encoding="utf-8")
    also = t("note.also_in", "en", language="Spanish")
    assert also in html and 'class="cdn-tag"' in html
    assert page and not any(also in record["content"] for record in page)  # the links to other notes
    assert not any("Basics" in record["content"] for record in page if record["meta"].get("kind") is None)  # chips


def test_the_search_box_is_cuadernos_and_material_never_starts_its_own(docs_site: Path) -> None:
    for page, lang, prefix in (("index.html", "en", ""), ("es/index.html", "es", "es/")):
        html = (docs_site / page).read_text(encoding="utf-8")
        assert 'name="cuaderno-search"' in html and 'name="search"' not in html
        assert 'data-md-component="search' not in html
        settings = html.split("data-cuaderno-search=", 1)[1].split('"', 2)[1]
        decoded = json.loads(settings.replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
        assert decoded["lang"] == lang and decoded["prefix"] == prefix and decoded["tags"] == "kb/tags.json"
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
