"""A note cannot take an id of the theme's: Material's elements have ids starting with `__` (`__config`).

`#[__config]` written in a note shadowed Material's configuration element and
stopped every script of its page; headings and anchors whose ids start with
`__` get a prefix, and links to them follow.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from tests.sites import build_site

TAGGED = """# Settings [[{ demo.settings ]]
  Where the page keeps its state: #[__config]
  Search box below #[__search], drawer #[__drawer].
  See @[#__config] and @[#__search].
## __palette_0
  Colours.
[[}]]
"""

MARKDOWN = """# Panel

## __drawer

Open the [drawer](#__drawer), see [settings](settings.txt#__palette_0), and @[#__config].
"""


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids[str(found["id"])] += 1
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))


def _read(page: Path) -> _Ids:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_each_page_has_one_element_of_each_theme_id(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "settings.txt").write_text(TAGGED, encoding="utf-8")
    (notes / "panel.md").write_text(MARKDOWN, encoding="utf-8")
    site = tmp_path / "site"
    assert build_site(notes, site) == []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 4
    for page in pages:
        ids = _read(page).ids
        if "http-equiv" in page.read_text(encoding="utf-8"):  # a redirect page, not the theme's
            continue
        assert ids["__config"] == 1, page
        assert all(count == 1 for name, count in ids.items() if name.startswith("__")), page
    settings = _read(site / "settings" / "index.html")
    assert {"cdn__config", "cdn__search", "cdn__drawer", "cdn__palette_0"} <= settings.ids.keys()
    assert {"#cdn__config", "#cdn__search"} <= set(settings.hrefs)
    panel = _read(site / "panel" / "index.html")
    assert "cdn__drawer" in panel.ids
    assert {"#cdn__drawer", "../settings/#cdn__palette_0", "../settings/#cdn__config"} <= set(panel.hrefs)
