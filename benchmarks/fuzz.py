"""The fuzz benchmark: pathological inputs at growing sizes, so a quadratic path shows as a slope, not a flaky test.

`python -m benchmarks fuzz` writes each shape of `fuzz_shapes` at sizes that double, and
runs cuaderno's whole core on it in a child process: read, parse, build the knowledge
base, render each note's page, convert it with the site's Markdown extensions, encode
`kb.json`. It reports seconds and peak memory per size and the growth exponent between
the two largest sizes (1 is linear, 2 quadratic). Times are the child's CPU seconds for
that work alone, after its imports. A child that passes its time limit is stopped and
reported as such.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.fuzz_shapes import SHAPES

ROOT = Path(__file__).resolve().parents[1]
# Above this exponent between the two largest sizes, a shape grows faster than linearly.
LINEAR_LIMIT = 1.3
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences"]


@dataclass(frozen=True)
class Measure:
    """One shape at one size."""

    shape: str
    size: int
    seconds: float
    peak_mb: float
    kb_bytes: int
    outcome: str  # "ok", "timeout" or the child's error


def child(folder: Path) -> None:
    """Run the core over `folder` and print what it made, as JSON (the child process's part)."""
    import markdown

    from cuaderno.pipeline import load_folders
    from cuaderno.render.export import kb_json
    from cuaderno.render.notes import render_note
    from cuaderno.settings import Settings

    markdown.markdown("warm *up*", extensions=MARKDOWN_EXTENSIONS)  # imports and extension set-up, not timed
    started = time.process_time()
    loaded = load_folders([folder], Settings())
    for note in loaded.notes:
        page = render_note(note, loaded.kb, "en")
        markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS)
    kb_bytes = len(kb_json(loaded.kb).encode("utf-8"))
    seconds = time.process_time() - started
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kb_bytes": kb_bytes, "peak_mb": peak_mb, "seconds": seconds}))


def measure(shape: str, size: int, timeout: float) -> Measure:
    """Write `shape` at `size` and time the core on it in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="cuaderno-fuzz-") as folder:
        for name, data in SHAPES[shape](size).items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
        command = [sys.executable, "-m", "benchmarks.fuzz", "--child", folder]
        with tempfile.TemporaryFile("w+") as out:
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return Measure(shape, size, timeout, 0.0, 0, "timeout")
            seconds = time.perf_counter() - started
            out.seek(0)
            lines = out.read().strip().splitlines()
    if process.returncode != 0 or not lines:
        return Measure(shape, size, seconds, 0.0, 0, (lines[-1] if lines else f"exit {process.returncode}")[:80])
    made = json.loads(lines[-1])
    return Measure(shape, size, float(made["seconds"]), float(made["peak_mb"]), int(made["kb_bytes"]), "ok")


def exponent(small: Measure, large: Measure) -> float:
    """How time grows between two sizes: t ∝ size ** exponent (times under 10 ms count as 10 ms: noise)."""
    a, b = max(small.seconds, 0.01), max(large.seconds, 0.01)
    return math.log(b / a) / math.log(large.size / small.size)


def run(sizes: list[int], shapes: list[str], timeout: float) -> int:
    """Measure every shape at every size, print a table; exit 1 when a shape grows faster than linearly."""
    print(f"{'shape':<20} " + " ".join(f"{size:>16,}" for size in sizes) + "   exponent  kb.json growth")
    failures = 0
    for shape in shapes:
        row = [measure(shape, size, timeout) for size in sizes]
        cells = [f"{m.seconds:6.2f}s {m.peak_mb:5.0f}MB" if m.outcome == "ok" else f"{m.outcome:>16}" for m in row]
        done = [m for m in row if m.outcome == "ok"]
        slope = exponent(done[-2], done[-1]) if len(done) >= 2 and done[-1] is row[-1] else float("inf")
        growth = row[-1].kb_bytes / row[-2].kb_bytes if row[-2].kb_bytes else 0.0
        bad = slope > LINEAR_LIMIT or any(m.outcome != "ok" for m in row)
        failures += bad
        mark = "  ✗" if bad else ""
        print(f"{shape:<20} " + " ".join(f"{cell:>16}" for cell in cells) + f"   {slope:8.2f}  {growth:6.2f}×{mark}")
        errors = {m.outcome for m in row if m.outcome not in ("ok", "timeout")}
        for error in errors:
            print(f"    {shape}: {error}")
    print(f"\nexponent: time ∝ size^e between the two largest sizes (1 linear, 2 quadratic); limit {LINEAR_LIMIT}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
