"""The lossless check (issue 7): every line of a text note and every word of a Markdown note reach the page.

What counts as markup, what is compared and how is described in `tests/lossless.py`.
Run with `-s` (or `-rP`) to see the figures of every note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cuaderno.model import Format
from cuaderno.pipeline import note_paths
from tests.conftest import CORPUS, ROOT
from tests.lossless import (
    WORD_RE,
    LineResult,
    PageText,
    SiteResult,
    WordResult,
    check_markdown_note,
    check_site,
    check_text_note,
    expected_lines,
    markdown_source_text,
    missing_report,
    page_text,
    report,
    shown_as_written,
)
from tests.sites import build_site, load_kb

TEXT_TARGET = 1.0  # text notes: every line
MARKDOWN_TARGET = 0.995  # Markdown notes: words, as a multiset
INTERFACES = ("es",)  # besides the default one: each note is checked on its /es/ copy too

def _corpus_notes() -> list[str]:
    return [p for p in note_paths(CORPUS) if not Path(p).name.startswith("README")] if CORPUS.is_dir() else []


def _params() -> list[object]:
    params: list[object] = []
    for site, paths in (("docs", note_paths(ROOT / "docs")), ("corpus", [f"corpus/{p}" for p in _corpus_notes()])):
        for path in paths:
            params.append(pytest.param(site, path, id=f"{site}:{path}"))
    return params


@pytest.fixture(scope="module")
def docs_result(docs_site: Path) -> SiteResult:
    """Every note of docs/ checked against the repository's own site."""
    return check_site(docs_site, load_kb(docs_site)["notes"], lambda path: ROOT / "docs" / path, INTERFACES)


@pytest.fixture(scope="module")
def corpus_result(combined_site: Path) -> SiteResult:
    """The user's five notes checked against the site of docs/ plus the corpus."""

    def source(path: str) -> Path | None:
        return CORPUS / path.removeprefix("corpus/") if path.startswith("corpus/") else None

    return check_site(combined_site, load_kb(combined_site)["notes"], source, INTERFACES)


def _result(request: pytest.FixtureRequest, site: str) -> SiteResult:
    result = request.getfixturevalue(f"{site}_result")
    assert isinstance(result, SiteResult)
    return result


# -- the real notes ------------------------------------------------------------------


@pytest.mark.parametrize(("site", "path"), _params())
def test_note_reaches_its_page(request: pytest.FixtureRequest, site: str, path: str) -> None:
    """The note's page and its copy in the other interface show every line (text) or word (Markdown) of it."""
    results = _result(request, site).find(path)
    assert results, f"{path} is not in kb.json"
    for checked in results:
        details = "\n".join(missing_report(checked, shown=20))
        if isinstance(checked, LineResult):
            assert checked.normalised_ratio() >= TEXT_TARGET, f"lines lost:\n{details}"
            assert checked.exact_ratio() >= TEXT_TARGET, f"layout lost:\n{details}"
        else:
            assert checked.ratio() >= MARKDOWN_TARGET, f"{checked.ratio():.2%} of words shown:\n{details}"


@pytest.mark.parametrize("site", ["docs", "corpus"])
def test_site_meets_the_targets(request: pytest.FixtureRequest, site: str) -> None:
    """The figures of the whole site, printed; the targets hold over every note."""
    result = _result(request, site)
    print(f"\nlossless check, {site}:\n{report(result)}")
    kb_site = request.getfixturevalue("docs_site" if site == "docs" else "combined_site")
    listed = {e["path"] for e in load_kb(kb_site)["notes"] if site == "docs" or e["path"].startswith("corpus/")}
    assert {r.path for r in result.notes() if " [" not in r.path} == listed
    if site == "corpus":  # the formats the corpus README lists, each on its page and its /es/ copy
        assert len(result.text) == 2 * 2 and len(result.markdown) == 3 * 2
    exact, normalised = result.text_ratios()
    assert normalised >= TEXT_TARGET and exact >= TEXT_TARGET, report(result)
    assert result.markdown_ratio() >= MARKDOWN_TARGET, report(result)


def test_corpus_notes_are_all_checked(corpus: Path) -> None:
    assert len(_corpus_notes()) == 5, "the corpus README lists five notes"


