"""The search index: Pagefind bundles beside the site, one per language the records are written in.

Pagefind (`pagefind[bin]` on PyPI, the binary included) writes a chunked
index of static files: a search fetches only the chunks its words need. The
site has a bundle per language its notes are written in (`pagefind/en/`,
`pagefind/es/`), so each is stemmed in its own language, and the search box
reads the interface's language first and the others on request.
`bundles.json` beside them lists the languages, the interface's first, and
under `tagged` those whose bundle holds every tag's word (their topic records:
a `tag:` search there needs no check that the bundle knows the tag).

Indexing runs beside the build: the records are made from the knowledge base
and go to Pagefind as soon as it is read, and the bundles are written as soon
as every record is in (`seal`), while the interfaces are still being built.
"""

from __future__ import annotations

import json
import queue
import shutil
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from cuaderno.i18n import LANGUAGES, language_name, template
from cuaderno.pagefind_service import PagefindError, PagefindService
from cuaderno.search_records import SearchRecord
from cuaderno.site_folder import swap_in
from cuaderno.urls import SEARCH_DIR, TAG_INDEX_PACKED, interface_url

MANIFEST = "bundles.json"
# Records handed to Pagefind at a time: an abandoned index (a rebuild of `mkdocs serve` started) stops
# within one chunk, not after the whole knowledge base.
CHUNK = 256


def _request(record: SearchRecord, number: int) -> dict[str, object]:
    """Pagefind's request for a record.

    Pagefind keeps one record per URL, and the passages of a long note share
    theirs: each record is known to Pagefind by its number, and says where it
    leads in its `url` meta.
    """
    return {
        "type": "AddRecord",
        "url": f"r{number}",
        "content": record.content,
        "language": record.language,
        "meta": {**record.meta, "url": record.url},
        "filters": {name: list(values) for name, values in record.filters.items()},
    }


class SearchIndexer:
    """Index records in a thread of its own while the site is built; write the bundles once they are sealed.

    `folder` is replaced by the bundles and their manifest, which lists
    `first` (the default interface's language) first when it has records.
    """

    def __init__(self, folder: Path, first: str) -> None:
        self.folder, self.first = folder, first
        self.records = 0
        self.languages: list[str] = []
        self._batches: queue.Queue[Iterable[SearchRecord] | None] = queue.Queue()
        self._error: PagefindError | None = None
        self._abandoned = threading.Event()
        self._service: PagefindService | None = None
        self._staging = folder.with_name(f".{folder.name}.part")  # the bundles being written
        self._sealed = False
        self._thread = threading.Thread(target=self._work, name="cuaderno-search-index", daemon=True)
        self._thread.start()

    def add(self, records: Iterable[SearchRecord]) -> None:
        """Hand records to Pagefind; they are made (when a generator) and indexed meanwhile."""
        self._batches.put(records)

    def seal(self) -> None:
        """No more records: the bundles are written as soon as those given are indexed."""
        if not self._sealed:
            self._sealed = True
            self._batches.put(None)

    def finish(self) -> float:
        """Wait until the bundles are written (sealing first); the seconds this waited.

        Raises `PagefindError` when Pagefind is missing or failed.
        """
        started = time.perf_counter()
        self.seal()
        self._thread.join()
        if self._error is not None and not self.abandoned:
            raise self._error
        return time.perf_counter() - started

    def abandon(self) -> None:
        """Stop now, writing nothing (its build is outdated): Pagefind is stopped, even while it writes.

        The bundles are written beside the folder and put in its place once whole: the last ones stay.
        """
        self._abandoned.set()
        self.seal()
        service = self._service
        if service is not None:
            service.kill()

    @property
    def abandoned(self) -> bool:
        """Whether `abandon` was called."""
        return self._abandoned.is_set()

    def _work(self) -> None:
        try:
            with PagefindService() as service:
                self._service = service
                if self.abandoned:  # before Pagefind started
                    return
                indexes: dict[str, int] = {}
                tagged: set[str] = set()
                pending: dict[str, list[SearchRecord]] = {}

                def send(language: str) -> None:
                    records = pending.pop(language, [])
                    if language not in indexes:
                        indexes[language] = service.new_index()
                    if any(record.meta.get("kind") == "topic" for record in records):
                        tagged.add(language)
                    numbered = enumerate(records, start=self.records)
                    service.add(indexes[language], [_request(record, number) for number, record in numbered])
                    self.records += len(records)

                while (batch := self._batches.get()) is not None:
                    for record in batch:
                        if self.abandoned:
                            return
                        chunk = pending.setdefault(record.language, [])
                        chunk.append(record)
                        if len(chunk) >= CHUNK:
                            send(record.language)
                for language in sorted(pending):
                    send(language)
                if self.abandoned:
                    return
                staging = self._staging
                if staging.exists():
                    shutil.rmtree(staging)
                staging.mkdir(parents=True)
                for language, index_id in sorted(indexes.items()):
                    service.write(index_id, staging / language)
            self.languages = sorted(indexes, key=lambda code: (code != self.first, code))
            manifest = json.dumps({"languages": self.languages, "tagged": sorted(tagged)})
            (staging / MANIFEST).write_text(manifest, encoding="utf-8")
            if not self.abandoned:
                swap_in(staging, self.folder)
        except PagefindError as error:
            self._error = error
        except OSError as error:
            self._error = PagefindError(f"the search index could not be written ({error})")
        finally:
            while not self._batches.empty():  # nothing waits on what is left
                self._batches.get_nowait()
            if self.abandoned:
                shutil.rmtree(self._staging, ignore_errors=True)


SEARCH_STRINGS = (
    "hint",
    "searching",
    "result_one",
    "result_other",
    "result_more",
    "none",
    "both",
    "context",
    "facets",
    "unknown_tag",
    "other_languages",
    "unavailable",
    "topics",
)


def search_box_settings(lang: str, interfaces: Sequence[str]) -> str:
    """What the search box of the `lang` interface needs, as JSON: where its bundles are, its strings.

    `prefix` is the interface's folder from the site root (`es/`, or nothing
    for the default interface): result URLs are relative to it. `interface`
    is the interface as the records' `hidden` filter names it (none on a
    one-language site: no record is hidden). The bundles and `tags`, the tag
    index, are from the site root.
    """
    settings = {
        "lang": lang,
        "prefix": interface_url("", lang, interfaces),
        "interface": lang if interfaces else "",
        "dir": SEARCH_DIR,
        "manifest": MANIFEST,
        "tags": TAG_INDEX_PACKED,
        "languages": {code: language_name(code, lang) for code in (*LANGUAGES, *interfaces)},
        "strings": {name: template(f"search.{name}", lang) for name in SEARCH_STRINGS},
    }
    return json.dumps(settings, ensure_ascii=False, sort_keys=True)
