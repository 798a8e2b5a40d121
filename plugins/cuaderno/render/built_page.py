"""Edits of built Material pages: cuaderno's search worker in place of Material's, the content's language, Mermaid."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias
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


# One edit of a built page: `html[start:end]` becomes the text.
Splice: TypeAlias = tuple[int, int, str]


def finish_page(
    html: str,
    lang: str = "",
    interfaces: Sequence[str] = (),
    *,
    mermaid_script: str | None = None,
    content_lang: str | None = None,
) -> str:
    """A built Material page with cuaderno's edits, made in one copy of the page.

    Its search through cuaderno's worker, the local Mermaid script where it
    draws Mermaid (`mermaid_script`, a URL), and its content's language
    (`content_lang`, for a note). Topic pages run to tens of megabytes, so the
    edits are found first and the page is put together once.
    """
    splices = [
        *_language_alternates(html),
        *_search_worker(html, lang, interfaces),
        *_mermaid(html, mermaid_script, lang),
    ]
    if content_lang is not None:
        splices.extend(_content_language(html, content_lang))
    if not splices:
        return html
    parts: list[str] = []
    done = 0
    for start, end, text in sorted(splices):
        parts += (html[done:start], text)
        done = end
    parts.append(html[done:])
    return "".join(parts)


def _search_worker(html: str, lang: str, interfaces: Sequence[str]) -> list[Splice]:
    """Point a Material page at cuaderno's search worker, which loads Material's own.

    On a site with several interfaces the worker keeps the results to the
    page's own (`es/…` pages in Spanish, the rest in the default language).
    Pages of other themes, or already rewritten, are left alone.
    """
    scope = ""
    if interfaces:
        others = ",".join(f"{code}/" for code in interfaces[1:])
        scope = "&" + urlencode({"interface": interface_url("", lang, interfaces), "others": others})
    # Material writes its `__config` at the end of the page: the search starts there.
    found = _CONFIG_WORKER.search(html, max(html.rfind('id="__config"'), 0))
    if found is None:
        return []
    return [(found.start(), found.end(), f'{found[1]}{found[2]}{WORKER_FILE}?material={found[3]}{scope}"')]


# A page's versions in the other interfaces, as mkdocs-static-i18n lists them for Material in the <head>.
_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"<>]*" hreflang="[^"<>]*">\n?')


def _language_alternates(html: str) -> list[Splice]:
    """Leave out the <head>'s links to this page in other languages.

    Material reads each as the root of a language's site and fetches
    `<link>/sitemap.xml` from it: two failed requests on every page, since the
    links name pages. The language switcher in the header keeps its links.
    """
    head_end = html.find("</head>")
    return [(found.start(), found.end(), "") for found in _ALTERNATE.finditer(html, 0, max(head_end, 0))]


def _content_language(html: str, lang: str) -> list[Splice]:
    """Give a page's content the language it is written in (the interface's may differ)."""
    start = html.find(_ARTICLE)
    if start < 0:
        return []
    end = start + len(_ARTICLE)
    return [(end, end, f' lang="{lang}"')]


# A Mermaid fence, as pymdownx.superfences' custom fence writes it for Material to draw.
_MERMAID_FENCE = '<pre class="mermaid">'


def _mermaid(html: str, script_url: str | None, lang: str) -> list[Splice]:
    """Load the local Mermaid script on pages that draw Mermaid, before Material looks for it.

    Material uses an existing `mermaid` global instead of fetching one from a
    CDN. Without a script, each fence stays code, with a notice, and loses the
    class Material looks for, so nothing is fetched from anywhere.
    """
    fence = html.find(_MERMAID_FENCE)
    if fence < 0:
        return []
    if script_url is not None:
        body_end = html.rfind("</body>")
        return [(body_end, body_end, f'<script src="{script_url}"></script>\n')] if body_end >= 0 else []
    notice = f'<p class="cdn-mermaid-missing">{escape(t("mermaid.missing", lang))}</p><pre class="cdn-mermaid-source">'
    splices = []
    while fence >= 0:
        splices.append((fence, fence + len(_MERMAID_FENCE), notice))
        fence = html.find(_MERMAID_FENCE, fence + len(_MERMAID_FENCE))
    return splices
