"""The pages cuaderno hands MkDocs in one interface's build: notes, topic pages, the tag index, home, folders.

`take_notes` takes every note out of MkDocs' files (cuaderno makes their
pages itself); `SitePages` makes this build's pages from the session's
knowledge base, and answers the page hooks of the build (a page's meta, its
blocks put in after Python-Markdown, its state for `FastRebuild`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cuaderno.bounded_nav import large_folders
from cuaderno.folder_walk import FileGuard
from cuaderno.i18n_glue import localized
from cuaderno.model import Diagnostic, Note, Severity
from cuaderno.page_reuse import PageState
from cuaderno.pipeline import unreadable_note
from cuaderno.render.blocks import MarkdownSettings
from cuaderno.render.built_page import finish_page
from cuaderno.render.explorer import render_explorer
from cuaderno.render.folder_index import folder_index_title, render_folder_index
from cuaderno.render.home import render_home
from cuaderno.render.redirects import redirect_pages
from cuaderno.render.topics import fill_slots, render_tag_index
from cuaderno.sanitize import is_cleaned, sanitize_html
from cuaderno.site_assets import ASSET_FILES, ASSETS, DOMPURIFY_URL, MERMAID_URL
from cuaderno.site_session import SiteSession
from cuaderno.sources import HIDDEN, is_hidden, is_note, unpublished
from cuaderno.urls import ASSET_DIR, TAGS_DIR, folder_index_source, interface_url, moved_file_url, tag_page_source


@dataclass
class FolderNotes:
    """The notes of the notes folder, taken out of MkDocs' files, and the folder's other files."""

    files: dict[str, File] = field(default_factory=dict)  # src_uri -> file, every note the site publishes
    site_files: list[str] = field(default_factory=list)  # the folder's other files, by their place in the site
    unpublished: tuple[Diagnostic, ...] = ()  # notes left out (hidden, `exclude_docs`), and refused files


def take_notes(files: Files, config: MkDocsConfig, tags_dir: Path, kb_file: str, serving: bool) -> FolderNotes:
    """Take every note of the folder out of `files` (whatever interface this build is for); the taxonomy too.

    A hidden note (`.draft.txt`, `.old/x.txt`) or one the user's `exclude_docs` (or, in a build,
    `draft_docs`) names is not published, with a warning; MkDocs' own `templates/` exclusion does not
    apply to notes.
    """
    tags = tags_dir.resolve()
    if tags.is_relative_to(Path(config.docs_dir).resolve()):
        for file in list(files):
            if Path(file.abs_src_path or "").resolve().is_relative_to(tags):
                files.remove(file)  # the taxonomy is configuration, not pages
    excluded = config.exclude_docs  # the user's patterns only; MkDocs' defaults are added when matching
    drafts = config.draft_docs
    found = FolderNotes(site_files=[kb_file])
    left_out: list[Diagnostic] = []
    guard = FileGuard(Path(config.docs_dir))
    for file in list(files):
        if file.generated_by or file.src_dir != config.docs_dir:
            continue  # theme files and other plugins' pages
        if not is_hidden(file.src_uri) and not guard.admit(Path(file.abs_src_path or ""), file.src_uri):
            files.remove(file)  # a FIFO, a device, a symlink out of the folder or back into it: warned below
            continue
        if not is_note(file.src_uri):
            if not file.inclusion.is_excluded():  # copied to the site: no note's page may take its place
                found.site_files.append(file.dest_uri)
            continue
        files.remove(file)
        if is_hidden(file.src_uri):
            left_out.append(unpublished(file.src_uri, HIDDEN))
        elif excluded is not None and excluded.match_file(file.src_uri):
            left_out.append(unpublished(file.src_uri, "exclude_docs in mkdocs.yml leaves it out"))
        elif drafts is not None and drafts.match_file(file.src_uri) and not serving:
            reason = "draft_docs in mkdocs.yml leaves it out of builds (mkdocs serve shows it)"
            left_out.append(unpublished(file.src_uri, reason))
        else:
            found.files[file.src_uri] = file
    found.unpublished = (*guard.warnings, *left_out)
    return found


def read_notes(notes: FolderNotes) -> tuple[list[tuple[str, bytes]], list[Diagnostic]]:
    """Each note's path and bytes; a note that cannot be read is a warning, and the rest of the site is built."""
    sources, problems = [], []
    for uri, file in sorted(notes.files.items()):
        try:
            sources.append((uri, file.content_bytes))
        except OSError as error:
            problems.append(unreadable_note(uri, error))
    return sources, problems


