"""Real `mkdocs build --strict` runs over docs/ and the user's corpus; assertions on HTML and kb.json."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from cuaderno.markers import MARKER_RE, find_markers, strip_markers
from tests.sites import build_site, load_kb

BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


def visible_text(page_html: str) -> str:
    """The article's text, as a reader sees it (tags stripped, entities decoded)."""
    article = page_html.split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def pre_lines(page_html: str) -> list[str]:
    """Every line of every `<pre class="cdn-text">`, as text."""
    lines: list[str] = []
    for block in re.findall(r'<pre class="cdn-text[^"]*">(.*?)</pre>', page_html, flags=re.DOTALL):
        block = re.sub(r'<span class="cdn-tags"[^>]*>.*?</span>', "", block)  # tag chips stand for markers
        lines.extend(html.unescape(re.sub(r"<[^>]+>", "", block)).split("\n"))
    return lines


def page_of(site: Path, note_path: str) -> str:
    stem = note_path.rsplit(".", 1)[0]
    return (site / stem / "index.html").read_text(encoding="utf-8")


def test_every_corpus_note_is_a_page(corpus: Path, corpus_site: Path) -> None:
    kb = load_kb(corpus_site)
    notes = {n["path"]: n for n in kb["notes"]}
    for source in sorted(corpus.glob("*.txt")):
        assert source.name in notes
        assert (corpus_site / notes[source.name]["url"] / "index.html").is_file()
    formats = {path[:3]: note["format"] for path, note in notes.items()}
    assert formats["000"] == "outline" and formats["001"] == "tagged"
    assert formats["002"] == formats["003"] == formats["004"] == "markdown"


def test_no_marker_text_shows(corpus: Path, corpus_site: Path) -> None:
    for source in sorted(corpus.glob("*.txt")):
        text = visible_text(page_of(corpus_site, source.name))
        leftovers = [m.group(0) for m in MARKER_RE.finditer(text) if find_markers(m.group(0), 1)]
        assert leftovers == [], source.name


def normalise(line: str) -> str:
    return " ".join(line.split())


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_every_text_line_survives(corpus: Path, corpus_site: Path, prefix: str) -> None:
    (source,) = corpus.glob(f"{prefix}_*.txt")
    text = normalise(visible_text(page_of(corpus_site, source.name)))
    missing = []
    for number, line in enumerate(source.read_text(encoding="utf-8").split("\n"), start=1):
        content = strip_markers(line, find_markers(line, number))
        content = re.sub(r"^\s*(#+\s|- |//)", "", content)  # heading, item and comment syntax
        content = re.sub(r"@\[(\S+?)\]", r"\1", content)  # `@[url]` shows as the url
        # `- Item //comment` becomes a heading and a paragraph.
        for part in content.split("//") if line.startswith("- ") else [content]:
            if normalise(part) and normalise(part) not in text:
                missing.append((number, line))
    assert missing == []


def test_box_drawing_lines_keep_their_columns(corpus: Path, corpus_site: Path) -> None:
    (source,) = corpus.glob("001_*.txt")
    shown = set(pre_lines(page_of(corpus_site, source.name)))
    drawn = 0
    for number, line in enumerate(source.read_text(encoding="utf-8").split("\n"), start=1):
        if not BOX_DRAWING.search(line):
            continue
        drawn += 1
        markers = find_markers(line, number)
        # In a diagram block a marker leaves spaces of its width and `@[url]` shows as the url and three
        # spaces: every column stays. In other text, markers become chips and links pad only aligned text.
        in_place = line
        for marker in markers:
            in_place = in_place[: marker.start] + " " * (marker.end - marker.start) + in_place[marker.end :]
        stripped = strip_markers(line, markers)
        expected = {
            re.sub(r"@\[(\S+?)\]", r"\1   ", in_place).rstrip(),
            re.sub(r"@\[(\S+?)\]", r"\1", stripped).rstrip(),
            re.sub(r"@\[(\S+?)\]", r"\1   ", stripped).rstrip(),
        }
        assert any(row.rstrip() in expected for row in shown), (number, line)
    assert drawn > 100


def test_kb_folds_case_and_isolates_paragraph_tags(corpus_site: Path) -> None:
    kb = load_kb(corpus_site)
    ids = {tag["id"] for tag in kb["tags"]}
    assert "1_price" in ids and not any(tag != tag.lower() for tag in ids)
    comparative = [b for b in kb["blocks"] if "doc_has.comparative" in b["tags"] and b["note"].startswith("001")]
    paragraph = [b for b in comparative if b["kind"] == "paragraph"]
    assert paragraph, "the [[{doc_has.comparative}]] paragraph is a block of its own"
    assert "Cloud Shell" in paragraph[0]["text"] and paragraph[0]["tags"] == ["doc_has.comparative"]
    assert paragraph[0]["parent"] is not None and paragraph[0]["depth"] >= 2
    assert paragraph[0]["lines"][1] - paragraph[0]["lines"][0] < 10


