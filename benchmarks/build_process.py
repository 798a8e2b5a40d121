"""One MkDocs build in its own process, timed from loading the config to the end of the build.

`python -m benchmarks.build_process CONFIG SITE_DIR` prints one JSON line:
the seconds the build took (wall clock, and CPU time of this process) and the
warnings MkDocs logged. The parent reads
the process's peak RSS from `os.wait4` (see `measure.py`).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main(argv: list[str]) -> int:
    config_file, site_dir = argv
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counter = _Counter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    started, cpu_started = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    build(config)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, "warnings": len(counter.messages)}
    print(json.dumps({**result, "first_warnings": counter.messages[:5]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