def shown_title(note: Note) -> str:
    """A note's title as its page's meta gives it: escaped, since themes print titles as HTML."""
    return html.escape(note.title, quote=False)


@dataclass(frozen=True)
class BuildOf:
    """Which interface a build is for."""

    lang: str
    interfaces: tuple[str, ...]  # mkdocs-static-i18n's languages, the default first; none without it

    @property
    def default(self) -> bool:
        """Whether this is the default interface's build (the first, the one that reports)."""
        return self.lang == (self.interfaces or (self.lang,))[0]


class SitePages:
    """The pages cuaderno made for one interface's build, by source, and what its page hooks add to them."""

    def __init__(self, session: SiteSession, build: BuildOf) -> None:
        """Pages of `session`'s knowledge base for `build`'s interface; none made yet."""
        self.session, self.build = session, build
        self.notes: dict[str, Note] = {}  # page src_uri -> note
        self.topic_pages: dict[str, str] = {}  # page src_uri -> tag id
        # page src_uri -> each language's blocks, HTML put in after Python-Markdown (`fill_slots`)
        self.topic_blocks: dict[str, list[str]] = {}
        self.folder_indexes: dict[str, str] = {}  # page src_uri -> the title (HTML) of a folder's index page
        self.generated: set[str] = set()  # every page made here, by source
        self.moved: list[Diagnostic] = []  # files served under another name (a page took their place)

    def make(
        self,
        files: Files,
        config: MkDocsConfig,
        notes: dict[str, Note],
        topic_pages: bool,
        scripts: tuple[Path | None, Path | None],
    ) -> None:
        """Add this interface's pages to `files`: notes, topic pages, folder indexes, home; and the assets."""
        kb, lang, interfaces = self.session.kb, self.build.lang, self.build.interfaces
        assert kb is not None
        before = {file.src_uri for file in files}
        for path in kb.urls.shown_in(lang):
            if path in notes:
                self._add_note_page(files, config, notes[path])
        if topic_pages:
            self._add_topic_pages(files, config)
        self._add_folder_indexes(files, config)
        # A home page of this interface, unless a note is one (`index.txt`, `README.md`, `index.es.md`).
        home_page = interface_url("index.html", lang, interfaces)
        if not any(file.dest_uri == home_page and file.is_documentation_page() for file in files):
            home = File.generated(config, "index.md", content=render_home(kb, config.site_name, lang))
            files.append(localized(home, config, lang, interfaces))
        every = files.documentation_pages(inclusion=lambda _level: True)
        self.generated = {file.src_uri for file in every if file.src_uri not in before}
        self._move_clashing_files(files, config.site_dir)
        for asset in ASSET_FILES:
            files.append(File.generated(config, f"{ASSET_DIR}/{asset}", abs_src_path=str(ASSETS / asset)))
        for url, script in zip((MERMAID_URL, DOMPURIFY_URL), scripts, strict=True):
            if script is not None:
                files.append(File.generated(config, url, abs_src_path=str(script)))

    def _add_note_page(self, files: Files, config: MkDocsConfig, note: Note) -> None:
        """A note's page, at the URL `kb.urls` gives it (with its versions in the other interfaces)."""
        kb = self.session.kb
        assert kb is not None
        page = kb.urls.pages[note.path]
        nav = config.not_in_nav
        inclusion = InclusionLevel.NOT_IN_NAV if nav and nav.match_file(note.path) else InclusionLevel.INCLUDED
        content = self.session.note_page(note, self.build.lang, report=self.build.default)
        file = File.generated(config, page.source, content=content, inclusion=inclusion)
        file.dest_uri = f"{page.neutral}index.html"
        file.edit_uri = note.path  # the "edit this page" button edits the note itself
        files.append(localized(file, config, self.build.lang, self.build.interfaces))
        self.notes[page.source] = note

    def _add_topic_pages(self, files: Files, config: MkDocsConfig) -> None:
        kb, lang, interfaces = self.session.kb, self.build.lang, self.build.interfaces
        assert kb is not None
        pages = [
            (f"{TAGS_DIR}/index.md", render_tag_index(kb, lang), InclusionLevel.UNDEFINED),
            ("explore/index.md", render_explorer(kb, lang), InclusionLevel.UNDEFINED),
        ]
        self.topic_pages = {tag_page_source(tag_id): tag_id for tag_id in kb.tags}
        markdown = MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs))
        topics = self.session.topic_pages(lang, markdown, self.build.default)
        self.topic_blocks = {source: [] for source in self.topic_pages}
        pages.extend(
            (source, topics.page(tag_id, self.topic_blocks[source]), InclusionLevel.NOT_IN_NAV)
            for source, tag_id in self.topic_pages.items()
        )
        for source, content, inclusion in pages:
            page = File.generated(config, source, content=content, inclusion=inclusion)
            files.append(localized(page, config, lang, interfaces))
        # Merged ids (`01_pm`, aliases) keep a URL: a static page that sends the reader to their topic.
        for target, content in redirect_pages(kb, lang, interfaces).items():
            if files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, content=content))

    def _add_folder_indexes(self, files: Files, config: MkDocsConfig) -> None:
        """An index page for each folder of many notes, whose navigation shows only a window of them."""
        kb, lang = self.session.kb, self.build.lang
        assert kb is not None
        notes = {note.path: note for note in self.notes.values()}
        for folder, paths in large_folders(notes).items():
            source = folder_index_source(folder)
            if files.get_file_from_path(source) is not None:
                continue
            listed = [notes[path] for path in paths]
            page = File.generated(
                config,
                source,
                content=render_folder_index(kb, folder, listed, lang),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            files.append(localized(page, config, lang, self.build.interfaces))
            self.folder_indexes[source] = html.escape(folder_index_title(folder, len(listed), lang), quote=False)

    def _move_clashing_files(self, files: Files, site_dir: str) -> None:
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
            message = f"a page of the site is /{file.dest_uri}: this file is served as /{moved}"
            self.moved.append(Diagnostic(file.src_uri, 1, "file-moved", message, Severity.NOTICE))
            file.dest_uri, file.url = moved, moved
            file.abs_dest_path = str(Path(site_dir) / moved)

    def read_source(self, page: Page) -> str | None:
        """A Markdown note as cuaderno decoded it: MkDocs reads files as UTF-8 only (Latin-1 notes crashed it)."""
        note = self.notes.get(page.file.src_uri)
        return "\n".join(note.lines) if note is not None and not page.file.generated_by else None

    def page_markdown(self, markdown: str, page: Page) -> str:
        """Set a page's meta: its title as text (themes print it as HTML), its tags for `tag:` searches."""
        kb = self.session.kb
        source = page.file.src_uri
        if kb is not None and source in self.topic_pages:
            page.meta["tags"] = [self.topic_pages[source]]
        if source in self.folder_indexes:
            page.meta["title"] = self.folder_indexes[source]
        note = self.notes.get(source)
        if note is None or kb is None:
            return markdown
        page.meta["title"] = shown_title(note)
        page.meta["tags"] = list(kb.note_tags(note.path))
        if page.file.generated_by:
            return markdown  # rendered when the page was made
        return self.session.note_page(note, self.build.lang, report=self.build.default)

    def page_content(self, content: str, page: Page) -> str:
        """Put a topic page's blocks in; clean a note's page with nh3 (`sanitize`, or text read as Markdown).

        Raw HTML runs only from `.md` notes: a `.txt` note that turned out to be
        Markdown keeps its harmless markup, never a script or an event handler.
        """
        slots = self.topic_blocks.pop(page.file.src_uri, None)
        if slots is not None:  # a topic page: its blocks, HTML already, go in after Python-Markdown
            return fill_slots(content, slots)
        note = self.notes.get(page.file.src_uri)
        if note is None:
            return content
        return sanitize_html(content) if is_cleaned(note, self.session.untrusted(note)) else content

    def finish(self, output: str, page: Page, mermaid: bool) -> str:
        """A page's HTML as written: a note's language marked, Mermaid loaded from the site (`finish_page`)."""
        script = get_relative_url(MERMAID_URL, page.url) if mermaid else None
        note = self.notes.get(page.file.src_uri)
        lang, interfaces = self.build.lang, self.build.interfaces
        return finish_page(output, lang, interfaces, mermaid_script=script, content_lang=note.lang if note else None)

    def state(self, file: File) -> PageState | None:
        """What a page made here is made from besides the site (`FastRebuild`); `None` for other pages."""
        source, kb = file.src_uri, self.session.kb
        if source not in self.generated or kb is None:
            return None
        note = self.notes.get(source)
        if note is not None:
            extras = (kb.note_tags(note.path), note.lang, is_cleaned(note, self.session.untrusted(note)))
            return PageState(file.content_string, extras, shown_title(note))
        if source in self.topic_blocks:
            return PageState(file.content_string, tuple(self.topic_blocks[source]))
        return PageState(file.content_string, (), self.folder_indexes.get(source))
