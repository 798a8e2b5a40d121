"""Only the notes folder's own regular files are read: FIFOs, devices, symlinks out of it and loops are warnings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cuaderno.cli import main
from cuaderno.folder_walk import FileGuard, walk_files
from tests.sites import build_site, load_kb


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    """A folder with two notes, and every kind of file a walk must not read or repeat."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("# Secret\nnot for the site\n", encoding="utf-8")
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "uno.txt").write_text("# Uno [[{ redes ]]\n  texto\n[[}]]\n", encoding="utf-8")
    (notes / "sub" / "dos.txt").write_text("# Dos\n  more\n", encoding="utf-8")
    os.mkfifo(notes / "pipe.txt")
    (notes / "zero.txt").symlink_to("/dev/zero")
    (notes / "secret.txt").symlink_to(outside / "secret.txt")
    (notes / "away").symlink_to(outside, target_is_directory=True)
    (notes / "loop").symlink_to(notes, target_is_directory=True)
    (notes / "sub" / "again.txt").symlink_to(notes / "uno.txt")
    return notes


EXPECTED_WARNINGS = {"away", "loop", "pipe.txt", "secret.txt", "sub/again.txt", "zero.txt"}


def test_the_walk_admits_only_the_folders_own_regular_files(tricky: Path) -> None:
    guard = FileGuard(tricky)
    found = [relative for relative, _path in walk_files(guard)]
    assert found == ["uno.txt", "sub/dos.txt"]
    assert {warning.path for warning in guard.warnings} == EXPECTED_WARNINGS
    assert all(warning.line == 1 and warning.code == "skipped-file" for warning in guard.warnings)


def test_check_warns_once_for_each(tricky: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(tricky)])
    out = capsys.readouterr().out.splitlines()
    for name in EXPECTED_WARNINGS:
        said = [line for line in out if line.startswith(f"{tricky / name}:1: warning: left out:")]
        assert len(said) == 1, (name, out)


def test_a_build_publishes_the_rest_and_warns_about_each(tricky: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    warnings = build_site(tricky, site, strict=False)
    for name in EXPECTED_WARNINGS:
        assert sum(f"{name}:1: left out:" in warning for warning in warnings) == 1, (name, warnings)
    assert sorted(note["path"] for note in load_kb(site)["notes"]) == ["sub/dos.txt", "uno.txt"]
    assert not (site / "secret").exists() and not (site / "loop").exists() and not (site / "away").exists()
    assert "not for the site" not in "".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
