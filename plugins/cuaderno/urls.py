"""Every URL of the site is made here."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import count
from pathlib import PurePosixPath
from urllib.parse import quote

from cuaderno.model import Diagnostic, Severity

TAGS_DIR = "tags"
EXPLORE_PAGE = "explore/"
KB_FILE = "kb.json"
# The small files the explorer and the search box load instead of kb.json (render/explorer_data.py).
KB_DATA_DIR = "kb"
TAG_INDEX_FILE = f"{KB_DATA_DIR}/tags.json"
# The same, gzipped: what the search box and the explorer fetch (a host need not compress what it serves).
TAG_INDEX_PACKED = f"{TAG_INDEX_FILE}.gz"
ASSET_DIR = "assets/cuaderno"  # where the files of the package's assets/ are served
# The search index of each interface (search_index.py): `pagefind/`, `es/pagefind/`.
SEARCH_DIR = "pagefind"
# The index page of each folder of many notes (bounded_nav.py), apart from the notes: `folders/aws/storage/`.
FOLDERS_DIR = "folders"
_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})$")


def translation_of(path: str, languages: Sequence[str]) -> tuple[str, str | None]:
    """Split a translated note's language from its path: `guide/a.es.md` -> (`guide/a.md`, `es`).

    Only the site's languages count; other paths come back whole, with None.
    """
    return _translation_of(path, tuple(languages))


@lru_cache(maxsize=1 << 16)
def _translation_of(path: str, languages: tuple[str, ...]) -> tuple[str, str | None]:
    pure = PurePosixPath(path)
    match = _LANG_SUFFIX.match(pure.stem)
    if match and match["lang"] in languages:
        return str(pure.with_name(match["stem"] + pure.suffix)), match["lang"]
    return path, None


def interface_url(url: str, lang: str, languages: Sequence[str] = ()) -> str:
    """A site-root URL as served in the `lang` interface: `tags/x/` -> `es/tags/x/`.

    `languages` are the site's interfaces, the default (served at the root)
    first; none means a one-language site. URLs that already name an interface
    (a translation served only in its own language) are kept.
    """
    if not languages or lang == languages[0] or url.split("/", 1)[0] in languages[1:]:
        return url
    return f"{lang}/{url}"


def interface_relative_url(url: str, languages: Sequence[str] = ()) -> str:
    """A site-root URL as a URL from its interface's root, the inverse of `interface_url`: `es/a/#x` -> `a/#x`."""
    first, _, rest = url.partition("/")
    return rest if first in languages[1:] else url


def page_source(path: str) -> str:
    """The Markdown path MkDocs knows a note by: `aws/iam.txt` -> `aws/iam.md`."""
    pure = PurePosixPath(path)
    return str(pure.with_suffix(".md")) if pure.suffix.lower() != ".md" else path


def note_url(path: str, languages: Sequence[str] = ()) -> str:
    """A note's page URL, relative to the site root: `aws/iam.txt` -> `aws/iam/`.

    Follows MkDocs' directory URLs: `index` and `README` name their folder. A
    translation is served in its own language's interface: `a.es.md` -> `es/a/`.
    """
    return _note_url(path, tuple(languages))


@lru_cache(maxsize=1 << 16)
def _note_url(path: str, languages: tuple[str, ...]) -> str:
    path, lang = translation_of(path, languages)
    if lang is not None and lang != languages[0]:  # `languages` is not empty here
        return f"{lang}/{_note_url(path, languages)}"
    pure = PurePosixPath(path)
    stem = pure.name.rsplit(".", 1)[0] if "." in pure.name else pure.name
    parent = "" if str(pure.parent) == "." else f"{pure.parent}/"
    if stem.lower() in ("index", "readme"):
        return parent
    return f"{parent}{stem}/"


# Top folders the site's own pages live in (the Spanish interface's `es/` is one too): a note whose URL
# would fall in one is served under `notes/` instead, so that the site never mistakes it for its own page.
SITE_FOLDERS = (TAGS_DIR, EXPLORE_PAGE.rstrip("/"), KB_DATA_DIR, SEARCH_DIR, FOLDERS_DIR)
MOVED_FOLDER = "notes"
# Files the site writes at its root besides its pages: a note's URL names a folder, which cannot share their name.
SITE_FILES = (KB_FILE, "sitemap.xml", "sitemap.xml.gz", "404.html")
# Pages the site generates whose Markdown path a note's page must not take.
SITE_SOURCES = (f"{TAGS_DIR}/index.md", f"{EXPLORE_PAGE}index.md")
_MARKDOWN = ".md"
NOTE_URL_MOVED = "note-url-moved"  # the code of the notice for a note that lost a clash for its URL


