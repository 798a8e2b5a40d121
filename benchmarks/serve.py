"""`python -m benchmarks serve`: from saving an edit to the served page showing it, under `cuaderno serve`.

For each corpus (a collection of `../shared/realnotes` by name, or N notes of
the synthetic corpus), this:

1. builds the site once with `cuaderno build` (wall clock: the full build);
2. starts `cuaderno serve` on a free port of 127.0.0.1 and waits until the
   note's page is served and the server's log has been quiet for a while
   (its first build, the search index after it);
3. appends a line holding a word found nowhere else to the note, and polls
   the note's page over HTTP every 10 ms until the page holds the word. The
   clock starts before the file is opened for writing: noticing the save
   (cuaderno's native watch, or MkDocs' polling every 0.5 s where there is
   none), the server's wait for the save to settle, loading the
   configuration again and the rebuild are all inside the figure;
4. waits for the log to be quiet again, and edits again (`--edits`).

The figure is the median over the edits, absolute and as a share of the
full build, each beside its target.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import generate_corpus
from benchmarks.report import Figure, table
from benchmarks.run import log

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = {"DevOps": 1.0}  # any other corpus: the 1,000 notes' target
DEFAULT_TARGET_SECONDS = 2.0
TARGET_SHARE = 0.05
POLL_SECONDS = 0.01
QUIET_SECONDS = 3.0  # the server's log says nothing this long: its work after a build is done
START_TIMEOUT = 900.0
EDIT_TIMEOUT = 300.0


@dataclass(frozen=True)
class ServeResult:
    """One corpus: the full build, and each edit's seconds from saving to the page served with it."""

    corpus: str
    notes: int
    edited: str
    full_build_seconds: float
    saved_to_served: list[float]
    saved_to_served_es: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.saved_to_served)


def _cuaderno() -> list[str]:
    """The `cuaderno` command of this Python."""
    return [sys.executable, "-m", "cuaderno.cli"]


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "plugins"), str(ROOT), env.get("PYTHONPATH"))))
    return env


def corpus_notes(name: str, work_dir: Path, realnotes: Path, seed: int) -> Path:
    """A fresh copy of the corpus's notes (the benchmark edits them)."""
    notes = work_dir / f"notes-{name}"
    if notes.exists():
        shutil.rmtree(notes)
    if name.isdigit():
        generate_corpus(notes, int(name), seed)
    else:
        shutil.copytree(realnotes / name, notes)
    return notes


def full_build(notes: Path, site: Path) -> tuple[float, dict[str, object]]:
    """`cuaderno build`'s wall clock seconds, and the site's `kb.json`."""
    if site.exists():
        shutil.rmtree(site)
    started = time.perf_counter()
    subprocess.run([*_cuaderno(), "build", str(notes), "-o", str(site)], check=True, env=_env(), capture_output=True)
    seconds = time.perf_counter() - started
    return seconds, json.loads((site / "kb.json").read_text(encoding="utf-8"))


