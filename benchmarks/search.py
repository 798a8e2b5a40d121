"""`python -m benchmarks search`: the search box and the explorer on big sites, in Chromium (issue 21).

For each corpus (the DevOps collection of `../shared/realnotes`, and the
synthetic 1,000- and 10,000-note corpora) the site is built with `cuaderno
build`, served on 127.0.0.1, and measured:

- search: for a few queries typed into the header box, each in a fresh browser
  (nothing cached), the time from the last keystroke to the results drawn and
  every byte fetched from the first focus of the box until then (the bundle
  loading included, and what Pagefind's worker fetches);
- explorer: the time from navigation to its first result cards and the bytes
  fetched by then (benchmarks.explorer.first_results);
- indexing: what indexing adds to the build: the same notes are built twice
  with `mkdocs build` on `cuaderno build`'s configuration, with Material's
  search plugin (the switch for the box and its Pagefind index) and without
  it; the share is the difference over the build without. Pagefind indexes
  beside the builds of the interfaces; the build's log says how long the
  bundles took after the last page was written (shown beside).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate_corpus
from benchmarks.explorer import CHROMIUM, CHROMIUM_ARGS, first_results, serve
from benchmarks.report import Figure, table

SEARCH_MS = 300.0  # first results after the last keystroke
SEARCH_KB = 300.0  # fetched per search
EXPLORER_MS = 1000.0
EXPLORER_MB = 2.0
INDEXING_SHARE = 0.15
REPEATS = 3  # builds of each kind, with and without search, when one takes under REPEAT_UNDER_S
REPEAT_UNDER_S = 120.0
KEY_DELAY_MS = 60  # between keystrokes, a quick typist
FONTS = (".woff2", ".woff", ".ttf")  # the site's own fonts: counted apart
_INDEX_LINE = re.compile(r"(?:search index|índice de búsqueda): (\d+) \S+, \S+ ([\d.]+) s")
_WORD = re.compile(r"[^\W\d_]{6,}")

# Runs in every page before its scripts: when was the last key pressed, when did the box show a query's results.
_WATCH = """
window.__cdnKeys = [];
document.addEventListener("keydown", () => window.__cdnKeys.push(performance.now()), true);
window.__cdnShown = {};
new MutationObserver((changes) => {
  for (const change of changes) {
    const query = change.target.dataset && change.target.dataset.searched;
    if (query !== undefined && !(query in window.__cdnShown)) window.__cdnShown[query] = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-searched"] });
"""


def _body_size(request: Any) -> int:
    """The bytes a finished request brought (its body as sent, compressed or not)."""
    try:
        return int(request.sizes()["responseBodySize"])
    except Exception:  # a request the browser answered from its cache, or that failed
        return 0


@dataclass(frozen=True)
class SearchRun:
    """One query typed into a fresh browser."""

    query: str
    ms: float  # last keystroke -> results drawn
    bytes: int  # fetched from the box's first focus until then: the index and its scripts
    font_bytes: int  # the site's code font, fetched then too when the page had shown no code before
    results: str  # what the panel said


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    without_search_seconds: float  # the same build without the search box and its index
    index_seconds: float  # the wait for the bundles after the last page
    records: int


def _mkdocs_build(notes: Path, site: Path, search: bool) -> tuple[float, str]:
    """`mkdocs build` on `cuaderno build`'s configuration, with or without search; its seconds and log."""
    import yaml

    from cuaderno.cli import site_config
    from cuaderno.pipeline import taxonomy_dir
    from cuaderno.settings import Settings

    config = site_config(notes, taxonomy_dir(notes, Settings()))  # as `cuaderno build` has it
    if not search:
        config["plugins"] = [plugin for plugin in config["plugins"] if "search" not in plugin]
    config_file = site.parent / f"{site.name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(site), "--clean"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"the build of {notes} failed:\n{done.stderr[-3000:]}")
    return seconds, done.stderr + done.stdout


def build(notes: Path, site: Path) -> BuildRun:
    """Build the notes without search (`<site>-plain`, then removed) and with it (the site measured).

    A build of a few seconds varies by more than indexing adds (here 7.4 to 8.8 s for the same DevOps
    build): such builds are made `REPEATS` times each, one kind after the other, and the fastest of each
    kind compared (other work on the machine only ever slows a build down).
    """
    plain = site.with_name(f"{site.name}-plain")
    without: list[float] = []
    seconds: list[float] = []
    while not without or (without[0] < REPEAT_UNDER_S and len(without) < REPEATS):
        without.append(_mkdocs_build(notes, plain, search=False)[0])
        shutil.rmtree(plain, ignore_errors=True)
        took, log = _mkdocs_build(notes, site, search=True)
        seconds.append(took)
    lines = _INDEX_LINE.findall(log)
    if not lines:
        raise RuntimeError("the build wrote no search index (is pagefind[bin] installed?)")
    index_seconds, records = sum(float(found[1]) for found in lines), sum(int(found[0]) for found in lines)
    return BuildRun(min(seconds), min(without), index_seconds, records)


def queries(notes: Path, site: Path) -> list[str]:
    """A frequent word, a rarer one, the broadest top-level tag with the second word, and the frequent
    word again from the Spanish interface (`es/` before it: the page it is typed in)."""
    counts: Counter[str] = Counter()
    for path in sorted(notes.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".md", ""} and path.stat().st_size < 2_000_000:
            counts.update(word.lower() for word in _WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    ranked = [word for word, _count in counts.most_common(400)]
    tags = json.loads((site / "kb" / "tags.json").read_text(encoding="utf-8"))["tags"]
    broadest = max((tag for tag in tags if not tag.get("parent")), key=lambda tag: tag.get("count", 0))["id"]
    return [ranked[0], ranked[min(len(ranked) - 1, 300)], f"tag:{broadest} {ranked[1]}", f"es/ {ranked[0]}"]


def search_runs(base_url: str, typed: list[str]) -> list[SearchRun]:
    """Type each query into the search box of the home page, each in a fresh browser context.

    A query `es/ word` is typed in the Spanish interface's home page.
    """
    from playwright.sync_api import sync_playwright

    runs: list[SearchRun] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for query in typed:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.add_init_script(_WATCH)
                page = context.new_page()
                # Every response body, the Pagefind worker's too (the page's Resource Timing misses those).
                fetched: list[tuple[str, int]] = []
                context.on("requestfinished", lambda request: fetched.append((request.url, _body_size(request))))  # noqa: B023
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023
                words = query.removeprefix("es/ ")
                page.goto(base_url + ("es/" if words != query else ""))
                page.wait_for_load_state("networkidle")
                before = len(fetched)
                box = page.locator(".cdn-search input[name=query]")
                page.keyboard.press("/")
                box.press_sequentially(words, delay=KEY_DELAY_MS)
                page.wait_for_function("q => q in window.__cdnShown", arg=words, timeout=60_000)
                shown = float(page.evaluate("q => window.__cdnShown[q]", words))
                last_key = float(page.evaluate("Math.max(...window.__cdnKeys)"))
                page.wait_for_timeout(100)  # responses that finished with the results are counted
                said = page.locator(".cdn-search .md-search-result__meta").inner_text()
                context.close()
                if errors:
                    raise RuntimeError(f"the search failed: {errors[0]}")
                fonts = sum(size for url, size in fetched[before:] if url.endswith(FONTS))
                index = sum(size for url, size in fetched[before:] if not url.endswith(FONTS))
                runs.append(SearchRun(query, shown - last_key, index, fonts, said))
        finally:
            browser.close()
    return runs


def corpus_folder(name: str, work_dir: Path, realnotes: Path, seed: int) -> Path:
    """The notes of a corpus: a collection of realnotes by name, or N synthetic notes."""
    if not name.isdigit():
        return realnotes / name
    notes = work_dir / f"notes-{name}"
    if not (notes / ".complete").exists():
        generate_corpus(notes, int(name), seed)
        (notes / ".complete").write_text("", encoding="utf-8")
    return notes


def measure(name: str, notes: Path, site: Path) -> tuple[list[Figure], dict[str, object]]:
    built = build(notes, site)
    typed = queries(notes, site)
    with serve(site) as base_url:
        runs = search_runs(base_url, typed)
        explorer_ms, explorer_bytes = first_results(base_url)
    slowest = max(runs, key=lambda run: run.ms)
    heaviest = max(runs, key=lambda run: run.bytes)
    share = (built.seconds - built.without_search_seconds) / max(built.without_search_seconds, 1e-9)
    figures = [
        Figure(f"{name}: search first results", slowest.ms, SEARCH_MS, "ms", detail=_runs(runs, "ms")),
        Figure(f"{name}: fetched per search", heaviest.bytes / 1000, SEARCH_KB, "kB", detail=_runs(runs, "bytes")),
        Figure(f"{name}: explorer first results", explorer_ms, EXPLORER_MS, "ms"),
        Figure(f"{name}: explorer fetched", explorer_bytes / 1e6, EXPLORER_MB, "MB"),
        Figure(
            f"{name}: indexing share of the build",
            share,
            INDEXING_SHARE,
            "%",
            detail=f"{built.seconds:.1f} s with search, {built.without_search_seconds:.1f} s without "
            "(the fastest of each); "
            f"{built.records} records, the bundles written {built.index_seconds:.1f} s after the last page",
        ),
    ]
    facts: dict[str, object] = {
        "build": asdict(built),
        "search": [asdict(run) for run in runs],
        "explorer": [explorer_ms, explorer_bytes],
    }
    return figures, facts


def _runs(runs: list[SearchRun], field: str) -> str:
    shown = [
        f"{run.query!r} {run.ms:.0f} ms" if field == "ms" else f"{run.query!r} {run.bytes / 1000:.0f} kB"
        for run in runs
    ]
    median = statistics.median(run.ms if field == "ms" else run.bytes / 1000 for run in runs)
    fonts = max(run.font_bytes for run in runs) / 1000
    font_note = f"; the site's code font besides, once: {fonts:.0f} kB" if field == "bytes" and fonts else ""
    return f"median {median:.0f}{' ms' if field == 'ms' else ' kB'}; " + ", ".join(shown) + font_note


def run(corpora: list[str], work_dir: Path, realnotes: Path, seed: int = 0) -> list[Figure]:
    """Measure every corpus; print the table and write `search-results.json` in the work folder."""
    work_dir.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    facts: dict[str, object] = {}
    for name in corpora:
        notes = corpus_folder(name, work_dir, realnotes, seed)
        found, facts[name] = measure(name, notes, work_dir / f"site-{name}")
        figures.extend(found)
        print(table(found), flush=True)
    print("\n" + table(figures))
    results = {"figures": [asdict(figure) | {"passed": figure.passed} for figure in figures], "facts": facts}
    (work_dir / "search-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return figures
