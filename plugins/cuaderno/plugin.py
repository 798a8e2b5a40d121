"""The MkDocs plugin: each hook calls one stage of the core and hands MkDocs the result."""

from __future__ import annotations

import gc
import hashlib
import html
import sys
import time
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext
from pymdownx.superfences import fence_code_format

from cuaderno.background import BackgroundWork
from cuaderno.bounded_nav import BoundedNav, folders_by_size, large_folders
from cuaderno.fast_rebuild import FastRebuild
from cuaderno.folder_walk import FileGuard
from cuaderno.i18n import count, t
from cuaderno.kb import KnowledgeBase, NoteMemo, build_kb
from cuaderno.material_glue import take_over_search
from cuaderno.mermaid import find_dompurify_script, find_mermaid_script
from cuaderno.model import Diagnostic, Format, Note, Severity
from cuaderno.navigation import nav_pages, nav_title, nested_items, payload_nav
from cuaderno.page_reuse import PageState
from cuaderno.pagefind_service import PagefindError
from cuaderno.payload import ROOT_PAYLOAD, find_root_payload, read_payload
from cuaderno.pipeline import describe_error, is_binary, read_note, unreadable_note
from cuaderno.progress import Progress
from cuaderno.render.blocks import BlockRenderer, MarkdownSettings
from cuaderno.render.built_page import finish_page
from cuaderno.render.explorer import render_explorer
from cuaderno.render.explorer_data import write_explorer_data
from cuaderno.render.export import kb_json
from cuaderno.render.fallback import RENDER_FAILED, render_plain
from cuaderno.render.folder_index import folder_index_title, render_folder_index
from cuaderno.render.home import render_home
from cuaderno.render.notes import note_page_inputs, render_note
from cuaderno.render.page_cache import PageCache
from cuaderno.render.redirects import redirect_pages
from cuaderno.render.topics import TopicPages, fill_slots, render_tag_index
from cuaderno.safe_links import SafeLinksExtension
from cuaderno.sanitize import is_cleaned, sanitize_html
from cuaderno.search_index import SearchIndexer, search_box_settings
from cuaderno.search_records import search_records
from cuaderno.settings import Settings, bundled_tags_dir
from cuaderno.sources import HIDDEN, is_hidden, is_note, unpublished
from cuaderno.taxonomy import Taxonomy, load_taxonomy
from cuaderno.urls import (
    SEARCH_DIR,
    TAGS_DIR,
    folder_index_source,
    interface_url,
    moved_file_url,
    page_source,
    tag_page_source,
)

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSET_DIR = "assets/cuaderno"
# Every file of `assets/` is served under ASSET_DIR: stylesheets, fonts, and the browser scripts' modules.
ASSET_FILES = tuple(sorted(path.relative_to(ASSETS).as_posix() for path in ASSETS.rglob("*") if path.is_file()))
# The ES modules each page loads (`<script type="module">`); they import the other modules themselves.
PAGE_SCRIPTS = ("explorer.js", "diagram.js", "preview.js", "search.js")
MERMAID_URL = f"{ASSET_DIR}/mermaid.min.js"
DOMPURIFY_URL = f"{ASSET_DIR}/purify.min.js"
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences")


def _folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of a folder's files: changes when the taxonomy is edited."""
    if not folder.is_dir():
        return ()
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


