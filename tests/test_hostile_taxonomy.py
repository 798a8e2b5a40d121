"""A hostile taxonomy and payload (fixtures/hostile/taxonomy-site): one warning per bad input, a whole, safe site.

The folder's `tags/` holds labels and descriptions written as HTML, an id that
is no tag, values of the wrong shape, an alias bomb and Latin-1 introductions;
its payloads title sections with markup. What git cannot hold (a folder named
`x.yml`, a FIFO, a link to nothing) is added here. The site is built once
without `--strict` and every page is read with `html.parser`.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cuaderno.cli import main
from cuaderno.input_limits import MAX_BYTES
from cuaderno.navigation import payload_nav
from cuaderno.payload import read_payload
from tests.sites import build_site, load_kb

FIXTURE = Path(__file__).parent / "fixtures" / "hostile" / "taxonomy-site"
# Each bad input of the folder: (file in tags/, line) -> what the warning says.
EXPECTED = {
    ("bomb.yml", 6): "alias bomb",
    ("gone.yml", 1): "cannot read",
    ("fifo.yml", 1): "not a regular file",
    ("x.yml", 1): "is a folder",
    ("hostile.yml", 17): "is not a tag id",
    ("keys.yml", 2): "a tag id is text",
    ("list.yml", 2): "`tags:` should map tag ids",
    ("shapes.yml", 3): "`keywords` of en should be a list",
    ("shapes.yml", 5): "`aliases` should be a list",
    ("shapes.yml", 7): "`labels` should map languages",
    ("danger.md", 3): "not valid UTF-8",
    ("danger.es.md", 1): "not valid UTF-8",
}
LOCATED = re.compile(r"(?P<path>/\S+?):(?P<line>\d+)(?::\d+)?: (?:(?P<severity>\w+): )?(?P<message>.*)")
# What the fixtures inject: any of it in markup is a failure.
INJECTED = re.compile(r"alert\(")


def hostile_folder(target: Path) -> Path:
    """The fixture folder, with the inputs git cannot hold."""
    folder = shutil.copytree(FIXTURE, target)
    (folder / "tags" / "x.yml").mkdir()
    (folder / "tags" / "gone.yml").symlink_to("missing.yml")
    os.mkfifo(folder / "tags" / "fifo.yml")  # reading it would wait for a writer forever
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The notes folder, the site built without --strict, and the build's warnings."""
    root = tmp_path_factory.mktemp("hostile-taxonomy")
    notes = hostile_folder(root / "notes")
    warnings = build_site(notes, root / "site", strict=False, tags_dir=notes / "tags")
    return notes, root / "site", warnings


def _located(lines: list[str]) -> list[tuple[str, int, str]]:
    found = []
    for line in lines:
        match = LOCATED.search(line)
        if match and "/tags/" in match["path"]:
            found.append((Path(match["path"]).name, int(match["line"]), match["message"]))
    return found


def test_each_bad_input_is_one_warning_at_its_line(built: tuple[Path, Path, list[str]]) -> None:
    _notes, _site, warnings = built
    located = _located(warnings)
    assert sorted((name, line) for name, line, _message in located) == sorted(EXPECTED)
    for name, line, message in located:
        assert EXPECTED[name, line] in message
    assert len(warnings) == len(EXPECTED)  # nothing else warns: the notes are sound


