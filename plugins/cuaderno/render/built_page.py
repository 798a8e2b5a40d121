"""Edits of built Material pages: cuaderno's search worker in place of Material's, the content's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlencode

from cuaderno.urls import interface_url

# Served beside Material's worker, so the paths Material's worker loads (`../lunr/…`) stay right.
WORKER_DIR = "assets/javascripts/workers"
WORKER_FILE = "cuaderno-search.js"
# The `search` entry of Material's `__config`: the URL of its search worker.
_CONFIG_WORKER = re.compile(r'("search":\s*")((?:[^"\\/]*/)*)(search\.[\w.-]+\.js)"')


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


def use_search_worker(html: str, lang: str = "", interfaces: Sequence[str] = ()) -> str:
    """Point a Material page at cuaderno's search worker, which loads Material's own.

    On a site with several interfaces the worker keeps the results to the
    page's own (`es/…` pages in Spanish, the rest in the default language).
    Pages of other themes, or already rewritten, come back unchanged.
    """
    scope = ""
    if interfaces:
        others = ",".join(f"{code}/" for code in interfaces[1:])
        scope = "&" + urlencode({"interface": interface_url("", lang, interfaces), "others": others})
    return _CONFIG_WORKER.sub(lambda m: f'{m[1]}{m[2]}{WORKER_FILE}?material={m[3]}{scope}"', html, count=1)


def mark_content_language(html: str, lang: str) -> str:
    """Give a page's content the language it is written in (the interface's may differ)."""
    return _ARTICLE.sub(lambda m: f'{m[0]} lang="{lang}"', html, count=1)
