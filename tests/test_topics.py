"""Topics over `docs/` plus the user's corpus: the tag tree, the S3 topic page, one id per tag."""

from __future__ import annotations

import re
from pathlib import Path

from cuaderno.taxonomy import CORE_TAGS, load_taxonomy
from tests.sites import ROOT, load_kb


def test_tag_index_is_a_tree_with_counts(combined_site: Path) -> None:
    page = (combined_site / "tags" / "index.html").read_text(encoding="utf-8")
    kb = load_kb(combined_site)
    counts = {tag["id"]: tag["count"] for tag in kb["tags"]}
    # Every tag is listed once with its count, and children sit in a nested list.
    for tag_id, count in counts.items():
        entry = re.search(rf'<code>{re.escape(tag_id)}</code> <span class="cdn-count">(\d+)</span>', page)
        assert entry, tag_id
        assert int(entry[1]) == count
    assert '<ul class="cdn-tag-tree">' in page and page.count("<ul>") >= 5
    assert "AWS services" in page  # a localized label, not only the id


def test_s3_topic_page_gathers_both_languages(combined_site: Path) -> None:
    kb = load_kb(combined_site)
    note_lang = {note["path"]: note["lang"] for note in kb["notes"]}
    page = (combined_site / "tags" / "aws.s3" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<article class="cdn-block" lang="(\w+)" data-block="([^"]+)"', page)
    notes_by_lang: dict[str, set[str]] = {}
    for _lang, block_id in shown:
        note = block_id.split("#", 1)[0]
        notes_by_lang.setdefault(note_lang[note], set()).add(note)
    assert notes_by_lang.get("es") and notes_by_lang.get("en"), notes_by_lang
    # The user's Spanish S3 notes (corpus 002) and English ones land on the same page.
    assert any(note.startswith("corpus/002") for note in notes_by_lang["es"])
    assert any(note.startswith("corpus/") for note in notes_by_lang["en"])
    assert "Spanish" in page and "English" in page  # the language groups are headed


def test_no_tag_twice_under_case_or_alias_variants(combined_site: Path) -> None:
    kb = load_kb(combined_site)
    taxonomy, _problems = load_taxonomy(ROOT / "tags")
    ids = [tag["id"] for tag in kb["tags"]]
    folded = [tag_id.casefold() for tag_id in ids]
    assert len(set(folded)) == len(folded)
    assert all(taxonomy.canonical(tag_id) == tag_id for tag_id in ids)
    aliases = {alias.casefold() for info in taxonomy.entries.values() for alias in info.aliases}
    assert not aliases & set(folded)
    used = {tag for block in kb["blocks"] for tag in (*block["tags"], *block["auto_tags"])}
    assert used <= set(ids)
    # The corpus writes `1_PRICE` and `escalability`; both land on the canonical tags.
    assert {"1_price", "scalability"} <= set(ids)


def test_no_block_swallows_the_markup_after_it(combined_site: Path) -> None:
    """Blocks quoting Markdown fences (``` lines) stay inside their `<pre>`: nothing after them turns to text."""
    broken = [
        str(page.relative_to(combined_site))
        for page in combined_site.rglob("index.html")
        if "&lt;article class=&quot;cdn-block" in page.read_text(encoding="utf-8")
        or "&lt;/pre&gt;" in page.read_text(encoding="utf-8")
    ]
    assert broken == []


def test_a_folder_of_notes_keeps_its_tags_and_every_written_id_has_a_url(tmp_path: Path) -> None:
    """No AWS taxonomy for other notes; `PM`/`01_PM` are one topic; merged ids redirect; orphans are plain chips."""
    from tests.sites import build_site

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "plan.txt").write_text(
        "# Plan [[{ PM.TODO, S3 ]]\n  buckets on S3, see https://github.com/x/git\n[[}]]\n"
        "# Later [[{ 01_PM.TODO, QA }]]\n\nloose words [[ lonely.tag ]]\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert build_site(notes, site, tags_dir=CORE_TAGS) == []
    kb = load_kb(site)
    ids = {tag["id"] for tag in kb["tags"]}
    assert {"pm", "pm.todo", "s3", "qa"} <= ids and not ids & {"01_pm", "01_pm.todo", "aws.s3", "lonely.tag"}
    assert not any(block["auto_tags"] for block in kb["blocks"])
    labels = {tag["id"]: tag["label"] for tag in kb["tags"]}
    assert labels["pm.todo"] == {"en": "To do", "es": "Pendiente"}
    topic = (site / "tags" / "pm.todo" / "index.html").read_text(encoding="utf-8")
    assert topic.count('<article class="cdn-block"') == 2  # both spellings of the tag on one page
    for interface, text in (("", "is the same as"), ("es", "es la misma que")):
        redirect = (site / interface / "tags" / "01_pm.todo" / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../pm.todo/">' in redirect and text in redirect
    assert (site / "tags" / "01_pm" / "index.html").is_file() and (site / "es" / "tags" / "02_qa").is_dir()
    page = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert 'class="cdn-tag cdn-tag-orphan" data-tag="lonely.tag"' in page
    assert not (site / "tags" / "lonely.tag").exists()


def test_the_user_guide_lands_on_no_topic_by_keyword(docs_site: Path) -> None:
    """The guide names services as examples (S3, IAM); it opts out of keyword tags and is on no service's page."""
    kb = load_kb(docs_site)
    guide = [block for block in kb["blocks"] if block["note"].startswith("guide/")]
    assert all(set(block["auto_tags"]) <= {"doc_has.diagram"} for block in guide)  # drawn, not guessed
    s3 = (docs_site / "tags" / "aws.s3" / "index.html").read_text(encoding="utf-8")
    assert 'data-block="guide/' not in s3
    assert "cdn-mention" not in (docs_site / "guide" / "finding" / "index.html").read_text(encoding="utf-8")