def test_tabs_keep_their_columns(tmp_path: Path) -> None:
    """No real note has a tab in a line shown as written, so a small one checks that tabs keep their columns."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "aligned.txt").write_text("key\tvalue\tcomment\nab\tcd\n\tindented\n", encoding="utf-8")
    (notes / "outline.txt").write_text("A title\n\n- An item\nname\tvalue\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build_site(notes, site) == []
    result = check_site(site, load_kb(site)["notes"], lambda path: notes / path)
    assert sorted(r.format for r in result.text) == ["outline", "tagged"]
    assert result.text_ratios() == (1.0, 1.0), report(result)


# -- the check itself, on small pages --------------------------------------------------


def _page(body: str) -> PageText:
    return page_text(f"<html><body><nav>menu</nav><article class='md-content__inner'>{body}</article></body></html>")


def test_page_text_leaves_out_what_the_page_adds() -> None:
    page = _page(
        '<p class="cdn-note-meta"><span class="cdn-lang-badge">EN</span></p>'
        '<h2 id="a">Title<a class="headerlink" href="#a">&para;</a></h2>'
        '<pre class="cdn-text">  a &lt;·· b  <span class="cdn-tags"><a class="cdn-tag">Chip</a></span>\n'
        '\tc <span class="cdn-anchor" id="x">#[x]</span>&#96;d&#96;</pre>'
        '<p>one<br>two <img alt="hidden words"> <a href="https://x.org/path">link</a></p>'
    )
    assert page.pre_blocks == ["  a <·· b  \n\tc `d`"]
    assert page.flat == "Title a <·· b c `d` one two link"
    assert "menu" not in page.text and "Chip" not in page.text and "EN" not in page.text


def test_text_lines_lose_their_markup() -> None:
    lines = [
        "# Heading [[{a.b]]",
        "plain  [[{t}]] text   ",
        "[[}]]",
        "see @[https://x.org] and @[#name] #[name]",
        "",
    ]
    got = [(e.number, e.fragments, e.verbatim) for e in expected_lines(lines, 1, Format.TAGGED)]
    assert got == [
        (1, ("Heading",), False),
        (2, ("plain   text   ",), True),
        (4, ("see https://x.org and #name ",), True),
    ]


def test_outline_lines_lose_their_markup() -> None:
    lines = [
        "Title",
        "",
        "- Item // a comment",
        "\twrapped comment",
        "  // another",
        "main.tf",
        'resource "x" "y" {}',
        "loose  line",
    ]
    got = [(e.number, e.fragments, e.verbatim) for e in expected_lines(lines, 1, Format.OUTLINE)]
    assert got == [
        (1, ("Title",), False),
        (3, ("Item", "a comment"), False),
        (4, ("wrapped comment",), False),
        (5, ("another",), False),
        (6, ("main.tf",), False),
        (7, ('resource "x" "y" {}',), True),
        (8, ("loose  line",), True),
    ]


def test_lines_shown_as_written_may_keep_their_columns() -> None:
    assert shown_as_written("a [[{t}]] b @[https://x.org] c\td #[n]", 1) == {
        "a  b https://x.org c\td",  # markup gone
        "a         b https://x.org c\td",  # the marker's width left blank (drawings)
        "a  b https://x.org    c\td",  # the link followed by the width of `@[]`
        "a         b https://x.org    c\td",
        # tabs drawn as spaces, to the next multiple of 8 columns
        "a  b https://x.org c    d",
        "a         b https://x.org c     d",
        "a  b https://x.org    c d",
        "a         b https://x.org    c  d",
    }
    assert shown_as_written("bad @[javascript:alert(1)]", 1) == {"bad @[javascript:alert(1)]"}


def test_text_check_tells_lost_lines_from_lost_layout() -> None:
    lines = ["a    b", "kept", "gone", "kept", "c\td"]
    page = _page('<pre class="cdn-text">a b\nkept\nc       d</pre>')
    result = check_text_note("n.txt", "tagged", lines, 1, page)
    assert (result.total, result.normalised, result.exact) == (5, 4, 2)
    assert result.missing_normalised == [(3, "gone")]
    # "a    b" shows as "a b"; "kept" is written twice and shown once; "c\td" shows as its tab would draw.
    assert result.missing_exact == [(1, "a    b"), (3, "gone"), (4, "kept")]


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("Some [link text](https://hidden.example/path 'hidden title') here", "Some link text here"),
        ("![hidden alt](hidden/image.png) shown", "shown"),
        ("[![hidden](hidden.png)](https://hidden.org) shown", "shown"),
        ('<p align="hidden"><img src="hidden.png" alt="hidden"/></p> shown <br >', "shown"),
        ("<!-- hidden\nhidden --> shown", "shown"),
        ("see <https://shown.org>", "see https shown org"),
        ("## Title {#hidden .hidden}", "Title"),
        ("[text][hidden]\n\n[hidden]: https://hidden.org", "text"),
        ("1. first\n2. second", "first second"),
        ("S*peed up*, a&nbsp;b &amp; c", "Speed up a b c"),
        ("tagged [[{hidden.tag]]text [[}]]", "tagged text"),
        ("code `[[{shown}]] <br>` stays", "code shown br stays"),
        ("```python title='hidden'\n[[{shown]] <b>kept</b>\n```", "shown b kept b"),
        ("[Functions `/tmp` space](#hidden-anchor)", "Functions tmp space"),
        ("@[https://shown.org] #[hidden]", "https shown org"),
    ],
)
def test_markdown_words_exclude_what_markdown_hides(source: str, words: str) -> None:
    assert WORD_RE.findall(markdown_source_text(source.split("\n"), 1)) == words.split()


def test_markdown_check_counts_every_occurrence() -> None:
    page = _page("<p>alpha beta</p><p>alpha</p>")
    result = check_markdown_note("n.md", ["alpha beta", "", "alpha alpha gamma"], 1, page)
    assert isinstance(result, WordResult)
    assert (result.total, result.found, result.distinct, result.distinct_found) == (5, 3, 3, 2)
    assert dict(result.missing) == {"alpha": 1, "gamma": 1}
