from __future__ import annotations

from cuaderno.formats import parse_note
from cuaderno.model import Format, Note, Severity
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
