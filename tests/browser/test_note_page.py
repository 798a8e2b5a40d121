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
