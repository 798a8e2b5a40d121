"""Diagram blocks in Chromium: every column where the note put it, every glyph from the bundled font."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

# Half a pixel: the bound on any line's drift from `columns × advance`.
TOLERANCE_PX = 0.5

# For each diagram of the page: the width of each line against its column count times the font's advance.
_MEASURE_LINES = """
async () => {
  await document.fonts.ready;
  const out = [];
  for (const figure of document.querySelectorAll("figure.cdn-diagram")) {
    const pre = figure.querySelector("pre");
    const probe = document.createElement("span");
    probe.textContent = "M".repeat(400);
    pre.appendChild(probe);
    const advance = probe.getBoundingClientRect().width / 400;
    probe.remove();
    const lines = [];
    let start = null, columns = 0, text = "";
    const finish = (node, offset) => {
      if (start && columns) {
        const range = document.createRange();
        range.setStart(start[0], start[1]);
        range.setEnd(node, offset);
        lines.push({text, columns, width: range.getBoundingClientRect().width});
      }
      start = null; columns = 0; text = "";
    };
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let node, last = null;
    while ((node = walker.nextNode())) {
      const value = node.nodeValue;
      for (let i = 0; i < value.length; i++) {
        const code = value.codePointAt(i);
        const width = code > 0xffff ? 2 : 1;
        if (value[i] === "\\n") { finish(node, i); i += width - 1; continue; }
        if (start === null) start = [node, i];
        columns = value[i] === "\\t" ? columns + 8 - (columns % 8) : columns + 1;
        text += String.fromCodePoint(code);
        i += width - 1;
      }
      last = node;
    }
    if (last) finish(last, last.nodeValue.length);
    out.push({id: figure.id, advance, lines});
  }
  return out;
}
"""


def _diagram_pages(site: Path) -> list[str]:
    """Pages of the default interface holding a diagram block: `docs/` notes and corpus 001."""
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    pages = []
    for note in kb["notes"]:
        html = (site / note["url"] / "index.html").read_text(encoding="utf-8")
        if 'class="cdn-diagram"' in html and (not note["path"].startswith("corpus/") or "/001_" in note["path"]):
            pages.append(note["url"])
    return sorted(pages)


def _fonts_of(page: Page, selector: str) -> list[dict[str, Any]]:
    """The platform fonts Chromium drew each element's text with (DevTools' CSS.getPlatformFontsForNode)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    fonts = [font for node in nodes for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    session.detach()
    return fonts


def test_every_diagram_line_keeps_its_columns_in_the_bundled_font(
    page: Page, combined_site: Path, serve_site: Any
) -> None:
    base = serve_site(combined_site)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    pages = _diagram_pages(combined_site)
    assert "corpus/001_034e6a082461fa66/" in pages and "aws/networking/vpc/" in pages
    worst: tuple[float, str] = (0.0, "")
    diagrams = lines = glyphs = 0
    for url in pages:
        page.goto(base + url)
        measured = page.evaluate(_MEASURE_LINES)
        assert measured, url
        for diagram in measured:
            assert 5 < diagram["advance"] < 20, diagram["advance"]
            diagrams += 1
            for line in diagram["lines"]:
                lines += 1
                deviation = abs(line["width"] - line["columns"] * diagram["advance"])
                assert deviation <= TOLERANCE_PX, f"{url}#{diagram['id']}: {line['text']!r} is {deviation:.2f} px off"
                worst = max(worst, (deviation, f"{url}#{diagram['id']}"))
        fonts = _fonts_of(page, "figure.cdn-diagram pre, figure.cdn-diagram pre *")
        others = [font for font in fonts if not font["isCustomFont"] or font["familyName"] != "DejaVu Sans Mono"]
        assert not others, f"{url}: glyphs drawn from other fonts: {others}"
        glyphs += sum(font["glyphCount"] for font in fonts)
    print(f"\n{diagrams} diagrams, {lines} lines, {glyphs} glyphs; largest deviation {worst[0]:.4f} px ({worst[1]})")
    assert diagrams >= 25 and lines >= 500
    assert outside == []


def test_copy_and_full_screen_view_with_zoom(page: Page, combined_site: Path, serve_site: Any) -> None:
    base = serve_site(combined_site)
    page.add_init_script(
        "navigator.clipboard.writeText = (text) => { window.copied = text; return Promise.resolve(); };"
    )
    page.goto(base + "aws/networking/vpc/")
    figure = page.locator("figure.cdn-diagram", has_text="internet gateway")
    first = int(figure.get_attribute("id").rsplit("-", 1)[1])  # type: ignore[union-attr]
    figure.locator("button.cdn-diagram-copy").click()
    expect(figure.locator("button.cdn-diagram-copy")).to_have_attribute("data-copied", "")
    source = (ROOT / "docs/aws/networking/vpc.txt").read_text(encoding="utf-8").split("\n")
    copied = page.evaluate("window.copied").split("\n")
    assert copied == [line.rstrip() for line in source[first - 1 : first - 1 + len(copied)]]
    assert any("internet gateway" in line for line in copied)

    opener = figure.locator("button.cdn-diagram-full")
    opener.click()
    view = page.locator(".cdn-diagram-view")
    expect(view).to_be_visible()
    expect(view.locator(".cdn-diagram-close")).to_be_focused()
    shown = view.locator("pre")
    before = shown.bounding_box()
    page.keyboard.press("+")
    page.keyboard.press("+")
    expect(view.locator("output")).to_have_text("150 %")
    after = shown.bounding_box()
    assert before and after and after["height"] > before["height"] * 1.4
    view.locator(".cdn-diagram-zoom-out").click()
    expect(view.locator("output")).to_have_text("125 %")
    page.screenshot(path=str(combined_site.parent / "diagram-fullscreen.png"))
    page.keyboard.press("Escape")
    expect(view).to_have_count(0)
    expect(opener).to_be_focused()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_diagram_screenshots_in_both_schemes(page: Page, combined_site: Path, serve_site: Any, scheme: str) -> None:
    base = serve_site(combined_site)
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(base + "aws/networking/vpc/")
    if scheme == "slate":
        page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    figure = page.locator("figure.cdn-diagram", has_text="internet gateway")
    colour = figure.locator("pre").evaluate("pre => getComputedStyle(pre).color")
    background = figure.evaluate("figure => getComputedStyle(figure).backgroundColor")
    assert colour != background
    figure.screenshot(path=str(combined_site.parent / f"diagram-vpc-{scheme}.png"))
    page.goto(base + "corpus/001_034e6a082461fa66/")
    page.locator("#cdn-diagram-485").screenshot(path=str(combined_site.parent / f"diagram-iam-{scheme}.png"))


def test_mermaid_renders_offline_as_svg(page: Page, docs_site: Path, serve_site: Any) -> None:
    base = serve_site(docs_site)
    refused: list[str] = []

    def local_only(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", local_only)
    page.goto(base + "aws/serverless/lambda/")
    host = page.locator("article div.mermaid")
    expect(host).to_have_count(1)
    expect(page.locator("article pre.mermaid")).to_have_count(0)
    # Material draws into a closed shadow root: DevTools sees through it.
    session = page.context.new_cdp_session(page)
    page.wait_for_function("document.querySelector('article div.mermaid').getBoundingClientRect().height > 100")
    document = json.dumps(session.send("DOM.getDocument", {"depth": -1, "pierce": True}))
    assert '"nodeName": "svg"' in document and "Lambda function" in document
    host.screenshot(path=str(docs_site.parent / "mermaid.png"))
    assert refused == []
