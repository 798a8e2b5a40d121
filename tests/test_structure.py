from __future__ import annotations

import time

import pytest

from cuaderno.formats import parse_note
from cuaderno.formats.fences import margin_width, text_fences
from cuaderno.model import Format, HeadingSegment, Note, PreformattedSegment, Severity
from cuaderno.sources import read_source


def tagged(text: str) -> Note:
    return parse_note(read_source(text.encode(), "n.txt", Format.TAGGED))


def test_blocks_nest_and_inherit() -> None:
    note = tagged("# A [[{ outer ]]\nintro\n## B [[{ inner, x ]]\nbody\n[[}]]\n[[outer}]]\n")
    outer, inner = note.blocks
    assert (outer.tags, outer.depth, outer.parent, outer.start, outer.end) == (("outer",), 1, None, 1, 6)
    assert (inner.tags, inner.depth, inner.parent, inner.start, inner.end) == (("inner", "x"), 2, 0, 3, 5)
    assert inner.all_tags(note.blocks) == ("inner", "x", "outer")
    assert outer.anchor == "a" and inner.anchor == "b"
    assert inner.title == "B"
    assert not note.diagnostics


def test_several_opens_in_one_marker() -> None:
    note = tagged("x [[{ a, { b, { c ]]\ny\n[[}]][[}]][[}]]\n")
    assert [(b.tags, b.depth) for b in note.blocks] == [(("a",), 1), (("b",), 2), (("c",), 3)]
    assert not note.diagnostics


def test_paragraph_tag_is_a_block_of_its_own() -> None:
    text = "[[{ big ]]\nfirst para\n\nline one\nline two [[{ p.x }]]\nline three\n\nafter\n[[}]]\n"
    note = tagged(text)
    big, para = note.blocks
    assert para.kind == "paragraph" and para.tags == ("p.x",)
    assert (para.start, para.end) == (4, 6)
    assert para.parent == big.index and para.depth == 2


def test_add_tags_to_enclosing_block_and_orphans() -> None:
    note = tagged("[[ lonely ]]\n[[{ a ]]\ntext [[ b ]]\n[[}]]\n")
    assert note.blocks[0].tags == ("a", "b")
    (orphan,) = note.diagnostics
    assert orphan.code == "orphan-tag" and orphan.line == 1 and orphan.severity is Severity.NOTICE


def test_unbalanced_markers_are_reported_and_nothing_is_lost() -> None:
    note = tagged("[[}]]\nkeep me\n[[{ open ]]\nstill here\n")
    codes = {(d.code, d.line, d.severity) for d in note.diagnostics}
    assert ("unbalanced-closer", 1, Severity.ERROR) in codes
    assert ("unclosed-block", 3, Severity.ERROR) in codes
    (block,) = note.blocks
    assert (block.start, block.end) == (3, 5)
    assert note.lines[1] == "keep me" and note.lines[3] == "still here"


def test_misnamed_closer_closes_innermost_with_a_notice() -> None:
    note = tagged("[[{ a ]]\n[[{ b ]]\nx\n[[ a }]]\n[[}]]\n")
    a, b = note.blocks
    assert b.end == 4 and a.end == 5
    (notice,) = note.diagnostics
    assert notice.code == "misnamed-closer" and notice.line == 4 and "line 2" in notice.message


def test_untagged_block_and_empty_marker() -> None:
    note = tagged("[[{]]\ntext [[{}]]\n[[}]]\n")
    (block,) = note.blocks
    assert block.tags == () and (block.start, block.end) == (1, 3)
    assert not note.diagnostics


def test_block_anchor_on_plain_line() -> None:
    note = tagged("a\nb [[{ t ]]\n[[}]]\n")
    assert note.blocks[0].anchor == "kb-2"
    assert note.marker_anchors[(2, 2)] == "kb-2"


# -- fenced regions of text notes (the author's ``` fences with a `| ` margin) --------------------------------


@pytest.mark.parametrize(
    ("lines", "width"),
    [
        (["  | a", "  | b"], 4),  # indent, pipe and one space
        (["  |a", "  | b"], 3),  # no space after one pipe: the space stays content
        (["  | a", "", "  | b"], 4),  # a blank line has an empty margin
        (["  | a", "      b"], 4),  # blank up to the pipe's column: an empty margin
        (["  | a", "  b"], 0),  # text where the margin is: nothing is cut
        (["  | a", " | b"], 0),  # pipes at different columns
        (["a | b", "c"], 0),  # a pipe inside text is no margin
        (["  | grep x", "    more", "    more"], 0),  # a pipe on one line of many is a shell pipe
        ([], 0),
    ],
)
def test_margin_width(lines: list[str], width: int) -> None:
    assert margin_width(lines) == width


def test_fences_pair_over_blank_lines_and_an_unclosed_one_is_text() -> None:
    lines = ["  ```", "  | a", "", "  | b", "  ```", "text", "```", "never closed"]
    [fence] = text_fences(lines)
    assert (fence.open, fence.close, fence.margin, fence.label, fence.head, fence.bullet) == (1, 5, 4, "", "", "")


@pytest.mark.parametrize(
    ("opening", "label", "head", "bullet"),
    [
        ("  ```java", "java", "", ""),
        ("  ```keyctl show @u", "", "keyctl show @u", ""),
        ("* ```", "", "", "*"),
        ("- ```", "", "", "-"),
        ("  |```", "", "", ""),  # the fence line carries the margin too
    ],
)
def test_opening_fence(opening: str, label: str, head: str, bullet: str) -> None:
    [fence] = text_fences([opening, "  | x", "  ```"])
    assert (fence.label, fence.head, fence.bullet) == (label, head, bullet)


def test_closing_fence_needs_as_many_backticks() -> None:
    assert [(f.open, f.close) for f in text_fences(["````", "```", "````"])] == [(1, 3)]


def test_tagged_fence_is_preformatted_its_hash_lines_no_headings_its_markers_read() -> None:
    note = tagged("# T [[{a]]\n  ```\n  | # comment\n  | x [[{b}]]\n  ```\n[[}]]\n")
    assert [type(s) for s in note.segments] == [HeadingSegment, PreformattedSegment, type(note.segments[-1])]
    assert [h.text for h in note.headings] == ["T"]
    assert note.segments[1] == PreformattedSegment(3, 4, 4)
    assert [b.tags for b in note.blocks] == [("a",), ("b",)]


def test_fence_over_many_unclosed_openings_stays_linear() -> None:
    lines = ["```x"] * 20000
    start = time.perf_counter()
    assert text_fences(lines) == []
    assert time.perf_counter() - start < 2
