"""The site's data beside its pages: `kb.json`, the explorer's files (`kb/`) and the search index (Pagefind).

A build indexes the search while the interfaces are built and writes the
bundles after the last one. While serving, all three follow the pages in a
thread (`BackgroundWork`): the edited page is written and reloaded first.
Messages go to the callables given (the plugin logs them): the core never logs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cuaderno.background import BackgroundWork
from cuaderno.i18n import t
from cuaderno.pagefind_service import PagefindError
from cuaderno.render.explorer_data import write_explorer_data
from cuaderno.search_index import SearchIndexer
from cuaderno.search_records import search_records
from cuaderno.site_session import SiteSession
from cuaderno.urls import SEARCH_DIR

Say = Callable[[str], None]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; objects are still freed as soon as nothing refers to them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class SiteData:
    """Writes a session's `kb.json`, explorer files and search index into the site folder."""

    def __init__(self, session: SiteSession, kb_file: str, say: Say, warn: Say) -> None:
        """`say` logs a line, `warn` a warning."""
        self.session, self.kb_file, self.say, self.warn = session, kb_file, say, warn
        self.search = False  # Material's search box is there: cuaderno indexes the search
        self.background = BackgroundWork()
        self._indexer: SearchIndexer | None = None  # indexing beside the builds of the interfaces
        self._built: set[str] = set()  # the interfaces built in this round of builds

    def start(self, site_dir: Path, interfaces: tuple[str, ...], lang: str) -> None:
        """The default interface's build starts: index the search beside the builds (not while serving)."""
        self._built = set()
        if self._indexer is not None:
            self._indexer.abandon()  # an earlier build that did not finish
            self._indexer = None
        if self.search and not self.session.serving and self.session.kb is not None:
            self._indexer = SearchIndexer(site_dir / SEARCH_DIR, lang)
            self._indexer.add(search_records(self.session.kb, interfaces))
            self._indexer.seal()  # every record is in: the bundles are written while the interfaces are built

    def write(self, site_dir: Path, explorer: bool) -> None:
        """`kb.json`, and with `explorer` the explorer's files (`kb/` serves every interface: written once).

        `kb.json` is made with the collector paused: its objects hold no cycles, and each collection they
        would set off once this build's millions of objects are unfrozen walks them all.
        """
        session = self.session
        assert session.kb is not None
        target = site_dir / self.kb_file
        target.parent.mkdir(parents=True, exist_ok=True)
        with collector_paused():
            data = session.kb_json()
        written = target.with_name(f".{target.name}.part")
        written.write_bytes(data)
        written.replace(target)  # a reader never sees half of it
        if explorer:
            self.write_explorer(site_dir)

    def write_explorer(self, site_dir: Path) -> None:
        """The explorer's files (`kb/`), made with the collector paused as `kb.json` is."""
        assert self.session.kb is not None
        with collector_paused():
            write_explorer_data(site_dir, self.session.kb, self.session.kb_blocks)

    def built(self, site_dir: Path, interface: str, interfaces: tuple[str, ...], default_interface: bool) -> None:
        """An interface's build is done: its data now, or (serving) all of it in a thread after the last."""
        self._built.add(interface)
        last = set(interfaces) <= self._built
        if not self.session.serving:
            self.write(site_dir, explorer=default_interface)
            if last:
                self._finish_search(interfaces or (interface,))
        elif last:
            self._in_background(site_dir, interfaces or (interface,))

    def _finish_search(self, interfaces: tuple[str, ...]) -> None:
        """After the last interface's build, write the bundles."""
        indexer, self._indexer = self._indexer, None
        if indexer is None:
            return
        try:
            seconds = indexer.finish()
        except PagefindError as error:
            self.warn(f"{error}: the site is built without search")
            return
        # Said once, for the whole site: in its default language.
        self.say(t("build.search_index", interfaces[0], records=indexer.records, seconds=seconds))

    def _in_background(self, site_dir: Path, interfaces: tuple[str, ...]) -> None:
        """While serving: `kb.json`, the explorer's files and the search index, in a thread.

        The next rebuild cancels what is left of it (`BackgroundWork.settle`): it writes them all again
        from its own notes, and waits at most for the step in hand (a chunk of the search records).
        """
        kb = self.session.kb
        assert kb is not None
        indexer = SearchIndexer(site_dir / SEARCH_DIR, interfaces[0]) if self.search else None
        cancelled = threading.Event()

        def cancel() -> None:
            cancelled.set()
            if indexer is not None:
                indexer.abandon()

        def job() -> None:
            try:
                self.write(site_dir, explorer=False)
                if cancelled.is_set():
                    return
                self.write_explorer(site_dir)
                if indexer is not None and not cancelled.is_set():
                    indexer.add(search_records(kb, interfaces))
                    seconds = indexer.finish()
                    if not indexer.abandoned:
                        self.say(t("build.search_index", interfaces[0], records=indexer.records, seconds=seconds))
            except PagefindError as error:
                self.warn(f"{error}: the site is served without search")
            except OSError as error:
                self.warn(f"the site's data could not be written: {error}")
            finally:
                if not cancelled.is_set():
                    # While the server waits for the next edit: the objects this build left to the collector
                    # are walked now, not by a full collection in the middle of the next rebuild.
                    gc.collect()

        self.background.start(job, cancel=cancel)
