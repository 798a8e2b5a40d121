"""Hostile notes: each one parses in reasonable time, keeps every line, and says what is wrong and where.

The small notes live in `fixtures/bad_input/` (kept byte for byte: CRLF, Latin-1,
NUL, UTF-16); binary and huge ones are made here. A folder of them is also run
through `cuaderno check` and one real build.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cuaderno.cli import main
from cuaderno.lint import lint_tags
from cuaderno.markers import find_markers, marker_problems
from cuaderno.model import Note, Severity
from cuaderno.pipeline import read_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import TagInfo, Taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "bad_input"
# A PNG's signature and header, then noise: what an image saved as `.txt` looks like.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(7).randbytes(4000)
# Generous: the machine running the tests may be busy; what matters is that nothing is quadratic.
SANE_SECONDS = 30.0

Problem = tuple[str, int, int]  # code, line, column (0 when the problem has no column)


@dataclass(frozen=True)
class Case:
    """A fixture, the problems it must report (exactly), and the text the user wrote."""

    file: str
    problems: tuple[Problem, ...] = ()
    text: str | None = None  # None: the file is UTF-8 and decodes as is


CASES = [
    Case("unbalanced.txt", (("unbalanced-closer", 2, 1), ("misnamed-closer", 6, 1))),
    Case("unclosed.txt", (("unclosed-block", 1, 0),)),
    Case("split-marker.txt", (("malformed-marker", 2, 1), ("unbalanced-closer", 5, 1))),
    Case(
        "hostile-tags.txt",
        # `<script>` and `it's` are no tags, dropped: line 2 still opens an untagged block, line 6 does nothing (text).
        (
            ("dropped-token", 2, 1),
            ("unclosed-block", 2, 0),
            ("unsafe-link", 5, 5),
            ("malformed-marker", 6, 1),
            ("malformed-marker", 7, 1),
        ),
    ),
    Case("lookalike.txt"),  # the look-alike tag is a lint finding: see test_lookalike_tag_is_flagged
    Case(
        "latin1.txt",
        (("not-utf8", 1, 8),),
        "# Canción de cuna\nmúsica [[{ música.clásica ]]\nañadir más\n[[}]]\n",
    ),
    Case(
        "mixed-encoding.txt",
        (("not-utf8", 3, 10),),
        "# Notas mezcladas\nlínea en UTF-8 ✓\ncomillas “curvas” y € en Windows-1252\notra vez UTF-8: ñandú\n",
    ),
    Case("bom-crlf.txt", (), "# BOM and CRLF [[{ crlf ]]\nline two\n[[}]]\n"),
    Case("old-mac.txt", (), "# Only CR line endings\nline two\nline three\n"),
    Case("nul.txt", (("nul-bytes", 2, 7),), "# NUL bytes\nbeforeafter\n"),
    Case("empty.txt"),
    Case("blank.txt"),
    Case("long-heading.txt"),
    Case("utf16.txt", (), "# UTF-16 from Notepad\nñandú [[{ utf16 }]]\n"),
    Case("hostile.md", (("malformed-marker", 11, 1), ("unsafe-link", 14, 8))),
]


def timed_read(data: bytes, path: str) -> tuple[Note, float]:
    start = time.perf_counter()
    note = read_note(data, path, Settings())
    return note, time.perf_counter() - start


def problems_of(note: Note) -> list[Problem]:
    return sorted((d.code, d.line, d.column) for d in note.diagnostics)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_hostile_note(case: Case) -> None:
    data = (FIXTURES / case.file).read_bytes()
    note, seconds = timed_read(data, case.file)
    assert seconds < SANE_SECONDS
    assert problems_of(note) == sorted(case.problems)
    assert all(d.path == case.file for d in note.diagnostics)
    # No user text lost: every line the user wrote is a line of the note.
    text = case.text if case.text is not None else data.decode("utf-8")
    assert note.lines == tuple(text.split("\n"))


@pytest.mark.parametrize(
    ("file", "blocks"),
    [
        ("latin1.txt", [(("música.clásica",), 2, 4)]),
        ("hostile-tags.txt", [((), 2, 9), (("quoted.tag", "single"), 3, 8)]),  # `list[1]` stays text
        ("bom-crlf.txt", [(("crlf",), 1, 3)]),  # the BOM does not hide the heading
        ("utf16.txt", [(("utf16",), 2, 2)]),
        ("split-marker.txt", []),
        ("unclosed.txt", [(("open.block",), 1, 4)]),  # runs to the end of the file
    ],
)
def test_hostile_note_blocks(file: str, blocks: list[tuple[tuple[str, ...], int, int]]) -> None:
    note = read_note((FIXTURES / file).read_bytes(), file, Settings())
    assert [(b.tags, b.start, b.end) for b in note.blocks] == blocks


@pytest.mark.parametrize(
    ("line", "skip", "column", "says"),
    [
        ("[[{ aws.s3,", (), 1, "not closed on this line"),
        ("text [[} ", (), 6, "not closed on this line"),
        ("[[ { a", (), 1, "not closed on this line"),
        ("[[{ a[1] ]]", (), 1, "holds a [ or ]"),
        ("`[[{ code` then [[{ real", ((0, 10),), 17, "not closed on this line"),
        ("`[[{ code`", ((0, 10),), None, ""),
        ("[[{ fine ]] and [[}]]", (), None, ""),
        ('if [[ -f "$F" ]]; then', (), None, ""),
    ],
)
def test_marker_problems(line: str, skip: tuple[tuple[int, int], ...], column: int | None, says: str) -> None:
    problems = marker_problems("n.md", line, 4, find_markers(line, 4, skip), skip)
    if column is None:
        assert problems == ()
    else:
        (problem,) = problems
        assert (problem.path, problem.line, problem.column, problem.code) == ("n.md", 4, column, "malformed-marker")
        assert says in problem.message


def test_long_heading_is_kept_whole() -> None:
    note = read_note((FIXTURES / "long-heading.txt").read_bytes(), "long-heading.txt", Settings())
    (heading,) = note.headings
    assert len(heading.text) > 500 and note.lines[0] == f"# {heading.text}"
    assert note.title == heading.text


@pytest.mark.parametrize("path", ["photo.txt", "photo.md"])
def test_binary_file_is_left_out_with_a_warning(path: str) -> None:
    note, seconds = timed_read(PNG, path)
    assert seconds < SANE_SECONDS
    assert note.lines == ("",) and note.blocks == ()
    (problem,) = note.diagnostics
    assert (problem.path, problem.line, problem.code, problem.severity) == (path, 1, "binary-file", Severity.WARNING)


def test_text_with_a_stray_control_byte_is_still_text() -> None:
    note = read_note("año\x01 y más\n".encode("latin-1"), "n.txt", Settings())
    assert note.lines == ("año\x01 y más", "") and [d.code for d in note.diagnostics] == ["not-utf8"]


def test_thousand_deep_nesting() -> None:
    depth = 1000
    text = "".join(f"[[{{ level{n} ]]\n" for n in range(depth)) + "deep text\n" + "[[}]]\n" * depth
    note, seconds = timed_read(text.encode(), "deep.txt")
    assert seconds < SANE_SECONDS and note.diagnostics == ()
    assert [b.depth for b in note.blocks] == list(range(1, depth + 1))
    innermost = note.blocks[-1]
    assert (innermost.start, innermost.end) == (depth, depth + 2) and len(innermost.all_tags(note.blocks)) == depth


def test_thousand_deep_nesting_never_closed() -> None:
    depth = 1000
    text = "[[{ " + ", { ".join(f"level{n}" for n in range(depth)) + " ]]\ntext\n"
    note, seconds = timed_read(text.encode(), "deep.txt")
    assert seconds < SANE_SECONDS
    assert problems_of(note) == [("unclosed-block", 1, 0)] * depth
    assert all(b.end == len(note.lines) for b in note.blocks)


def ten_megabytes_of(piece: str) -> str:
    return piece * (10_000_000 // len(piece.encode()) + 1)


def sections(count: int) -> str:
    body = "Una línea de notas sobre S3 y IAM, with English too.\n" * 60
    return "# Big\n" + "".join(f"## Sección {n} [[{{ big.s{n} ]]\n{body}[[}}]]\n\n" for n in range(count))


# Ten megabytes each, in shapes that would expose a quadratic step (a scan restarted at each marker or line).
BIG_NOTES: dict[str, Callable[[], str]] = {
    "sections": lambda: sections(3100),
    "one line of words and markers": lambda: ten_megabytes_of("lorem ipsum dolor sit amet " * 3 + "[[{ t }]] "),
    "one line of unclosed markers": lambda: ten_megabytes_of("[[{ a"),
    "one line of brackets": lambda: ten_megabytes_of("[x](@[#"),
    "blank lines": lambda: ten_megabytes_of("\n"),
    "outline items": lambda: "Title\n\n" + ten_megabytes_of('- item // comment\n  more\nmain.tf\nresource "x" {}\n\n'),
}


@pytest.mark.parametrize("shape", list(BIG_NOTES))
def test_ten_megabyte_note(shape: str) -> None:
    text = BIG_NOTES[shape]()
    assert len(text.encode()) >= 10_000_000
    note, seconds = timed_read(text.encode(), "big.txt")
    assert seconds < SANE_SECONDS
    assert note.lines == tuple(text.split("\n"))
    assert all(d.severity is not Severity.ERROR for d in note.diagnostics)


def test_ten_megabyte_note_keeps_its_structure() -> None:
    note = read_note(sections(3100).encode(), "big.txt", Settings())
    assert note.diagnostics == () and len(note.blocks) == 3100 and len(note.headings) == 3101


def test_unclosed_markers_warn_once_per_line() -> None:
    note = read_note(("[[{ a " * 1000 + "\nnext [[{ b\n").encode(), "n.txt", Settings())
    assert problems_of(note) == [("malformed-marker", 1, 1), ("malformed-marker", 2, 6)]


FIFTY_THOUSAND_TAGS: dict[str, Callable[[], str]] = {
    "in one marker": lambda: "[[{ " + ", ".join(f"tag{n}" for n in range(50_000)) + " ]]\ntext\n[[}]]\n",
    "added to one block": lambda: (
        "[[{ root ]]\n" + "".join(f"line [[ tag.n{n} ]]\n" for n in range(50_000)) + "[[}]]\n"
    ),
    "on paragraphs": lambda: "".join(f"line {n} [[{{ tag{n} }}]]\n" for n in range(50_000)),
    "on blocks": lambda: "".join(f"# H{n} [[{{ tag{n} ]]\ntext\n[[}}]]\n" for n in range(50_000)),
}


@pytest.mark.parametrize("shape", FIFTY_THOUSAND_TAGS)
def test_fifty_thousand_tags(shape: str) -> None:
    note, seconds = timed_read(FIFTY_THOUSAND_TAGS[shape]().encode(), "tags.txt")
    assert seconds < SANE_SECONDS and note.diagnostics == ()
    assert len({tag for block in note.blocks for tag in block.tags}) >= 50_000
    start = time.perf_counter()
    lint_tags([note], Taxonomy({"tag1": TagInfo("tag1")}))
    assert time.perf_counter() - start < SANE_SECONDS


def test_lookalike_tag_is_flagged() -> None:
    note = read_note((FIXTURES / "lookalike.txt").read_bytes(), "lookalike.txt", Settings())
    taxonomy = Taxonomy({"aws.s3": TagInfo("aws.s3"), "aws": TagInfo("aws")})
    (problem,) = lint_tags([note], taxonomy)
    assert (problem.code, problem.line, problem.column, problem.severity) == ("lookalike-tag", 5, 13, Severity.WARNING)
    assert "'aws.s3'" in problem.message and "CYRILLIC SMALL LETTER A" in problem.message


def test_lookalike_tag_without_a_twin_mixes_scripts() -> None:
    note = read_note("# T [[{ sеcurity.basics }]]\n".encode(), "n.txt", Settings())  # Cyrillic 'е'
    (problem,) = lint_tags([note], Taxonomy())
    assert problem.code == "lookalike-tag" and "mixes scripts" in problem.message


def test_decomposed_accents_make_the_same_tag() -> None:
    note = read_note("# A [[{ ba\u0301sica }]]\n# B [[{ básica }]]\n".encode(), "n.txt", Settings())
    assert [b.tags for b in note.blocks] == [("básica",), ("básica",)]


def hostile_folder(tmp_path: Path) -> Path:
    """The fixtures, a binary `.txt` and an image: a notes folder a user could have."""
    folder = tmp_path / "notes"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns(".*"))
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "image.png").write_bytes(PNG)
    return folder


LOCATED = re.compile(r"^(?P<path>.+?):\d+(:\d+)?: (?P<severity>error|warning|notice): .+ \[[a-z0-9-]+\]$")


def test_check_reports_each_problem_at_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = hostile_folder(tmp_path)
    start = time.perf_counter()
    assert main(["check", str(folder)]) == 1
    assert time.perf_counter() - start < SANE_SECONDS
    out = capsys.readouterr().out.splitlines()
    assert out and all(LOCATED.match(line) for line in out), out
    expected = [  # file, line[:column], severity, code
        ("unbalanced.txt", "2:1", "error", "unbalanced-closer"),
        ("unbalanced.txt", "6:1", "notice", "misnamed-closer"),
        ("unclosed.txt", "1", "error", "unclosed-block"),
        ("split-marker.txt", "2:1", "warning", "malformed-marker"),
        ("hostile-tags.txt", "2:1", "notice", "dropped-token"),
        ("hostile-tags.txt", "7:1", "warning", "malformed-marker"),
        ("hostile-tags.txt", "5:5", "warning", "unsafe-link"),
        ("hostile-tags.txt", "5", "warning", "unknown-anchor"),  # @[#../../etc]
        ("lookalike.txt", "5:13", "warning", "lookalike-tag"),
        ("latin1.txt", "1:8", "warning", "not-utf8"),
        ("mixed-encoding.txt", "3:10", "warning", "not-utf8"),
        ("nul.txt", "2:7", "warning", "nul-bytes"),
        ("photo.txt", "1", "warning", "binary-file"),
    ]
    for file, where, severity, code in expected:
        start, end = f"{folder / file}:{where}: {severity}: ", f" [{code}]"
        assert any(line.startswith(start) and line.endswith(end) for line in out), (file, where, code)
    # Notes that are odd but not wrong raise no warning (notices, such as unknown tags, are fine).
    quiet = {"empty.txt", "blank.txt", "old-mac.txt", "bom-crlf.txt", "utf16.txt", "long-heading.txt", "image.png"}
    loud = {Path(m["path"]).name for m in map(LOCATED.match, out) if m and m["severity"] != "notice"}
    assert not quiet & loud


def test_hostile_folder_builds_with_warnings(tmp_path: Path) -> None:
    from tests.sites import build_site, load_kb

    folder = hostile_folder(tmp_path)
    # Markdown notes that MkDocs alone cannot read: Latin-1 bytes, and an image under a note's name.
    (folder / "acentos.md").write_bytes("# Acentos\n\nañadir más información\n".encode("latin-1"))
    (folder / "picture.md").write_bytes(PNG)
    warnings = build_site(folder, tmp_path / "site", strict=False)
    assert any("acentos.md:3:" in w and "[not-utf8]" in w for w in warnings)
    assert any("picture.md:1:" in w and "[binary-file]" in w for w in warnings)
    assert not (tmp_path / "site" / "picture").exists() and not (tmp_path / "site" / "photo").exists()
    assert "añadir más información" in (tmp_path / "site" / "acentos" / "index.html").read_text(encoding="utf-8")
    # The same folder with --strict: the build stops, because it warned.
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(folder, tmp_path / "strict-site", strict=True)
    assert any("unbalanced.txt:2:1:" in w for w in warnings)
    assert any("photo.txt:1:" in w and "binary" in w for w in warnings)
    notes = {note["path"] for note in load_kb(tmp_path / "site")["notes"]}
    assert {"latin1.txt", "mixed-encoding.txt", "hostile-tags.txt", "utf16.txt", "hostile.md"} <= notes
    page = (tmp_path / "site" / "hostile-tags" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;b&gt;html&lt;/b&gt;" in page
    assert "onerror=alert(1)>" not in page and 'href="javascript:' not in page
    latin = (tmp_path / "site" / "latin1" / "index.html").read_text(encoding="utf-8")
    assert "añadir más" in latin
