"""Where cuaderno meets mkdocs-static-i18n: the interfaces it builds, the versions of a page, its switcher.

mkdocs-static-i18n builds the site once per language (the default first,
then each other one from its `on_post_build`), and gives each page it
knows a language and `alternates`, which its language switcher reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from cuaderno.urls import interface_url

I18N_PLUGIN = "i18n"


def built_interfaces(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages mkdocs-static-i18n builds, the default first; none without it."""
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is None:
        return ()
    default = str(getattr(i18n, "default_language", "") or "")
    built = [str(code) for code in getattr(i18n, "build_languages", ())]
    return tuple(sorted(built, key=lambda code: code != default))


def interface_language(config: MkDocsConfig, languages: Sequence[str]) -> str:
    """The language of this build's interface (the theme's, which mkdocs-static-i18n sets per build)."""
    language = str(config.theme.get("language") or languages[0])
    return language if language in languages else languages[0]


def localized(file: File, config: MkDocsConfig, lang: str, interfaces: tuple[str, ...]) -> File:
    """Serve a generated page in this build's interface, linked to its versions in the others.

    mkdocs-static-i18n gives the files it knows a language and alternates (its
    language switcher reads them); pages made here get the same.
    """
    if not interfaces:
        return file
    neutral = file.dest_uri

    def version(code: str) -> File:
        other = file if code == lang else File.generated(config, file.src_uri, content="")
        other.dest_uri = interface_url(neutral, code, interfaces)
        return other

    alternates = {code: version(code) for code in interfaces}
    for code, other in alternates.items():
        other.locale = other.locale_alternate_of = code  # type: ignore[attr-defined]
        other.localization = None  # type: ignore[attr-defined]
        other.norm_src_uri = file.src_uri  # type: ignore[attr-defined]
        other.alternates = alternates  # type: ignore[attr-defined]
    return file


def replay_page_context(config: MkDocsConfig, page: Page, nav: Navigation) -> None:
    """Let mkdocs-static-i18n set the language switcher for `page` again, as when it was built.

    It keeps the switcher of the last page built in `config.extra.alternate`,
    and the next interface's theme templates (`404.html`) show it.
    """
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is not None and hasattr(page.file, "locale"):
        i18n.on_page_context(cast(TemplateContext, {}), page=page, config=config, nav=nav)
