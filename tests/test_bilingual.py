"""The bilingual site over `docs/` plus the corpus: two interfaces, one knowledge base."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from tests.sites import load_kb

ASSET_DIRS = {"assets", "search", "es"}


def pages(site: Path) -> set[str]:
    return {
        str(page.relative_to(site))
        for page in site.rglob("index.html")
        if page.relative_to(site).parts[0] not in ASSET_DIRS
    }


def test_every_page_exists_in_both_interfaces(combined_site: Path) -> None:
    english = pages(combined_site)
    spanish = pages(combined_site / "es")
    assert len(english) > 100
    assert english == spanish


def test_corpus_languages_are_detected(combined_site: Path) -> None:
    kb = load_kb(combined_site)
    languages = {
        note["path"].split("/")[1][:3]: note["lang"] for note in kb["notes"] if note["path"].startswith("corpus/")
    }
    assert languages == {"000": "es", "001": "en", "002": "es", "003": "en", "004": "en"}


def test_spanish_interface_is_in_spanish(combined_site: Path) -> None:
    english = (combined_site / "tags" / "aws.s3" / "index.html").read_text(encoding="utf-8")
    spanish = (combined_site / "es" / "tags" / "aws.s3" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in spanish and '<html lang="en"' in english
    assert re.search(r"<h2[^>]*>En inglés \(\d+\)", spanish) and re.search(r"<h2[^>]*>In English \(\d+\)", english)
    assert ">Seguridad básica</a>" in spanish or ">Cifrado</a>" in spanish
    index = (combined_site / "es" / "tags" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Etiquetas<", index) and "Servicios de AWS" in index
    # Material's own strings, and the sections cuaderno names.
    assert 'placeholder="Búsqueda"' in spanish
    assert "Explorador de etiquetas" in spanish


def test_note_content_carries_its_own_language(combined_site: Path) -> None:
    for interface in ("", "es/"):
        spanish_note = (combined_site / f"{interface}corpus/002_006deded7f4f2539/index.html").read_text("utf-8")
        english_note = (combined_site / f"{interface}corpus/001_034e6a082461fa66/index.html").read_text("utf-8")
        assert '<article class="md-content__inner md-typeset" lang="es"' in spanish_note
        assert '<article class="md-content__inner md-typeset" lang="en"' in english_note
        assert '<span class="cdn-lang-badge"' in spanish_note
    # The notice of a note's language, in the reader's language, where they differ.
    assert "This note is written in Spanish." in (combined_site / "corpus/002_006deded7f4f2539/index.html").read_text(
        "utf-8"
    )
    assert "Esta nota está escrita en inglés." in (
        combined_site / "es/corpus/001_034e6a082461fa66/index.html"
    ).read_text("utf-8")


def test_untranslated_notes_point_to_the_other_language(combined_site: Path) -> None:
    kb = load_kb(combined_site)
    lang_of = {block["url"].split("#")[0]: block["lang"] for block in kb["blocks"]}
    page = (combined_site / "aws/storage/s3-quick-facts/index.html").read_text("utf-8")
    also = re.search(r'<p class="cdn-also" data-lang="es"><strong>Also in Spanish:</strong>(.*?)</p>', page)
    assert also, "an English S3 note lists Spanish sections on its topics"
    targets = [
        posixpath.normpath(posixpath.join("aws/storage/s3-quick-facts/", href)) + "/"
        for href in re.findall(r'href="([^"#]*)', also[1])
    ]
    assert targets and all(lang_of.get(target) == "es" for target in targets), targets
    spanish = (combined_site / "es/aws/storage/s3-almacenamiento/index.html").read_text("utf-8")
    assert '<p class="cdn-also" data-lang="en"><strong>También en inglés:</strong>' in spanish


def test_translations_are_one_note_in_two_languages(combined_site: Path) -> None:
    english = (combined_site / "guide/markers/index.html").read_text("utf-8")
    spanish = (combined_site / "es/guide/markers/index.html").read_text("utf-8")
    assert "<h1" in english and "Markers: tagging what you write" in english
    assert "Marcadores: etiquetar lo que escribes" in spanish
    assert not (combined_site / "guide/markers.es").exists()
    assert "cdn-also" not in english and "cdn-also" not in spanish


def test_each_interface_loads_each_script_and_sheet_once(docs_site: Path) -> None:
    """mkdocs-static-i18n configures the site again for each interface: nothing is added twice."""
    for page in ("guide/finding/index.html", "es/guide/finding/index.html"):
        html = (docs_site / page).read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert any("assets/cuaderno/preview.js" in script for script in scripts), page
        assert len(scripts) == len(set(scripts)), (page, scripts)
        assert len(sheets) == len(set(sheets)), (page, sheets)