def pick_note(kb: dict[str, object], notes: Path, site: Path) -> dict[str, str]:
    """A note of median size among the text notes in a folder whose page both interfaces show (the one edited)."""
    entries = [note for note in kb["notes"] if isinstance(note, dict)]  # type: ignore[attr-defined]
    texts = [
        note
        for note in entries
        if note["format"] in ("tagged", "outline")
        and "/" in note["path"]
        and (site / note["url"] / "index.html").is_file()
        and (site / "es" / note["url"] / "index.html").is_file()
    ]
    texts.sort(key=lambda note: ((notes / note["path"]).stat().st_size, note["path"]))
    return dict(texts[len(texts) // 2])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerLog:
    """The lines a server prints, read in a thread; when it last said something."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.last = time.monotonic()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            self.lines.append(line.rstrip())
            self.last = time.monotonic()

    def wait_quiet(self, seconds: float = QUIET_SECONDS, timeout: float = START_TIMEOUT) -> None:
        """Wait until nothing was printed for `seconds`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < seconds:
            if time.monotonic() > deadline:
                raise TimeoutError("the server kept logging")
            time.sleep(0.1)


@contextmanager
def serving(notes: Path) -> Iterator[tuple[str, ServerLog]]:
    """`cuaderno serve NOTES` on a free port: its base URL and its log; stopped (Ctrl-C) at the end."""
    port = _free_port()
    command = [*_cuaderno(), "serve", str(notes), "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=_env())
    server_log = ServerLog(process)
    try:
        yield f"http://127.0.0.1:{port}/", server_log
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(url: str) -> str | None:
    """The page at `url`, or `None` while it is not served."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, word: str, timeout: float) -> float:
    """Poll `url` until its page holds `word`; the `time.perf_counter()` when it did."""
    deadline = time.perf_counter() + timeout
    while True:
        page = fetch(url)
        if page is not None and word in page:
            return time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{url} never showed {word!r}")
        time.sleep(POLL_SECONDS)


def edit_line(note_format: str, word: str) -> str:
    """A line of the note's own format that holds `word`."""
    prefix = "// " if note_format == "outline" else "  "
    return f"\n{prefix}{word} edited while serving\n"


def measure_corpus(name: str, work_dir: Path, realnotes: Path, seed: int, edits: int) -> ServeResult:
    notes = corpus_notes(name, work_dir, realnotes, seed)
    log(f"{name}: full build")
    full_seconds, kb = full_build(notes, work_dir / f"site-{name}")
    note = pick_note(kb, notes, work_dir / f"site-{name}")
    log(f"{name}: {len(kb['notes']):,} notes, full build {full_seconds:.1f} s; editing {note['path']}")  # type: ignore[arg-type]
    times, times_es = [], []
    with serving(notes) as (base_url, server_log):
        url, url_es = base_url + note["url"], f"{base_url}es/{note['url']}"
        deadline = time.perf_counter() + START_TIMEOUT
        while fetch(url) is None:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{url} was never served:\n" + "\n".join(server_log.lines[-20:]))
            time.sleep(0.2)
        server_log.wait_quiet()
        for number in range(edits):
            word = f"cdnedit{seed}x{number}x{os.getpid()}"
            started = time.perf_counter()
            with (notes / note["path"]).open("a", encoding="utf-8") as target:
                target.write(edit_line(note["format"], word))
            times.append(wait_for(url, word, EDIT_TIMEOUT) - started)
            times_es.append(wait_for(url_es, word, EDIT_TIMEOUT) - started)
            log(f"{name}: edit {number + 1}: served in {times[-1]:.2f} s (Spanish interface {times_es[-1]:.2f} s)")
            server_log.wait_quiet()
    shutil.rmtree(work_dir / f"site-{name}", ignore_errors=True)
    return ServeResult(name, len(kb["notes"]), note["path"], full_seconds, times, times_es)  # type: ignore[arg-type]


def serve_figures(results: list[ServeResult]) -> list[Figure]:
    """Save-to-served (median) and its share of the full build, for each corpus."""
    figures = []
    for result in results:
        label = f"{result.corpus} ({result.notes:,} notes)"
        spread = ", ".join(f"{seconds:.2f}" for seconds in result.saved_to_served)
        spanish = statistics.median(result.saved_to_served_es)
        figures.append(
            Figure(
                f"saved edit to served page, {label}",
                result.median,
                TARGET_SECONDS.get(result.corpus, DEFAULT_TARGET_SECONDS),
                unit="s",
                detail=f"edits: {spread} s; the Spanish page {spanish:.2f} s; note {result.edited}",
            )
        )
        figures.append(
            Figure(
                f"saved edit to served page / full build, {label}",
                result.median / result.full_build_seconds,
                TARGET_SHARE,
                unit="%",
                detail=f"full build (cuaderno build, wall clock) {result.full_build_seconds:.1f} s",
            )
        )
    return figures


def run(corpora: list[str], work_dir: Path, realnotes: Path, seed: int = 0, edits: int = 3) -> list[Figure]:
    """Measure every corpus, print the figures and write them to `work_dir/serve-results.json`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    results = [measure_corpus(name, work_dir, realnotes, seed, edits) for name in corpora]
    figures = serve_figures(results)
    print(table(figures))
    data = {
        "results": [
            {
                "corpus": r.corpus,
                "notes": r.notes,
                "edited": r.edited,
                "full_build_seconds": r.full_build_seconds,
                "saved_to_served": r.saved_to_served,
                "saved_to_served_es": r.saved_to_served_es,
            }
            for r in results
        ],
        "figures": [{"name": f.name, "measured": f.measured, "limit": f.limit} for f in figures],
    }
    (work_dir / "serve-results.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return figures
