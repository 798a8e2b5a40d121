"""cuaderno's share of a `mkdocs serve` rebuild after one note is edited.

This does what `mkdocs/commands/serve.py` does, in this process: load the
config, run `on_startup`, build; then, for each edit, load the config again
and build with the same `dirty` flag. Every event method of the cuaderno
plugin instance is wrapped with a timer where MkDocs dispatches it (the
plugin collection's event lists, which mkdocs-static-i18n's second-language
build goes through too), so its share is its own time over the whole rebuild.
"""

from __future__ import annotations

import cProfile
import io
import logging
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.corpus import edit_note
from benchmarks.plan import NotePlan


@dataclass
class PluginClock:
    """CPU seconds spent inside the cuaderno plugin's event methods, per event."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def total(self) -> float:
        return sum(self.seconds.values())

    def wrap(self, event: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds[event] += time.process_time() - started

        timed.__wrapped__ = method  # type: ignore[attr-defined]
        return timed


def time_cuaderno_events(config: Any, clock: PluginClock) -> int:
    """Replace the cuaderno plugin's methods in `config.plugins.events` by timed ones; return how many."""
    from cuaderno.plugin import CuadernoPlugin

    plugins = config.plugins
    wrapped = 0
    for event, methods in plugins.events.items():
        for position, method in enumerate(methods):
            if isinstance(getattr(method, "__self__", None), CuadernoPlugin):
                methods[position] = timed = clock.wrap(event, method)
                # MkDocs names the plugin running an event from this map (`File.generated` records it).
                plugins._event_origins[timed] = plugins._event_origins.get(method, "cuaderno")
                wrapped += 1
    return wrapped


@dataclass(frozen=True)
class RebuildFigures:
    """Median over the edits of: the whole rebuild, cuaderno's part of it, its share; plus the first build.

    Times are CPU seconds of this process (MkDocs builds on one thread), except `rebuild_wall_seconds`.
    """

    rebuild_seconds: float
    rebuild_wall_seconds: float
    plugin_seconds: float
    share: float
    by_event: dict[str, float]
    first_build_seconds: float
    first_build_share: float
    edits: int
    profile: str = ""


class _Quiet:
    """Keep MkDocs' info lines out of the benchmark's output while building."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("mkdocs")
        self.level = self.logger.level
        self.logger.setLevel(logging.WARNING)

    def __exit__(self, *_exc: object) -> None:
        self.logger.setLevel(self.level)


def measure_rebuild(
    config_file: Path,
    site_dir: Path,
    notes_dir: Path,
    edited: NotePlan,
    seed: int,
    edits: int = 1,
    dirty: bool = False,
    profile: bool = False,
) -> RebuildFigures:
    """Build once as `mkdocs serve` does, then edit `edited` and rebuild, `edits` times."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    def get_config() -> Any:
        return load_config(config_file=str(config_file), site_dir=str(site_dir))

    def timed_build(config: Any, serve_url: str) -> tuple[float, float, PluginClock]:
        clock = PluginClock()
        if time_cuaderno_events(config, clock) == 0:
            raise RuntimeError("the cuaderno plugin is not in this config")
        started, wall_started = time.process_time(), time.perf_counter()
        build(config, serve_url=serve_url, dirty=dirty)
        return time.process_time() - started, time.perf_counter() - wall_started, clock

    with _Quiet():
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        host, port = config.dev_addr
        serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
        config.site_url = serve_url
        first_seconds, _wall, first_clock = timed_build(config, serve_url)
        totals, walls, plugin, events = [], [], [], []
        for round_number in range(1, edits + 1):
            edit_note(notes_dir, edited, seed, round_number)
            config = get_config()
            config.site_url = serve_url
            seconds, wall, clock = timed_build(config, serve_url)
            totals.append(seconds)
            walls.append(wall)
            plugin.append(clock.total())
            events.append(dict(clock.seconds))
        report = ""
        if profile:
            edit_note(notes_dir, edited, seed, edits + 1)
            config = get_config()
            config.site_url = serve_url
            profiler = cProfile.Profile()
            profiler.enable()
            build(config, serve_url=serve_url, dirty=dirty)
            profiler.disable()
            report = cuaderno_profile(profiler)
        config.plugins.on_shutdown()
    median = len(totals) // 2
    order = sorted(range(len(totals)), key=totals.__getitem__)
    return RebuildFigures(
        rebuild_seconds=statistics.median(totals),
        rebuild_wall_seconds=statistics.median(walls),
        plugin_seconds=statistics.median(plugin),
        share=statistics.median(p / t for p, t in zip(plugin, totals, strict=True)),
        by_event=events[order[median]],
        first_build_seconds=first_seconds,
        first_build_share=first_clock.total() / first_seconds,
        edits=edits,
        profile=report,
    )


def cuaderno_profile(profiler: cProfile.Profile, limit: int = 20) -> str:
    """The cuaderno functions with the largest cumulative time in a profiled rebuild."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"cuaderno[/\\]", limit)
    lines = out.getvalue().splitlines()
    start = next((n for n, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line for line in lines[start:] if line.strip())
