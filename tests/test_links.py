"""Links: every internal link and anchor of the built site works; the link graph gives backlinks and related notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cuaderno.kb import build_kb
from cuaderno.model import Note, Severity
from cuaderno.pipeline import read_note
from cuaderno.render.notes import render_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import Taxonomy
from tests.linkcheck import _parse, check_links

TOC_LINK = re.compile(r"\]\(#([^)\s]*)\)")


def test_no_internal_link_or_anchor_is_broken(combined_site: Path) -> None:
    checked, broken = check_links(combined_site)
    print(f"\n{checked} internal links checked, {len(broken)} broken")
    assert checked > 20_000
    assert broken == [], "\n".join(map(str, broken[:20]))


@pytest.mark.parametrize(("prefix", "expected"), [("003_", 63), ("004_", 495)])
def test_every_toc_link_of_the_markdown_notes_has_its_heading(
    corpus: Path, combined_site: Path, prefix: str, expected: int
) -> None:
    (source,) = corpus.glob(f"{prefix}*.txt")
    targets = [t for t in TOC_LINK.findall(source.read_text(encoding="utf-8")) if t]
    assert len(targets) >= expected - 1  # `[](#)` links to the top of the page
    ids = _parse(combined_site / "corpus" / source.stem / "index.html").ids
    missing = [t for t in targets if t not in ids]
    assert missing == []


def _notes(*files: tuple[str, str]) -> list[Note]:
    return [read_note(text.encode(), path, Settings()) for path, text in files]


def test_anchor_links_across_notes_unknown_ones_warn() -> None:
    notes = _notes(
        ("a.txt", "# A\nsee @[#deep] and @[#nowhere]\nand @[other/missing.txt] or @[b.html]\n"),
        ("b.txt", "# B\n## Deep part\n#[deep] lives here\n"),
    )
    kb = build_kb(notes, Taxonomy(), ("en", "es"))
    problems = {(d.path, d.line, d.code, d.severity) for d in kb.diagnostics}
    assert problems == {
        ("a.txt", 2, "unknown-anchor", Severity.WARNING),
        ("a.txt", 3, "link-not-found", Severity.NOTICE),
    }
    page = render_note(notes[0], kb, "en")
    assert '<a class="cdn-ref" href="../b/#deep">#deep</a>' in page
    assert '<span class="cdn-missing-link"' in page and "#nowhere" in page
    assert '<a href="../b/">b.html</a>' in page  # the viewer's `.html` name of a note
    assert "other/missing.txt" in page and 'href="other/missing.txt"' not in page


def test_backlinks_name_the_linking_section_and_related_notes_share_rare_tags() -> None:
    notes = _notes(
        ("guide/intro.md", "# Intro\n\n## Storage [[{aws.s3}]]\n\nRead [the S3 note](../aws/s3.txt#classes).\n"),
        ("aws/s3.txt", "# S3 [[{aws.s3, 1_price}]]\n## Classes\ntext\n[[}]]\n"),
        ("aws/s3-precios.es.md", "# Precios de S3 [[{aws.s3, 1_price}]]\n\ntexto\n[[}]]\n"),
        ("aws/iam.txt", "# IAM [[{security}]]\nsee @[../aws/s3.txt]\n[[}]]\n"),
    )
    kb = build_kb(notes, Taxonomy(), ("en", "es"))
    backlinks = {(link.source, link.section) for link in kb.backlinks("aws/s3.txt")}
    assert backlinks == {("guide/intro.md", "Storage"), ("aws/iam.txt", "IAM")}
    page = render_note(notes[1], kb, "en")
    footer = page[page.index('<aside class="cdn-backlinks">') :]
    assert '<a href="../../guide/intro/#storage" lang="en">Storage</a>' in footer
    related = [path for path, _score in kb.related_notes("aws/s3.txt")]
    assert related[0] == "aws/s3-precios.es.md"  # shares both tags, in the other language
    assert "aws/iam.txt" not in related
    assert '<aside class="cdn-related-notes">' in page and "Precios de S3" in page


def test_spanish_pages_link_to_translated_notes_at_the_root() -> None:
    notes = _notes(
        ("guide.md", "# Guide\n\n## Tagged text\n\nwords [[{arch}]]\n"),
        ("guide.es.md", "# Guía\n\n## Texto etiquetado\n\npalabras\n"),
        ("other.txt", "# Other\nsee @[guide.md#tagged-text]\n"),
    )
    kb = build_kb(notes, Taxonomy(), ("en", "es"), interfaces=("en", "es"))
    spanish = render_note(notes[2], kb, "es")
    # /es/guide/ shows the Spanish translation, whose anchors differ: the English section lives at /guide/.
    assert 'href="../../guide/#tagged-text"' in spanish
