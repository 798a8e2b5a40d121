"""Build progress: a bar on a terminal, plain lines otherwise, nothing for short builds."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from cuaderno.progress import MIN_PAGES, Progress


def test_plain_lines_every_tenth() -> None:
    stream = io.StringIO()
    progress = Progress(200, stream, "es", terminal=False)
    for _ in range(200):
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "es 20/200 pages (10 %)" and lines[-1] == "es 200/200 pages (100 %)" and len(lines) == 10


def test_bar_on_a_terminal_redraws_one_line() -> None:
    stream = io.StringIO()
    progress = Progress(100, stream, terminal=True)
    for _ in range(60):
        progress.advance()
    progress.finish()
    assert stream.getvalue().count("\r") == 60 and stream.getvalue().endswith("60/100 pages\n")
    assert "[" + "#" * 18 + "-" * 12 + "] 60/100 pages" in stream.getvalue()


def test_short_builds_show_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(MIN_PAGES - 1, stream, terminal=False)
    for _ in range(MIN_PAGES - 1):
        progress.advance()
    assert stream.getvalue() == ""


def test_cuaderno_build_reports_progress(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for number in range(60):
        (notes / f"note-{number:02d}.md").write_text(f"# Note {number}\n\nText {number}.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cuaderno.cli", "build", str(notes), "-o", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert "pages (100 %)" in result.stderr and "en " in result.stderr and "es " in result.stderr
