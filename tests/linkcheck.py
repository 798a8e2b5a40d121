"""A link check over a built site: every internal link leads to a page, every fragment to an id on it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    """A link of `page` (a path in the site) to `href` that leads nowhere, and why."""

    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.reason})"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(str(values["href"]))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target_file(site: Path, path: str) -> Path | None:
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site: Path) -> tuple[int, list[BrokenLink]]:
    """Check every `<a href>` of every page of `site` that stays on the site: how many, and which are broken.

    External links (`http:`, `https:`, `mailto:`, …) are not fetched.
    """
    checked = 0
    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        page_path = page.relative_to(site).as_posix()
        if page_path.startswith("assets/"):
            continue
        for href in _parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            if parts.path:
                # `/x/` is from the site's root (the 404 page's links): the site is served at `/`.
                base = "" if parts.path.startswith("/") else posixpath.dirname(page_path)
                joined = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                if joined.startswith(".."):
                    broken.append(BrokenLink(page_path, href, "leaves the site"))
                    continue
                target = _target_file(site, joined)
            else:
                target = page
            if target is None:
                broken.append(BrokenLink(page_path, href, "no such page"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(BrokenLink(page_path, href, "no such anchor"))
    return checked, broken


# -- the table of contents ------------------------------------------------------------------------------------------

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Outline(HTMLParser):
    """Heading ids of the page's main `<article>`, and the `#fragments` its tables of contents link to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []  # (tag, id)
        self.toc: set[str] = set()
        self.depth: dict[str, int] = {"article": 0, "nav": 0}  # how deep inside the main article, a TOC

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        for name, wanted in (("article", "md-content__inner"), ("nav", "md-nav--secondary")):
            if tag == name and (self.depth[name] or wanted in classes):
                self.depth[name] += 1
        if tag in _HEADINGS and self.depth["article"] and values.get("id"):
            self.headings.append((tag, str(values["id"])))
        href = values.get("href") or ""
        if tag == "a" and self.depth["nav"] and href.startswith("#"):
            self.toc.add(unquote(href[1:]))

    def handle_endtag(self, tag: str) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1


def heading_coverage(page_html: str) -> tuple[int, list[str]]:
    """How many headings with an id a page's content has, and the ids its table of contents leaves out.

    A first heading that is an `<h1>` is the page's title, which Material
    shows above the content and leaves out of the table of contents: it
    counts as listed.
    """
    parser = _Outline()
    parser.feed(page_html)
    parser.close()
    first = parser.headings[0] if parser.headings else ("", "")
    title = first[1] if first[0] == "h1" else None
    missing = [anchor for _, anchor in parser.headings if anchor not in parser.toc and anchor != title]
    return len(parser.headings), missing
