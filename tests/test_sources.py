from __future__ import annotations

import pytest

from cuaderno.model import Format, Severity
from cuaderno.sources import HIDDEN, decode, detect_format, is_hidden, read_source, unpublished


def test_decode_bom_crlf_and_latin1() -> None:
    text, encoding, problems = decode("\ufeffuno\r\ndós\r\n".encode(), "a.txt")
    assert (text, encoding, problems) == ("uno\ndós\n", "utf-8", [])
    text, encoding, problems = decode("línea\nmás\xff".encode("latin-1"), "b.txt")
    assert text == "línea\nmás\xff" and encoding == "latin-1"
    assert [(p.code, p.line) for p in problems] == [("not-utf8", 1)]


def test_nul_bytes_removed_with_warning() -> None:
    text, _encoding, problems = decode(b"a\nb\x00c\n", "n.txt")
    assert text == "a\nbc\n" and [(p.code, p.line) for p in problems] == [("nul-bytes", 2)]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.md", "plain words", Format.MARKDOWN),
        ("a.txt", "## T [[{x]]\nbody\n[[}]]\n", Format.TAGGED),
        ("a.txt", "# Title\n\n```bash\nls\n```\n", Format.MARKDOWN),
        ("a.txt", "<h1>T</h1>\n- [link](#x)\n", Format.MARKDOWN),
        ("a.txt", "Title\n\n- Item\n\t// comment\n", Format.OUTLINE),
        ("a.txt", "just some text\n  laid out\n", Format.TAGGED),
        ("a.txt", "if [[ -f x ]]; then\n  echo\nfi\n", Format.TAGGED),
        # A fence with a `| ` margin or a `* ` bullet is the author's text convention, whatever else the note holds.
        ("a.txt", "# Title\n  ```\n  | $ ls -1\n  ```\n", Format.TAGGED),
        ("a.txt", "# Title\n* ```\n  $ ls -1\n  ```\n", Format.TAGGED),
        ("a.txt", "# T\n**bold** [a](b)\n  ```\n  | x\n  |   y\n  ```\n", Format.TAGGED),
        ("a.txt", "Title\n\n- Item\n  ```\n  | x\n  ```\n", Format.OUTLINE),
        # A pipe that starts one line of a fence is no margin: a Markdown fence still counts.
        ("a.txt", "# T\n```\nls\n| wc -l\necho\n```\n", Format.MARKDOWN),
        ("a.md", "# T\n  ```\n  | x\n  ```\n", Format.MARKDOWN),
    ],
)
def test_detect_format(path: str, text: str, expected: Format) -> None:
    assert detect_format(text, path) is expected


def test_front_matter_forces_format_and_keeps_line_numbers() -> None:
    source = read_source(b"---\nformat: outline\nlang: es\n---\n- Item\n", "x.txt")
    assert source.format is Format.OUTLINE and source.body_start == 5 and source.meta["lang"] == "es"


def test_bad_front_matter_warns() -> None:
    source = read_source(b"---\n: [\n---\ntext\n", "x.md")
    assert [d.code for d in source.diagnostics] == ["front-matter"]


@pytest.mark.parametrize(
    ("path", "hidden"),
    [
        ("a.txt", False),
        ("pingy.io.txt", False),
        ("templates/t.txt", False),
        (".draft.txt", True),
        (".old/a.txt", True),
        ("notes/.git/x.md", True),
    ],
)
def test_hidden_notes_are_those_with_a_dotted_name_on_their_path(path: str, hidden: bool) -> None:
    assert is_hidden(path) is hidden


def test_a_note_left_out_is_a_warning_at_its_first_line() -> None:
    warning = unpublished(".draft.txt", HIDDEN)
    assert (warning.path, warning.line, warning.code, warning.severity) == (
        ".draft.txt",
        1,
        "unpublished-note",
        Severity.WARNING,
    )
    assert warning.message.startswith("this note is not published: ")


def test_an_alias_bomb_in_front_matter_is_one_warning() -> None:
    """A note's front matter is read within the taxonomy's bounds: aliases that would repeat a million values."""
    from cuaderno.sources import split_front_matter

    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    text = "---\n" + "\n".join(levels) + "\ntitle: *a6\n---\n# Body\n"
    meta, body_start, problems = split_front_matter(text, "bomb.md")
    assert meta == {} and body_start == 1
    assert [(p.path, p.line, p.code) for p in problems] == [("bomb.md", 1, "front-matter")]
