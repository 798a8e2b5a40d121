"""The MkDocs plugin: each hook calls one stage of the core and hands MkDocs the result."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from cuaderno.i18n import t
from cuaderno.kb import KnowledgeBase, build_kb
from cuaderno.model import Diagnostic, Format, Note, Severity
from cuaderno.pipeline import read_note
from cuaderno.render.explorer import render_explorer
from cuaderno.render.export import kb_json
from cuaderno.render.notes import render_note
from cuaderno.render.search import WORKER_DIR, WORKER_FILE, use_search_worker
from cuaderno.render.topics import render_tag_index, render_topic
from cuaderno.settings import Settings, bundled_tags_dir
from cuaderno.sources import is_note
from cuaderno.taxonomy import load_taxonomy
from cuaderno.urls import TAGS_DIR, page_source, tag_page_source

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_DIR = "assets/cuaderno"
ASSET_FILES = ("cuaderno.css", "explorer.css", "explorer.js")
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences")


class CuadernoConfig(base.Config):
    """Options of the `cuaderno` plugin."""

    languages = c.ListOfItems(c.Type(str), default=["en", "es"])
    """Languages of the notes and of the interface; the first is the default."""
    tags_dir = c.Optional(c.Dir(exists=True))
    """The taxonomy folder (YAML files); defaults to the bundled taxonomy."""
    formats = c.Type(dict, default={})
    """Per-path formats: glob -> `tagged` | `outline` | `markdown`."""
    kb_file = c.Type(str, default="kb.json")
    """Where the machine-readable knowledge base is written in the site."""
    topic_pages = c.Type(bool, default=True)
    """Generate `tags/` and a topic page per tag."""


class CuadernoPlugin(BasePlugin[CuadernoConfig]):
    """Turns the notes of `docs_dir` into tagged, cross-linked pages."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.kb: KnowledgeBase | None = None
        self.notes: dict[str, Note] = {}  # page src_uri -> note
        self.topic_pages: dict[str, str] = {}  # page src_uri -> tag id
        self.started = 0.0
        self.warnings = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Settle settings, add our stylesheet and the Markdown extensions our pages need."""
        self.started = time.perf_counter()
        tags_dir = Path(self.config.tags_dir) if self.config.tags_dir else bundled_tags_dir()
        self.settings = Settings(tuple(self.config.languages), tags_dir, dict(self.config.formats))
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for asset in ASSET_FILES:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            target.append(f"{ASSET_DIR}/{asset}")
        return config

    def _interface_language(self, config: MkDocsConfig) -> str:
        language = str(config.theme.get("language") or self.settings.languages[0])
        return language if language in self.settings.languages else self.settings.languages[0]

    def _report(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            message = f"{diagnostic.location()}: {diagnostic.message} [{diagnostic.code}]"
            if diagnostic.severity is Severity.NOTICE:
                log.info(message)
            else:
                self.warnings += 1
                log.warning(message)

    # Runs after other plugins (mkdocs-static-i18n among them) have settled the files.
    @event_priority(-200)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Parse every note, build the knowledge base, generate the `.txt` and topic pages."""
        self.warnings = 0
        self.topic_pages = {}
        taxonomy, problems = load_taxonomy(self.settings.tags_dir, self.settings.languages)
        self._report(problems)
        docs_dir = Path(config.docs_dir).resolve()
        taxonomy_inside = self.settings.tags_dir.resolve().is_relative_to(docs_dir)
        sources: list[tuple[File, Note]] = []
        for file in list(files):
            source_path = Path(file.abs_src_path or "").resolve()
            if taxonomy_inside and source_path.is_relative_to(self.settings.tags_dir.resolve()):
                files.remove(file)  # the taxonomy is configuration, not pages
                continue
            if file.generated_by or not is_note(file.src_uri):
                continue
            sources.append((file, read_note(file.content_bytes, file.src_uri, self.settings)))
        notes = [note for _file, note in sources]
        self.kb = build_kb(notes, taxonomy, self.settings.languages)
        lang = self._interface_language(config)
        self.notes = {}
        for file, note in sources:
            self._report(note.diagnostics)
            if note.format is Format.MARKDOWN and PurePosixPath(file.src_uri).suffix == ".md":
                self.notes[file.src_uri] = note
                continue
            target = page_source(file.src_uri)
            if files.get_file_from_path(target) is not None:
                self._report([Diagnostic(note.path, 1, "page-clash", f"{target} exists too; this note is not shown")])
                continue
            files.remove(file)
            files.append(File.generated(config, target, content=render_note(note, self.kb, lang)))
            self.notes[target] = note
        if self.config.topic_pages:
            self._add_topic_pages(files, config, lang)
        for asset in ASSET_FILES:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", abs_src_path=str(ASSETS / asset)))
        worker = str(ASSETS / "search-worker.js")
        files.append(File.generated(config, f"{WORKER_DIR}/{WORKER_FILE}", abs_src_path=worker))
        return files

    def _add_topic_pages(self, files: Files, config: MkDocsConfig, lang: str) -> None:
        assert self.kb is not None
        files.append(File.generated(config, f"{TAGS_DIR}/index.md", content=render_tag_index(self.kb, lang)))
        explorer = render_explorer(self.kb, lang, self.config.kb_file)
        files.append(File.generated(config, "explore/index.md", content=explorer))
        self.topic_pages = {tag_page_source(tag_id): tag_id for tag_id in self.kb.tags}
        for tag_id in self.kb.tags:
            files.append(
                File.generated(
                    config,
                    tag_page_source(tag_id),
                    content=render_topic(self.kb, tag_id, lang),
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        """Rebuild when the taxonomy changes too, not only the notes."""
        if self.settings.tags_dir.is_dir():
            server.watch(str(self.settings.tags_dir))
        return server

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand MkDocs the rendered note; index the page under its tags for `tag:` searches."""
        if self.kb is not None and page.file.src_uri in self.topic_pages:
            page.meta["tags"] = [self.topic_pages[page.file.src_uri]]
        note = self.notes.get(page.file.src_uri)
        if note is None or self.kb is None:
            return markdown
        page.meta.setdefault("title", note.title)
        page.meta["tags"] = list(self.kb.note_tags(note.path))
        if page.file.generated_by:
            return markdown  # rendered in on_files already
        return render_note(note, self.kb, self._interface_language(config))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Search through cuaderno's worker, which understands `tag:`."""
        return use_search_worker(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write `kb.json` and log one summary line."""
        if self.kb is None:
            return
        target = Path(config.site_dir) / self.config.kb_file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(kb_json(self.kb), encoding="utf-8")
        log.info(self.summary(config))

    def summary(self, config: MkDocsConfig) -> str:
        """`cuaderno: N notes, B blocks, T tags, W warnings in S s`."""
        assert self.kb is not None
        return t(
            "build.summary",
            self._interface_language(config),
            notes=len(self.kb.notes),
            blocks=len(self.kb.blocks),
            tags=len(self.kb.tags),
            warnings=self.warnings,
            seconds=time.perf_counter() - self.started,
        )
