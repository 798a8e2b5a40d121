from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_tagged_note_shows_headings_chips_and_layout(page: Page, docs_site: Path, serve_site: Any) -> None:
    base = serve_site(docs_site)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    page.goto(base + "aws/networking/vpc/")
    expect(page.locator("article h1")).to_contain_text("Amazon VPC: networking basics")
    expect(page.locator("article h2").first).to_be_visible()
    chip = page.locator("article a.cdn-tag[data-tag='aws.vpc']").first
    expect(chip).to_be_visible()
    assert "[[" not in page.locator("article").inner_text()
    # The table of contents knows the headings made from `#` lines.
    expect(page.locator(".md-sidebar--secondary .md-nav a", has_text="A two-AZ layout")).to_have_count(1)
    # Text shown as written keeps its spaces.
    text = page.locator("article pre.cdn-text", has_text="route table").first.inner_text()
    assert "route table     <·· decides" in text
    page.screenshot(path=str(docs_site.parent / "note-page.png"))
    chip.click()
    expect(page).to_have_url(base + "tags/aws.vpc/")
    expect(page.locator("article h1")).to_contain_text("Amazon VPC")
    assert outside == []


@pytest.mark.parametrize("note", ["003_c34ba4fc28bd535c", "004_75470a0f84077092"])
def test_toc_links_of_markdown_notes_scroll_to_their_heading(
    page: Page, combined_site: Path, serve_site: Any, note: str
) -> None:
    base = serve_site(combined_site)
    page.goto(f"{base}corpus/{note}/")
    # The note's own table of contents: links to its headings (`[](#-1)` has no text to click).
    hrefs = page.locator("article a[href^='#']:not(.headerlink)").evaluate_all(
        "links => links.filter(a => a.textContent.trim()).map(a => a.getAttribute('href')).filter(h => h.length > 1)"
    )
    assert len(hrefs) > 50
    for href in hrefs[:: max(1, len(hrefs) // 8)][:8]:
        page.locator(f"article a[href='{href}']:not(.headerlink)").first.click()
        expect(page).to_have_url(f"{base}corpus/{note}/{href}")
        target = page.locator(f"[id='{href[1:]}']")
        # The heading is scrolled to the top of the page, just under Material's sticky header.
        top = target.evaluate("element => element.getBoundingClientRect().top")
        header = page.locator("header.md-header").evaluate("element => element.getBoundingClientRect().height")
        assert -2 <= top <= header + 40, (href, top)


@pytest.mark.parametrize("path", ["aws/networking/vpc/", "es/aws/networking/vpc/", "tags/aws.vpc/", "es/explore/"])
def test_a_page_makes_no_request_that_fails(page: Page, docs_site: Path, serve_site: Any, path: str) -> None:
    """Not one 404 in the console: Material once fetched `<page>/sitemap.xml` for each language link."""
    base = serve_site(docs_site)
    failed: list[str] = []
    page.on("response", lambda answer: failed.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    assert failed == []
    # The language switcher still leads to this page in the other interface.
    other = "es/" + path if not path.startswith("es/") else path.removeprefix("es/")
    hrefs = page.locator(".md-select__link").evaluate_all("links => links.map(link => link.href)")
    assert base + other in hrefs
