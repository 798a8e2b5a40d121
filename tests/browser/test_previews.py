"""Link previews in Chromium: hover and keyboard, the section shown, nothing run from the fetched page."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

POPUP = "#cdn-preview[role=tooltip]"
PREVIEW_ASSETS = ("assets/cuaderno/preview.js", "assets/cuaderno/preview.css")
# A link in the Spanish Route 53 note to a section of the English VPC note (the "Also in English" line).
ROUTE53 = "aws/networking/route53/"
TO_VPC_SECTION = "article.md-content__inner a[href='../vpc/#a-two-az-layout']"

# Raw HTML put into a built page after the build, so the trap does not depend on how notes are rendered.
HOSTILE_HTML = """<div class="trap">
<img src="nowhere.png" onerror="window.__pvRan = 'img onerror'">
<script>window.__pvRan = 'script';</script>
<style>body { display: none !important; }</style>
<iframe srcdoc="&lt;script&gt;parent.__pvRan = 'iframe'&lt;/script&gt;"></iframe>
<object data="javascript:window.__pvRan = 'object'"></object>
<p id="trap-paragraph" onmouseover="window.__pvRan = 'mouseover'" style="position: fixed; inset: 0">Covering words.</p>
<p><a href="javascript:window.__pvRan = 'href'">A javascript link.</a>
<a href=" jAvA&#x09;ScRiPt:window.__pvRan = 'mixed case'">Another one.</a></p>
<svg width="20" height="20"><a href="javascript:window.__pvRan = 'svg'"><rect width="20" height="20"/></a>
<animate attributeName="href" to="javascript:window.__pvRan = 'animate'"/></svg>
<form action="javascript:window.__pvRan = 'form'"><button>Send</button></form>
<details open ontoggle="window.__pvRan = 'toggle'"><summary>More</summary>Folded words.</details>
<svg width="20" height="20" onload="window.__pvRan = 'svg onload'"><image href="https://example.com/svg-image.png"
 width="20" height="20"/><image xlink:href="https://example.com/svg-xlink.png" width="20" height="20"/>
