"""`python -m benchmarks run`: every figure of issue 8 in one run, each next to its target."""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.capture_hook import CAPTURE_ENV
from benchmarks.corpus import generate_corpus
from benchmarks.explorer import ExplorerFigures, measure_explorer
from benchmarks.measure import BuildRun, median_run, run_build
from benchmarks.plan import NotePlan
from benchmarks.rebuild import RebuildFigures, measure_rebuild
from benchmarks.report import Figure, table
from benchmarks.site_configs import cuaderno_config, plain_config, write_config
from benchmarks.site_size import SiteSize, measure_site

EXPLORER_BLOCKS = 10_000
TARGET_RATIO = 1.15
TARGET_GROWTH = 1.05  # build time may grow 5 % faster than the number of notes (10.5× for 10×)
TARGET_SHARE = 0.05
TARGET_EXPLORER_MS = 50.0
TARGET_KB_SHARE = 0.25

FAIRNESS = """\
How the plain build is made fair: a first cuaderno build, untimed, runs with benchmarks/capture_hook.py,
which saves the Markdown cuaderno hands MkDocs for every page (notes, topic pages, tag index, explorer,
home) in each language build: name.md for English, name.es.md for Spanish. The plain site builds those
pages with everything cuaderno's site has except cuaderno: Material with the same features, Markdown
extensions, assets and search plugin, and mkdocs-static-i18n with the same two languages. Both builds
render the same pages, in both interfaces; the difference is cuaderno's own work (parsing, knowledge base,
rendering, kb.json, page edits). Each build runs in a fresh process, timed from loading the config.
Build times are the CPU time of the build process (it runs on one thread), so that other work on the
machine does not blur them; the wall-clock times are shown beside them."""

NAVIGATION_NOTE = (
    "Navigation: cuaderno's bundled config has Material's navigation.prune, so a page holds the open\n"
    "branch of the navigation, not all of it. Without it, the build grows with the square of the number\n"
    "of notes (10,000 notes: about 20,000 pages of several MB each), whatever the plugin does. It leaves\n"
    "out navigation.sections, which opened every top-level folder on every page: each page listed the\n"
    "term folders of every topic, a list that grows with the notes."
)


@dataclass(frozen=True)
class RunOptions:
    """What to measure and where."""

    sizes: tuple[int, int] = (1_000, 10_000)
    repeat: int = 1
    seed: int = 0
    work_dir: Path = Path("/tmp/cuaderno-benchmark")
    explorer_sessions: int = 3
    profile: bool = False
    keep: bool = False


@dataclass
class SizeResult:
    """The builds of one corpus size."""

    notes: int
    blocks: int
    cuaderno: BuildRun
    plain: BuildRun
    site: SiteSize
    runs: dict[str, list[BuildRun]] = field(default_factory=dict)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _folder(options: RunOptions, notes: int) -> Path:
    return options.work_dir / f"{notes}-notes"


def build_size(options: RunOptions, notes: int) -> tuple[SizeResult, list[NotePlan]]:
    """Generate `notes` notes, capture cuaderno's Markdown, then time both builds `repeat` times."""
    folder = _folder(options, notes)
    notes_dir = folder / "notes"
    log(f"{notes:,} notes: generating in {notes_dir}")
    plans = generate_corpus(notes_dir, notes, options.seed)
    cuaderno_yml = write_config(cuaderno_config(notes_dir), folder / "cuaderno.yml")
    capture_yml = write_config(cuaderno_config(notes_dir, capture=True), folder / "capture.yml")
    capture_dir = folder / "capture"
    shutil.rmtree(capture_dir, ignore_errors=True)
    log(f"{notes:,} notes: capturing the Markdown cuaderno hands MkDocs (untimed build)")
    run_build(capture_yml, folder / "site-capture", env={CAPTURE_ENV: str(capture_dir)})
    shutil.rmtree(folder / "site-capture")
    plain_yml = write_config(plain_config(notes_dir, capture_dir), folder / "plain.yml")
    runs: dict[str, list[BuildRun]] = {"cuaderno": [], "plain": []}
    for round_number in range(1, options.repeat + 1):
        # Alternate the two builds so that a slower moment of the machine hits both.
        for name, config in (("cuaderno", cuaderno_yml), ("plain", plain_yml)):
            run = run_build(config, folder / f"site-{name}")
            runs[name].append(run)
            log(
                f"{notes:,} notes: {name} build {round_number}/{options.repeat}: {run.cpu_seconds:.1f} s CPU, "
                f"{run.seconds:.1f} s wall clock, {run.peak_rss_mb:.0f} MB, {run.warnings} warnings"
            )
    shutil.rmtree(folder / "site-plain", ignore_errors=True)
    site = measure_site(folder / "site-cuaderno")
    kb = json.loads((folder / "site-cuaderno" / "kb.json").read_text(encoding="utf-8"))
    result = SizeResult(notes, len(kb["blocks"]), median_run(runs["cuaderno"]), median_run(runs["plain"]), site, runs)
    return result, plans


