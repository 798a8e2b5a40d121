"""Explorer filtering in Chromium, the way tests/browser/test_explorer.py measures it.

The explorer writes how long its last update took on its results element:
`data-ms` (filtering and drawing the first page of results) and
`data-filter-ms` (filtering alone). A user's session is replayed — a broad
tag, a second tag (AND), OR, a text filter, a parent depth — and the slowest
step is the figure.
"""

from __future__ import annotations

import functools
import json
import shutil
import statistics
import threading
import time
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


def _session(page: Any, base: str, first: str, second: str) -> dict[str, float]:
    started = time.perf_counter()
    page.goto(base + "explore/")
    page.wait_for_selector("#cdn-explorer[data-ready='true']", timeout=120_000)
    ready = time.perf_counter() - started
    results = page.locator(".cdn-x-results")
    steps: dict[str, float] = {}
    filter_steps: list[float] = []

    def record(name: str) -> None:
        steps[name] = float(results.get_attribute("data-ms") or "nan")
        filter_steps.append(float(results.get_attribute("data-filter-ms") or "nan"))

    def box(tag: str) -> Any:
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
