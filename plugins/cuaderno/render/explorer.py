"""The tag explorer page (`explore/`): a container that `assets/explorer.js` fills.

The page itself holds no blocks: the browser reads the small static files of
`kb/` (`render/explorer_data.py`) as the selection needs them, never the whole
`kb.json`, so the explorer works offline and its whole state fits in the
page's query string.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from string import Formatter

from cuaderno.i18n import STRINGS, language_name, t
from cuaderno.kb import KnowledgeBase
from cuaderno.render.explorer_data import EXPLORER_DIR, SHAPE_FILE
from cuaderno.render.inline import attr, escape, escape_markdown, escape_with_html
from cuaderno.site_assets import ASSETS
from cuaderno.urls import ASSET_DIR, EXPLORE_PAGE, TAG_INDEX_PACKED, TAGS_DIR, interface_url, relative_url

STRING_PREFIX = "explorer."
EXPLORER_SCRIPT = "explorer.js"
_IMPORT = re.compile(r'^\s*(?:import|export)\b[^"\';]*?\bfrom\s*"\./([\w.-]+\.js)"', re.MULTILINE)
# Material's page options: the explorer needs the width, and has no headings to list.
FRONT_MATTER = "---\nhide:\n  - toc\n---\n"


def explorer_strings(lang: str) -> dict[str, str]:
    """The explorer's strings in `lang`, keyed without the `explorer.` prefix.

    Placeholders stay as written (`{count}`): the script fills them in.
    """
    strings: dict[str, str] = {}
    for key in STRINGS:
        if not key.startswith(STRING_PREFIX):
            continue
        template = STRINGS[key].get(lang) or STRINGS[key]["en"]
        fields = {name for _text, name, _spec, _conv in Formatter().parse(template) if name}
        strings[key[len(STRING_PREFIX) :]] = t(key, lang, **{name: "{" + name + "}" for name in fields})
    return strings


@lru_cache(maxsize=1)
def explorer_modules() -> tuple[str, ...]:
    """The modules `explorer.js` imports, directly or not (file names in `assets/`), in the order found.

    The page names them for the browser to fetch with the page (`modulepreload`), not one import level
    after another once `explorer.js` has arrived.
    """
    found: list[str] = []
    pending = [EXPLORER_SCRIPT]
    while pending:
        source = (ASSETS / pending.pop(0)).read_text(encoding="utf-8")
        for name in _IMPORT.findall(source):
            if name not in found and name != EXPLORER_SCRIPT:
                found.append(name)
                pending.append(name)
    return tuple(found)


def render_explorer(kb: KnowledgeBase, lang: str) -> str:
    """The Markdown of `explore/index.md`: title, introduction and the explorer's container.

    Args:
        kb: The knowledge base; its languages feed the language filter.
        lang: The interface language of the page.

    Returns:
        Markdown with a raw HTML block; without JavaScript it shows a pointer to the tag index.

    """
    strings = explorer_strings(lang)
    languages = {code: language_name(code, lang) for code in kb.languages}
    data = json.dumps({**strings, "languages": languages}, ensure_ascii=False, sort_keys=True)
    # kb/ lives at the site root, one for every interface; block and note URLs in it are relative
    # to the site root, and the explorer keeps them in this page's interface.
    here = interface_url(EXPLORE_PAGE, lang, kb.interfaces)
    prefix = interface_url("", lang, kb.interfaces)
    index_href = relative_url(here, TAG_INDEX_PACKED)
    files_href = relative_url(here, f"{EXPLORER_DIR}/")
    tags_href = relative_url(here, f"{prefix}{TAGS_DIR}/")
    modules = "".join(
        f'<link rel="modulepreload" href="{attr(relative_url(here, f"{ASSET_DIR}/{name}"))}">\n'
        for name in explorer_modules()
    )
    root_href = relative_url(here, prefix) if prefix else "../" * EXPLORE_PAGE.count("/")
    link = f'<a href="{attr(tags_href)}">{escape(t("explorer.tag_index", lang))}</a>'
    fallback = escape_with_html(t("explorer.fallback", lang, link="{link}"), {"link": link})
    return (
        f"{FRONT_MATTER}\n"
        f"# {escape_markdown(t('explorer.title', lang))}\n\n"
        f"{escape_markdown(t('explorer.intro', lang))}\n\n"
        f'<div id="cdn-explorer" class="cdn-explorer" data-index="{attr(index_href)}" '
        f'data-files="{attr(files_href)}" data-lang="{attr(lang)}" '
        f'data-root="{attr(root_href)}" data-prefix="{attr(prefix)}" data-strings=\'{attr(data)}\'>\n'
        # The explorer's first two files and its modules, fetched with the page (its fetch() takes them over).
        f'<link rel="preload" href="{attr(index_href)}" as="fetch" crossorigin="anonymous">\n'
        f'<link rel="preload" href="{attr(files_href)}{SHAPE_FILE}" as="fetch" crossorigin="anonymous">\n'
        f"{modules}"
        f'<p class="cdn-x-fallback">{fallback}</p>\n'
        "</div>\n"
    )
