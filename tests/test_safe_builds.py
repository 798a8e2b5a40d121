"""`cuaderno build` never destroys anything: safe output folders, atomic builds, no leftovers, clear messages."""

from __future__ import annotations

import errno
import json
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cuaderno.cli import main
from cuaderno.site_folder import MARKER


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temporary directory builds use, empty, so leftovers show."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "uno.txt").write_text("# Uno [[{ redes ]]\n  texto   alineado\n[[}]]\n", encoding="utf-8")
    (folder / "dos.md").write_text("# Dos\n\nSee [[{ redes }]] here.\n", encoding="utf-8")
    return folder


@pytest.fixture
def earlier_site(tmp_path: Path, notes: Path, temp_dir: Path) -> tuple[Path, dict[str, bytes]]:
    """A site built once, and what it held."""
    site = tmp_path / "site"
    assert main(["build", str(notes), "-o", str(site)]) == 0
    return site, snapshot(site)


def leftovers(*folders: Path) -> list[str]:
    """Staging folders, temporary configs and replaced sites that a build left behind."""
    marks = ("building", "cuaderno-", "previous")
    return [entry.name for folder in folders for entry in folder.iterdir() if any(m in entry.name for m in marks)]


def test_a_folder_of_foreign_files_is_refused_and_left_as_it_was(
    tmp_path: Path, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "thesis.docx").write_bytes(b"years of work")
    assert main(["build", str(notes), "-o", str(output)]) == 2
    assert snapshot(output) == {"thesis.docx": b"years of work"}
    message = capsys.readouterr().err
    assert "thesis.docx" in message and "--clean" in message


def test_clean_replaces_a_folder_of_foreign_files(tmp_path: Path, notes: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "old.html").write_text("old", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(output), "--clean"]) == 0
    assert not (output / "old.html").exists() and (output / "uno" / "index.html").is_file()


def test_a_folder_holding_the_notes_is_never_an_output(tmp_path: Path, notes: Path) -> None:
    before = snapshot(tmp_path)
    assert main(["build", str(notes), "-o", str(tmp_path), "--clean"]) == 2
    assert snapshot(tmp_path) == before


def test_an_earlier_site_is_replaced_whole(
    notes: Path, earlier_site: tuple[Path, dict[str, bytes]], temp_dir: Path
) -> None:
    site, _files = earlier_site
    assert (site / MARKER).is_file()
    (notes / "dos.md").unlink()
    assert main(["build", str(notes), "-o", str(site)]) == 0
    assert not (site / "dos").exists() and (site / "uno" / "index.html").is_file()
    assert leftovers(site.parent, temp_dir) == []


def test_a_strict_build_that_fails_leaves_the_earlier_site_and_says_why(
    notes: Path, earlier_site: tuple[Path, dict[str, bytes]], temp_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, files = earlier_site
    capsys.readouterr()
    (notes / "tres.txt").write_text("text\n[[}]]\n", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(site), "--strict"]) == 1
    assert snapshot(site) == files
    assert leftovers(site.parent, temp_dir) == []
    err = capsys.readouterr().err.splitlines()
    failed = [line for line in err if line.startswith("cuaderno: the build failed:")]
    assert len(failed) == 1 and "is unchanged" in failed[0]
    summary = err.index(next(line for line in err if line.startswith("cuaderno: --strict: the build stopped on")))
    assert "tres.txt:2" in err[summary + 1]


@pytest.mark.parametrize(
    ("raised", "status", "said"),
    [
        (KeyboardInterrupt(), 130, "the build was interrupted"),
        (OSError(errno.ENOSPC, "No space left on device"), 1, "No space left on device"),
    ],
    ids=["ctrl-c", "disk-full"],
)
def test_an_interrupted_build_leaves_the_earlier_site(
    notes: Path,
    earlier_site: tuple[Path, dict[str, bytes]],
    temp_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: BaseException,
    status: int,
    said: str,
) -> None:
    """Ctrl-C or a full disk after some pages were written: nothing of it reaches the site."""
    from mkdocs.commands import build as mkdocs_build

    site, files = earlier_site
    capsys.readouterr()
    real = mkdocs_build._build_page
    written: list[object] = []

    def build_page(*args: object, **kwargs: object) -> None:
        if len(written) == 3:
            raise raised
        written.append(args)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    (notes / "uno.txt").write_text("# Uno changed\n", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(site)]) == status
    assert snapshot(site) == files
    assert leftovers(site.parent, temp_dir) == []
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("cuaderno:")]
    assert len(err) == 1 and said in err[0] and "unchanged" in err[0]


def test_a_broken_taxonomy_file_leaves_the_earlier_site(
    notes: Path, earlier_site: tuple[Path, dict[str, bytes]], temp_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --strict, the file's warning fails the build and nothing changes; without, the rest is built."""
    site, files = earlier_site
    (notes / "tags").mkdir()
    (notes / "tags" / "broken.yml").write_text("redes: {labels: [unclosed\n", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(site), "--strict"]) == 1
    assert snapshot(site) == files
    assert "broken.yml" in capsys.readouterr().err
    assert main(["build", str(notes), "-o", str(site)]) == 0
    assert (site / "uno" / "index.html").is_file() and (site / "dos" / "index.html").is_file()
    assert leftovers(site.parent, temp_dir) == []


def test_a_symlink_loop_leaves_the_earlier_site(
    notes: Path, earlier_site: tuple[Path, dict[str, bytes]], temp_dir: Path
) -> None:
    site, files = earlier_site
    (notes / "loop").symlink_to(notes, target_is_directory=True)
    main(["build", str(notes), "-o", str(site), "--strict"])
    assert (site / "uno" / "index.html").is_file()
    assert {name for name in files if not name.startswith("loop/")} <= set(snapshot(site))
    assert leftovers(site.parent, temp_dir) == []


def test_build_from_inside_the_notes_folder(notes: Path, temp_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cuaderno build .` writes ./site, which the next build does not read as notes."""
    monkeypatch.chdir(notes)
    assert main(["build", "."]) == 0
    assert main(["build", "."]) == 0
    kb = json.loads((notes / "site" / "kb.json").read_text(encoding="utf-8"))
    assert sorted(note["path"] for note in kb["notes"]) == ["dos.md", "uno.txt"]
    assert not (notes / "site" / "site").exists()
    assert leftovers(notes, notes.parent, temp_dir) == []


def test_site_name(tmp_path: Path, notes: Path) -> None:
    assert main(["build", str(notes), "-o", str(tmp_path / "out"), "--site-name", "Mis <apuntes>"]) == 0
    page = (tmp_path / "out" / "uno" / "index.html").read_text(encoding="utf-8")
    assert "Mis &lt;apuntes&gt;" in page and "Mis <apuntes>" not in page


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.startswith("cuaderno 0.")


@pytest.mark.parametrize("command", ["check", "index", "build", "serve"])
def test_a_missing_or_empty_folder_is_exit_2_with_a_message(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main([command, str(tmp_path / "empty")]) == 2
    assert "empty: no notes found" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        assert main(["check", str(folder)]) == 2
        assert "cannot be read" in capsys.readouterr().err
    finally:
        folder.chmod(0o755)


def test_a_busy_port_is_reported_before_the_build(
    notes: Path, temp_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(notes), "-a", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port} is already in use" in err and f"-a 127.0.0.1:{port + 1}" in err
    assert "Building documentation" not in err
    assert leftovers(temp_dir) == []


def test_messages_follow_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["check", str(tmp_path / "nada")]) == 2
    assert "nada: no existe esa carpeta" in capsys.readouterr().err
