"""Diagram blocks: detection, columns kept on the page, the automatic tag, Mermaid with and without its script."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cuaderno.diagrams import DIAGRAM_TAG, diagram_ranges
from cuaderno.kb import build_kb
from cuaderno.model import DiagramSegment, MarkdownSegment, Note
from cuaderno.pipeline import read_note
from cuaderno.render.notes import render_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import Taxonomy
from tests.sites import build_site

BOX = """\
   ┌──────┐      ┌──────┐
   │ app  │ ───► │ db   │
   └──────┘      └──────┘"""
TREE = """\
  Options:
    └ · first choice
    └ · second choice"""


def _note(text: str, path: str = "n.txt") -> Note:
    return read_note(text.encode(), path, Settings())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BOX, [(1, 3)]),
        (TREE, []),  # a list drawn with corners is not a drawing
        ("  one line ──┴──┘ pointing up", [(1, 1)]),  # three box characters on one line
        ("  └ a single corner", []),
        (f"{BOX}\n\n{BOX}", [(1, 7)]),  # one blank line inside a picture
        (f"{BOX}\n\n\n{BOX}", [(1, 3), (6, 8)]),  # two blank lines end it
        (f"intro line\n{BOX}\noutro", [(1, 5)]),  # the paragraph around the drawing
    ],
)
def test_diagram_ranges(text: str, expected: list[tuple[int, int]]) -> None:
    lines = text.split("\n")
    assert diagram_ranges(lines, 1, len(lines)) == expected


def test_text_note_diagrams_split_the_text_between_headings() -> None:
    note = _note(f"# Title [[{{arch}}]]\nSome words.\n\n{BOX}\n\nMore words.\n# Next\n{BOX}\n")
    assert note.diagrams == (DiagramSegment(4, 6), DiagramSegment(10, 12))


@pytest.mark.parametrize(
    ("fence", "is_diagram"),
    [("```", True), ("```text", True), ("~~~", True), ("```python", False), ("```mermaid", False)],
)
def test_markdown_fences_holding_drawings(fence: str, is_diagram: bool) -> None:
    closer = fence[:3]
    note = _note(f"# T\n\nBefore.\n\n{fence}\n{BOX}\n{closer}\n\nAfter.\n", "m.md")
    assert (note.diagrams == (DiagramSegment(6, 8, fenced=True),)) is is_diagram
    if is_diagram:
        assert note.segments == (MarkdownSegment(1, 4), DiagramSegment(6, 8, fenced=True), MarkdownSegment(10, 12))


def test_indented_or_unclosed_fences_stay_code() -> None:
    assert _note(f"- item\n\n  ```\n{BOX}\n  ```\n", "m.md").diagrams == ()
    assert _note(f"# T\n\n```\n{BOX}\n", "m.md").diagrams == ()


def _pre_rows(markdown: str, anchor: str) -> list[str]:
    """The visible text of a diagram's rows, tags stripped and entities decoded."""
    figure = markdown[markdown.index(f'id="{anchor}"') :]
    body = figure[figure.index('<pre class="cdn-text cdn-diagram-text">') :].split(">", 1)[1].split("</pre>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).split("\n")


def test_rendered_rows_keep_every_column() -> None:
    source = [
        "   ┌──────────┐   ┌──────────┐  [[{arch.serverless]]",
        "   │ @[https://example.com/a] │ ──► │ queue  │",
        "   │ app [[ extra ]]    │   │ worker   │",
        "   └──────────┘   └──────────┘",
        "[[}]]",
    ]
    note = _note("# Flow\n" + "\n".join(source) + "\n")
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    markdown = render_note(note, kb, "en")
    rows = _pre_rows(markdown, "cdn-diagram-2")
    # Markers leave spaces of their width; `@[…]` shows its URL followed by three spaces; a line of bare closers goes.
    expected = [re.sub(r"\[\[[^\]]*\]\]", lambda m: " " * len(m[0]), line).rstrip() for line in source[:4]]
    expected[1] = expected[1].replace("@[https://example.com/a]", "https://example.com/a   ")
    assert rows == expected
    for before, after in zip(source[:4], rows[:4], strict=True):
        assert [i for i, c in enumerate(before) if c in "│┐┘"] == [i for i, c in enumerate(after) if c in "│┐┘"]
    # The marker's chips and block anchor sit in the diagram's bar, not in its rows.
    bar = markdown[markdown.index('<div class="cdn-diagram-bar">') :].split("</div>", 1)[0]
    assert 'data-tag="arch.serverless"' in bar and 'data-tag="extra"' in bar and 'id="' in bar
    assert "[[" not in "".join(rows)


def test_markdown_diagram_is_shown_verbatim() -> None:
    note = _note(f"# T\n\n```\n{BOX} [[{{not.a.marker}}]] @[https://x.org]\n```\n", "m.md")
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    rows = _pre_rows(render_note(note, kb, "en"), "cdn-diagram-4")
    assert rows == f"{BOX} [[{{not.a.marker}}]] @[https://x.org]".split("\n")


def test_diagram_tag_goes_to_the_innermost_block_or_a_diagram_block() -> None:
    text = f"# A [[{{outer]]\n[[{{inner]]\n{BOX}\n[[}}]]\n[[}}]]\n\nloose words\n\n\n{BOX}\n"
    kb = build_kb([_note(text)], Taxonomy(), ("en", "es"))
    tagged = {b.kind + ":" + ",".join(b.tags): b for b in kb.blocks if DIAGRAM_TAG in b.auto_tags}
    assert set(tagged) == {"block:inner", "diagram:"}
    loose = tagged["diagram:"]
    assert loose.lines == (12, 14) and loose.url.endswith("#cdn-diagram-12") and "app" in loose.text
    assert DIAGRAM_TAG in kb.tags and kb.tags[DIAGRAM_TAG].count == 2


def test_section_without_markers_gets_the_diagram_tag() -> None:
    kb = build_kb([_note(f"# Only prose\n\nwords\n\n# Picture\n{BOX}\n")], Taxonomy(), ("en", "es"))
    [block] = [b for b in kb.blocks if DIAGRAM_TAG in b.auto_tags]
    assert block.kind == "section" and block.title == "Picture"


MERMAID_NOTE = "# Flow\n\n```mermaid\nflowchart LR\n  a --> b\n```\n"


def test_mermaid_without_its_script_is_shown_as_code_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cuaderno.mermaid.REPOSITORY", tmp_path)
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "flow.md").write_text(MERMAID_NOTE, encoding="utf-8")
    assert build_site(notes, tmp_path / "site") == []
    page = (tmp_path / "site/flow/index.html").read_text(encoding="utf-8")
    assert 'class="cdn-mermaid-missing"' in page and "npm install" in page
    assert '<pre class="cdn-mermaid-source"><code>flowchart LR' in page and "mermaid.min.js" not in page
    assert 'class="mermaid"' not in page  # Material would fetch Mermaid from a CDN
    assert not (tmp_path / "site/assets/cuaderno/mermaid.min.js").exists()
    spanish = (tmp_path / "site/es/flow/index.html").read_text(encoding="utf-8")
    assert "se muestra como código" in spanish


