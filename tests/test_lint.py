from __future__ import annotations

from pathlib import Path

import pytest

from cuaderno.cli import main
from cuaderno.lint import edit_distance, lint_tags
from cuaderno.model import Format, Severity
from cuaderno.pipeline import read_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import TagInfo, Taxonomy


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("scalability", "escalability", 1), ("security", "secuirty", 2), ("abc", "abc", 0), ("a", "abcd", 3)],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def test_unknown_and_near_duplicate_tags() -> None:
    taxonomy = Taxonomy({"scalability": TagInfo("scalability"), "security": TagInfo("security")})
    text = "# A [[{ escalability ]]\n[[}]]\n# B [[{ security.sg, brand.new ]]\n[[}]]\n"
    note = read_note(text.encode(), "n.txt", Settings())
    assert note.format is Format.TAGGED
    found = {(d.code, d.line, d.severity) for d in lint_tags([note], taxonomy)}
    assert found == {
        ("near-duplicate-tag", 1, Severity.WARNING),
        ("unknown-tag", 3, Severity.NOTICE),
    }
    (dup,) = [d for d in lint_tags([note], taxonomy) if d.code == "near-duplicate-tag"]
    assert "'scalability: {aliases: [escalability]}'" in dup.message


def test_check_reports_lint_with_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tags").mkdir()
    (tmp_path / "tags" / "t.yml").write_text("tags:\n  scalability: {labels: {en: S, es: E}}\n", encoding="utf-8")
    (tmp_path / "n.txt").write_text("x\n## A [[{ escalability ]]\n[[}]]\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0  # warnings, no errors
    out = capsys.readouterr().out
    assert f"{tmp_path / 'n.txt'}:2:6: warning: tag 'escalability' looks like 'scalability'" in out
