"""The state a site keeps across the builds of one MkDocs process: the notes, the knowledge base and the caches.

mkdocs-static-i18n builds the site once per interface from the same notes,
and `mkdocs serve` rebuilds it at every save: a `SiteSession` takes the
notes' bytes each time and parses, derives and renders again only what
changed (a note parsed again only when its bytes did, a page rendered again
only when what it shows did). It imports nothing from MkDocs: the plugin
hands it files' bytes and gets notes, a knowledge base and pages' Markdown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from cuaderno.kb import KnowledgeBase, NoteMemo, build_kb
from cuaderno.model import Diagnostic, Note, Severity
from cuaderno.pipeline import describe_error, is_binary, read_note
from cuaderno.render.blocks import BlockRenderer, MarkdownSettings
from cuaderno.render.export import kb_json
from cuaderno.render.fallback import RENDER_FAILED, render_plain
from cuaderno.render.notes import note_page_inputs, render_note
from cuaderno.render.page_cache import PageCache
from cuaderno.render.topics import TopicPages
from cuaderno.settings import Settings
from cuaderno.taxonomy import Taxonomy, load_taxonomy


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of a folder's files: changes when the taxonomy is edited."""
    if not folder.is_dir():
        return ()
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


@dataclass(frozen=True)
class Derived:
    """The notes of a build and what was derived from them; `fresh` when they changed since the last build."""

    notes: tuple[Note, ...]
    kb: KnowledgeBase
    problems: tuple[Diagnostic, ...]
    fresh: bool


class SiteSession:
    """The notes, knowledge base and rendered pages of the last build, reused by the next where nothing changed.

    `serving` (`mkdocs serve`) keeps more: the pages and blocks each build
    rendered, for the next to reuse.
    """

    def __init__(self, settings: Settings | None = None, sanitize: bool | Sequence[str] = False) -> None:
        """A session with nothing known yet."""
        self.settings = settings or Settings()
        self.sanitize = sanitize
        self.serving = False
        self.kb: KnowledgeBase | None = None
        self.binary: set[str] = set()  # notes that were binary files
        self.render_problems: list[Diagnostic] = []  # notes whose page could not be rendered, this build
        self._key: object = None
        self._derived: Derived | None = None
        self._parsed: dict[tuple[str, str], Note] = {}  # (page source, content sha1) -> parsed note
        self._parsed_with: Settings | None = None
        self._taxonomy: tuple[object, Taxonomy, tuple[Diagnostic, ...]] | None = None
        self._memo = NoteMemo()
        self._pages = PageCache()
        self._excerpts: dict[str, Mapping[Hashable, tuple[object, str]]] = {}  # interface -> last build's excerpts
        self._blocks: dict[str, BlockRenderer] = {}  # interface -> the last build's blocks, while serving
        self.kb_blocks: BlockRenderer | None = None  # the default interface's blocks, shown in kb.json
        self._kb_json: tuple[KnowledgeBase | None, bytes] = (None, b"")

    def configure(self, settings: Settings, sanitize: bool | Sequence[str]) -> None:
        """The settings of this build (the plugin's options)."""
        self.settings, self.sanitize = settings, sanitize

    def untrusted(self, note: Note) -> bool:
        """Whether the `sanitize` option names this note."""
        if isinstance(self.sanitize, bool):
            return self.sanitize
        return any(fnmatch(note.path, str(pattern)) for pattern in self.sanitize)

    def derive(
        self, sources: Sequence[tuple[str, bytes]], interfaces: tuple[str, ...], site_files: list[str]
    ) -> Derived:
        """Parse the notes (path, bytes) and build the knowledge base, or reuse the last ones if nothing changed.

        Each note is parsed again only when its bytes (or the settings) changed: one edited
        note during `mkdocs serve` costs one parse, and the second interface's build none.
        """
        digests = tuple((path, hashlib.sha1(data).hexdigest()) for path, data in sources)
        taxonomy_files = folder_signature(self.settings.tags_dir)
        key = (digests, taxonomy_files, interfaces, tuple(site_files), self.settings)
        if self._derived is not None and self._key == key:
            self._derived = Derived(self._derived.notes, self._derived.kb, self._derived.problems, fresh=False)
            return self._derived
        taxonomy, problems = self._load_taxonomy(taxonomy_files)
        if self._parsed_with != self.settings:
            self._parsed, self._parsed_with = {}, self.settings
        parsed = {
            digest: self._parsed.get(digest) or read_note(data, path, self.settings)
            for digest, (path, data) in zip(digests, sources, strict=True)
        }
        self._parsed = parsed
        notes = tuple(parsed.values())
        self.binary = {note.path for note in notes if is_binary(note)}
        texts = [note for note in notes if note.path not in self.binary]
        memo = self._memo if self.serving else None  # reuses unchanged notes' blocks and relations
        languages, mentions = self.settings.languages, self.settings.topic_mentions
        self.kb = build_kb(texts, taxonomy, languages, interfaces, mentions, memo, site_files)
        if self.serving and not self._pages.begin(self.kb):
            self._excerpts = {}  # the site-wide facts changed: every page is rendered again
        self._key = key
        self._derived = Derived(notes, self.kb, problems, fresh=True)
        return self._derived

    def _load_taxonomy(self, files: object) -> tuple[Taxonomy, tuple[Diagnostic, ...]]:
        """The taxonomy, read again only when its folder's `files` (their names, sizes and times) changed."""
        signature = (files, self.settings.tags_dir, self.settings.languages)
        if self._taxonomy is None or self._taxonomy[0] != signature:
            self._taxonomy = (signature, *load_taxonomy(self.settings.tags_dir, self.settings.languages))
        return self._taxonomy[1], self._taxonomy[2]

    def note_page(self, note: Note, lang: str, report: bool) -> str:
        """A note's page; while serving, the last build's page if nothing it shows changed.

        A note that cannot be rendered shows its text, with a warning (in `render_problems` when `report`).
        """
        kb, untrusted = self.kb, self.untrusted(note)
        assert kb is not None

        def render() -> str:
            try:
                return render_note(note, kb, lang, untrusted)
            except Exception as error:  # one note that cannot be rendered is a warning, not a failed site
                if report:  # once, not once per interface
                    message = f"this note could not be rendered ({describe_error(error)}); its page shows its text"
                    self.render_problems.append(Diagnostic(note.path, 1, RENDER_FAILED, message, Severity.WARNING))
                return render_plain(note, lang)

        if not self.serving:
            return render()
        return self._pages.page((note.path, lang, untrusted), note_page_inputs(note, kb), render)

    def topic_pages(self, lang: str, markdown: MarkdownSettings, default_interface: bool) -> TopicPages:
        """The topic pages of `lang`, their blocks rendered once (and while serving, kept for the next build)."""
        assert self.kb is not None
        previous = self._blocks.get(lang)
        blocks = BlockRenderer(self.kb, lang, markdown, self.untrusted, previous=previous, remember=self.serving)
        topics = TopicPages(self.kb, lang, self._excerpts.get(lang), blocks, remember=self.serving)
        if default_interface:
            self.kb_blocks = blocks
        if self.serving:
            self._excerpts[lang], self._blocks[lang] = topics.excerpts, blocks
        return topics

    def kb_json(self) -> bytes:
        """`kb.json`, made once per knowledge base (every interface's build writes the same)."""
        assert self.kb is not None
        if self._kb_json[0] is not self.kb:
            self._kb_json = (self.kb, kb_json(self.kb, blocks=self.kb_blocks).encode("utf-8"))
        return self._kb_json[1]
