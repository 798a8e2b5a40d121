"""Chromium through Playwright (Debian's /usr/bin/chromium, no downloaded browser) and a local server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from benchmarks.explorer import CHROMIUM, CHROMIUM_ARGS  # the benchmark runs Chromium as the tests do


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (the README's test command does it)")
    return {
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Any]:
    """Return a function that serves a site folder on 127.0.0.1 and gives its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(site_dir: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
