"""An MkDocs hook (config key `hooks:`) that saves the Markdown cuaderno hands MkDocs, page by page.

It runs after every plugin's `on_page_markdown` and writes each page's final
Markdown, with its front matter, to `$CUADERNO_BENCH_CAPTURE/docs/<src_uri>`:
the default language's build as `name.md`, another language's build as
`name.<lang>.md` (mkdocs-static-i18n's suffix structure). Pages left out of
the navigation are listed in `$CUADERNO_BENCH_CAPTURE/not_in_nav.txt`. That
folder, built by Material without cuaderno, is the plain site the benchmark
compares against.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from cuaderno.render.topics import fill_slots

CAPTURE_ENV = "CUADERNO_BENCH_CAPTURE"
PAGES_DIR = "docs"
NOT_IN_NAV = "not_in_nav.txt"


def _build_language(config: MkDocsConfig) -> tuple[str, bool, tuple[str, ...]]:
    """The language this build is for, whether it is the default one (served at `/`), and all of them."""
    i18n: Any = config.plugins.get("i18n")
    if i18n is None:
        return "", True, ()
    current = str(i18n.current_language or i18n.default_language)
    languages = tuple(str(code) for code in i18n.build_languages)
    return current, current == str(i18n.default_language), languages


def captured_path(src_uri: str, lang: str, default: bool, languages: tuple[str, ...] = ()) -> str:
    """Where a page is saved: `a/b.md` as is for the default language, `a/b.es.md` for Spanish.

    A translation (`b.es.md`, `es` one of `languages`) is `b` in its language. A dotted name
    such as the topic page `tags/qa.ha.md` is saved as `tags/qa.ha/index.md`: the same page URL,
    and mkdocs-static-i18n does not read `.ha` as a language.
    """
    pure = PurePosixPath(src_uri)
    stem, dot, last = pure.stem.rpartition(".")
    if not (dot and last in languages):
        stem = pure.stem
    suffix = "" if default or not lang else f".{lang}"
    if "." in stem:
        return str(pure.parent / stem / f"index{suffix}.md")
    return str(pure.with_name(f"{stem}{suffix}.md"))


def _front_matter(meta: dict[str, Any]) -> str:
    """The page's metadata as YAML (`search: {exclude: true}` on topic pages included)."""
    plain = {key: value for key, value in meta.items() if isinstance(value, str | int | float | bool | list | dict)}
    return f"---\n{yaml.safe_dump(plain, allow_unicode=True)}---\n\n" if plain else ""


# Last of all: the Markdown every plugin (cuaderno, mkdocs-static-i18n) has finished with.
@event_priority(-1000)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    folder = os.environ.get(CAPTURE_ENV)
    if not folder:
        return markdown
    lang, default, languages = _build_language(config)
    relative = captured_path(page.file.src_uri, lang, default, languages)
    target = Path(folder) / PAGES_DIR / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    # A topic page's blocks reach the page after Python-Markdown (`fill_slots`): a plain site writes them in it.
    pages = getattr(config.plugins.get("cuaderno"), "pages", None)  # this build's `SitePages`
    slots = getattr(pages, "topic_blocks", {}).get(page.file.src_uri)
    captured = fill_slots(markdown, slots) if slots else markdown
    target.write_text(_front_matter(dict(page.meta)) + captured, encoding="utf-8")
    if page.file.inclusion is InclusionLevel.NOT_IN_NAV:
        with (Path(folder) / NOT_IN_NAV).open("a", encoding="utf-8") as listing:
            listing.write(f"/{relative}\n")
    return markdown
