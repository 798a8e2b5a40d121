"""Where cuaderno meets mkdocs-static-i18n: the interfaces it builds, the versions of a page, its page state.

mkdocs-static-i18n builds the site once per language (the default first,
then each other one from its `on_post_build`), and gives each page it
knows a language and `alternates`, which its language switcher reads.
"""

from __future__ import annotations

from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

I18N_PLUGIN = "i18n"


def replay_page_context(config: MkDocsConfig, page: Page, nav: Navigation) -> None:
    """Let mkdocs-static-i18n set the language switcher for `page` again, as when it was built.

    It keeps the switcher of the last page built in `config.extra.alternate`,
    and the next interface's theme templates (`404.html`) show it.
    """
    i18n = config.plugins.get(I18N_PLUGIN)
    if i18n is not None and hasattr(page.file, "locale"):
        i18n.on_page_context(cast(TemplateContext, {}), page=page, config=config, nav=nav)
