"""A site built from hostile notes, in Chromium: no script of theirs runs, whatever the reader does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.test_sanitize import build_hostile

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile-browser"), True)


def test_no_script_from_the_notes_runs(page: Page, hostile_site: Path, serve_site: Any) -> None:
    base = serve_site(hostile_site)
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    urls = ["raw-html/", "tagged/", "es/raw-html/", "es/tagged/", "tags/", "tags/security/", "explore/?tags=security"]
    for url in urls:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        # Point at and focus every link and element of the article: hover handlers, previews, tooltips.
        for element in page.locator("article a, article div, article img, article svg").all()[:80]:
            if element.is_visible():
                element.hover(timeout=2000)
        page.keyboard.press("Tab")
        page.wait_for_timeout(400)
        assert page.evaluate("typeof window.pwned") == "undefined", url
    assert dialogs == []
    # Material asks for each interface's sitemap to resolve the language switch: 404s of ours, not injected code.
    assert [e for e in errors if "404" not in e] == []