def _module_script(url: str) -> ExtraScriptValue:
    """A `<script type="module">` of the site's pages."""
    script = ExtraScriptValue(url)
    script.type = "module"
    return script


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; objects are still freed as soon as nothing refers to them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _mermaid_fences(config: MkDocsConfig) -> None:
    """Let pymdownx.superfences hand ```` ```mermaid ```` fences to Material's Mermaid support (unless already set)."""
    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = options.setdefault("custom_fences", [])
    if not any(fence.get("name") == "mermaid" for fence in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})


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
    """Turns the notes of `docs_dir` into tagged, cross-linked pages."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.kb: KnowledgeBase | None = None
        self.notes: dict[str, Note] = {}  # page src_uri -> note
        self.topic_pages: dict[str, str] = {}  # page src_uri -> tag id
        self.folder_indexes: dict[str, str] = {}  # page src_uri -> the title (HTML) of a folder's index page
        self.bounded_nav: BoundedNav | None = None  # the large folders of this build's navigation
        # page src_uri -> each language's blocks, HTML put in after Python-Markdown (`fill_slots`)
        self.topic_blocks: dict[str, list[str]] = {}
        self.lang = self.settings.languages[0]  # the interface language of the current build
        self.interfaces: tuple[str, ...] = ()  # mkdocs-static-i18n's languages, the default first
        self.first_build = True  # whether this build is the default interface's (the one that reports)
        self.started = 0.0
        self.warnings = 0
        self._cache: tuple[object, list[Note], KnowledgeBase, tuple[Diagnostic, ...]] | None = None
        self.mermaid_script: Path | None = None
        self.dompurify_script: Path | None = None  # cleans previews and explorer cards; without it they show text
        self.binary: set[str] = set()  # notes that were binary files
        self._parsed: dict[tuple[str, str], Note] = {}  # (page source, content sha1) -> parsed note
        self._parsed_with: Settings | None = None
        self.progress: Progress | None = None
        self.nav_from_payload = False  # config.nav is ours (set from the root payload), not the user's
        # Kept across the rebuilds of `mkdocs serve`: each edit costs deriving and rendering what it changed.
        self.serving = False
        self._notes_of_folder: dict[str, File] = {}  # src_uri -> file, every note of the folder (`_find_notes`)
        self._site_files: list[str] = []  # the folder's other files, by their place in the site
        self._unpublished: tuple[Diagnostic, ...] = ()  # notes left out (hidden, `exclude_docs`)
        self._memo = NoteMemo()
        self._taxonomy: tuple[object, Taxonomy, tuple[Diagnostic, ...]] | None = None
        self._pages = PageCache()
        self._kb_json: tuple[KnowledgeBase | None, bytes] = (None, b"")
        self._excerpts: dict[str, Mapping[Hashable, tuple[object, str]]] = {}  # interface -> last build's excerpts
        self._kb_blocks: BlockRenderer | None = None  # the default interface's blocks, shown in kb.json
        self._blocks: dict[str, BlockRenderer] = {}  # interface -> the last build's blocks, while serving
        self.search_box = False  # Material's search box is there, run on cuaderno's Pagefind index
        self._indexer: SearchIndexer | None = None  # indexing beside the builds of the interfaces
        self._indexed: set[str] = set()  # the interfaces built since the indexer started
        self.fast = FastRebuild()  # while serving: the pages each rebuild leaves as the last build wrote them
        self.background = BackgroundWork()  # while serving: kb.json, the explorer's data, the search index
        self.generated_pages: set[str] = set()  # this build's pages made by cuaderno, by source

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin that has this hook across `mkdocs serve` rebuilds, and with it the caches."""
        self.serving = command == "serve"

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Settle settings, add our stylesheet and the Markdown extensions our pages need."""
        self.background.settle(cancel=True)  # the last rebuild's search index, abandoned if unfinished
        self.started = time.perf_counter()
        tags_dir = Path(self.config.tags_dir) if self.config.tags_dir else bundled_tags_dir()
        self.settings = Settings(
            tuple(self.config.languages), tags_dir, dict(self.config.formats), self.config.topic_mentions
        )
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Every note's Markdown links and images, whatever tricks they are written with, keep to safe schemes.
        if not any(isinstance(extension, SafeLinksExtension) for extension in config.markdown_extensions):
            config.markdown_extensions.append(SafeLinksExtension())
        # The site's folder and the working folder: where `npm ci` put the browser scripts the site serves.
        here = [Path(config.config_file_path or ".").resolve().parent, Path.cwd()]
        self.mermaid_script = Path(self.config.mermaid_js) if self.config.mermaid_js else find_mermaid_script(here)
        _mermaid_fences(config)
        self.search_box = take_over_search(config.plugins)
        self.dompurify_script = find_dompurify_script(here)
        # mkdocs-static-i18n configures the same config again for each interface: each script and sheet once.
        scripts = {str(script) for script in config.extra_javascript}
        if self.dompurify_script is not None and DOMPURIFY_URL not in scripts:  # before the scripts that use it
            config.extra_javascript.append(DOMPURIFY_URL)
        modules = [f"{ASSET_DIR}/{script}" for script in PAGE_SCRIPTS]
        config.extra_javascript.extend(_module_script(url) for url in modules if url not in scripts)
        sheets = [f"{ASSET_DIR}/{sheet.name}" for sheet in sorted(ASSETS.glob("*.css"))]
        config.extra_css.extend(sheet for sheet in sheets if sheet not in config.extra_css)
        return config

    # After mkdocs-static-i18n (-100), which puts its own sitemap template first in every language's build.
    @event_priority(-150)
    def _sitemap_template(self, config: MkDocsConfig) -> MkDocsConfig:
        """Put cuaderno's sitemap template first: mkdocs-static-i18n's lists only the pages that plugin handled.

        Material's instant navigation reads the sitemap to know the site's pages.
        """
        dirs = config.theme.dirs
        if str(TEMPLATES) in dirs:
            dirs.remove(str(TEMPLATES))
        dirs.insert(0, str(TEMPLATES))
        return config

    on_config = CombinedEvent(_configure, _sitemap_template)

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

    def _interfaces(self, config: MkDocsConfig) -> tuple[str, ...]:
        """The languages mkdocs-static-i18n builds, the default first; none without it."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return ()
        default = str(getattr(i18n, "default_language", "") or "")
        built = [str(code) for code in getattr(i18n, "build_languages", ())]
        return tuple(sorted(built, key=lambda code: code != default))

    def _knowledge_base(
        self, sources: list[tuple[File, bytes]], interfaces: tuple[str, ...], report: bool
    ) -> list[Note]:
        """Parse the notes and build the knowledge base, or reuse the last one if nothing changed.

        mkdocs-static-i18n builds the site once per language from the same notes:
        the second build costs no parsing, and does not repeat the warnings.
        """
        digests = tuple((file.src_uri, hashlib.sha1(data).hexdigest()) for file, data in sources)
        taxonomy_files = _folder_signature(self.settings.tags_dir)
        key = (digests, taxonomy_files, interfaces, tuple(self._site_files))
        if self._cache is not None and self._cache[0] == key:
            _key, notes, self.kb, problems = self._cache
        else:
            taxonomy, problems = self._load_taxonomy(taxonomy_files)
            # Each note is parsed again only when its content (or the settings) changed: one edited note
            # during `mkdocs serve` costs one parse.
            if self._parsed_with != self.settings:
                self._parsed, self._parsed_with = {}, self.settings
            parsed = {
                digest: self._parsed.get(digest) or read_note(data, file.src_uri, self.settings)
                for digest, (file, data) in zip(digests, sources, strict=True)
            }
            self._parsed = parsed
            notes = list(parsed.values())
            self.binary = {note.path for note in notes if is_binary(note)}
            texts = [note for note in notes if note.path not in self.binary]
            memo = self._memo if self.serving else None  # reuses unchanged notes' blocks and relations
            languages, mentions = self.settings.languages, self.settings.topic_mentions
            self.kb = build_kb(texts, taxonomy, languages, interfaces, mentions, memo, self._site_files)
            if self.serving and not self._pages.begin(self.kb):
                self._excerpts = {}  # the site-wide facts changed: every page is rendered again
            self._cache = (key, notes, self.kb, problems)
            report = True
        if not report:
            return notes
        self._report(problems)
        for note in notes:
            self._report(note.diagnostics)
        self._report(self.kb.diagnostics)
        return notes

    # Runs before mkdocs-static-i18n (-100), which would read a dotted name (`pingy.io.txt`) as a page in
    # language `io` and drop it, and serve `a.es.txt` at `es/a.es/`; MkDocs itself lets `x.md` take `x.txt`'s
    # page and `index.md` a `README.md`'s. cuaderno makes every note's page itself, once the files are settled.
    @event_priority(0)
    def _find_notes(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Take every note of the folder out of `files` (whatever interface this build is for); the taxonomy too.

        A hidden note (`.draft.txt`, `.old/x.txt`) or one the user's `exclude_docs` (or, in a build,
        `draft_docs`) names is not published, with a warning; MkDocs' own `templates/` exclusion does not
        apply to notes.
        """
        tags_dir = self.settings.tags_dir.resolve()
        if tags_dir.is_relative_to(Path(config.docs_dir).resolve()):
            for file in list(files):
                if Path(file.abs_src_path or "").resolve().is_relative_to(tags_dir):
                    files.remove(file)  # the taxonomy is configuration, not pages
        excluded = config.exclude_docs  # the user's patterns only; MkDocs' defaults are added when matching
        drafts = config.draft_docs
        self._notes_of_folder, self._site_files, unpublished_notes = {}, [self.config.kb_file], []
        guard = FileGuard(Path(config.docs_dir))
        for file in list(files):
            if file.generated_by or file.src_dir != config.docs_dir:
                continue  # theme files and other plugins' pages
            if not is_hidden(file.src_uri) and not guard.admit(Path(file.abs_src_path or ""), file.src_uri):
                files.remove(file)  # a FIFO, a device, a symlink out of the folder or back into it: warned below
                continue
            if not is_note(file.src_uri):
                if not file.inclusion.is_excluded():  # copied to the site: no note's page may take its place
                    self._site_files.append(file.dest_uri)
                continue
            files.remove(file)
            if is_hidden(file.src_uri):
                unpublished_notes.append(unpublished(file.src_uri, HIDDEN))
            elif excluded is not None and excluded.match_file(file.src_uri):
                unpublished_notes.append(unpublished(file.src_uri, "exclude_docs in mkdocs.yml leaves it out"))
            elif drafts is not None and drafts.match_file(file.src_uri) and not self.serving:
                reason = "draft_docs in mkdocs.yml leaves it out of builds (mkdocs serve shows it)"
                unpublished_notes.append(unpublished(file.src_uri, reason))
            else:
                self._notes_of_folder[file.src_uri] = file
        self._unpublished = (*guard.warnings, *unpublished_notes)
        return files

    # Runs after other plugins (mkdocs-static-i18n among them) have settled the files.
    @event_priority(-200)
    def _on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Parse every note, build the knowledge base, generate the `.txt` and topic pages.

        The knowledge base is millions of objects that live until the build ends. The cyclic garbage
        collector would walk them again and again, while they are made and in every full collection
        while Material renders the pages; it is paused while they are made and frozen (left out of
        collections) until `on_post_build`.
        """
        with _collector_paused():
            try:
                return self._generate(files, config)
            finally:
                gc.freeze()

    def _generate(self, files: Files, config: MkDocsConfig) -> Files:
        self.topic_pages = {}
        docs_dir = Path(config.docs_dir).resolve()
        # This build's interface, settled once for its pages' hooks.
        self.interfaces = interfaces = self._interfaces(config)
        self.lang = lang = self._interface_language(config)
        # The default interface's build comes first: it reports the warnings, the others repeat none.
        self.first_build = first_build = lang == (interfaces or (lang,))[0]
        if first_build:  # the other interfaces' builds repeat no warning, and their summaries count the first's
            self.warnings = 0
        read = ((file, self._read(file)) for _uri, file in sorted(self._notes_of_folder.items()))
        sources = [(file, data) for file, data in read if data is not None]
        notes = {note.path: note for note in self._knowledge_base(sources, interfaces, report=first_build)}
        assert self.kb is not None
        if first_build:
            self._report(self._unpublished)
        self.notes = {}
        if first_build:
            self._indexed = set()
            if not self.serving:  # while serving, the search is indexed once the pages are written
                self._start_indexing(config)
        before = {file.src_uri for file in files}
        for path in self.kb.urls.shown_in(lang):
            if path in notes:
                self._add_note_page(files, config, notes[path], lang, interfaces)
        if self.config.topic_pages:
            self._add_topic_pages(files, config, lang, interfaces)
        self._add_folder_indexes(files, config, lang, interfaces)
        # A home page of this interface, unless a note is one (`index.txt`, `README.md`, `index.es.md`).
        home_page = interface_url("index.html", lang, interfaces)
        if not any(file.dest_uri == home_page and file.is_documentation_page() for file in files):
            home = File.generated(config, "index.md", content=render_home(self.kb, config.site_name, lang))
            files.append(self._localized(home, config, lang, interfaces))
        every = files.documentation_pages(inclusion=lambda _level: True)
        self.generated_pages = {file.src_uri for file in every if file.src_uri not in before}
        self._move_clashing_files(files, config.site_dir, first_build)
        for asset in ASSET_FILES:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", abs_src_path=str(ASSETS / asset)))
        self._payload_nav(files, config, docs_dir, sorted(self._notes_of_folder), report=first_build)
        if self.mermaid_script is not None:
            files.append(File.generated(config, MERMAID_URL, abs_src_path=str(self.mermaid_script)))
        if self.dompurify_script is not None:
            files.append(File.generated(config, DOMPURIFY_URL, abs_src_path=str(self.dompurify_script)))
        if self.config.progress:
            pages = len(files.documentation_pages())
            self.progress = Progress(pages, sys.stderr, lang if interfaces else "")
        return files

    def _add_note_page(
        self, files: Files, config: MkDocsConfig, note: Note, lang: str, interfaces: tuple[str, ...]
    ) -> None:
        """A note's page, at the URL `kb.urls` gives it (with its versions in the other interfaces)."""
        assert self.kb is not None
        page = self.kb.urls.pages[note.path]
        nav = config.not_in_nav
        inclusion = InclusionLevel.NOT_IN_NAV if nav and nav.match_file(note.path) else InclusionLevel.INCLUDED
        file = File.generated(config, page.source, content=self._render_note(note, lang), inclusion=inclusion)
        file.dest_uri = f"{page.neutral}index.html"
        file.edit_uri = note.path  # the "edit this page" button edits the note itself
        files.append(self._localized(file, config, lang, interfaces))
        self.notes[page.source] = note

    def _move_clashing_files(self, files: Files, site_dir: str, report: bool) -> None:
        """A file of the folder where a page is written (your own `index.html`) is served beside it, renamed.

        It never replaces a page of the site: `index.html` becomes `index.orig.html`.
        """
        # The pages of every interface: mkdocs-static-i18n copies a file to the root in each build.
        pages: set[str] = set()
        for page in files.documentation_pages(inclusion=lambda _level: True):
            pages.update(other.dest_uri for other in getattr(page, "alternates", {}).values())
            pages.add(page.dest_uri)
        for file in files:
            if file.generated_by or file.is_documentation_page() or file.dest_uri not in pages:
                continue
            moved = moved_file_url(file.dest_uri)
            if report:
                message = f"a page of the site is /{file.dest_uri}: this file is served as /{moved}"
                self._report([Diagnostic(file.src_uri, 1, "file-moved", message, Severity.NOTICE)])
            file.dest_uri, file.url = moved, moved
            file.abs_dest_path = str(Path(site_dir) / moved)

    def _load_taxonomy(self, files: object) -> tuple[Taxonomy, tuple[Diagnostic, ...]]:
        """The taxonomy, read again only when its folder's `files` (their names, sizes and times) changed."""
        signature = (files, self.settings.tags_dir, self.settings.languages)
        if self._taxonomy is None or self._taxonomy[0] != signature:
            self._taxonomy = (signature, *load_taxonomy(self.settings.tags_dir, self.settings.languages))
        return self._taxonomy[1], self._taxonomy[2]

    def _read(self, file: File) -> bytes | None:
        """A note's bytes; one that cannot be read is a warning (once), and the rest of the site is built."""
        try:
            return file.content_bytes
        except OSError as error:
            if self.first_build:
                self._report([unreadable_note(file.src_uri, error)])
            return None

    def _render_note(self, note: Note, lang: str) -> str:
        """A note's page; while serving, the last build's page if nothing it shows changed."""
        assert self.kb is not None
        kb, untrusted = self.kb, self._untrusted(note)

        def render() -> str:
            try:
                return render_note(note, kb, lang, untrusted)
            except Exception as error:  # one note that cannot be rendered is a warning, not a failed site
                if self.first_build:  # once, not once per interface
                    message = f"this note could not be rendered ({describe_error(error)}); its page shows its text"
                    self._report([Diagnostic(note.path, 1, RENDER_FAILED, message, Severity.WARNING)])
                return render_plain(note, lang)

        if not self.serving:
            return render()
        return self._pages.page((note.path, lang, untrusted), note_page_inputs(note, kb), render)

    on_files = CombinedEvent(_find_notes, _on_files)

    def _untrusted(self, note: Note) -> bool:
        """Whether the `sanitize` option names this note."""
        option = self.config.sanitize
        if isinstance(option, bool):
            return option
        return any(fnmatch(note.path, str(pattern)) for pattern in list(option))  # type: ignore[call-overload]

    def _payload_nav(self, files: Files, config: MkDocsConfig, docs_dir: Path, notes: list[str], report: bool) -> None:
        """Order the navigation by the root payload, unless `mkdocs.yml` has a `nav:` of its own."""
        root_payload = find_root_payload(docs_dir, self.config.payload)
        if root_payload is None or (config.nav is not None and not self.nav_from_payload):
            return
        tree = read_payload(docs_dir, root_payload.name, payload_name=root_payload.name)
        if report:
            self._report(tree.diagnostics)

        def page_of(note: str) -> str | None:
            target = self.kb.urls.source(note) if self.kb is not None else page_source(note)
            return target if files.get_file_from_path(target) is not None else None

        nav = payload_nav(tree, page_of, notes=notes, languages=self.interfaces, lang=self.lang)
        if "index.md" not in nav_pages(nav) and files.get_file_from_path("index.md") is not None:
            nav.insert(0, "index.md")  # the generated home page; mkdocs-static-i18n needs one in the nav
        if self.config.topic_pages:  # on_nav names these sections in the build's language
            nav.extend([{TAGS_DIR: [f"{TAGS_DIR}/index.md"]}, {"explore": ["explore/index.md"]}])
        config.nav = nav
        self.nav_from_payload = True

    @staticmethod
    def _localized(file: File, config: MkDocsConfig, lang: str, interfaces: tuple[str, ...]) -> File:
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

    def _add_topic_pages(self, files: Files, config: MkDocsConfig, lang: str, interfaces: tuple[str, ...]) -> None:
        assert self.kb is not None
        pages = [
            (f"{TAGS_DIR}/index.md", render_tag_index(self.kb, lang), InclusionLevel.UNDEFINED),
            ("explore/index.md", render_explorer(self.kb, lang), InclusionLevel.UNDEFINED),
        ]
        self.topic_pages = {tag_page_source(tag_id): tag_id for tag_id in self.kb.tags}
        markdown = MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs))
        previous = self._blocks.get(lang)
        blocks = BlockRenderer(self.kb, lang, markdown, self._untrusted, previous=previous, remember=self.serving)
        topics = TopicPages(self.kb, lang, self._excerpts.get(lang), blocks)
        if self.first_build:
            self._kb_blocks = blocks
        self.topic_blocks = {source: [] for source in self.topic_pages}
        pages.extend(
            (source, topics.page(tag_id, self.topic_blocks[source]), InclusionLevel.NOT_IN_NAV)
            for source, tag_id in self.topic_pages.items()
        )
        if self.serving:
            self._excerpts[lang], self._blocks[lang] = topics.excerpts, blocks
        for source, content, inclusion in pages:
            page = File.generated(config, source, content=content, inclusion=inclusion)
            files.append(self._localized(page, config, lang, interfaces))
        # Merged ids (`01_pm`, aliases) keep a URL: a static page that sends the reader to their topic.
        for target, content in redirect_pages(self.kb, lang, interfaces).items():
            if files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, content=content))

    def _add_folder_indexes(self, files: Files, config: MkDocsConfig, lang: str, interfaces: tuple[str, ...]) -> None:
        """An index page for each folder of many notes, whose navigation shows only a window of them."""
        assert self.kb is not None
        self.folder_indexes = {}
        notes = {note.path: note for note in self.notes.values()}
        for folder, paths in large_folders(notes).items():
            source = folder_index_source(folder)
            if files.get_file_from_path(source) is not None:
                continue
            listed = [notes[path] for path in paths]
            content = render_folder_index(self.kb, folder, listed, lang)
            page = File.generated(config, source, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(self._localized(page, config, lang, interfaces))
            self.folder_indexes[source] = html.escape(folder_index_title(folder, len(listed), lang), quote=False)

    # After mkdocs-static-i18n (-100), which makes this build's navigation anew.
    @event_priority(-150)
    def _bound_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Show each folder of many notes as a window of them beside its index page (`bounded_nav`).

        Folder names in section titles are shown as text.
        """

        def is_note(item: object) -> bool:  # a folder's own index note stays: Material's section links to it
            if not isinstance(item, Page) or item.is_index or item is nav.homepage:
                return False
            return item.file.src_uri in self.notes

        def index_page_of(pages: Sequence[object]) -> Page | None:
            paths = [self.notes[page.file.src_uri].path for page in pages if isinstance(page, Page)]
            for folder in folders_by_size(paths):  # a payload's section may hold notes of several folders
                index = files.get_file_from_path(folder_index_source(folder))
                if index is not None:
                    return index.page
            return None

        if config.nav is None:  # MkDocs named the sections after the folders, and themes print titles as HTML
            for section in nested_items(nav.items):
                if isinstance(section, Section) and section.title is not None:
                    section.title = nav_title(section.title)
        self.bounded_nav = BoundedNav(nav, is_note, index_page_of)
        return nav

    def _name_sections(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name the sections of the generated pages (`tags/`, `explore/`) in this build's language."""
        lang = self.lang
        titles = {f"{TAGS_DIR}/index.md": t("tags.title", lang), "explore/index.md": t("explorer.title", lang)}
        for item in nav.items:
            children = getattr(item, "children", None) or ()
            pages = [child for child in children if isinstance(child, Page)]
            if isinstance(item, Section) and pages and pages[0].file.src_uri in titles:
                item.title = titles[pages[0].file.src_uri]
        return nav

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Open the window of this page's folder in the navigation, if its folder has many notes."""
        if self.bounded_nav is not None:
            self.bounded_nav.show(page)
        return context

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """While serving, set the last build's site aside before MkDocs empties the site folder."""
        if self.serving:
            lang = self._interface_language(config)
            self.fast.start(Path(config.site_dir), lang, self._interfaces(config))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed rebuild: the last site stays served if it was still set aside; the next rebuild writes all."""
        if self.serving:
            self.fast.failed()

    # After bounded navigation (-150): the navigation is final when the pages left alone are chosen.
    @event_priority(-200)
    def _reuse_pages(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """While serving, leave the pages whose inputs did not change as the last build wrote them."""
        if self.serving:
            self.fast.choose(nav, files, config, self.lang, self._page_state)
        return nav

    on_nav = CombinedEvent(_name_sections, _bound_nav, _reuse_pages)

    def _page_state(self, file: File) -> PageState | None:
        """What a page of cuaderno's is made from besides the site; `None` for other pages."""
        source = file.src_uri
        if source not in self.generated_pages or self.kb is None:
            return None
        note = self.notes.get(source)
        if note is not None:
            extras = (self.kb.note_tags(note.path), note.lang, is_cleaned(note, self._untrusted(note)))
            return PageState(file.content_string, extras, html.escape(note.title, quote=False))
        if source in self.topic_blocks:
            return PageState(file.content_string, tuple(self.topic_blocks[source]))
        return PageState(file.content_string, (), self.folder_indexes.get(source))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        """Rebuild when the taxonomy changes too, not only the notes."""
        if self.settings.tags_dir.is_dir():
            server.watch(str(self.settings.tags_dir))
        return server

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A Markdown note as cuaderno decoded it: MkDocs reads files as UTF-8 only (Latin-1 notes crashed it)."""
        note = self.notes.get(page.file.src_uri)
        return "\n".join(note.lines) if note is not None and not page.file.generated_by else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand MkDocs the rendered note; index the page under its tags for `tag:` searches."""
        if self.kb is not None and page.file.src_uri in self.topic_pages:
            page.meta["tags"] = [self.topic_pages[page.file.src_uri]]
        if page.file.src_uri in self.folder_indexes:  # themes print it as HTML
            page.meta["title"] = self.folder_indexes[page.file.src_uri]
        note = self.notes.get(page.file.src_uri)
        if note is None or self.kb is None:
            return markdown
        # Themes print the title as HTML (navigation, <title>): a heading's markup is shown, never run.
        page.meta["title"] = html.escape(note.title, quote=False)
        page.meta["tags"] = list(self.kb.note_tags(note.path))
        if page.file.generated_by:
            return markdown  # rendered in on_files already
        return self._render_note(note, self.lang)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put a topic page's blocks in; clean a note's page with nh3 (`sanitize`, or text read as Markdown).

        Raw HTML runs only from `.md` notes: a `.txt` note that turned out to be
        Markdown keeps its harmless markup, never a script or an event handler.
        """
        slots = self.topic_blocks.pop(page.file.src_uri, None)
        if slots is not None:  # a topic page: its blocks, HTML already, go in after Python-Markdown
            return fill_slots(html, slots)
        note = self.notes.get(page.file.src_uri)
        if note is None:
            return html
        return sanitize_html(html) if is_cleaned(note, self._untrusted(note)) else html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Tell the search box (`partials/search.html`) where this interface's index is, and its strings."""
        env.globals["cuaderno_search"] = search_box_settings(self.lang, self.interfaces)
        if self.serving:  # the sitemap lists the pages left alone too (`FastRebuild`)
            env.globals["cuaderno_pages"] = self.fast.site_pages
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Mark a note's language; Mermaid from the site; close the navigation's window again."""
        if self.bounded_nav is not None:
            self.bounded_nav.collapse()
        if self.serving:
            self.fast.page_built(page)
        if self.progress is not None:
            self.progress.advance()
        script = get_relative_url(MERMAID_URL, page.url) if self.mermaid_script is not None else None
        note = self.notes.get(page.file.src_uri)
        content_lang = note.lang if note is not None else None
        return finish_page(output, self.lang, self.interfaces, mermaid_script=script, content_lang=content_lang)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write `kb.json`, log one summary line, let the garbage collector see this build's objects again.

        While serving, `kb.json`, the explorer's data and the search index follow in a thread once the last
        interface is built (`_serve_site_data`): the edited page is served first.
        """
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        try:
            if self.kb is None:
                return
            site_dir = Path(config.site_dir)
            if self.serving:
                self.fast.finish(self.lang, config)
                self._indexed.add(self.lang)
                if set(self.interfaces) <= self._indexed:
                    self._serve_site_data(site_dir)
            else:
                self._write_site_data(site_dir, explorer=self.first_build)
                self._index_search()
            log.info(self.summary(config))
        finally:
            gc.unfreeze()

    def _write_site_data(self, site_dir: Path, explorer: bool) -> None:
        """`kb.json`, and with `explorer` the explorer's files (`kb/` serves every interface: written once).

        `kb.json` is made with the collector paused: its objects hold no cycles, and each collection they
        would set off once this build's millions of objects are unfrozen walks them all.
        """
        assert self.kb is not None
        target = site_dir / self.config.kb_file
        target.parent.mkdir(parents=True, exist_ok=True)
        if self._kb_json[0] is not self.kb:  # each interface's build writes the same knowledge base
            with _collector_paused():
                self._kb_json = (self.kb, kb_json(self.kb, blocks=self._kb_blocks).encode("utf-8"))
        written = target.with_name(f".{target.name}.part")
        written.write_bytes(self._kb_json[1])
        written.replace(target)  # a reader never sees half of it
        if explorer:
            with _collector_paused():
                write_explorer_data(site_dir, self.kb, self._kb_blocks)

    def _serve_site_data(self, site_dir: Path) -> None:
        """While serving: `kb.json`, the explorer's data and the search index, in a thread (`BackgroundWork`)."""
        kb, interfaces = self.kb, self.interfaces
        assert kb is not None
        indexer = SearchIndexer(site_dir / SEARCH_DIR, (interfaces or (self.lang,))[0]) if self.search_box else None

        def job() -> None:
            try:
                self._write_site_data(site_dir, explorer=True)
                if indexer is not None:
                    indexer.add(search_records(kb, interfaces))
                    seconds = indexer.finish()
                    lang = (interfaces or (self.lang,))[0]
                    log.info(t("build.search_index", lang, records=indexer.records, seconds=seconds))
            except PagefindError as error:
                log.warning(f"{error}: the site is served without search")
            except OSError as error:
                log.warning(f"the site's data could not be written: {error}")

        self.background.start(job, cancel=indexer.abandon if indexer is not None else None)

    def settle(self) -> None:
        """Wait until what a serve rebuild left to a thread (`kb.json`, the explorer's data, search) is written."""
        self.background.settle()

    def _start_indexing(self, config: MkDocsConfig) -> None:
        """Hand every note's passages and every topic to Pagefind, indexed while the interfaces are built."""
        if self._indexer is not None:
            self._indexer.abandon()  # an earlier build that did not finish
            self._indexer = None
        if not self.search_box or self.kb is None:
            return
        self._indexer = SearchIndexer(Path(config.site_dir) / SEARCH_DIR, self.lang)
        self._indexer.add(search_records(self.kb, self.interfaces))
        self._indexed = set()

    def _index_search(self) -> None:
        """After the last interface's build, write the bundles."""
        if self._indexer is None:
            return
        self._indexed.add(self.lang)
        if not set(self.interfaces) <= self._indexed:
            return
        indexer, self._indexer = self._indexer, None
        try:
            seconds = indexer.finish()
        except PagefindError as error:
            self.warnings += 1
            log.warning(f"{error}: the site is built without search")
            return
        lang = (self.interfaces or (self.lang,))[0]  # said once, for the whole site: in its default language
        log.info(t("build.search_index", lang, records=indexer.records, seconds=seconds))

    def summary(self, config: MkDocsConfig) -> str:
        """`cuaderno: N notes, B blocks, T tags, W warnings in S s`."""
        assert self.kb is not None
        lang = self._interface_language(config)
        return t(
            "build.summary",
            lang,
            notes=count("notes", lang, len(self.kb.notes)),
            blocks=count("blocks", lang, len(self.kb.blocks)),
            tags=count("tags", lang, len(self.kb.tags)),
            warnings=count("warnings", lang, self.warnings),
            seconds=time.perf_counter() - self.started,
        )
