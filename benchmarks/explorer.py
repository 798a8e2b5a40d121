"""The explorer in Chromium, the way tests/browser/test_explorer.py drives it.

Two figures:

- `first_results(base_url)`: how long after navigation the first result cards
  are drawn, and how many bytes the page fetched by then (the page, Material,
  cuaderno's scripts and the explorer's data files), on
  `explore/?tags=<the broadest top-level tag>`.
- `measure_explorer(site_dir)`: a user's session replayed — a broad tag, a
  second tag (AND), OR, a text filter, a parent depth — and the slowest step.
  The explorer writes how long its last update took on its results element:
  `data-ms` (from the change to the results drawn, fetching included) and
  `data-filter-ms` (computing alone).
"""

from __future__ import annotations

import functools
import json
import shutil
import statistics
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TEXT_FILTER = "bucket"  # a word of both languages' notes
TAG_INDEX = "kb/tags.json"  # the explorer's first file (render/explorer_data.py)
FIRST_RESULTS_MARK = "cdn-explorer-results"  # set by assets/explorer.js when its first results are drawn
FIRST_RESULTS_RUNS = 3


@dataclass(frozen=True)
class ExplorerFigures:
    """The slowest step of a session (median over sessions), and what it ran on."""

    slowest_ms: float
    filter_only_ms: float
    steps: dict[str, float]
    blocks: int
    ready_seconds: float
    tags: tuple[str, str]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 (a free port); yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _expanded(block: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for tag in (*block["tags"], *block.get("inherited_tags", ()), *block["auto_tags"]):
        parts = tag.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return found


def broad_tags(kb: dict[str, Any]) -> tuple[str, str]:
    """The two most used top-level tags: the broadest selections, the heaviest to filter and draw."""
    counts: Counter[str] = Counter()
    for block in kb["blocks"]:
        counts.update(tag for tag in _expanded(block) if "." not in tag)
    (first, _), (second, _) = counts.most_common(2)
    return first, second


def _settled(page: Any) -> None:
    """Wait until the explorer's last update (results, then remaining counts) is done."""
    page.wait_for_selector(".cdn-x-results:not([aria-busy])", timeout=120_000)


def _session(page: Any, base: str, first: str, second: str) -> dict[str, float]:
    started = time.perf_counter()
    page.goto(base + "explore/")
    page.wait_for_selector("#cdn-explorer[data-ready='true']", timeout=120_000)
    ready = time.perf_counter() - started
    results = page.locator(".cdn-x-results")
    steps: dict[str, float] = {}
    filter_steps: list[float] = []

    def record(name: str) -> None:
        _settled(page)
        steps[name] = float(results.get_attribute("data-ms") or "nan")
        filter_steps.append(float(results.get_attribute("data-filter-ms") or "nan"))

    def box(tag: str) -> Any:
        # The tag list draws only the rows in view: "Find a tag" brings the row in.
        page.locator("#cdn-x-tag-filter").fill(tag)
        return page.locator(f".cdn-x-tag[data-tag='{tag}'] > input[type=checkbox]")

    box(first).check()
    record(f"tag {first}")
    box(second).check()
    record(f"{first} AND {second}")
    page.locator("#cdn-x-or").check()
    record(f"{first} OR {second}")
    page.locator("#cdn-x-text").fill(TEXT_FILTER)
    record(f"OR + text '{TEXT_FILTER}'")
    page.locator("#cdn-x-depth").select_option("1")
    record("OR + text + parent depth 1")
    steps["_ready_seconds"] = ready
    steps["_filter_only_ms"] = max(filter_steps)
    return steps


def broadest_tag(base_url: str) -> str:
    """The top-level tag with the most blocks, read from the site's tag index."""
    with urllib.request.urlopen(base_url + TAG_INDEX, timeout=60) as response:
        index = json.load(response)
    tops = [tag for tag in index["tags"] if not tag.get("parent")]
    return str(max(tops, key=lambda tag: tag.get("count", 0))["id"])


# Bytes of every response the page received before the mark (the page itself included), from Resource Timing:
# transferSize counts headers and body as they came over the wire; nothing is cached in a fresh context.
_FETCHED_BY_MARK = """mark => {
  const at = performance.getEntriesByName(mark)[0].startTime;
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  return entries.filter(e => e.responseEnd <= at).reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize), 0);
}"""


def first_results(base_url: str, runs: int = FIRST_RESULTS_RUNS) -> tuple[float, int]:
    """Milliseconds from navigation start to the explorer's first result cards, and the bytes fetched by then.

    Opens `explore/?tags=<the broadest top-level tag>` on the site served at
    `base_url` (`serve()`), each run in a fresh browser context (nothing
    cached), and gives the median of `runs`. The explorer marks the moment it
    draws its first results (`performance.mark`); the bytes are every response
    finished by then.
    """
    from playwright.sync_api import sync_playwright

    tag = broadest_tag(base_url)
    figures: list[tuple[float, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023
                page.goto(f"{base_url}explore/?tags={urllib.parse.quote(tag, safe='')}")
                marks = f"performance.getEntriesByName({json.dumps(FIRST_RESULTS_MARK)})"
                page.wait_for_function(f"{marks}.length > 0", timeout=120_000)
                ms = float(page.evaluate(f"{marks}[0].startTime"))
                fetched = int(page.evaluate(_FETCHED_BY_MARK, FIRST_RESULTS_MARK))
                _settled(page)  # the rest of the page and the counts: closing mid-download upsets the server
                context.close()
                if errors:
                    raise RuntimeError(f"the explorer failed: {errors[0]}")
                figures.append((ms, fetched))
        finally:
            browser.close()
    figures.sort()
    return figures[len(figures) // 2]


def measure_explorer(site_dir: Path, sessions: int = 3) -> ExplorerFigures:
    """Replay a selection session `sessions` times in Chromium on a built site."""
    from playwright.sync_api import sync_playwright

    kb = json.loads((site_dir / "kb.json").read_text(encoding="utf-8"))
    first, second = broad_tags(kb)
    runs: list[dict[str, float]] = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(sessions):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023
                runs.append(_session(page, base, first, second))
                page.close()
                if errors:
                    raise RuntimeError(f"the explorer failed: {errors[0]}")
        finally:
            browser.close()
    names = [name for name in runs[0] if not name.startswith("_")]
    steps = {name: statistics.median(run[name] for run in runs) for name in names}
    return ExplorerFigures(
        slowest_ms=statistics.median(max(run[name] for name in names) for run in runs),
        filter_only_ms=statistics.median(run["_filter_only_ms"] for run in runs),
        steps=steps,
        blocks=len(kb["blocks"]),
        ready_seconds=statistics.median(run["_ready_seconds"] for run in runs),
        tags=(first, second),
    )