<filter id="blur"><feImage href="https://example.com/fe-image.png"/></filter></svg>
<img srcset="https://example.com/srcset.png 1x" alt="srcset picture">
<p style="background-image: url(https://example.com/background.png)">Styled words.</p>
</div>
<img src="https://example.com/tracker.png" alt="external picture">
"""
# A 1×1 PNG, for a relative image in a preview.
DOT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def require_preview_assets(site: Path) -> None:
    missing = [asset for asset in PREVIEW_ASSETS if not (site / asset).is_file()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not in the built site: plugins/cuaderno/site_assets.py must list "
            '"preview.css" and "preview.js" in ASSET_FILES'
        )


def watch_requests(page: Page, base: str) -> list[str]:
    """Collect every request the page makes outside the local server."""
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    return outside


def within_viewport(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and (box["y"] + box["height"] <= size["height"])
    )


# --- the repository's own site -------------------------------------------------------------------


def test_hover_previews_the_target_section(page: Page, docs_site: Path, serve_site: Any) -> None:
    require_preview_assets(docs_site)
    base = serve_site(docs_site)
    outside = watch_requests(page, base)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + ROUTE53)
    popup = page.locator(POPUP)
    link = page.locator(TO_VPC_SECTION)

    link.hover()
    expect(popup).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "cdn-preview")
    expect(popup.locator(".cdn-preview-title")).to_have_text("Amazon VPC: networking basics")
    expect(popup.locator(".cdn-preview-heading").first).to_have_text("A two-AZ layout")
    expect(popup).to_contain_text("The classic shape: public and private subnets mirrored in two zones.")
    expect(popup.locator("figure.cdn-diagram pre")).to_contain_text("internet gateway")
    # The section ends at the next heading of its level; the diagram's buttons are not copied.
    expect(popup).not_to_contain_text("Security groups vs network ACLs")
    expect(popup.locator("button, [id]")).to_have_count(0)
    # Below the link, inside the viewport; the wide diagram scrolls inside the popup.
    link_box, popup_box = link.bounding_box(), popup.bounding_box()
    assert link_box is not None and popup_box is not None
    assert popup_box["y"] >= link_box["y"] + link_box["height"]
    assert within_viewport(page, popup)
    diagram = popup.locator("figure.cdn-diagram pre")
    assert diagram.evaluate("pre => pre.scrollWidth > pre.clientWidth && getComputedStyle(pre).overflowX === 'auto'")

    # The pointer may cross into the popup and scroll it: the popup stays.
    page.mouse.move(popup_box["x"] + 40, popup_box["y"] + 20, steps=4)
    page.mouse.wheel(0, 120)
    page.wait_for_timeout(700)
    expect(popup).to_be_visible()
    # Leaving both hides it, and the link is no longer described by it.
    page.mouse.move(popup_box["x"] + popup_box["width"] + 20, 790, steps=4)
    expect(popup).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", "cdn-preview")

    # Links outside the page content (the navigation) get no preview.
    page.locator(".md-sidebar--primary a.md-nav__link:visible").first.hover()
    page.wait_for_timeout(700)
    expect(popup).to_be_hidden()
    assert outside == []


def test_keyboard_focus_shows_the_preview_and_escape_hides_it(page: Page, docs_site: Path, serve_site: Any) -> None:
    require_preview_assets(docs_site)
    base = serve_site(docs_site)
    outside = watch_requests(page, base)
    page.goto(base + ROUTE53)
    popup = page.locator(POPUP)
    also = page.locator("article.md-content__inner p.cdn-also a")
    also.nth(0).focus()
    page.keyboard.press("Tab")
    link = also.nth(1)
    expect(link).to_be_focused()
    # A section of another note (which one depends on the notes' tags): its preview opens with its heading.
    expect(link).to_have_attribute("href", re.compile(r"^\.\./[\w-]+/#[\w-]+$"))
    expect(popup).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "cdn-preview")
    expect(popup.locator(".cdn-preview-heading").first).to_have_text(link.inner_text())

    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", "cdn-preview")
    expect(link).to_be_focused()

    # The next link gets its own preview; leaving the content for the page's search box hides it.
    page.keyboard.press("Tab")
    expect(also.nth(2)).to_be_focused()
    expect(popup.locator(".cdn-preview-heading").first).to_have_text(also.nth(2).inner_text())
    page.locator(".cdn-search input[name=query]").focus()
    expect(popup).to_be_hidden()
    assert outside == []


def test_preview_goes_above_a_link_near_the_bottom(page: Page, docs_site: Path, serve_site: Any) -> None:
    require_preview_assets(docs_site)
    base = serve_site(docs_site)
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(base + ROUTE53)
    # The last tag chip of the note (a chip previews its topic page), scrolled to the bottom of the window.
    link = page.locator("article.md-content__inner a.cdn-tag").last
    link.evaluate("a => window.scrollBy(0, a.getBoundingClientRect().bottom - window.innerHeight + 30)")
    assert link.evaluate("a => window.innerHeight - a.getBoundingClientRect().bottom") < 60
    link.hover()
    popup = page.locator(POPUP)
    expect(popup).to_be_visible()
    expect(popup.locator(".cdn-preview-heading[data-level='1']")).to_have_text(link.inner_text())
    expect(popup).to_have_attribute("data-side", "above")
    link_box, popup_box = link.bounding_box(), popup.bounding_box()
    assert link_box is not None and popup_box is not None
    assert popup_box["y"] + popup_box["height"] <= link_box["y"] + 1
    assert within_viewport(page, popup)


def test_preview_in_light_and_dark_schemes(page: Page, docs_site: Path, serve_site: Any) -> None:
    require_preview_assets(docs_site)
    base = serve_site(docs_site)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base + ROUTE53)
    popup = page.locator(POPUP)
    link = page.locator(TO_VPC_SECTION)
    colours = "p => [getComputedStyle(p).backgroundColor, getComputedStyle(document.body).backgroundColor]"
    shots: dict[str, list[str]] = {}
    for scheme in ("default", "slate"):
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.mouse.move(5, 790)
            page.locator("form[data-md-component=palette] label:visible").click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
            page.mouse.move(5, 790)
        link.hover()
        expect(popup).to_be_visible()
        popup.evaluate("p => Promise.all(p.getAnimations().map(a => a.finished))")  # the fade-in is over
        shots[scheme] = popup.evaluate(colours)
        page.screenshot(path=str(docs_site.parent / f"preview-{scheme}.png"))
        page.mouse.move(5, 790)
        expect(popup).to_be_hidden()
    # The popup takes the page's background in each scheme, and the two schemes differ.
    assert shots["default"][0] == shots["default"][1]
    assert shots["slate"][0] == shots["slate"][1]
    assert shots["default"][0] != shots["slate"][0]

    # With reduced motion the popup appears without its fade-in.
    page.emulate_media(reduced_motion="reduce")
    link.hover()
    expect(popup).to_be_visible()
    assert popup.evaluate("p => p.getAnimations().length") == 0


# --- a small site with a hostile page, and Material's instant navigation ----------------------------


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory, serve_site: Any) -> tuple[Path, str]:
    """Three notes: links, a page whose trap section holds raw hostile HTML, a long plain page."""
    from cuaderno.cli import site_config
    from tests.sites import build_site

    folder = tmp_path_factory.mktemp("previews")
    notes, site = folder / "notes", folder / "site"
    notes.mkdir()
    (notes / "index.md").write_text(
        "# Links\n\nRead [the trap](hostile.md#trap), [the plain page](plain.md) and [its code](plain.md#long-code).\n",
        encoding="utf-8",
    )
    (notes / "hostile.md").write_text(
        "# Hostile page\n\nIntro.\n\n## Trap\n\nSafe words before the traps.\n\nHOSTILE-HERE\n\n"
        "A [relative link](plain.md) and a picture: ![dot](dot.png)\n\n"
        "### Inside the trap\n\nStill part of the section.\n\n## After\n\nNot in the preview.\n",
        encoding="utf-8",
    )
    filler = "words that fill the page and push the preview past its length " * 3
    paragraphs = [f"Paragraph {n}: {filler}" for n in range(2, 13)]
    listing = [f"line {n} of the long listing" for n in range(1, 121)]
    (notes / "plain.md").write_text(
        "\n\n".join(["# Plain page", "First paragraph of the plain page.", *paragraphs, "## Long code"])
        + "\n\n```text\n"
        + "\n".join(listing)
        + "\n```\n\nBack to [the links](index.md#links).\n",
        encoding="utf-8",
    )
    (notes / "dot.png").write_bytes(DOT_PNG)

    # Instant navigation needs site_url: serve the (future) folder first to learn the address.
    base = serve_site(site)
    theme = site_config(notes, ROOT / "tags")["theme"]
    theme["features"] = [*theme["features"], "navigation.instant"]
    warnings = build_site(notes, site, strict=False, overrides={"site_url": base, "theme": theme})
    # mkdocs-static-i18n's only complaint: its contextual language switch does not follow instant navigation.
    assert all("navigation.instant" in warning for warning in warnings), warnings
    require_preview_assets(site)
    hostile = site / "hostile" / "index.html"
    html = hostile.read_text(encoding="utf-8")
    assert "<p>HOSTILE-HERE</p>" in html
    hostile.write_text(html.replace("<p>HOSTILE-HERE</p>", HOSTILE_HTML), encoding="utf-8")
    return site, base


def test_preview_runs_nothing_from_the_fetched_page(page: Page, preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    outside = watch_requests(page, base)
    page.goto(base)
    popup = page.locator(POPUP)
    page.locator("article a", has_text="the trap").hover()
    expect(popup).to_be_visible()
    expect(popup.locator(".cdn-preview-title")).to_have_text("Hostile page")
    expect(popup.locator(".cdn-preview-heading").first).to_have_text("Trap")
    for words in ("Safe words before the traps.", "Covering words.", "Inside the trap", "Still part of the section."):
        expect(popup).to_contain_text(words)
    expect(popup).not_to_contain_text("Not in the preview.")
    # The broken picture's error and the open <details>' toggle would have fired by now.
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pvRan") is None
    dangerous = (
        "script, style, iframe, object, embed, form, button, animate, [id], [style], [onerror], [onmouseover],"
        " [ontoggle], [href^='javascript' i], [href*='script:' i]"
    )
    expect(popup.locator(dangerous)).to_have_count(0)
    # Relative URLs resolve against the target page; a picture from another origin is left out.
    expect(popup.locator("a", has_text="relative link")).to_have_attribute("href", base + "plain/")
    expect(popup.locator("img[alt=dot]")).to_have_attribute("src", base + "dot.png")
    expect(popup.locator("img[src*='example.com']")).to_have_count(0)
    expect(popup.locator("[href*='example.com'], [srcset], [onload]")).to_have_count(0)
    expect(popup).to_contain_text("external picture")
    expect(popup).to_contain_text("srcset picture")
    expect(popup).to_contain_text("Styled words.")
    # DOMPurify did the cleaning: the site's own copy, loaded before the preview script.
    assert page.evaluate("typeof window.DOMPurify") == "function"
    assert page.locator("script[src$='assets/cuaderno/purify.min.js']").count() == 1
    # Point at everything in the popup and click its links: still nothing ran.
    for target in popup.locator("p, a, svg, details").all():
        target.hover()
    for target in popup.locator("a:not([href])").all():
        target.click()
        expect(popup).to_be_visible()
    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("window.__pvRan") is None
    assert outside == []

    # The same HTML does run when its own page is opened: the trap is armed.
    page.goto(base + "hostile/")
    page.wait_for_function("window.__pvRan !== undefined")


def test_without_dompurify_a_preview_is_plain_text(page: Page, preview_site: tuple[Path, str]) -> None:
    """No DOMPurify (a site built without `npm install`, a failed load): the preview shows words, no markup."""
    _, base = preview_site
    outside = watch_requests(page, base)
    page.route("**/purify.min.js", lambda route: route.abort())
    page.goto(base)
    assert page.evaluate("typeof window.DOMPurify") == "undefined"
    popup = page.locator(POPUP)
    page.locator("article a", has_text="the trap").hover()
    expect(popup).to_be_visible()
    for words in ("Safe words before the traps.", "Covering words.", "A javascript link.", "Folded words."):
        expect(popup).to_contain_text(words)
    expect(popup.locator(":not(div, p, pre)")).to_have_count(0)  # text in elements the script made
    expect(popup.locator("[href], [src], [style], [onerror], [onload]")).to_have_count(0)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pvRan") is None
    assert outside == []


def test_page_preview_is_trimmed_and_code_scrolls(page: Page, preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    outside = watch_requests(page, base)
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(base)
    popup = page.locator(POPUP)

    # Without a fragment: the page's h1 and its first paragraphs, cut to a sensible length.
    page.locator("article a", has_text="the plain page").hover()
    expect(popup).to_be_visible()
    expect(popup.locator(".cdn-preview-heading[data-level='1']")).to_have_text("Plain page")
    expect(popup).to_contain_text("First paragraph of the plain page.")
    expect(popup).not_to_contain_text("Paragraph 12")
    assert len(popup.inner_text()) < 1600
    assert within_viewport(page, popup)
    page.mouse.move(5, 690)
    expect(popup).to_be_hidden()

    # A long code block scrolls inside the popup; the popup stays inside the viewport.
    page.locator("article a", has_text="its code").hover()
    expect(popup).to_be_visible()
    expect(popup.locator(".cdn-preview-heading").first).to_have_text("Long code")
    code = popup.locator("pre")
    expect(code).to_contain_text("line 1 of the long listing")
    assert code.evaluate("pre => pre.scrollHeight > pre.clientHeight")
    assert within_viewport(page, popup)
    assert outside == []


def test_previews_survive_instant_navigation(page: Page, preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    outside = watch_requests(page, base)
    # Material takes over links once it has read the sitemap: a click before that is an ordinary load.
    with page.expect_response(base + "sitemap.xml"):
        page.goto(base)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__pvSamePage = true")
    page.locator("article a", has_text="the plain page").click()
    expect(page).to_have_url(base + "plain/")
    expect(page.locator("article h1")).to_contain_text("Plain page")
    assert page.evaluate("window.__pvSamePage") is True, "Material's instant navigation did not swap the page"
    popup = page.locator(POPUP)
    expect(popup).to_be_hidden()
    page.locator("article a", has_text="the links").hover()
    expect(popup).to_be_visible()
    expect(popup.locator(".cdn-preview-heading").first).to_have_text("Links")
    assert page.locator(POPUP).count() == 1
    assert outside == []


# --- blocks of a topic page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def block_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The notes of `tests/test_block_render.py`: a Markdown block (heading, bold, table, code), tagged text."""
    from tests.test_block_render import build_block_site

    return build_block_site(tmp_path_factory.mktemp("preview-blocks"))


