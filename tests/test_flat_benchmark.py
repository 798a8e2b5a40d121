"""The flat-folder benchmark's notes: the synthetic corpus's, side by side in one folder."""

from __future__ import annotations

from pathlib import Path

from benchmarks.flat import FlatResult, flat_figures, write_flat_notes
from benchmarks.measure import BuildRun


def test_every_note_lands_in_the_one_folder(tmp_path: Path) -> None:
    write_flat_notes(tmp_path / "notes", 120, seed=0)
    written = list((tmp_path / "notes").iterdir())
    assert len(written) == 120 and all(path.is_file() for path in written)


def test_growth_is_measured_against_four_times_the_notes() -> None:
    def result(notes: int, cpu: float, site: int, page: float) -> FlatResult:
        return FlatResult(notes, BuildRun(cpu, cpu, 100.0, 0), site, page)

    figures = flat_figures(result(250, 10.0, 1_000, 20_000.0), result(1_000, 41.0, 4_500, 20_500.0))
    assert [round(figure.measured, 3) for figure in figures] == [4.5, 4.1, 1.025]
    assert [figure.limit for figure in figures] == [4.4, 4.4, 1.1]
    assert [figure.passed for figure in figures] == [False, True, True]