@dataclass(frozen=True)
class NotePage:
    """Where one note is published."""

    url: str  # its URL from the site root (a translation's in its own interface: `es/a/`)
    source: str  # the Markdown path MkDocs knows its page by, in the note's own folder
    neutral: str  # the URL of its page in the default interface (a translation: its default note's)
    moved: str = ""  # why its URL is not the rule's (`note_url`), or "" when it is


@dataclass(frozen=True)
class NoteUrls:
    """The page of every note of a site: the URL rule, and a distinct URL for each note that lost a clash."""

    interfaces: tuple[str, ...] = ()
    pages: Mapping[str, NotePage] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """The URL of a note's page, relative to the site root (the rule's for a note it does not know)."""
        page = self.pages.get(path)
        return page.url if page is not None else note_url(path, self.interfaces)

    def source(self, path: str) -> str:
        """The Markdown path MkDocs knows a note's page by."""
        page = self.pages.get(path)
        return page.source if page is not None else page_source(path)

    def moved(self) -> tuple[tuple[str, NotePage], ...]:
        """The notes whose URL is not the rule's, with their pages, by path."""
        return tuple((path, page) for path, page in sorted(self.pages.items()) if page.moved)

    def shown_in(self, lang: str) -> tuple[str, ...]:
        """The notes whose page the `lang` interface shows.

        Of a note and its translations, the one in `lang`, else the default
        language's. A one-language site (no interfaces) shows every note.
        """
        if not self.interfaces:
            return tuple(self.pages)
        versions: dict[str, dict[str, str]] = {}  # URL in the default interface -> language -> note
        for path, page in self.pages.items():
            code = translation_of(path, self.interfaces)[1] or self.interfaces[0]
            versions.setdefault(page.neutral, {})[code] = path
        shown = (found.get(lang) or found.get(self.interfaces[0]) for found in versions.values())
        return tuple(path for path in shown if path is not None)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """A notice for each note whose page is not at the rule's URL: where it is, and why."""
        return tuple(
            Diagnostic(path, 1, NOTE_URL_MOVED, f"this note's page is /{page.url} ({page.moved})", Severity.NOTICE)
            for path, page in self.moved()
        )


def _folder_and_name(path: str) -> tuple[str, str]:
    folder, _, name = path.rpartition("/")
    return (f"{folder}/" if folder else ""), name


def _url_candidates(neutral_path: str, moved_folder: bool) -> Iterator[str]:
    """The URLs a note may take, best first: the rule's, then its whole file name, then numbered ones."""
    prefix = f"{MOVED_FOLDER}/" if moved_folder else ""
    folder, name = _folder_and_name(neutral_path)
    yield prefix + note_url(neutral_path)
    yield f"{prefix}{folder}{name}/"
    yield from (f"{prefix}{folder}{name}-{number}/" for number in count(2))


def _source_candidates(path: str, lang: str, default_source: str | None) -> Iterator[str]:
    """The Markdown paths a note's page may take, best first; a `.md` note's is its own path."""
    if path.endswith(_MARKDOWN):
        yield path
    if lang and default_source is not None:  # a translation: its default note's page with its language
        yield f"{default_source[: -len(_MARKDOWN)]}.{lang}{_MARKDOWN}"
    folder, name = _folder_and_name(path)
    yield page_source(path)
    yield f"{folder}{name}{_MARKDOWN}"
    yield from (f"{folder}{name}-{number}{_MARKDOWN}" for number in count(2))


def _rank(path: str) -> tuple[int, int, str]:
    """Who keeps a URL several notes want: `index` before `README`, Markdown before text, then by path."""
    stem, _, suffix = PurePosixPath(path).name.rpartition(".")
    name = {"index": 0, "readme": 1}.get(stem.split(".")[0].lower(), 2)
    return name, {"md": 0, "markdown": 1}.get(suffix.lower(), 2), path


