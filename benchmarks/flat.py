"""`python -m benchmarks flat`: every note in one folder, at two sizes; the site must grow with the notes, no faster.

Before cuaderno bounded the navigation (issue 22), each note of a flat folder
carried a link to every other one: 1,000 notes built a 505 MB site, 2,000
notes 1.9 GB. The notes are the synthetic corpus's (`benchmarks/plan.py`),
written side by side at the root of the notes folder, the case where
Material shows the group on every page.
"""

from __future__ import annotations

import json
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from benchmarks.corpus import note_text
from benchmarks.measure import BuildRun, median_run, run_build
from benchmarks.plan import plan_corpus
from benchmarks.report import Figure, table
from benchmarks.run import log
from benchmarks.site_configs import cuaderno_config, write_config
from benchmarks.site_size import measure_site

SIZES = (250, 1_000)
# The site and the build may grow 10 % faster than the notes: 4.4× for 4×.
TARGET_GROWTH = 1.1


@dataclass(frozen=True)
class FlatResult:
    """One size: its build, its site's bytes, and the median bytes of a note's page (both interfaces)."""

    notes: int
    build: BuildRun
    site_bytes: int
    note_page_bytes: float


def write_flat_notes(notes_dir: Path, notes: int, seed: int) -> None:
    """The corpus's first `notes` notes, all in `notes_dir` itself (emptied first); names stay distinct."""
    if notes_dir.exists():
        shutil.rmtree(notes_dir)
    notes_dir.mkdir(parents=True)
    for plan in plan_corpus(notes, seed):
        (notes_dir / PurePosixPath(plan.path).name).write_text(note_text(plan, seed), encoding="utf-8")


def note_page_bytes(site_dir: Path) -> float:
    """The median size of a note's page, in every interface (`kb.json` says where each note is)."""
    kb = json.loads((site_dir / "kb.json").read_text(encoding="utf-8"))
    sizes = []
    for note in kb["notes"]:
        for interface in ("", "es/"):
            page = site_dir / interface / note["url"] / "index.html"
            if page.is_file():
                sizes.append(page.stat().st_size)
    return statistics.median(sizes)


def measure_flat(work_dir: Path, notes: int, seed: int, repeat: int, keep: bool) -> FlatResult:
    folder = work_dir / f"flat-{notes}"
    write_flat_notes(folder / "notes", notes, seed)
    config = write_config(cuaderno_config(folder / "notes"), folder / "cuaderno.yml")
    site = folder / "site"
    runs = []
    for number in range(repeat):
        log(f"flat folder of {notes} notes: build {number + 1} of {repeat}")
        runs.append(run_build(config, site))
        if runs[-1].warnings:
            log(f"  {runs[-1].warnings} warnings, first: {runs[-1].first_warnings[:2]}")
    result = FlatResult(notes, median_run(runs), measure_site(site).text_bytes, note_page_bytes(site))
    if not keep:
        shutil.rmtree(folder)
    return result


def flat_figures(small: FlatResult, large: FlatResult) -> list[Figure]:
    """Growth of the site's bytes, of the build's CPU time and of a note's page, each beside its target."""
    factor = large.notes / small.notes
    growth = f"{small.notes:,} → {large.notes:,} notes in one folder"
    mb = 1024 * 1024
    return [
        Figure(
            f"site bytes growth, {growth}",
            large.site_bytes / small.site_bytes,
            factor * TARGET_GROWTH,
            detail=f"{small.site_bytes / mb:.1f} MB → {large.site_bytes / mb:.1f} MB of text (HTML, JS, CSS, JSON)",
        ),
        Figure(
            f"build time growth, {growth}",
            large.build.cpu_seconds / small.build.cpu_seconds,
            factor * TARGET_GROWTH,
            detail=f"CPU {small.build.cpu_seconds:.1f} s → {large.build.cpu_seconds:.1f} s "
            f"(wall clock {small.build.seconds:.1f} s → {large.build.seconds:.1f} s)",
        ),
        Figure(
            f"a note's page growth, {growth}",
            large.note_page_bytes / small.note_page_bytes,
            TARGET_GROWTH,
            detail=f"median {small.note_page_bytes / 1024:.1f} kB → {large.note_page_bytes / 1024:.1f} kB",
        ),
    ]


def run(sizes: tuple[int, int], work_dir: Path, seed: int = 0, repeat: int = 1, keep: bool = False) -> list[Figure]:
    """Build both sizes, print the figures and write them to `work_dir/flat-results.json`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    small, large = (measure_flat(work_dir, notes, seed, repeat, keep) for notes in sizes)
    figures = flat_figures(small, large)
    print(table(figures))
    results = {
        "sizes": [small.notes, large.notes],
        "site_bytes": [small.site_bytes, large.site_bytes],
        "cpu_seconds": [small.build.cpu_seconds, large.build.cpu_seconds],
        "seconds": [small.build.seconds, large.build.seconds],
        "note_page_bytes": [small.note_page_bytes, large.note_page_bytes],
        "figures": [{"name": f.name, "measured": f.measured, "limit": f.limit} for f in figures],
    }
    (work_dir / "flat-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return figures
