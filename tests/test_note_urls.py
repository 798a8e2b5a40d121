"""Every note gets its page, at the URL the guide's rule gives it, or a warning that says why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cuaderno.cli import main
from cuaderno.links import page_link
from cuaderno.urls import assign_note_urls, interface_relative_url, interface_url, moved_file_url, tag_page_source
from tests.linkcheck import check_links
from tests.sites import build_site, load_kb

LANGUAGES = ("en", "es")


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["aws/iam.txt"], {"aws/iam.txt": "aws/iam/"}),
        (
            ["REVERSE_PROXY/pingy.io.txt", "devops_setup.py.txt"],
            {
                "REVERSE_PROXY/pingy.io.txt": "REVERSE_PROXY/pingy.io/",
                "devops_setup.py.txt": "devops_setup.py/",
            },
        ),
        (["LINUX/desk.md", "LINUX/desk.txt"], {"LINUX/desk.md": "LINUX/desk/", "LINUX/desk.txt": "LINUX/desk.txt/"}),
        (["a/README.md", "a/index.txt"], {"a/index.txt": "a/", "a/README.md": "a/README.md/"}),
        (["README.md"], {"README.md": ""}),
        (["a.txt", "a.es.txt"], {"a.txt": "a/", "a.es.txt": "es/a/"}),
        (["solo.es.txt"], {"solo.es.txt": "es/solo/"}),
        (["x.md", "x.txt", "x.es.txt"], {"x.md": "x/", "x.txt": "x.txt/", "x.es.txt": "es/x.txt/"}),
        (
            ["tags.txt", "explore.txt", "kb.json.txt"],
            {
                "tags.txt": "tags.txt/",
                "explore.txt": "explore.txt/",
                "kb.json.txt": "kb.json.txt/",
            },
        ),
        (
            ["es/intro.txt", "tags/x.txt", "explore/index.md"],
            {
                "es/intro.txt": "notes/es/intro/",
                "tags/x.txt": "notes/tags/x/",
                "explore/index.md": "notes/explore/",
            },
        ),
        (["x.md", "x.txt", "x.txt.md"], {"x.md": "x/", "x.txt.md": "x.txt/", "x.txt": "x.txt-2/"}),
    ],
)
def test_each_note_has_its_own_url(paths: list[str], expected: dict[str, str]) -> None:
    urls = assign_note_urls(paths, LANGUAGES)
    assert {path: urls.url(path) for path in paths} == expected
    pages = [(page.neutral, path.split(".")[-2] if ".es." in path else "") for path, page in urls.pages.items()]
    assert len(set(pages)) == len(pages)
    sources = [page.source for page in urls.pages.values()]
    assert len(set(sources)) == len(sources) and all(source.endswith(".md") for source in sources)


def test_a_note_named_like_a_file_of_the_folder_moves() -> None:
    urls = assign_note_urls(["diagram.png.txt", "notes.txt"], LANGUAGES, taken=["diagram.png"])
    assert urls.url("diagram.png.txt") == "diagram.png.txt/" and urls.url("notes.txt") == "notes/"
    [notice] = urls.diagnostics()
    assert notice.path == "diagram.png.txt" and notice.code == "note-url-moved"
    assert "/diagram.png.txt/" in notice.message and "/diagram.png is a file" in notice.message


def test_the_url_a_note_gets_does_not_depend_on_the_order_of_the_paths() -> None:
    paths = ["x.txt", "x.md", "a/README.md", "a/index.txt", "tags.txt", "x.es.txt", "x.es.md"]
    assert assign_note_urls(paths, LANGUAGES) == assign_note_urls(list(reversed(paths)), LANGUAGES)


def test_markdown_links_lead_to_the_page_source_of_each_note() -> None:
    urls = assign_note_urls(["g/a.md", "x.md", "x.txt", "pingy.io.txt"], LANGUAGES)
    notes = set(urls.pages)
    assert page_link("g/a.md", "../x.txt#top", notes, urls.source) == "../x.txt.md#top"
    assert page_link("g/a.md", "../pingy.io.txt", notes, urls.source) == "../pingy.io.md"
    assert page_link("g/a.md", "../x.md", notes, urls.source) is None  # MkDocs finds it as written
    assert page_link("g/a.md", "../missing.txt", notes, urls.source) is None


def test_a_tag_called_index_has_its_own_page() -> None:
    assert tag_page_source("index") != "tags/index.md"


NOTES = {
    "x.md": "# X in Markdown\n\nSee [the text twin](x.txt), [the tunnel](REVERSE_PROXY/pingy.io.txt)"
    " and [the folder's readme](sub/README.md).\n",
    "x.txt": "# X as text [[{devops.twin]]\nsome text, see @[x.md] and @[#tunnel_tip]\n[[}]]\n",
    "REVERSE_PROXY/pingy.io.txt": "# Pingy tunnels [[{network.tunnel]]\n#[tunnel_tip] a tunnel in one line\n[[}]]\n",
    "setup.py.txt": "# setup.py\n- Packaging\n  a line about packaging\n",
    "sub/README.md": "# The readme of sub\n\nwords\n",
    "sub/index.txt": "# The index of sub\n\nwords about sub, see @[README.md]\n",
    "tags.txt": "# A note about tags [[{index]]\ntagged with a tag called index\n[[}]]\n",
    "explore.txt": "# A note about exploring\nwords\n",
    "kb.json.txt": "# A note named like kb.json\nwords\n",
    "es/intro.txt": "# A note in a folder called es\nwords\n",
    "a.txt": "# A in English\n\nThis is the English version of the note, with some words.\n",
    "a.es.txt": "# A en español\n\nEsta es la versión en español de la nota, con algunas palabras.\n",
    "templates/plan.txt": "# A plan kept in templates [[{pm.plan]]\nwords\n[[}]]\n",
}


@pytest.fixture(scope="module")
def clash_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    notes = tmp_path_factory.mktemp("clashes") / "notes"
    for path, text in NOTES.items():
        (notes / path).parent.mkdir(parents=True, exist_ok=True)
        (notes / path).write_text(text, encoding="utf-8")
    (notes / "index.html").write_text("<p>the author's own viewer</p>\n", encoding="utf-8")
    site = notes.parent / "site"
    return notes, site, build_site(notes, site)


URLS = {
    "x.md": "x/",
    "x.txt": "x.txt/",
    "REVERSE_PROXY/pingy.io.txt": "REVERSE_PROXY/pingy.io/",
    "setup.py.txt": "setup.py/",
    "sub/index.txt": "sub/",
    "sub/README.md": "sub/README.md/",
    "tags.txt": "tags.txt/",
    "explore.txt": "explore.txt/",
    "kb.json.txt": "kb.json.txt/",
    "es/intro.txt": "notes/es/intro/",
    "a.txt": "a/",
    "a.es.txt": "es/a/",
    "templates/plan.txt": "templates/plan/",
}


def test_every_note_is_a_page_at_the_url_of_the_rule(clash_site: tuple[Path, Path, list[str]]) -> None:
    _notes, site, warnings = clash_site
    assert warnings == []  # built with --strict: a moved note is a notice
    kb_urls = {note["path"]: note["url"] for note in load_kb(site)["notes"]}
    assert kb_urls == URLS
    for path, url in URLS.items():
        title = NOTES[path].split("\n", 1)[0].removeprefix("# ").split(" [[")[0]
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert title.replace("'", "&#39;") in page, path
    spanish = (site / "es" / "a" / "index.html").read_text(encoding="utf-8")
    assert "A en español" in spanish and not (site / "es" / "a.es").exists()
    assert (site / "es" / "x.txt" / "index.html").is_file()  # every page in the Spanish interface too


def test_the_folder_index_html_never_replaces_the_home_page(clash_site: tuple[Path, Path, list[str]]) -> None:
    _notes, site, _warnings = clash_site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "the author's own viewer" not in home and "A note about tags" in home
    assert "the author's own viewer" in (site / "index.orig.html").read_text(encoding="utf-8")
    assert "the author's own viewer" not in (site / "es" / "index.html").read_text(encoding="utf-8")


def test_links_between_the_notes_work(clash_site: tuple[Path, Path, list[str]]) -> None:
    _notes, site, _warnings = clash_site
    checked, broken = check_links(site)
    assert checked > 100 and broken == []
    twin = (site / "x" / "index.html").read_text(encoding="utf-8")
    assert 'href="../x.txt/"' in twin and 'href="../REVERSE_PROXY/pingy.io/"' in twin
    assert 'href="../sub/README.md/"' in twin
    text = (site / "x.txt" / "index.html").read_text(encoding="utf-8")
    assert 'href="../REVERSE_PROXY/pingy.io/#tunnel_tip"' in text
    assert (site / "tags" / "index" / "index.html").is_file()  # the tag called index
    assert "tags.txt/" in (site / "tags" / "index" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hidden_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    notes = tmp_path_factory.mktemp("hidden") / "notes"
    (notes / ".old").mkdir(parents=True)
    (notes / "shown.txt").write_text("# Shown [[{pm.shown]]\nwords\n[[}]]\n", encoding="utf-8")
    (notes / ".draft.txt").write_text("# Draft [[{pm.draft]]\nwords\n[[}]]\n", encoding="utf-8")
    (notes / ".old" / "gone.md").write_text("# Gone\n\nwords\n", encoding="utf-8")
    (notes / "private").mkdir()
    (notes / "private" / "diary.txt").write_text("# Diary [[{pm.diary]]\nwords\n[[}]]\n", encoding="utf-8")
    (notes / "drafts").mkdir()
    (notes / "drafts" / "idea.txt").write_text("# Idea [[{pm.idea]]\nwords\n[[}]]\n", encoding="utf-8")
    return notes


def test_notes_left_out_warn_and_leave_no_trace(hidden_notes: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    warnings = build_site(
        hidden_notes, site, strict=False, overrides={"exclude_docs": "private/\n", "draft_docs": "drafts/\n"}
    )
    unpublished = sorted(w.split("cuaderno: ", 1)[1] for w in warnings if "[unpublished-note]" in w)
    assert [w.split(":", 2)[:2] for w in unpublished] == [
        [".draft.txt", "1"],
        [".old/gone.md", "1"],
        ["drafts/idea.txt", "1"],
        ["private/diary.txt", "1"],
    ]
    assert "starts with '.'" in unpublished[0] and "draft_docs" in unpublished[2] and "exclude_docs" in unpublished[3]
    kb = load_kb(site)
    assert [note["path"] for note in kb["notes"]] == ["shown.txt"]
    assert {tag["id"] for tag in kb["tags"]} == {"pm", "pm.shown"}
    assert not (site / "tags" / "pm.draft").exists() and not (site / "private").exists()
    assert not (site / "drafts").exists()


def test_strict_builds_stop_on_a_note_left_out(hidden_notes: Path, tmp_path: Path) -> None:
    with pytest.raises(Abort):
        build_site(hidden_notes, tmp_path / "site")


def test_check_warns_about_hidden_notes(hidden_notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(hidden_notes)])
    out = capsys.readouterr().out
    assert f"{hidden_notes / '.draft.txt'}:1: warning: this note is not published" in out
    assert f"{hidden_notes / '.old' / 'gone.md'}:1: warning" in out


def test_each_interface_shows_one_version_of_each_note() -> None:
    urls = assign_note_urls(["a.txt", "a.es.txt", "b.txt", "solo.es.md"], LANGUAGES)
    assert sorted(urls.shown_in("en")) == ["a.txt", "b.txt"]
    assert sorted(urls.shown_in("es")) == ["a.es.txt", "b.txt", "solo.es.md"]
    assert sorted(assign_note_urls(["a.txt", "a.es.txt"]).shown_in("en")) == ["a.es.txt", "a.txt"]


@pytest.mark.parametrize(
    ("url", "moved"),
    [("index.html", "index.orig.html"), ("sub/x/index.html", "sub/x/index.orig.html"), ("kb.json", "kb.orig.json")],
)
def test_a_file_where_a_page_goes_keeps_its_name_with_orig(url: str, moved: str) -> None:
    assert moved_file_url(url) == moved


def test_a_url_from_its_interfaces_root_undoes_interface_url() -> None:
    interfaces = ("en", "es")
    for url in ("aws/s3/#kb-3", "tags/aws.s3/", "", "es/guide/finding/#x"):
        for lang in interfaces:
            shown = interface_url(url, lang, interfaces)
            assert interface_relative_url(shown, interfaces) == url.removeprefix("es/")
    assert interface_relative_url("en/a/", interfaces) == "en/a/"  # the default interface has no folder
    assert interface_relative_url("es/a/", ()) == "es/a/"  # a one-language site: `es/` is a folder of notes
