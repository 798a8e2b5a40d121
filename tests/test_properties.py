"""Properties that hold for any text: the parser never raises, loses nothing, and nests blocks well.

Hypothesis draws notes from a mix of arbitrary Unicode and the pieces the
grammar reacts to (`[[`, `]]`, braces, fences, `#`, `//`, NUL, `\\r`, combining
accents, look-alike letters). Each test keeps to a few hundred examples so the
whole module runs in seconds.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cuaderno.formats import parse_note
from cuaderno.kb import NoteMemo, build_kb
from cuaderno.lint import _Neighbours, edit_distance, lint_tags
from cuaderno.markers import find_markers, normalize_tag, parse_marker, strip_markers
from cuaderno.model import CodeSegment, Format, HeadingSegment, Marker, MarkerOp, Note
from cuaderno.render.notes import render_note
from cuaderno.sources import decode, read_source
from cuaderno.taxonomy import Taxonomy

# No example database: a failure prints its example (and a blob to replay it); the worktree stays clean.
FAST = settings(max_examples=150, deadline=None, database=None, print_blob=True)
SLOW = settings(
    max_examples=60, deadline=None, database=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)

PIECES = (
    *("[[", "]]", "[", "]", "{", "}", ",", " ", ".", "\t", "\n", "\r", "\r\n", "\x00", "\ufeff"),
    *("[[{ a.b, c ]]", "[[}]]", "[[{ t }]]", "[[ t ]]", "[[{ a, { b ]]", "[[{]]", "[[{}]]", "[[ a }]]"),
    *("[[ -f $F ]]", "[[{ <script> ]]", "@[https://x.org]", "@[javascript:alert(1)]", "@[#a]", "#[a]"),
    *("# ", "## T", "- ", "//", "`", "```", "~~~", "    ", "---\n", "main.tf\n", 'resource "x" {\n'),
    *("a", "Ñandú", "e\u0301", "а", "\u2028", "\x85", "\x0c", "=", "$", "<", ">", "-", "'", '"'),
)
pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)
note_texts = st.one_of(pieces, st.text(max_size=300))
one_line = note_texts.map(lambda text: text.replace("\n", " ").replace("\r", " "))


def rebuild(stripped: str, markers: tuple[Marker, ...]) -> str:
    """The text left once markers were cut out, with each marker put back where it was."""
    out, cut, removed = [], 0, 0
    for marker in markers:
        at = marker.start - removed
        out += [stripped[cut:at], marker.raw]
        cut, removed = at, removed + len(marker.raw)
    return "".join(out) + stripped[cut:]


def expected_text(text: str) -> str:
    """What decoding the UTF-8 bytes of `text` must give: BOM, NUL and `\\r` line endings gone."""
    text = text.removeprefix("\ufeff").replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, fmt: Format | None, path: str = "n.txt") -> Note:
    return parse_note(read_source(text.encode(), path, fmt))


# --- markers -------------------------------------------------------------------------------------


@FAST
@given(one_line)
@example("[[{ a ]][[}]]")
@example("[[[{ a ]]]]")
def test_markers_are_exact_non_overlapping_spans(line: str) -> None:
    markers = find_markers(line, 7)
    assert all(m.line == 7 and line[m.start : m.end] == m.raw for m in markers)
    assert all(m.raw.startswith("[[") and m.raw.endswith("]]") for m in markers)
    assert all(a.end <= b.start for a, b in itertools.pairwise(markers))
    # Lossless: the text left when markers are cut out, with them put back, is the line.
    assert rebuild(strip_markers(line, markers), markers) == line


@FAST
@given(one_line, st.lists(st.integers(0, 80), max_size=8, unique=True))
def test_skipped_spans_hide_exactly_their_markers(line: str, cuts: list[int]) -> None:
    bounds = sorted(cuts)
    spans = tuple(zip(bounds[::2], bounds[1::2], strict=False))
    kept = [m for m in find_markers(line, 1) if not any(a <= m.start < b for a, b in spans)]
    assert list(find_markers(line, 1, spans)) == kept


@FAST
@given(st.text(max_size=40))
@example(" İ ")
@example("a \u0301")
def test_normalize_tag_is_idempotent(token: str) -> None:
    tag = normalize_tag(token)
    assert normalize_tag(tag) == tag
    assert not re.search(r"\s", tag) and ".." not in tag and not tag.startswith(".") and not tag.endswith(".")


@FAST
@given(st.one_of(pieces, st.text(max_size=60)).map(lambda text: text.replace("\n", " ")))
@example("'-")  # was read as the tag `-`
def test_marker_tags_are_normalised_and_never_shell(inner: str) -> None:
    ops = parse_marker(inner)
    if ops is None:
        return
    for op in ops:
        assert op.kind in ("open", "close", "add", "paragraph")
        assert len(set(op.tags)) == len(op.tags)
        for tag in op.tags:
            assert tag and tag == normalize_tag(tag)
            assert not set(tag) & set("$=<>") and not tag.startswith("-")


tag_names = st.from_regex(r"[a-zñáé0-9_]{1,8}(\.[a-z0-9_\-]{1,8}){0,2}", fullmatch=True)


@FAST
@given(st.lists(tag_names, min_size=1, max_size=5), st.sampled_from(["", " ", "  "]))
def test_written_markers_read_back(tags: list[str], space: str) -> None:
    listed = f",{space}".join(tags)
    wanted = tuple(dict.fromkeys(normalize_tag(t) for t in tags))
    assert parse_marker(f"{{{space}{listed}{space}") == (MarkerOp("open", wanted),)
    assert parse_marker(f"{{{listed}}}") == (MarkerOp("paragraph", wanted),)
    assert parse_marker(f"{space}{tags[0]}{space}}}") == (MarkerOp("close", (normalize_tag(tags[0]),)),)


# --- decoding ------------------------------------------------------------------------------------


@FAST
@given(st.text(max_size=200))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    decoded, encoding, _problems = decode(text.encode(), "n.txt")
    assert (decoded, encoding) == (expected_text(text), "utf-8")


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_decode(data: bytes) -> None:
    text, encoding, problems = decode(data, "n.txt")
    assert "\r" not in text and "\x00" not in text
    assert encoding != "binary" or (text == "" and [p.code for p in problems] == ["binary-file"])


spanish = st.text(alphabet="abcñáéíóúü¿¡ ÁÉÑ“”€", min_size=1, max_size=20)


@FAST
@given(st.lists(st.tuples(spanish, st.booleans()), min_size=1, max_size=8))
def test_mixed_encodings_keep_every_line(lines: list[tuple[str, bool]]) -> None:
    """UTF-8 lines stay UTF-8 and Windows-1252 lines are read as such, whatever their order."""
    encoded = [line.encode("cp1252") if legacy else line.encode("utf-8") for line, legacy in lines]
    text, _encoding, problems = decode(b"\r\n".join(encoded), "n.txt")
    readable = [line for (line, legacy), raw in zip(lines, encoded, strict=True) if not legacy or _not_utf8(raw)]
    if len(readable) == len(lines):  # a legacy line that happens to be valid UTF-8 reads as UTF-8
        assert text == "\n".join(line for line, _legacy in lines)
    bad = [number for number, raw in enumerate(encoded, start=1) if _not_utf8(raw)]
    assert [(p.code, p.line) for p in problems] == ([("not-utf8", bad[0])] if bad else [])


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# --- notes ---------------------------------------------------------------------------------------


def assert_well_formed(note: Note, text: str) -> None:
    """The lossless and nesting properties every parsed note has."""
    lines = note.lines
    assert "\n".join(lines) == expected_text(text)
    for marker in note.markers:
        assert lines[marker.line - 1][marker.start : marker.end] == marker.raw
    for index, block in enumerate(note.blocks):
        assert block.index == index
        assert 1 <= block.start <= block.end <= len(lines)
        if block.parent is None:
            assert block.depth == 1
        else:
            parent = note.blocks[block.parent]
            assert block.parent < index and block.depth == parent.depth + 1
            assert parent.start <= block.start and block.end <= parent.end
    opened = [op for marker in note.markers for op in marker.ops if op.kind in ("open", "paragraph")]
    assert len(opened) == len(note.blocks)
    for diagnostic in note.diagnostics:
        assert diagnostic.path == note.path and 1 <= diagnostic.line <= len(lines)
        assert 0 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1


def shown_lines(note: Note) -> set[int]:
    """The lines some segment shows: as a heading, as text, or as the title of the code below it."""
    shown: set[int] = set()
    for segment in note.segments:
        if isinstance(segment, HeadingSegment):
            shown.add(segment.heading.line)
            continue
        shown.update(range(segment.first, segment.last + 1))
        if isinstance(segment, CodeSegment) and segment.title:
            label = segment.first - 1
            while not note.lines[label - 1].strip():
                label -= 1
            assert segment.title in note.lines[label - 1]
            shown.add(label)
    return shown


@SLOW
@given(note_texts, st.sampled_from([None, Format.TAGGED, Format.OUTLINE, Format.MARKDOWN]))
@example("[[{ a ]]\ntext [[{ p }]]\nmore [[}]]\nafter\n", Format.TAGGED)
@example('Title\n\nmain.tf:\n\nresource "x" {}\n- Item // c\n  more\n', Format.OUTLINE)
def test_every_reader_keeps_every_line_and_nests_blocks(text: str, fmt: Format | None) -> None:
    source = read_source(text.encode(), "n.txt", fmt)
    note = parse_note(source)
    assert_well_formed(note, text)
    # Every non-blank line of the body is shown by some segment.
    body = range(source.body_start, len(note.lines) + 1)
    blank = {number for number in body if not note.lines[number - 1].strip()}
    assert set(body) - blank <= shown_lines(note)


@SLOW
@given(note_texts, st.sampled_from(["n.txt", "n.md", "n.es.txt"]))
def test_any_note_renders_and_lints(text: str, path: str) -> None:
    note = parse(text, None, path)
    kb = build_kb([note], Taxonomy(), ("en", "es"))
    assert isinstance(render_note(note, kb, "en"), str)
    assert all(d.path == path for d in lint_tags([note], Taxonomy()))


# --- relations kept across `mkdocs serve` rebuilds ---------------------------------------------

TOPICS = ("a", "a.b", "a.c", "d", "d.e")
# A note: its language and the tags of each of its blocks.
tagged_note = st.tuples(
    st.sampled_from(["en", "es"]), st.lists(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2), max_size=3)
)


def tagged_text(blocks: list[list[str]]) -> str:
    return "".join(f"# Part {n} [[{{{', '.join(tags)}}}]]\n  text of part {n}\n" for n, tags in enumerate(blocks))


def note_of(number: int, spec: tuple[str, list[list[str]]]) -> Note:
    lang, blocks = spec
    return parse(tagged_text(blocks), Format.TAGGED, f"n{number}.es.txt" if lang == "es" else f"n{number}.txt")


@FAST
@given(st.lists(tagged_note, min_size=2, max_size=8), st.integers(min_value=0, max_value=7), tagged_note)
def test_relations_kept_after_an_edit_are_those_a_clean_build_finds(
    specs: list[tuple[str, list[list[str]]]], edited: int, edit: tuple[str, list[list[str]]]
) -> None:
    """Edit one note: every note's counterparts and related notes equal a knowledge base built from scratch."""
    edited %= len(specs)
    notes = [note_of(number, spec) for number, spec in enumerate(specs)]
    memo = NoteMemo()
    build_kb(notes, Taxonomy(), memo=memo)
    # An edit keeps the note's path (and so its language, by the `.es` in it), as editing a file does.
    notes[edited] = note_of(edited, (specs[edited][0], edit[1]))
    after = build_kb(notes, Taxonomy(), memo=memo)  # takes what still holds from the memo's last build
    clean = build_kb(notes, Taxonomy())
    for note in notes:
        assert after.counterparts(note.path) == clean.counterparts(note.path), note.path
        assert after.related_notes(note.path) == clean.related_notes(note.path), note.path