def build_figures(
    options: RunOptions,
    small: SizeResult,
    large: SizeResult,
    rebuild: RebuildFigures,
    explorer: ExplorerFigures,
    explorer_site: SizeResult,
) -> list[Figure]:
    figures = []
    for size in (small, large):
        figures.append(
            Figure(
                f"build time, cuaderno ÷ plain Material, {size.notes:,} notes",
                size.cuaderno.cpu_seconds / size.plain.cpu_seconds,
                TARGET_RATIO,
                detail=f"{size.cuaderno.cpu_seconds:.1f} s ÷ {size.plain.cpu_seconds:.1f} s CPU; wall clock "
                f"{size.cuaderno.seconds:.1f} s ÷ {size.plain.seconds:.1f} s = "
                f"{size.cuaderno.seconds / size.plain.seconds:.2f}× ({size.site.pages:,} HTML pages, "
                f"{size.blocks:,} blocks, {size.cuaderno.warnings} warnings)",
            )
        )
    notes_ratio = large.notes / small.notes
    figures.append(
        Figure(
            f"build time growth, {small.notes:,} → {large.notes:,} notes",
            large.cuaderno.cpu_seconds / small.cuaderno.cpu_seconds,
            TARGET_GROWTH * notes_ratio,
            detail=f"{small.cuaderno.cpu_seconds:.1f} s → {large.cuaderno.cpu_seconds:.1f} s CPU (wall clock "
            f"{large.cuaderno.seconds / small.cuaderno.seconds:.2f}×); plain Material alone grows "
            f"{large.plain.cpu_seconds / small.plain.cpu_seconds:.2f}×",
        )
    )
    figures.append(
        Figure(
            f"peak memory growth, {small.notes:,} → {large.notes:,} notes",
            large.cuaderno.peak_rss_mb / small.cuaderno.peak_rss_mb,
            notes_ratio,
            detail=f"{small.cuaderno.peak_rss_mb:.0f} MB → {large.cuaderno.peak_rss_mb:.0f} MB peak RSS; plain "
            f"Material {small.plain.peak_rss_mb:.0f} MB → {large.plain.peak_rss_mb:.0f} MB",
        )
    )
    by_time = sorted(rebuild.by_event.items(), key=lambda event: -event[1])
    events = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in by_time)
    figures.append(
        Figure(
            f"a serve rebuild ÷ the full build, {small.notes:,} notes",
            rebuild.rebuild_seconds / rebuild.first_build_seconds,
            TARGET_SHARE,
            unit="%",
            detail=f"{rebuild.rebuild_seconds:.2f} s ÷ {rebuild.first_build_seconds:.1f} s CPU; wall clock "
            f"{rebuild.rebuild_wall_seconds:.2f} s; cuaderno's hooks {rebuild.plugin_seconds:.2f} s "
            f"({rebuild.share * 100:.0f} %: {events})",
        )
    )
    steps = ", ".join(f"{name} {ms:.1f}" for name, ms in explorer.steps.items())
    figures.append(
        Figure(
            f"explorer, slowest filtering step, {explorer.blocks:,} blocks",
            explorer.slowest_ms,
            TARGET_EXPLORER_MS,
            unit="ms",
            strict=True,
            detail=f"{steps} ms (filtering alone at most {explorer.filter_only_ms:.1f} ms); "
            f"ready {explorer.ready_seconds:.2f} s after navigation",
        )
    )
    site = explorer_site.site
    figures.append(
        Figure(
            f"kb.json ÷ the site's text, {explorer_site.notes:,} notes",
            site.kb_share,
            TARGET_KB_SHARE,
            unit="%",
            detail=f"{site.kb_bytes / 1e6:.1f} MB of {site.text_bytes / 1e6:.1f} MB (HTML pages alone "
            f"{site.html_bytes / 1e6:.1f} MB)",
        )
    )
    return figures


def run(options: RunOptions) -> list[Figure]:
    options.work_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    small, small_plans = build_size(options, options.sizes[0])
    large, _ = build_size(options, options.sizes[1])
    # The explorer runs on the smallest site with 10,000 blocks (the largest otherwise).
    explorer_site = small if small.blocks >= EXPLORER_BLOCKS else large
    for other in (small, large):
        if other is not explorer_site and not options.keep:
            shutil.rmtree(_folder(options, other.notes) / "site-cuaderno", ignore_errors=True)
    explorer_dir = _folder(options, explorer_site.notes) / "site-cuaderno"
    log(f"explorer: {options.explorer_sessions} sessions in Chromium on {explorer_site.blocks:,} blocks")
    explorer = measure_explorer(explorer_dir, options.explorer_sessions)
    folder = _folder(options, small.notes)
    edited = next(plan for plan in small_plans if plan.format == "tagged")
    log(f"rebuild: serve-like build of {small.notes:,} notes, then {options.repeat} edit(s) of {edited.path}")
    rebuild = measure_rebuild(
        folder / "cuaderno.yml", folder / "site-serve", folder / "notes", edited, options.seed, options.repeat,
        profile=options.profile,
    )
    if not options.keep:
        shutil.rmtree(folder / "site-serve", ignore_errors=True)
    figures = build_figures(options, small, large, rebuild, explorer, explorer_site)
    results = {
        "options": {**asdict(options), "work_dir": str(options.work_dir)},
        "minutes": (time.perf_counter() - started) / 60,
        "sizes": [asdict(small), asdict(large)],
        "rebuild": asdict(rebuild),
        "explorer": asdict(explorer),
        "figures": [{**asdict(f), "passed": f.passed} for f in figures],
    }
    (options.work_dir / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(FAIRNESS)
    print(NAVIGATION_NOTE)
    print()
    print(table(figures))
    if rebuild.profile:
        print(f"\nProfile of one rebuild, cuaderno's functions by cumulative time:\n{rebuild.profile}")
    print(f"\nResults: {options.work_dir / 'results.json'} ({results['minutes']:.0f} minutes)")
    return figures
