"""Hostile notes: nothing they carry becomes script on the site, and nothing they say is lost."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sites import build_site, load_kb

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


class _Runs(HTMLParser):
    """Elements and attributes of a page that would run the notes' script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") and "pwned" in (value or ""):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "pwned" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def runs(html: str) -> list[str]:
    parser = _Runs()
    parser.feed(html)
    return parser.found


def build_hostile(tmp_path: Path, sanitize: object) -> Path:
    notes = tmp_path / "notes"
    shutil.copytree(HOSTILE, notes)
    site = tmp_path / "site"
    overrides = {"plugins": [{"cuaderno": {"sanitize": sanitize}}]} if sanitize is not None else {}
    warnings = build_site(notes, site, strict=False, overrides=overrides)
    # The two refused `@[javascript:…]` links, each named by file:line.
    assert sum("tagged.txt:4" in w and "[unsafe-link]" in w for w in warnings) == 2, warnings
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile"), True)


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/")]


def test_sanitized_site_has_nothing_that_runs(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) > 10
    for page in pages:
        assert runs(page.read_text(encoding="utf-8")) == [], page.relative_to(hostile_site)


def test_sanitized_raw_html_is_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "raw-html/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned = 'script'&lt;/script&gt;" in page
    assert "An inline &lt;img src=\"x\" onerror=\"window.pwned='img'\"&gt; image" in page
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in page  # code spans are untouched
    assert '<a href="https://example.com/page">https://example.com/page</a>' in page  # autolinks stay
    assert '<a href="https://example.com/">a fine one</a>' in page
    assert "a link that runs" in page and "javascript:" not in page.split("<article", 1)[1].split("</article>")[0]


def test_text_notes_escape_everything_without_the_option(tmp_path: Path) -> None:
    site = build_hostile(tmp_path, None)
    page = (site / "tagged/index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert runs(article) == []
    assert "&lt;script&gt;window.pwned='text'&lt;/script&gt; shown as written" in article
    assert "@[javascript:window.pwned='at-link']" in article  # a refused link stays as text
    # A "marker" holding markup is not a marker (the grammar refuses `<` and `>`): it stays text.
    assert "&#91;&#91;&#123; a\"b, c'd, &lt;script&gt;x &lt;/script&gt; &#125;&#93;&#93;" in article
    # Trusted by default: the Markdown note's raw HTML is the owner's, but its `javascript:` links go nowhere.
    raw = (site / "raw-html/index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in raw and "<script>window.pwned = 'script'</script>" in raw


def test_sanitize_takes_globs(tmp_path: Path) -> None:
    site = build_hostile(tmp_path, ["raw-*.md"])
    assert "<script>window.pwned" not in (site / "raw-html/index.html").read_text(encoding="utf-8")


BYPASSES = """---
title: <img src=x onerror="window.pwned='front-matter'">Tricks
---
# Tricks a hand-written filter missed

A paragraph with a handler in an attribute list.
{: onclick="window.pwned='attr-list'" }

[entity scheme](java&#115;cript:window.pwned='entity') and [colon](javascript&colon;window.pwned='colon').

[tab scheme](jav&#x09;ascript:window.pwned='tab') and \\`<img src=x onerror="window.pwned='escaped-tick'">\\`

[split](
javascript:window.pwned='line-end')

[ref][evil]

[evil]:
  javascript:window.pwned='next-line'
"""


@pytest.mark.parametrize("through", ["config", "command"])
def test_sanitized_notes_are_cleaned_after_rendering(tmp_path: Path, through: str) -> None:
    """nh3 cleans the rendered page, so what slips past the Markdown filter still cannot run."""
    from cuaderno.cli import main

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "tricks.md").write_text(BYPASSES, encoding="utf-8")
    site = tmp_path / "site"
    if through == "config":
        build_site(notes, site, strict=False, overrides={"plugins": [{"cuaderno": {"sanitize": ["*.md"]}}]})
    else:
        assert main(["build", str(notes), "-o", str(site), "--sanitize", "*.md"]) == 0
    page = (site / "tricks" / "index.html").read_text(encoding="utf-8")
    assert "Tricks a hand-written filter missed" in page
    assert "A paragraph with a handler" in page and "entity scheme" in page
    head = page[: page.index("</title>")]
    assert "<title>Tricks - " in head and "<img" not in head  # the front matter's title, its markup left out
    found = runs(page)
    article = page[page.index("<article") : page.index("</article>")]
    assert found == [] and "pwned" not in "".join(
        value for value in article.split('"') if value.lower().lstrip().startswith(("javascript", "java&"))
    ), found
    assert "onclick" not in article


def test_every_note_keeps_its_markdown_links_to_safe_schemes(tmp_path: Path) -> None:
    """Without `sanitize`, too: the Markdown links of BYPASSES lead nowhere, the safe ones stay."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "tricks.md").write_text(BYPASSES + "\n[fine](https://example.com/) and [near](other/)\n", "utf-8")
    site = tmp_path / "site"
    build_site(notes, site, strict=False)
    page = (site / "tricks" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    found = [item for item in runs(article) if "href" in item]
    assert found == [] and 'href="java' not in article
    assert '<a href="https://example.com/">fine</a>' in article and "entity scheme</a>" in article


def test_a_text_note_read_as_markdown_keeps_its_markup_but_runs_nothing(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "imported.txt").write_text(
        "# Imported\n\nSome **bold** words.<br/>\n\n<div class=\"box\">kept <b>markup</b></div>\n\n"
        "<img src=x onerror=\"window.pwned='txt'\"> <script>window.pwned='txt-script'</script>\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(notes, site, strict=False)
    kb_formats = {note["path"]: note["format"] for note in load_kb(site)["notes"]}
    assert kb_formats == {"imported.txt": "markdown"}
    page = (site / "imported" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert runs(article) == []
    assert '<div class="box">kept <b>markup</b></div>' in article and "<strong>bold</strong>" in article


def test_the_safe_links_extension_of_two_builds_is_the_same_setting() -> None:
    """`mkdocs serve` loads the configuration again at each rebuild: its new instance is the same setting."""
    from cuaderno.render.blocks import MarkdownSettings
    from cuaderno.safe_links import SafeLinksExtension

    assert SafeLinksExtension() == SafeLinksExtension()
    assert MarkdownSettings(("toc", SafeLinksExtension())) == MarkdownSettings(("toc", SafeLinksExtension()))
    assert SafeLinksExtension() != "toc"