def test_mermaid_with_its_script_is_drawn_from_the_site(tmp_path: Path) -> None:
    script = tmp_path / "mermaid.min.js"
    script.write_text("window.mermaid = {};", encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "flow.md").write_text(MERMAID_NOTE, encoding="utf-8")
    (notes / "plain.md").write_text("# Plain\n\nNo diagram here.\n", encoding="utf-8")
    overrides = {"plugins": [{"cuaderno": {"mermaid_js": str(script)}}]}
    assert build_site(notes, tmp_path / "site", overrides=overrides) == []
    page = (tmp_path / "site/flow/index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid">' in page and '<script src="../assets/cuaderno/mermaid.min.js">' in page
    assert (tmp_path / "site/assets/cuaderno/mermaid.min.js").read_text(encoding="utf-8") == script.read_text()
    assert "mermaid.min.js" not in (tmp_path / "site/plain/index.html").read_text(encoding="utf-8")
    assert "cdn-mermaid-missing" not in page


def test_text_fence_that_draws_is_a_diagram_with_its_margin_cut() -> None:
    margin = "\n".join(f"  | {row}" for row in BOX.split("\n"))
    note = _note(f"# A [[{{arch]]\n  ```\n{margin}\n  ```\n[[}}]]\n")
    [diagram] = note.diagrams
    assert (diagram.first, diagram.last, diagram.margin) == (3, 5, 4)
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    assert _pre_rows(render_note(note, kb, "en"), "cdn-diagram-3") == BOX.split("\n")
    assert DIAGRAM_TAG in kb.blocks[0].auto_tags


def test_a_line_of_bare_markers_in_a_drawing_gives_its_chips_and_anchor_to_the_bar() -> None:
    note = _note(f"# A [[{{arch]]\n{BOX.split(chr(10))[0]}\n  [[{{net.poll}}]]\n{BOX}\n[[}}]]\n")
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    page = render_note(note, kb, "en")
    anchor = note.marker_anchors[(3, 2)]
    assert f'id="{anchor}"' in page and 'data-tag="net.poll"' in page
    assert "[[" not in "\n".join(_pre_rows(page, "cdn-diagram-2"))
