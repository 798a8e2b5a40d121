"""Run a build in a child process and read its time and peak memory."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BuildRun:
    """One build: wall-clock and CPU seconds inside the process, its peak RSS, the warnings it logged."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    warnings: int
    first_warnings: tuple[str, ...] = ()


def run_build(config_file: Path, site_dir: Path, env: Mapping[str, str] | None = None) -> BuildRun:
    """Build `config_file` into `site_dir` (emptied first) in a fresh Python process."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    child_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), child_env.get("PYTHONPATH"))))
    command = [sys.executable, "-m", "benchmarks.build_process", str(config_file), str(site_dir)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=child_env, cwd=ROOT)
        # wait4 gives this child's own resource usage (ru_maxrss in KiB on Linux), not all children's.
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"build of {config_file} failed ({process.returncode}):\n{err.read()[-4000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    peak_rss_mb = usage.ru_maxrss / 1024
    warnings = (result["warnings"], tuple(result["first_warnings"]))
    return BuildRun(result["seconds"], result["cpu_seconds"], peak_rss_mb, *warnings)


def median_run(runs: list[BuildRun]) -> BuildRun:
    """The median times and the median peak memory of several builds."""
    return BuildRun(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu_seconds for run in runs),
        statistics.median(run.peak_rss_mb for run in runs),
        max(run.warnings for run in runs),
        runs[0].first_warnings,
    )
