"""The two interfaces in Chromium: the language switcher, Spanish navigation and labels, Spanish search."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_search import search

pytestmark = pytest.mark.browser


def switch_language(page: Page, lang: str) -> None:
    """Open Material's language menu and choose `lang`."""
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state()


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


@pytest.fixture()
def base(page: Page, docs_site: Path, serve_site: Any) -> str:
    url = str(serve_site(docs_site))
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(url) else None)
    yield url
    assert outside == []


@pytest.mark.parametrize(
    ("english", "spanish", "spanish_heading"),
    [
        ("aws/security/iam/", "es/aws/security/iam/", "AWS IAM: identities, policies and roles"),
        ("guide/markers/", "es/guide/markers/", "Marcadores: etiquetar lo que escribes"),
        ("tags/aws.s3/", "es/tags/aws.s3/", "Amazon S3"),
    ],
)
def test_switcher_keeps_the_page(page: Page, base: str, english: str, spanish: str, spanish_heading: str) -> None:
    page.goto(base + english)
    switch_language(page, "es")
    assert path_of(page) == "/" + spanish
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("article h1").first).to_contain_text(spanish_heading)
    switch_language(page, "en")
    assert path_of(page) == "/" + english
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_switcher_keeps_the_explorer_selection(page: Page, base: str) -> None:
    page.goto(base + "explore/?tags=aws.s3,security&mode=or")
    expect(page.locator(".cdn-x-result").first).to_be_visible()
    switch_language(page, "es")
    assert path_of(page) == "/es/explore/"
    assert "tags=aws.s3" in page.url and "mode=or" in page.url
    expect(page.locator(".cdn-x-selection")).to_contain_text("Amazon S3")
    expect(page.locator(".cdn-x-selection")).to_contain_text("Seguridad")
    # Result links stay in the Spanish interface (links inside a block to other sites aside).
    hrefs = page.locator(".cdn-x-result a").evaluate_all(
        "els => els.filter(a => new URL(a.href).origin === location.origin).map(a => new URL(a.href).pathname)"
    )
    assert hrefs and [href for href in hrefs if not href.startswith("/es/")] == []


def test_spanish_interface_speaks_spanish(page: Page, base: str) -> None:
    page.goto(base + "es/aws/security/iam/")
    nav = page.locator(".md-nav--primary")
    expect(nav).to_contain_text("Etiquetas")
    expect(nav).to_contain_text("Explorador de etiquetas")
    expect(page.locator(".cdn-search input[name=query]")).to_have_attribute("placeholder", "Búsqueda")
    expect(page.locator(".md-sidebar--secondary")).to_contain_text("Tabla de contenidos")
    # Tag chips carry the Spanish labels; the note keeps its own language.
    expect(page.locator("a.cdn-tag[data-tag='security.101']").first).to_have_text("Seguridad básica")
    expect(page.locator("article.md-content__inner")).to_have_attribute("lang", "en")
    expect(page.locator(".cdn-lang-notice")).to_have_text("Esta nota está escrita en inglés.")
    page.goto(base + "es/tags/aws.s3/")
    expect(page.locator("article h2").first).to_contain_text("En ")
    expect(page.locator(".cdn-topic-id")).to_contain_text("También aparece como:")


def test_spanish_search_finds_spanish_notes(page: Page, base: str) -> None:
    page.goto(base + "es/")
    results = [result.split("#")[0] for result in search(page, "almacenamiento")]
    assert "/es/aws/storage/s3-almacenamiento/" in results[:3], results
    # Each interface leads to its own pages only: no English duplicate of the same page.
    assert results and all(result.startswith("/es/") for result in results)
    # The English interface finds the Spanish note among the notes in every language, at its own URL.
    page.goto(base)
    search(page, "almacenamiento")
    page.locator(".cdn-search-both input").check()
    english = [result.split("#")[0] for result in search(page, "almacenamiento")]
    assert "/aws/storage/s3-almacenamiento/" in english
    assert not any(result.startswith("/es/") for result in english)


def test_topic_page_filters_by_language(page: Page, base: str) -> None:
    page.goto(base + "tags/aws.s3/")
    blocks = page.locator("article.cdn-block")
    total = blocks.count()
    page.locator(".cdn-lang-filter a[href='#only-es']").click()
    visible = blocks.evaluate_all("els => els.filter(e => e.offsetParent !== null).map(e => e.lang)")
    assert visible and set(visible) == {"es"} and len(visible) < total
    expect(page.locator("h2[data-lang='en']")).to_be_hidden()
    page.locator(".cdn-lang-filter a[href='#']").click()
    assert blocks.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == total
