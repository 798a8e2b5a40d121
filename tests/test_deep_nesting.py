"""A Markdown note nesting deeper than Python-Markdown survives is one warning, and its page shows it as written.

Python-Markdown parses nested lists, quotes and `markdown` HTML blocks
recursively: a list 250 deep exceeded Python's recursion limit inside MkDocs
and ended the whole build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cuaderno.formats.nesting import DEEP_NESTING, MAX_EMPHASIS, MAX_NESTING, line_nesting, too_deep
from cuaderno.model import Format, HeadingSegment, MarkdownSegment, TextSegment
from cuaderno.pipeline import read_note
from cuaderno.settings import Settings


@pytest.mark.parametrize(
    ("line", "depth"),
    [
        ("plain text", 0),
        ("- item", 1),
        ("    - item", 2),
        ("\t\t- item", 3),
        ("> - > quoted list", 3),
        ("1. first", 1),
        ("        12) twelfth", 3),
        ("- - - x", 3),
        ("-not a list", 0),
        ("*emphasis* first", 0),
        ("> " * 40 + "x", 40),
    ],
)
def test_line_nesting(line: str, depth: int) -> None:
    assert line_nesting(line) == depth


def deep_list(levels: int, indent: str = "    ") -> str:
    return "".join(f"{indent * level}- level {level}\n" for level in range(levels))


def test_a_list_deeper_than_the_bound_is_found_where_it_passes_it() -> None:
    lines = ["# T", "", *deep_list(MAX_NESTING + 5).splitlines()]
    assert too_deep(lines, frozenset()) == (MAX_NESTING + 3, MAX_NESTING + 1, MAX_NESTING)
    assert too_deep(lines[: MAX_NESTING + 2], frozenset()) is None  # exactly the bound: rendered
    assert too_deep(lines, frozenset(range(1, len(lines) + 1))) is None  # fenced code is never parsed


def test_markdown_html_blocks_count_until_they_close() -> None:
    opening = ['<div markdown="1">'] * 60
    assert too_deep([*opening, *deep_list(50).splitlines()], frozenset()) is not None
    closed = [*opening, *["</div>"] * 60, *deep_list(50).splitlines()]
    assert too_deep(closed, frozenset()) is None
    assert too_deep(["<div>"] * 500 + ["<b>x</b>"], frozenset()) is None  # plain HTML is not parsed recursively


def nested_emphasis(levels: int) -> str:
    return "*a " * levels + "x" + "*" * levels


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ([nested_emphasis(MAX_EMPHASIS + 1)], (1, MAX_EMPHASIS + 1, MAX_EMPHASIS)),
        ([nested_emphasis(MAX_EMPHASIS)], None),
        # Left open over a paragraph's lines, not past its end.
        (["*a " * 200, "*b " * 200], (2, 400, MAX_EMPHASIS)),
        (["*a " * 200, "", "*b " * 200], None),
        # Emphasis that closes, globs and pointers, snake_case and __dunder__ stay far below.
        (["*em* and __strong__ " * 500, "int *a, *b; " + "snake_case __init__ " * 500], None),
    ],
)
def test_emphasis_left_open_in_a_paragraph(lines: list[str], found: tuple[int, int, int] | None) -> None:
    assert too_deep(lines, frozenset()) == found


def test_note_too_deep_is_shown_as_written_with_its_headings() -> None:
    text = "# Top\n\nintro\n\n" + deep_list(120, "  " * 2) + "\nSub\n---\n\nend\n"
    note = read_note(text.encode(), "deep.md", Settings())
    assert note.format is Format.MARKDOWN
    [problem] = [d for d in note.diagnostics if d.code == DEEP_NESTING]
    assert problem.line == 5 + MAX_NESTING and problem.severity.value == "warning"
    assert not any(isinstance(segment, MarkdownSegment) for segment in note.segments)
    assert [type(s) for s in note.segments] == [HeadingSegment, TextSegment, HeadingSegment, TextSegment]
    assert [h.anchor for h in note.headings] == ["top", "sub"]


def test_deep_notes_build_with_one_warning_each(tmp_path: Path) -> None:
    from tests.sites import build_site

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "outline.md").write_text("# Outline\n\n" + deep_list(300), encoding="utf-8")
    (notes / "boxes.md").write_text("# Boxes\n\n" + '<div markdown="1">\n' * 400 + "x\n" + "</div>\n" * 400)
    (notes / "fine.md").write_text("# Fine\n\n" + deep_list(40), encoding="utf-8")
    (notes / "stress.md").write_text("# Stress\n\n" + nested_emphasis(1200) + "\n", encoding="utf-8")
    warnings = build_site(notes, tmp_path / "site", strict=False)
    assert sorted(w.split(": ")[1] for w in warnings if DEEP_NESTING in w) == [
        f"boxes.md:{3 + MAX_NESTING}",
        f"outline.md:{3 + MAX_NESTING}",
        "stress.md:3",
    ]
    for lang, notice in (("", "deeper than a page can render"), ("es/", "más profundidad de la que")):
        page = (tmp_path / "site" / lang / "outline" / "index.html").read_text(encoding="utf-8")
        assert notice in page and "- level 299" in page and 'id="outline"' in page
    fine = (tmp_path / "site" / "fine" / "index.html").read_text(encoding="utf-8")
    assert "<li>level 39" in fine and "cdn-notice" not in fine
