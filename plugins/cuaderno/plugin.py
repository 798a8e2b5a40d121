"""The MkDocs plugin: each hook calls one stage of the core (or its MkDocs glue) and hands MkDocs the result."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import cast

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from cuaderno.bounded_nav import BoundedNav
from cuaderno.build_log import BuildLog
from cuaderno.config_glue import SiteScripts, configure_site, templates_first
from cuaderno.fast_rebuild import FastRebuild
from cuaderno.i18n_glue import built_interfaces, interface_language
from cuaderno.model import Format
from cuaderno.payload import ROOT_PAYLOAD
from cuaderno.search_index import search_box_settings
from cuaderno.settings import Settings, bundled_tags_dir
from cuaderno.site_build import PageOptions, SiteBuilder
from cuaderno.site_data import SiteData, collector_paused
from cuaderno.site_nav import bound_navigation, name_sections
from cuaderno.site_pages import BuildOf, SitePages
from cuaderno.site_session import SiteSession


class CuadernoConfig(base.Config):
    """Options of the `cuaderno` plugin."""

    languages = c.ListOfItems(c.Type(str), default=["en", "es"])
    """Languages of the notes and of the interface; the first is the default."""
    tags_dir = c.Optional(c.Dir(exists=True))
    """The taxonomy folder (YAML files); defaults to the bundled taxonomy."""
    formats = c.DictOfItems(c.Choice([kind.value for kind in Format]), default={})
    """Per-path formats: glob -> `tagged` | `outline` | `markdown`."""
    kb_file = c.Type(str, default="kb.json")
    """Where the machine-readable knowledge base is written in the site."""
    topic_pages = c.Type(bool, default=True)
    """Generate `tags/` and a topic page per tag."""
    payload = c.Type(str, default=ROOT_PAYLOAD)
    """The payload file at the root of the notes folder that orders the navigation."""
    sanitize = c.Type((bool, list), default=False)
    """Notes the site owner does not trust (`true` for all, or a list of globs): their raw HTML is shown as text."""
    progress = c.Type(bool, default=False)
    """Show the build's progress on stderr (a bar on a terminal); `cuaderno build` turns it on."""
    topic_mentions = c.Type(bool, default=True)
    """Link the first mention of a taxonomy keyword in each section to its topic page."""
    mermaid_js = c.Optional(c.File(exists=True))
    """The Mermaid script to serve; by default `node_modules/mermaid/dist/mermaid.min.js` beside `mkdocs.yml`."""