def test_preview_of_a_topic_shows_its_blocks_as_their_notes_do(page: Page, block_site: Path, serve_site: Any) -> None:
    base = serve_site(block_site)
    require_preview_assets(block_site)
    outside = watch_requests(page, base)
    popup = page.locator(POPUP)
    # A chip of a Markdown note's heading leads to a topic whose block is that Markdown: rendered in the preview.
    page.goto(base + "cloud/queues/")
    page.locator("article .cdn-heading-tags a.cdn-tag[data-tag='cloud.delivery']").hover()
    expect(popup).to_be_visible()
    expect(popup.locator("strong", has_text="decouples")).to_have_count(1)
    expect(popup.locator("table")).to_have_count(1)
    # A chip in a text note's text leads to a topic whose first block is tagged text: chips, not markers.
    page.goto(base + "cloud/fanout/")
    page.locator("article pre.cdn-text a.cdn-tag[data-tag='cloud.queues']").hover()
    expect(popup).to_be_visible()
    expect(popup.locator("article.cdn-block pre a.cdn-tag[data-tag='cloud.queues']").first).to_be_visible()
    text = popup.inner_text()
    assert "[[" not in text and "| ---" not in text
    assert outside == []


def test_preview_of_a_broad_topic_shows_its_first_blocks(page: Page, block_site: Path, serve_site: Any) -> None:
    """All of a topic's blocks do not fit in a preview: the first ones do, each weighed on its own."""
    base = serve_site(block_site)
    page.goto(base + "tags/cloud.queues/")
    popup = page.locator(POPUP)
    page.locator("article.md-content__inner p a", has_text="cloud").first.hover()  # "Part of: cloud"
    expect(popup).to_be_visible()
    expect(popup.locator("article.cdn-block").first).to_contain_text("publisher ──▶ topic")
    expect(popup.locator(".cdn-preview-more")).to_have_count(1)  # and it says there is more