def test_kb_json_schema(docs_site: Path) -> None:
    kb: dict[str, Any] = load_kb(docs_site)
    assert kb["version"] == 1
    note_keys = {"path", "url", "title", "lang", "format"}
    block_keys = {"id", "note", "url", "lang", "tags", "auto_tags", "depth", "parent", "lines", "text"}
    assert all(note_keys <= set(note) for note in kb["notes"])
    assert all(block_keys <= set(block) for block in kb["blocks"])
    assert all({"id", "parent", "count", "label"} <= set(tag) for tag in kb["tags"])
    assert all(set(tag["label"]) == {"en", "es"} for tag in kb["tags"])
    by_id = {b["id"]: b for b in kb["blocks"]}
    for block in kb["blocks"]:
        if block["parent"]:
            assert by_id[block["parent"]]["depth"] == block["depth"] - 1


def test_docs_site_pages(docs_site: Path) -> None:
    kb = load_kb(docs_site)
    formats = {n["format"] for n in kb["notes"]}
    assert formats == {"tagged", "outline", "markdown"}
    langs = {n["path"]: n["lang"] for n in kb["notes"]}
    assert langs["aws/storage/s3-almacenamiento.md"] == "es" and langs["aws/networking/vpc.txt"] == "en"
    vpc = page_of(docs_site, "aws/networking/vpc.txt")
    assert 'class="cdn-tag"' in vpc and 'href="../../../tags/aws.vpc/"' in vpc
    assert (docs_site / "tags" / "aws.vpc" / "index.html").is_file()
    assert (docs_site / "tags" / "index.html").is_file()
    # Markers inside fenced code in Markdown notes stay text.
    s3 = visible_text(page_of(docs_site, "aws/storage/s3-almacenamiento.md"))
    assert '[[ -f "$FILE" ]]' in s3
    # An outline note's label line titles its code block, whose language was detected.
    secrets = page_of(docs_site, "aws/security/secrets-manager.txt")
    assert re.search(r'class="filename">main\.tf<', secrets)
    assert "language-hcl" in secrets or "highlight" in secrets


def test_topic_page_shows_blocks_inline(docs_site: Path) -> None:
    page = (docs_site / "tags" / "aws.vpc" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="cdn-block"') >= 1 and "Amazon VPC" in page


def test_unbalanced_note_warns_and_strict_fails(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "broken.txt").write_text("# Broken [[{ a ]]\nkeep this line\n", encoding="utf-8")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(notes, tmp_path / "site")
    warnings = build_site(notes, tmp_path / "site2", strict=False)
    assert any("broken.txt:1:" in w and "never closed" in w for w in warnings)
    assert "keep this line" in visible_text((tmp_path / "site2" / "broken" / "index.html").read_text("utf-8"))


def test_the_knowledge_base_is_left_out_of_garbage_collection_until_the_build_ends(tmp_path: Path) -> None:
    """Frozen while Material renders the pages (no full collection walks it), given back after the build."""
    import gc

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("# A [[{security}]]\n  some text\n", encoding="utf-8")
    record = tmp_path / "frozen.txt"
    hook = tmp_path / "freeze_hook.py"
    hook.write_text(
        "import gc\n"
        "def on_post_page(output, **kwargs):\n"
        f"    open({str(record)!r}, 'a').write(f'{{gc.get_freeze_count()}}\\n')\n"
        "    return output\n",
        encoding="utf-8",
    )
    gc.unfreeze()
    assert gc.isenabled()
    build_site(notes, tmp_path / "site", overrides={"hooks": [str(hook)]})
    during = [int(count) for count in record.read_text(encoding="utf-8").split()]
    assert during and min(during) > 1000
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_built_page_gets_all_its_edits_in_one_pass() -> None:
    """The Mermaid script and the content's language, each where it belongs; Material's search is left alone."""
    from cuaderno.render.built_page import finish_page

    page = (
        '<body><article class="md-content__inner md-typeset"><pre class="mermaid">a</pre>'
        '<pre class="mermaid">b</pre></article>'
        '<script id="__config">{"search": "../assets/javascripts/workers/search.1a2b.min.js"}</script></body>'
    )
    drawn = finish_page(page, "es", ("en", "es"), mermaid_script="../m.js", content_lang="en")
    assert drawn == (
        '<body><article class="md-content__inner md-typeset" lang="en"><pre class="mermaid">a</pre>'
        '<pre class="mermaid">b</pre></article><script id="__config">{"search": '
        '"../assets/javascripts/workers/search.1a2b.min.js"}</script><script src="../m.js"></script>\n</body>'
    )
    # Without the Mermaid script every fence stays code, with a notice; a topic page keeps the interface's language.
    shown = finish_page(page, "en")
    assert shown.count('<pre class="cdn-mermaid-source">') == 2 and 'class="mermaid"' not in shown
    assert "lang=" not in shown and "workers/search.1a2b.min.js" in shown
    assert finish_page("<p>not Material</p>", "en", ("en", "es")) == "<p>not Material</p>"
