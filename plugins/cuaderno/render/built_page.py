"""Edits of built Material pages: cuaderno's search worker in place of Material's, the content's language, Mermaid."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlencode

from cuaderno.i18n import t
from cuaderno.render.inline import escape
from cuaderno.urls import interface_url

# Served beside Material's worker, so the paths Material's worker loads (`../lunr/…`) stay right.
WORKER_DIR = "assets/javascripts/workers"
WORKER_FILE = "cuaderno-search.js"
# The `search` entry of Material's `__config`: the URL of its search worker.
_CONFIG_WORKER = re.compile(r'("search":\s*")((?:[^"\\/]*/)*)(search\.[\w.-]+\.js)"')


_ARTICLE = '<article class="md-content__inner md-typeset"'


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
    # Material writes its `__config` at the end of the page: the search starts there (topic pages run to megabytes).
    found = _CONFIG_WORKER.search(html, max(html.rfind('id="__config"'), 0))
    if found is None:
        return html
    worker = f'{found[1]}{found[2]}{WORKER_FILE}?material={found[3]}{scope}"'
    return html[: found.start()] + worker + html[found.end() :]


def mark_content_language(html: str, lang: str) -> str:
    """Give a page's content the language it is written in (the interface's may differ)."""
    start = html.find(_ARTICLE)
    if start < 0:
        return html
    end = start + len(_ARTICLE)
    return f'{html[:end]} lang="{lang}"{html[end:]}'


# A Mermaid fence, as pymdownx.superfences' custom fence writes it for Material to draw.
_MERMAID_FENCE = '<pre class="mermaid">'


def add_mermaid(html: str, script_url: str | None, lang: str) -> str:
    """Load the local Mermaid script on pages that draw Mermaid, before Material looks for it.

    Material uses an existing `mermaid` global instead of fetching one from a
    CDN. Without a script, each fence stays code, with a notice, and loses the
    class Material looks for, so nothing is fetched from anywhere.
    """
    if _MERMAID_FENCE not in html:
        return html
    if script_url is not None:
        return html.replace("</body>", f'<script src="{script_url}"></script>\n</body>', 1)
    notice = f'<p class="cdn-mermaid-missing">{escape(t("mermaid.missing", lang))}</p>'
    return html.replace(_MERMAID_FENCE, notice + '<pre class="cdn-mermaid-source">')
