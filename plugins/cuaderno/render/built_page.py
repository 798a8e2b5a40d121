"""Edits of built Material pages: the content's language, Mermaid, the head's language alternates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias

from cuaderno.i18n import t
from cuaderno.render.inline import escape

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