class _Assigner:
    """`assign_note_urls`' bookkeeping: which URLs and Markdown paths are taken, and by whom."""

    def __init__(self, languages: tuple[str, ...], taken: Iterable[str]) -> None:
        self.languages = languages
        self.files = {name.strip("/") for name in (*SITE_FILES, *taken)}
        self.site_folders = {*SITE_FOLDERS, *languages[1:]}
        self.used: dict[tuple[str, str], str] = {}  # (URL in the default interface, language) -> note
        self.sources: set[str] = set(SITE_SOURCES)
        self.pages: dict[str, NotePage] = {}

    def why_not(self, url: str, lang: str) -> str:
        """Why a note of language `lang` cannot have `url` ("" when it can)."""
        top = url.split("/", 1)[0]
        if (url, lang) in self.used:
            return f"{self.used[url, lang]} has the URL /{url}"
        if top in self.site_folders:
            return f"/{top}/ holds the site's own pages"
        if url.rstrip("/") in self.files:
            return f"/{url.rstrip('/')} is a file of the site"
        return ""

    def place(self, path: str, lang: str, urls: Iterable[str], default: str | None, reason: str = "") -> None:
        """Give `path` the first free URL of `urls`; `reason` says why it is not the rule's."""
        url = next(url for url in urls if not self.why_not(url, lang))
        self.used[url, lang] = path
        known = self.pages.get(default) if default else None
        default_source = known.source if known else None
        source = next(s for s in _source_candidates(path, lang, default_source) if s not in self.sources)
        self.sources.add(source)
        shown = interface_url(url, lang, self.languages) if lang else url
        self.pages[path] = NotePage(shown, source, url, reason)


def assign_note_urls(paths: Iterable[str], interfaces: Sequence[str] = (), taken: Iterable[str] = ()) -> NoteUrls:
    """Give every note its own page: the rule's URL (`note_url`) when it is free, else a distinct, stable one.

    A URL is taken by a note ranked before (`_rank`: `x.md` keeps `x/`, `x.txt`
    gets `x.txt/`), by the site's own pages (`tags/…`, `explore/`, `es/…`; a
    note there moves under `notes/`) or by a file of the site (`kb.json`, and
    `taken`: the folder's other files). A translation (`a.es.txt`) takes its
    default note's URL in its own interface (`es/a/`).
    """
    languages = tuple(interfaces)
    parsed = {path: translation_of(path, languages) for path in paths}
    defaults = sorted((p for p, (_n, lang) in parsed.items() if lang in (None, *languages[:1])), key=_rank)
    translations = sorted((p for p in parsed if p not in set(defaults)), key=_rank)
    default_of = {parsed[path][0]: path for path in reversed(defaults)}  # `a.txt` -> its note (`a.en.txt` too)
    assigner = _Assigner(languages, taken)
    for group, translated in ((defaults, False), (translations, True)):
        waiting = []
        # Every note of the group tries the rule's URL first, so that no loser's fallback takes a winner's.
        for path in group:
            neutral, lang = parsed[path][0], (parsed[path][1] or "") if translated else ""
            default = default_of.get(neutral) if translated else None
            known = assigner.pages.get(default) if default else None
            url = known.neutral if known else note_url(neutral)
            if assigner.why_not(url, lang):
                waiting.append((path, lang, assigner.why_not(url, lang)))
            else:  # a translation of a note that lost a clash follows it
                follows = f"it is a translation of {default}" if known and known.moved else ""
                assigner.place(path, lang, [url], default, follows)
        for path, lang, reason in waiting:
            folder = path.rpartition("/")[0]
            in_site_folder = bool(folder) and folder.split("/", 1)[0] in assigner.site_folders
            assigner.place(path, lang, _url_candidates(parsed[path][0], in_site_folder), None, reason)
    return NoteUrls(languages, assigner.pages)


def moved_file_url(url: str) -> str:
    """Where a file of the folder is served when a page of the site takes its place: `index.orig.html`."""
    stem, dot, suffix = url.rpartition(".")
    return f"{stem}.orig.{suffix}" if dot and "/" not in suffix else f"{url}.orig"


def folder_index_url(folder: str) -> str:
    """The index page of a folder of many notes: `aws/storage` -> `folders/aws/storage/`; the root's is `folders/`.

    Under a folder of the site's own, so that no note's page (a folder's `index.txt`) is ever in its way.
    """
    return f"{FOLDERS_DIR}/{folder}/" if folder else f"{FOLDERS_DIR}/"