class CuadernoPlugin(BasePlugin[CuadernoConfig]):
    """Notes into tagged, cross-linked pages: hooks that delegate (`SiteSession`, `SitePages`, `FastRebuild`)."""

    def __init__(self) -> None:
        self.session = SiteSession()
        self.log = BuildLog()
        self.data = SiteData(self.session, "kb.json", self.log.say, self.log.warn)
        self.builder = SiteBuilder(self.session, self.data, self.log)
        self.fast = FastRebuild()  # while serving: the pages each rebuild leaves as the last build wrote them
        self.scripts = SiteScripts(None, None, search_box=False)
        self.build = BuildOf("en", ())
        self.pages = SitePages(self.session, self.build)
        self.bounded_nav: BoundedNav | None = None  # the large folders of this build's navigation

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin that has this hook across `mkdocs serve` rebuilds, and with it the session."""
        self.session.serving = command == "serve"

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Settle settings, add our stylesheet and the Markdown extensions our pages need."""
        self.data.background.settle(cancel=True)  # the last rebuild's search index, abandoned if unfinished
        options = self.config
        tags_dir = Path(options.tags_dir) if options.tags_dir else bundled_tags_dir()
        settings = Settings(tuple(options.languages), tags_dir, dict(options.formats), options.topic_mentions)
        self.session.configure(settings, cast("bool | list[str]", options.sanitize))
        self.builder.options = PageOptions(options.kb_file, options.topic_pages, options.payload, options.progress)
        self.scripts = configure_site(config, options.mermaid_js)
        self.data.kb_file, self.data.search = options.kb_file, self.scripts.search_box
        return config

    # After mkdocs-static-i18n (-100), which puts its own sitemap template first in every language's build;
    # Material's instant navigation reads the sitemap, and that plugin's lists only the pages it handled.
    @event_priority(-150)
    def _templates_first(self, config: MkDocsConfig) -> MkDocsConfig:
        templates_first(config)
        return config

    on_config = CombinedEvent(_configure, _templates_first)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Settle this build's interface; while serving, set the last site aside before MkDocs empties it."""
        self.build = BuildOf(interface_language(config, self.session.settings.languages), built_interfaces(config))
        self.log.start(self.build.default)
        if self.session.serving:
            self.fast.start(config, self.build.lang, self.build.interfaces)

    # Runs before mkdocs-static-i18n (-100), which would read a dotted name (`pingy.io.txt`) as a page in
    # language `io` and drop it, and serve `a.es.txt` at `es/a.es/`; MkDocs itself lets `x.md` take `x.txt`'s
    # page and `index.md` a `README.md`'s. cuaderno makes every note's page itself, once the files are settled.
    @event_priority(0)
    def _take_notes(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.builder.take_notes(files, config)
        return files

    # Runs after other plugins (mkdocs-static-i18n among them) have settled the files. The knowledge base
    # is millions of objects that live until the build ends: the cyclic garbage collector is paused while
    # they are made, and they are frozen (left out of collections) until `on_post_build`.
    @event_priority(-200)
    def _make_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        with collector_paused():
            try:
                self.pages = self.builder.make(files, config, self.build, self.scripts)
            finally:
                gc.freeze()
        return files

    on_files = CombinedEvent(_take_notes, _make_pages)

    # After mkdocs-static-i18n (-100), which makes this build's navigation anew.
    @event_priority(-150)
    def _shape_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        name_sections(nav, self.build.lang)
        self.bounded_nav = bound_navigation(nav, config, files, self.pages.notes)
        return nav

    # Last: the navigation is final when the pages left as the last build wrote them are chosen.
    @event_priority(-250)
    def _reuse_pages(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.session.serving:
            self.fast.choose(nav, files, config, self.build.lang, self.pages.state)
        return nav

    on_nav = CombinedEvent(_shape_nav, _reuse_pages)

    def on_serve(self, server: LiveReloadServer, **_context: object) -> LiveReloadServer:
        """Rebuild when the taxonomy changes too, not only the notes; be told of a save at once (`InstantWatch`)."""
        self.fast.serve(server, self.session.settings.tags_dir)
        return server

    def on_shutdown(self) -> None:
        """`mkdocs serve` stops: so does the watch of its folders."""
        self.fast.shut_down()

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A Markdown note's text as cuaderno decoded it (MkDocs reads UTF-8 only)."""
        return self.pages.read_source(page)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page's title and tags in its meta."""
        return self.pages.page_markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A topic page's blocks put in; a note's page cleaned when it must be."""
        return self.pages.page_content(html, page)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Open the window of this page's folder in the navigation, if its folder has many notes."""
        if self.bounded_nav is not None:
            self.bounded_nav.show(page)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The search box's settings (`partials/search.html`); while serving, the sitemap's pages, templates."""
        env.globals["cuaderno_search"] = search_box_settings(self.build.lang, self.build.interfaces)
        if self.session.serving:
            env.globals["cuaderno_pages"], env.bytecode_cache = self.fast.site_pages, self.fast.templates
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Mark a note's language; Mermaid from the site; close the navigation's window again."""
        if self.bounded_nav is not None:
            self.bounded_nav.collapse()
        if self.session.serving:
            self.fast.page_built(page)
        self.log.page_done()
        return self.pages.finish(output, page, mermaid=self.scripts.mermaid is not None)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The site's data (`SiteData`), one summary line; the garbage collector sees this build's objects again."""
        try:
            if self.session.kb is not None:
                if self.session.serving:
                    self.fast.finish(self.build.lang, config)
                self.data.built(Path(config.site_dir), self.build.lang, self.build.interfaces, self.build.default)
            self.log.finish(self.session.kb, self.build.lang)
        finally:
            gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed rebuild: the last site stays served if it was still set aside; the next rebuild writes all."""
        if self.session.serving:
            self.fast.failed()

    def settle(self) -> None:
        """Wait until what a serve rebuild left to a thread (`kb.json`, the explorer's data, search) is written."""
        self.data.background.settle()
