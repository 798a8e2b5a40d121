"""The search index: Pagefind bundles written beside the site, one per language of the records.

Pagefind (`pagefind[bin]` on PyPI, the binary included) writes a chunked
index of static files: a search fetches only the chunks its words need. Each
interface gets a bundle per language its notes are written in
(`pagefind/en/`, `es/pagefind/es/`…), so each is stemmed in its own language
and the search box can read the interface's language first and the others on
request. `bundles.json` beside them lists the languages.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from cuaderno.i18n import LANGUAGES, language_name, template
from cuaderno.pagefind_service import PagefindService
from cuaderno.search_records import SearchRecord
from cuaderno.urls import SEARCH_DIR, interface_url

MANIFEST = "bundles.json"


def by_language(records: Iterable[SearchRecord]) -> dict[str, list[SearchRecord]]:
    """Records grouped by the language they are written in, languages in order."""
    grouped: dict[str, list[SearchRecord]] = {}
    for record in records:
        grouped.setdefault(record.language, []).append(record)
    return dict(sorted(grouped.items()))


def write_search_index(records: Iterable[SearchRecord], folder: Path, first: str) -> list[str]:
    """Write a bundle per language of `records` under `folder` (replaced), and the manifest; return the languages.

    `first` is the interface's language: the manifest lists it first when it has records.
    Raises `PagefindError` when Pagefind is missing or fails.
    """
    grouped = by_language(records)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    with PagefindService() as service:
        for language, bundle in grouped.items():
            service.write_bundle([_request(record) for record in bundle], folder / language)
    languages = sorted(grouped, key=lambda code: (code != first, code))
    (folder / MANIFEST).write_text(json.dumps({"languages": languages}), encoding="utf-8")
    return languages


def _request(record: SearchRecord) -> dict[str, object]:
    if record.html is not None:
        return {"type": "AddFile", "url": record.url, "file_contents": record.html}
    return {
        "type": "AddRecord",
        "url": record.url,
        "content": record.content,
        "language": record.language,
        "meta": dict(record.meta),
        "filters": {name: list(values) for name, values in record.filters.items()},
    }


SEARCH_STRINGS = (
    "hint",
    "searching",
    "result_one",
    "result_other",
    "none",
    "more",
    "both",
    "context",
    "facets",
    "unknown_tag",
    "other_languages",
    "unavailable",
    "topic",
)


def search_box_settings(lang: str, interfaces: Sequence[str], tag_index: str) -> str:
    """What the search box of the `lang` interface needs, as JSON: where its bundles are, its strings.

    `prefix` is the interface's folder from the site root (`es/`, or nothing
    for the default interface); `tags` the tag index from the site root.
    """
    settings = {
        "lang": lang,
        "prefix": interface_url("", lang, interfaces),
        "dir": SEARCH_DIR,
        "manifest": MANIFEST,
        "tags": tag_index,
        "languages": {code: language_name(code, lang) for code in (*LANGUAGES, *interfaces)},
        "strings": {name: template(f"search.{name}", lang) for name in SEARCH_STRINGS},
    }
    return json.dumps(settings, ensure_ascii=False, sort_keys=True)
