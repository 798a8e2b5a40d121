"""The site of a hostile taxonomy and payload (fixtures/hostile/taxonomy-site), in Chromium: nothing of theirs runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.test_search import search
from tests.sites import build_site
from tests.test_hostile_taxonomy import hostile_folder

pytestmark = pytest.mark.browser

POINT_AT_EVERYTHING = """() => {
  for (const el of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "focus", "click"]) {
      if (type === "click" && el.closest("a[href], button, label, input")) continue;  // stay on the page
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}"""
INJECTED_SCRIPTS = "els => els.map(el => el.textContent).filter(text => text.includes('alert('))"
PAGES = [
    "",
    "es/",
    "intro/",
    "more/entities/",
    "tags/",
    "es/tags/",
    "tags/danger/",
    "es/tags/danger/",
    "tags/danger.inner/",
    "es/tags/danger.inner/",
    "tags/peligro/",  # a redirect page: it sends the reader on to tags/danger/
    "explore/?tags=danger",
    "es/explore/?tags=danger",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-taxonomy-browser")
    notes = hostile_folder(root / "notes")
    build_site(notes, root / "site", strict=False, tags_dir=notes / "tags")
    return root / "site"


def test_no_label_title_or_id_runs_in_the_browser(page: Page, site: Path, serve_site: Any) -> None:
    base = serve_site(site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in PAGES:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        # What a reader does with a pointer and a keyboard, on every element: hover handlers, previews, tooltips.
        page.evaluate(POINT_AT_EVERYTHING)
        page.wait_for_timeout(300)
        assert page.locator("script:not([src])").evaluate_all(INJECTED_SCRIPTS) == [], url
    assert dialogs == []
    page.goto(base + "tags/danger/")
    assert page.title() == "</title><script>alert('label')</script> - notes"  # the label, as text
    assert "<img src=x onerror=alert('nav')>" in (page.locator("nav.md-nav--primary").text_content() or "")


def test_search_results_show_labels_and_ids_as_text(page: Page, site: Path, serve_site: Any) -> None:
    base = serve_site(site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + "intro/")
    found = search(page, "danger")
    topics = page.locator('[data-search-result="topic"]').all_text_contents()  # the row of topics found
    assert "/tags/danger/" in found
    assert "</title><script>alert('label')</script>" in topics
    # A word of the block tagged with the hostile ids: its chips say what the ids say.
    search(page, "phishing")
    chips = page.locator("[data-search-result] .cdn-search-chips .cdn-tag")
    assert {"danger", "danger.inner"} <= {chip.get_attribute("data-tag") for chip in chips.all()}
    assert page.locator(".md-search-result img, .md-search-result script, .md-search-result svg").count() == 0
    # A tag term by the hostile label itself: its blocks, the label shown as the text it is.
    search(page, "tag:peligro")
    assert page.locator("[data-search-result]").count() > 0
    # The note tagged with entities: its chip says what the id says, never markup.
    search(page, "ampersand")
    labels = page.locator("[data-search-result] .cdn-search-chips .cdn-tag").all_text_contents()
    assert page.locator(".md-search-result img, .md-search-result script, .md-search-result svg").count() == 0
    assert labels
    page.wait_for_timeout(500)
    assert dialogs == []
