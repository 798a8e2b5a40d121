"""`render_explorer`: the explorer page's Markdown, its strings in both languages, and escaping."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from string import Formatter
from typing import Any

import markdown
import pytest
from mkdocs.utils.meta import get_data

from cuaderno.i18n import LANGUAGES, STRINGS
from cuaderno.kb import KnowledgeBase, build_kb
from cuaderno.render.explorer import _IMPORT, ASSETS, explorer_modules, render_explorer
from cuaderno.taxonomy import Taxonomy

EXPLORER_KEYS = sorted(key for key in STRINGS if key.startswith("explorer."))


class _Containers(HTMLParser):
    """Collects the attributes of every `#cdn-explorer` element and counts divs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []
        self.opened = 0
        self.closed = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened += tag == "div"
        self.scripts += tag == "script"
        if dict(attrs).get("id") == "cdn-explorer":
            self.found.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self.closed += tag == "div"


def _kb(languages: tuple[str, ...] = ("en", "es")) -> KnowledgeBase:
    return build_kb([], Taxonomy(), languages)


def _page(source: str) -> tuple[dict[str, Any], str, _Containers]:
    """What MkDocs makes of the page: front matter, HTML, and the parsed container."""
    body, meta = get_data(source)
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])
    parser = _Containers()
    parser.feed(html)
    return meta, html, parser


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in Formatter().parse(template) if name}


@pytest.mark.parametrize("key", EXPLORER_KEYS)
def test_every_explorer_string_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = STRINGS[key]
    assert all(entry.get(lang, "").strip() for lang in LANGUAGES), key
    assert _fields(entry["en"]) == _fields(entry["es"]), key


@pytest.mark.parametrize(
    ("lang", "title", "language_names"),
    [
        ("en", "Tag explorer", {"en": "English", "es": "Spanish"}),
        ("es", "Explorador de etiquetas", {"en": "inglés", "es": "español"}),
    ],
)
def test_page_has_title_container_and_strings_in_the_page_language(
    lang: str, title: str, language_names: dict[str, str]
) -> None:
    meta, html, parser = _page(render_explorer(_kb(), lang))
    assert meta == {"hide": ["toc"]}
    assert "<h1 id=" in html and f">{title}</h1>" in html
    assert len(parser.found) == 1
    container = parser.found[0]
    # The explorer reads the small files of kb/, never kb.json.
    assert container["data-index"] == "../kb/tags.json.gz"
    assert container["data-files"] == "../kb/explorer/"
    assert "data-kb" not in container
    assert container["data-root"] == "../"
    assert container["data-lang"] == lang
    strings = json.loads(container["data-strings"] or "")
    assert strings.pop("languages") == language_names
    # Templates reach the script unfilled: it puts in the counts itself.
    assert strings == {key.removeprefix("explorer."): STRINGS[key][lang] for key in EXPLORER_KEYS}
    assert strings["count"] == ("{blocks} from {notes}" if lang == "en" else "{blocks} de {notes}")
    # Without JavaScript, the container points to the tag index.
    assert 'href="../tags/"' in html
    assert STRINGS["explorer.tag_index"][lang] in html


def test_the_spanish_interface_reads_the_same_files_at_the_site_root() -> None:
    kb = build_kb([], Taxonomy(), ("en", "es"), ("en", "es"))
    _meta, _html, parser = _page(render_explorer(kb, "es"))
    container = parser.found[0]
    assert container["data-index"] == "../../kb/tags.json.gz"
    assert container["data-files"] == "../../kb/explorer/"
    assert container["data-root"] == "../"
    assert container["data-prefix"] == "es/"


def test_hostile_strings_stay_text(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "<script>alert('x')</script> *it's* \"quoted\" </div> {count}"
    monkeypatch.setitem(STRINGS, "explorer.title", {"en": "<script>alert(1)</script> # *x*", "es": "x"})
    monkeypatch.setitem(STRINGS, "explorer.mode_and", {"en": hostile, "es": hostile})
    monkeypatch.setitem(STRINGS, "explorer.tag_index", {"en": "</a><script>alert(2)</script>", "es": "x"})
    source = render_explorer(_kb(), "en")
    assert "<script>" not in source
    _meta, html, parser = _page(source)
    assert parser.scripts == 0
    assert parser.opened == parser.closed == 1
    assert len(parser.found) == 1
    strings = json.loads(parser.found[0]["data-strings"] or "")
    assert strings["mode_and"] == hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>" not in html  # the title's *x* is not emphasis


def test_unknown_language_falls_back_to_english_and_lists_only_kb_languages() -> None:
    _meta, _html, parser = _page(render_explorer(_kb(("en", "fr")), "fr"))
    strings = json.loads(parser.found[0]["data-strings"] or "")
    assert strings["title"] == "Tag explorer"
    assert strings["languages"] == {"en": "English", "fr": "fr"}


def test_the_page_preloads_the_first_files_and_every_module_of_the_explorer() -> None:
    """kb/tags.json, the blocks' shape and the modules come with the page, not one import after another."""
    source = render_explorer(_kb(), "en")
    assert '<link rel="preload" href="../kb/tags.json.gz" as="fetch" crossorigin="anonymous">' in source
    assert '<link rel="preload" href="../kb/explorer/blocks.json" as="fetch" crossorigin="anonymous">' in source
    modules = explorer_modules()
    assert {"explorer-query.js", "explorer-data.js", "tag-index.js"} <= set(modules)
    for name in modules:
        assert (ASSETS / name).is_file()
        assert f'<link rel="modulepreload" href="../assets/cuaderno/{name}">' in source
    # Every module an explorer module imports is listed: none is found one import level late.
    imported = {
        name for module in ("explorer.js", *modules) for name in _IMPORT.findall((ASSETS / module).read_text("utf-8"))
    }
    assert imported - {"explorer.js"} == set(modules)