def test_an_edit_finds_again_only_the_relations_it_may_change() -> None:
    """Notes that share no tag with the edited note keep the very relations the last build found."""
    notes = [note_of(0, ("en", [["a"]])), note_of(1, ("es", [["a"]])), note_of(2, ("en", [["d"]]))]
    memo = NoteMemo()
    before = build_kb(notes, Taxonomy(), memo=memo)
    found = {note.path: (before.counterparts(note.path), before.related_notes(note.path)) for note in notes}
    assert found["n0.txt"][0]["es"][0].note == "n1.es.txt"
    notes[2] = note_of(2, ("en", [["d"], ["d.e"]]))
    after = build_kb(notes, Taxonomy(), memo=memo)
    assert memo.relations_kept == 2
    assert after.counterparts("n0.txt") is found["n0.txt"][0]
    assert after.related_notes("n1.es.txt") is found["n1.es.txt"][1]
    notes[1] = note_of(1, ("es", [["d.e"]]))  # now related to the edited note, and no longer to the first
    again = build_kb(notes, Taxonomy(), memo=memo)
    assert memo.relations_kept == 0
    assert again.counterparts("n0.txt") == {} and again.related_notes("n2.txt") == (("n1.es.txt", 0.5),)


# --- lint ----------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.text(alphabet="ab_-.á", min_size=1, max_size=6), min_size=1, max_size=25, unique=True))
def test_neighbour_index_finds_exactly_one_edit(ids: list[str]) -> None:
    neighbours = _Neighbours(ids)
    for tag in ids:
        expected = {other for other in ids if other != tag and edit_distance(tag, other, 1) <= 1}
        assert neighbours.one_edit_away(tag) == expected


url_paths = st.lists(st.sampled_from(["", ".", "..", "a", "b", "tags", "aws.s3", "x y", "ñ", "index.html"]), max_size=5)


@FAST
@given(url_paths, url_paths, st.booleans(), st.booleans())
def test_relative_urls_are_posixpath_relpath(
    base: list[str], target: list[str], base_dir: bool, target_dir: bool
) -> None:
    """The fast relative path between site pages answers as `posixpath.relpath` does, `..` and `//` included."""
    import posixpath

    from cuaderno.urls import _relative_path

    base_url = "/".join(base) + ("/" if base_dir and base else "")
    target_url = "/".join(target) + ("/" if target_dir and target else "")
    expected = posixpath.relpath("/" + target_url, "/" + base_url) if base_url or target_url else "."
    if target_url.endswith("/") and not expected.endswith("/"):
        expected += "/"
    assert _relative_path.__wrapped__(base_url, target_url) == expected
