"""Search by tag: cuaderno's worker in place of Material's, and the tags each page is indexed under."""

from __future__ import annotations

import re

# Served beside Material's worker, so the paths Material's worker loads (`../lunr/…`) stay right.
WORKER_DIR = "assets/javascripts/workers"
WORKER_FILE = "cuaderno-search.js"
# The `search` entry of Material's `__config`: the URL of its search worker.
_CONFIG_WORKER = re.compile(r'("search":\s*")((?:[^"\\/]*/)*)(search\.[\w.-]+\.js)"')


def use_search_worker(html: str) -> str:
    """Point a Material page at cuaderno's search worker, which loads Material's own.

    Pages of other themes, or already rewritten, come back unchanged.
    """
    return _CONFIG_WORKER.sub(lambda m: f'{m[1]}{m[2]}{WORKER_FILE}?material={m[3]}"', html, count=1)