def folder_index_source(folder: str) -> str:
    """The generated Markdown file of a folder's index page: `folders/aws/storage/index.md`."""
    return f"{folder_index_url(folder)}index.md"


# The longest file name most file systems take, in bytes (ext4, APFS, NTFS in UTF-16 units).
MAX_NAME_BYTES = 255
# What a too long tag id keeps of itself in its folder name, before its hash.
_TAG_PREFIX_BYTES = 64


def tag_folder(tag_id: str) -> str:
    """The folder of a tag's topic page under `tags/`: the id itself, or a short stable name when it is too long.

    An id over 255 bytes may not name a folder (a file name holds 255); it
    gets its first 64 bytes (`/` as `_`) and 16 hex digits of its SHA-256, so
    the same id always has the same page and no two ids share one.
    """
    encoded = tag_id.encode("utf-8")
    if len(encoded) <= MAX_NAME_BYTES:  # then each of its `/`-parts fits too
        return tag_id
    prefix = encoded[:_TAG_PREFIX_BYTES].decode("utf-8", "ignore").replace("/", "_").rstrip(".")
    return f"{prefix}~{hashlib.sha256(encoded).hexdigest()[:16]}"


def tag_url(tag_id: str) -> str:
    """The topic page of a tag: `tags/security.101/` (as a path: `href` percent-encodes it for a link)."""
    return f"{TAGS_DIR}/{tag_folder(tag_id)}/"


def tag_page_source(tag_id: str) -> str:
    """The generated Markdown file of a topic page: `tags/<id>/index.md` (`tag_folder` names the folder).

    A folder of its own, so that no tag's page is the tag index's (`tags/index.md`,
    a tag called `index`) and no note's page in a `tags/` folder is a tag's.
    """
    return f"{TAGS_DIR}/{tag_folder(tag_id)}/index.md"


# What a link may hold as it is: nothing to percent-encode, nothing a browser could read as a scheme.
_PLAIN = re.compile(r"[A-Za-z0-9._~/-]*")


def encode_path(path: str) -> str:
    """A site path as it goes into a link: percent-encoded, so `notes#2.txt`, `what?` and `a%20b` stay names.

    A first segment holding `:` (a note named `javascript:x.txt`) can no longer be read as a scheme.
    """
    return path if _PLAIN.fullmatch(path) else quote(path, safe="/")


def encode_fragment(fragment: str) -> str:
    """An anchor as it goes after `#` in a link (browsers decode it to find the id)."""
    return fragment if _PLAIN.fullmatch(fragment) else quote(fragment, safe="")


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site paths from the root, not encoded), encoded.

    Every link cuaderno writes between its pages is made here.
    """
    to_url, anchor = split_fragment(to_url)
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = encode_path(_relative_path(base, to_url))
    return link if anchor is None else f"{link}#{encode_fragment(anchor)}"


def split_fragment(url: str) -> tuple[str, str | None]:
    """A site URL's path and anchor: `a/#b` -> (`a/`, `b`), `#b` -> (``, `b`), `tags/pkcs#11/` -> (itself, None).

    Page URLs end with `/`, so an anchor starts at `/#` (or the URL's first character): a `#`
    inside a name (a note `notes#2.txt`, a tag `crypto.pkcs#11`) is part of the path.
    """
    if url.startswith("#"):
        return "", url[1:]
    path, marker, anchor = url.partition("/#")
    return (f"{path}/", anchor) if marker else (url, None)


@lru_cache(maxsize=1 << 16)
def _relative_path(base: str, to_url: str) -> str:
    """`relative_url` without the fragment; pages link to the same few pages over and over."""
    if not (to_url or base):
        return "."
    start, path = [part for part in base.split("/") if part], [part for part in to_url.split("/") if part]
    if "." in start or ".." in start or "." in path or ".." in path:
        target = posixpath.relpath("/" + to_url, "/" + base)
    else:  # posixpath.relpath, without its abspath and normpath: both are clean paths from the site root
        common = 0
        for mine, theirs in zip(start, path, strict=False):
            if mine != theirs:
                break
            common += 1
        target = "/".join([".."] * (len(start) - common) + path[common:]) or "."
    if to_url.endswith("/") and not target.endswith("/"):
        target += "/"
    return target