def test_check_reports_the_same(built: tuple[Path, Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    notes, _site, _warnings = built
    main(["check", str(notes)])
    out = capsys.readouterr().out.splitlines()
    located = [(name, line) for name, line, message in _located(out) if not message.startswith("notice")]
    assert sorted(located) == sorted(EXPECTED)


def test_strict_build_fails(built: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    notes, _site, _warnings = built
    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(notes, tmp_path / "strict-site", strict=True, tags_dir=notes / "tags")


def test_the_rest_of_the_taxonomy_and_the_site_are_built(built: tuple[Path, Path, list[str]]) -> None:
    _notes, site, _warnings = built
    kb = load_kb(site)
    tags = {tag["id"]: tag for tag in kb["tags"]}
    assert {"danger", "danger.inner", "danger.alto", "fine.tag", "label_as_text", "q&amp;a"} <= set(tags)
    assert tags["fine.tag"]["label"] == {"en": "Fine", "es": "Bien"}  # beside the pair key of keys.yml
    assert tags["label_as_text"]["label"]["en"] == "A label written as text"
    assert tags["danger"]["label"]["en"] == "</title><script>alert('label')</script>"  # data, kept as written
    assert {"intro.txt", "more/entities.txt", "deep/notes.txt"} == {note["path"] for note in kb["notes"]}
    intro = (site / "tags" / "danger" / "index.html").read_text(encoding="utf-8")
    assert "Café notes" in intro  # the Latin-1 introduction, decoded
    assert (site / "tags" / "peligro" / "index.html").is_file()  # the alias has its redirect
    assert not list(site.rglob("*<img*"))  # the id that is no tag has no page


class _Scan(HTMLParser):
    """Markup the fixtures injected: scripts, event handlers, dangerous URLs, tags inside <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "title" in self._in:
            self.found.append(f"<{tag}> inside <title>")
        if tag in ("script", "title"):
            self._in.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if value and re.match(r"\s*(?:javascript|vbscript|data:text/html)", value, re.IGNORECASE):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "script" in self._in and INJECTED.search(data):
            self.found.append(f"<script>{data[:80]}")
        self.text.append(data)


def _scan(markup: str) -> _Scan:
    scan = _Scan()
    scan.feed(markup)
    scan.close()
    return scan


def test_no_page_runs_what_the_taxonomy_or_a_payload_injects(built: tuple[Path, Path, list[str]]) -> None:
    _notes, site, _warnings = built
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    scans = {str(page.relative_to(site)): _scan(page.read_text(encoding="utf-8")) for page in pages}
    assert {page: scan.found for page, scan in scans.items() if scan.found} == {}


def test_the_search_index_keeps_labels_as_the_text_they_are(built: tuple[Path, Path, list[str]]) -> None:
    """Pagefind stores what a label says; the search box writes it as text (tests/browser/test_hostile_taxonomy)."""
    from tests.test_search_index import by_url

    _notes, site, _warnings = built
    topics = [record for lang in ("en", "es") for record in by_url(site, lang).get("tags/danger/", [])]
    english, spanish = "</title><script>alert('label')</script>", "\"><img src=x onerror=alert('etiqueta')>"
    assert sorted(record["meta"]["title"] for record in topics) == sorted([english, spanish])
    assert all("</title><script>alert('label')</script>" in record["content"] for record in topics)


def test_hostile_titles_show_as_text(built: tuple[Path, Path, list[str]]) -> None:
    _notes, site, _warnings = built
    home = _scan((site / "index.html").read_text(encoding="utf-8"))
    shown = "".join(home.text)
    assert "<img src=x onerror=alert('nav')>" in shown  # the payload's `# title:`, as its text, in the navigation
    assert "Read me first <b onmouseover=alert('header')>now</b>" in shown  # a first-line header comment
    spanish = "".join(_scan((site / "es" / "index.html").read_text(encoding="utf-8")).text)
    assert "<svg onload=alert('nav-es')>" in spanish  # `# title.es:`
    for page, label in (
        (site / "tags" / "danger" / "index.html", "</title><script>alert('label')</script>"),
        (site / "es" / "tags" / "danger" / "index.html", "\"><img src=x onerror=alert('etiqueta')>"),
        (site / "tags" / "danger.inner" / "index.html", "<svg/onload=alert('inner')>"),
    ):
        markup = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", markup, re.DOTALL)
        assert title is not None and "<" not in title[1]
        assert _scan(title[0]).text == [f"{label} - notes"]  # the whole label, as text, in the <title>
        assert label in "".join(_scan(markup).text)  # and on the page
    index = "".join(_scan((site / "tags" / "index.html").read_text(encoding="utf-8")).text)
    assert "</title><script>alert('label')</script>" in index and "x&lt;img&gt;z" in index
    redirect = "".join(_scan((site / "tags" / "peligro" / "index.html").read_text(encoding="utf-8")).text)
    assert "peligro: see </title><script>alert('label')</script>" in redirect


def test_folder_names_and_payload_titles_reach_the_theme_escaped(tmp_path: Path) -> None:
    (tmp_path / "Q&A <i>").mkdir()
    (tmp_path / "Q&A <i>" / "a.txt").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# B\n", encoding="utf-8")
    (tmp_path / "b.payload").write_text('# title: "Tips" & <tricks>\nb.txt\n', encoding="utf-8")
    (tmp_path / "ALL.payload").write_text("b.payload\nQ&A <i>/\n", encoding="utf-8")
    tree = read_payload(tmp_path)
    nav = payload_nav(tree, lambda note: note, notes=["b.txt", "Q&A <i>/a.txt"])
    assert nav == [{"&quot;Tips&quot; &amp; &lt;tricks&gt;": ["b.txt"]}, {"Q&amp;A &lt;i&gt;": ["Q&A <i>/a.txt"]}]


def test_a_payload_over_the_size_limit_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# A\n", encoding="utf-8")
    (tmp_path / "big.payload").write_text("a.txt\n" * (MAX_BYTES // 6 + 1), encoding="utf-8")
    (tmp_path / "ALL.payload").write_text("big.payload\na.txt\n", encoding="utf-8")
    tree = read_payload(tmp_path)
    assert [(d.path, d.line, d.code) for d in tree.diagnostics] == [("big.payload", 1, "payload-missing")]
    assert "larger than" in tree.diagnostics[0].message
    assert tree.notes() == ("a.txt",)
