"""Search by tag in Material's search box: Spanish labels find topic pages, `tag:` restricts results."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.sites import load_kb

pytestmark = pytest.mark.browser

ITEMS = ".md-search-result__list > .md-search-result__item"  # one per page found


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the search box; return the site paths of the result pages (all of them)."""
    box = page.locator("input[data-md-component=search-query]")
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    meta = page.locator(".md-search-result__meta")
    # A count ("12 matching documents", "12 documentos encontrados") or none ("No …"), in either language.
    expect(meta).to_have_text(re.compile(r"^\s*(\d|No )"), timeout=5000)
    # Typing queries every prefix: wait until the count belongs to the whole query (steady for 0.4 s).
    settled, deadline = "", time.monotonic() + 5
    while meta.inner_text() != settled and time.monotonic() < deadline:
        settled = meta.inner_text()
        page.wait_for_timeout(400)
    # Material shows ten results and renders four more each time the list is scrolled to its end.
    total = int(meta.inner_text().split()[0]) if meta.inner_text()[:1].isdigit() else 0
    scroller = page.locator(".md-search__scrollwrap")
    deadline = time.monotonic() + 15
    while page.locator(ITEMS).count() < total and time.monotonic() < deadline:
        scroller.evaluate("el => el.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        scroller.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(250)
    assert page.locator(ITEMS).count() == total, f"{page.locator(ITEMS).count()} of {total} results drawn"
    hrefs = page.locator(ITEMS).evaluate_all("els => els.map(li => new URL(li.querySelector('a').href).pathname)")
    return [str(href) for href in hrefs]


def pages_tagged(kb: dict[str, Any], segment: str) -> set[str]:
    """Site paths of the notes with a tag one of whose dot- or underscore-separated parts is `segment`."""

    def has(tags: list[str]) -> bool:
        return any(segment in tag.replace("_", ".").split(".") for tag in tags)

    tagged: set[str] = set()
    for note in kb["notes"]:
        blocks = [b for b in kb["blocks"] if b["note"] == note["path"]]
        in_english_interface = not note["url"].startswith("es/")  # Spanish translations live under /es/
        if in_english_interface and any(has([*b["tags"], *b["auto_tags"]]) for b in blocks):
            tagged.add("/" + note["url"])
    return tagged


@pytest.fixture()
def home(page: Page, docs_site: Path, serve_site: Any) -> tuple[Page, str]:
    base = serve_site(docs_site)
    page.goto(base)
    return page, base


def test_spanish_label_lists_the_topic_page(home: tuple[Page, str]) -> None:
    page, _base = home
    # `security` is labelled "Seguridad" in Spanish; the English interface still finds its page.
    results = search(page, "seguridad")
    assert "/tags/security/" in results[:3], results
    results = search(page, "precios")
    assert "/tags/1_price/" in results[:3], results


def test_tag_prefix_restricts_results_to_the_tag(home: tuple[Page, str], docs_site: Path) -> None:
    page, _base = home
    kb = load_kb(docs_site)
    results = search(page, "tag:price")
    assert results[0] == "/tags/1_price/", results
    notes = {path for path in results if not path.startswith("/tags/")}
    assert notes == pages_tagged(kb, "price")
    assert all(path.startswith("/tags/1_price") for path in results if path.startswith("/tags/"))
    # A word after the prefix ranks within the tag; it does not widen the results.
    narrowed = search(page, "tag:price reserved")
    assert set(narrowed) <= set(results) and narrowed
    # Without the prefix the same word finds pages outside the tag.
    assert set(search(page, "bucket")) - set(results)
