"""One bad note is one warning: a note its reader or renderer cannot handle, or that cannot be read, spares the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuaderno.cli import main
from cuaderno.pipeline import read_note
from cuaderno.settings import Settings
from tests.sites import build_site, load_kb


@pytest.fixture
def failing_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagged-text reader fails on one note, as a bug met by unforeseen input would."""
    import cuaderno.pipeline

    real = cuaderno.pipeline.parse_note

    def parse(source, languages):  # type: ignore[no-untyped-def]
        if "explode" in source.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, languages)

    monkeypatch.setattr(cuaderno.pipeline, "parse_note", parse)


def test_a_note_its_reader_cannot_parse_is_shown_as_plain_text(failing_reader: None, tmp_path: Path) -> None:
    note = read_note(b"# Bad [[{ x ]]\n  explode <here>\n", "bad.txt", Settings())
    assert [d.code for d in note.diagnostics] == ["parse-failed"]
    assert "RecursionError" in note.diagnostics[0].message and note.lines[1] == "  explode <here>"
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bad.txt").write_text("# Bad [[{ x ]]\n  explode <here>\n[[}]]\n", encoding="utf-8")
    (notes / "good.txt").write_text("# Good [[{ y ]]\n  fine\n[[}]]\n", encoding="utf-8")
    site = tmp_path / "site"
    warnings = build_site(notes, site, strict=False)
    assert sum("bad.txt:1: this note could not be read" in w for w in warnings) == 1, warnings
    page = (site / "bad" / "index.html").read_text(encoding="utf-8")
    assert "  explode &lt;here&gt;" in page and "<here>" not in page
    assert (site / "good" / "index.html").is_file() and (site / "tags" / "y" / "index.html").is_file()


def test_a_note_that_cannot_be_rendered_gets_a_notice_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import cuaderno.site_session

    real = cuaderno.site_session.render_note

    def render(note, kb, lang, untrusted=False):  # type: ignore[no-untyped-def]
        if note.path == "bad.txt":
            raise ValueError("unforeseen")
        return real(note, kb, lang, untrusted)

    monkeypatch.setattr(cuaderno.site_session, "render_note", render)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bad.txt").write_text("# Bad\n  a <b>line</b>\n", encoding="utf-8")
    (notes / "good.txt").write_text("# Good\n  fine\n", encoding="utf-8")
    site = tmp_path / "site"
    warnings = build_site(notes, site, strict=False)
    assert sum("bad.txt:1: this note could not be rendered (ValueError: unforeseen)" in w for w in warnings) == 1
    english = (site / "bad" / "index.html").read_text(encoding="utf-8")
    spanish = (site / "es" / "bad" / "index.html").read_text(encoding="utf-8")
    assert "here is its text" in english and "este es su texto" in spanish
    assert "  a &lt;b&gt;line&lt;/b&gt;" in english
    assert "fine" in (site / "good" / "index.html").read_text(encoding="utf-8")


def test_an_unreadable_note_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note that cannot be read (as a locked file, even for root: reading is made to fail) is left out."""
    from mkdocs.structure.files import File

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "locked.txt").write_text("# Locked\n", encoding="utf-8")
    (notes / "good.txt").write_text("# Good\n  fine\n", encoding="utf-8")
    real_bytes, real_read = File.content_bytes, Path.read_bytes

    def locked(path: Path) -> bytes:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    def content(file: File) -> bytes:
        return locked(Path(file.abs_src_path or "")) if file.src_uri == "locked.txt" else real_bytes.fget(file)  # type: ignore[attr-defined]

    monkeypatch.setattr(File, "content_bytes", property(content))
    monkeypatch.setattr(Path, "read_bytes", locked)
    site = tmp_path / "site"
    warnings = build_site(notes, site, strict=False)
    assert sum("locked.txt:1: this note is left out: it cannot be read (Permission denied)" in w for w in warnings) == 1
    assert [note["path"] for note in load_kb(site)["notes"]] == ["good.txt"]
    assert main(["check", str(notes)]) == 0
    assert f"{notes / 'locked.txt'}:1: warning: this note is left out" in capsys.readouterr().out
