"""Every URL of the site is made here."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

TAGS_DIR = "tags"
EXPLORE_PAGE = "explore/"
KB_FILE = "kb.json"
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


def tag_url(tag_id: str) -> str:
    """The topic page of a tag: `tags/security.101/`.

    The id is percent-encoded as MkDocs encodes the page's own URL: tags may
    hold `?`, `#` or `(` (`security.101?` -> `tags/security.101%3F/`).
    """
    return f"{TAGS_DIR}/{quote(tag_id, safe='/')}/"


def tag_page_source(tag_id: str) -> str:
    """The generated Markdown file of a topic page: `tags/<id>/index.md`.

    A folder of its own, so that no tag's page is the tag index's (`tags/index.md`,
    a tag called `index`) and no note's page in a `tags/` folder is a tag's.
    """
    return f"{TAGS_DIR}/{tag_id}/index.md"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both relative to the site root)."""
    to_url, hash_sign, anchor = to_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    return _relative_path(base, to_url) + hash_sign + anchor


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
