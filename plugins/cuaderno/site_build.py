"""One interface's build of a cuaderno site, as MkDocs runs it: the notes taken from its files, pages made.

The plugin's `on_files` calls `take_notes` first (before mkdocs-static-i18n
reads the files) and `make` last: the notes are read and derived through the
session, reported once (in the default interface's build), and this
interface's pages handed to MkDocs, ordered by the root payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from cuaderno.build_log import BuildLog
from cuaderno.config_glue import SiteScripts
from cuaderno.payload import ROOT_PAYLOAD
from cuaderno.site_data import SiteData
from cuaderno.site_nav import payload_navigation
from cuaderno.site_pages import BuildOf, FolderNotes, SitePages, read_notes, take_notes
from cuaderno.site_session import SiteSession


@dataclass(frozen=True)
class PageOptions:
    """The plugin's options about pages."""

    kb_file: str = "kb.json"
    topic_pages: bool = True
    payload: str = ROOT_PAYLOAD
    progress: bool = False


class SiteBuilder:
    """Each build's pages, from the notes of the folder (and the navigation, when a root payload orders it)."""

    def __init__(self, session: SiteSession, data: SiteData, log: BuildLog) -> None:
        """Pages of `session`'s notes; `data` starts indexing with the default interface's build."""
        self.session, self.data, self.log = session, data, log
        self.options = PageOptions()
        self.folder = FolderNotes()
        self.nav_from_payload = False  # config.nav is ours (set from the root payload), not the user's

    def take_notes(self, files: Files, config: MkDocsConfig) -> None:
        """Take the notes out of MkDocs' files: cuaderno makes their pages."""
        tags_dir = self.session.settings.tags_dir
        self.folder = take_notes(files, config, tags_dir, self.options.kb_file, self.session.serving)

    def make(self, files: Files, config: MkDocsConfig, build: BuildOf, scripts: SiteScripts) -> SitePages:
        """Parse the notes, derive the knowledge base, add this interface's pages; report once (default build)."""
        session, log = self.session, self.log
        sources, unreadable = read_notes(self.folder)
        derived = session.derive(sources, build.interfaces, self.folder.site_files)
        report = log.report if build.default else lambda _diagnostics: None
        if build.default:
            self.data.start(Path(config.site_dir), build.interfaces, build.lang)
        report(unreadable)
        if build.default or derived.fresh:  # notes read again are reported whichever interface read them
            problems = (d for note in derived.notes for d in note.diagnostics)
            log.report([*derived.problems, *problems, *derived.kb.diagnostics])
        report(self.folder.unpublished)
        pages = SitePages(session, build)
        notes = {note.path: note for note in derived.notes}
        pages.make(files, config, notes, self.options.topic_pages, (scripts.mermaid, scripts.dompurify))
        report([*session.render_problems, *pages.moved])
        session.render_problems.clear()
        if config.nav is None or self.nav_from_payload:  # unless `mkdocs.yml` has a `nav:` of its own
            order = (self.options.payload, derived.kb.urls.source, sorted(self.folder.files))
            found = payload_navigation(files, config, *order, build.interfaces, build.lang, self.options.topic_pages)
            if found is not None:
                config.nav, self.nav_from_payload = found[0], True
                report(found[1])
        if self.options.progress:
            log.show_progress(len(files.documentation_pages()), build.lang if build.interfaces else "")
        return pages
