"""Payload files: the line grammar, the tree with its diagnostics, the navigation, and a built site."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from cuaderno.model import Severity
from cuaderno.navigation import NavItem, natural_key, nav_pages, payload_nav
from cuaderno.payload import (
    PayloadEntry,
    PayloadNote,
    PayloadSection,
    PayloadTree,
    find_root_payload,
    folder_title,
    read_payload,
    split_entry,
)
from cuaderno.urls import page_source


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            target.mkdir(exist_ok=True)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def shape(entries: tuple[PayloadEntry, ...]) -> list[Any]:
    """Notes as paths, sections as (title, [entries])."""
    return [e.path if isinstance(e, PayloadNote) else (e.title, shape(e.entries)) for e in entries]


def located(tree: PayloadTree) -> list[tuple[str, str]]:
    """Each diagnostic as (`path:line`, code); columns left out."""
    return [(f"{d.path}:{d.line}", d.code) for d in tree.diagnostics]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("", ("", None)),
        ("   \t ", ("", None)),
        ("aws/iam.txt", ("aws/iam.txt", None)),
        ("  aws/iam.txt  \t", ("aws/iam.txt", None)),
        ("# a comment", ("", "a comment")),
        ("   // indented comment", ("", "indented comment")),
        ("#no space either", ("", "no space either")),
        ("aws/iam.txt  # why it comes first", ("aws/iam.txt", "why it comes first")),
        ("aws/iam.txt\t// tab then slashes", ("aws/iam.txt", "tab then slashes")),
        ("notes#2.txt", ("notes#2.txt", None)),
        ("a//b.txt", ("a//b.txt", None)),
        ("my notes.txt", ("my notes.txt", None)),
        ("x.txt #", ("x.txt", "")),
    ],
)
def test_split_entry(line: str, expected: tuple[str, str | None]) -> None:
    assert split_entry(line) == expected


NOTES = {"a.txt": "a", "b.md": "# B", "c#1.txt": "c", "sub/iam.txt": "iam", "sub/deep/x.md": "# X"}

# name, payload files (added to NOTES), expected entries, expected (path:line, code)
CASES: list[tuple[str, dict[str, str | bytes], list[Any], list[tuple[str, str]]]] = [
    (
        "comments, blank lines, spaces, inline comments",
        {"ALL.payload": "# reading order\n\n// first the basics\n  a.txt   \nb.md  # why\nc#1.txt\n\t\n"},
        ["a.txt", "b.md", "c#1.txt"],
        [],
    ),
    (
        "duplicates keep the first",
        {"ALL.payload": "a.txt\nb.md\na.txt\n./a.txt\nsub/../b.md\n"},
        ["a.txt", "b.md"],
        [
            ("ALL.payload:3", "payload-duplicate"),
            ("ALL.payload:4", "payload-duplicate"),
            ("ALL.payload:5", "payload-duplicate"),
        ],
    ),
    (
        "missing entries",
        {"ALL.payload": "a.txt\nnope.txt\nsub/iam.md\nb.md\n"},
        ["a.txt", "b.md"],
        [("ALL.payload:2", "payload-missing"), ("ALL.payload:3", "payload-missing")],
    ),
    (
        "nested payloads, paths relative to each payload, titles",
        {
            "ALL.payload": "b.md\nsub/cloud.payload\nsub/deep/ALL.payload\n",
            "sub/cloud.payload": "// title: Amazon\n# title.es: Amazonía\niam.txt\n../a.txt\n../b.md\n",
            "sub/deep/ALL.payload": "x.md\n",
        },
        ["b.md", ("Amazon", ["sub/iam.txt", "a.txt"]), ("Deep", ["sub/deep/x.md"])],
        [("sub/cloud.payload:5", "payload-duplicate")],
    ),
    (
        "a cycle is cut where it closes",
        {"ALL.payload": "one.payload\n", "one.payload": "a.txt\ntwo.payload\n", "two.payload": "one.payload\nb.md\n"},
        [("One", ["a.txt", ("Two", ["b.md"])])],
        [("two.payload:1", "payload-cycle")],
    ),
    (
        "a payload listing itself",
        {"ALL.payload": "a.txt\n./ALL.payload\n"},
        ["a.txt"],
        [("ALL.payload:2", "payload-cycle")],
    ),
    (
        "a payload read twice is a duplicate, not a cycle",
        {"ALL.payload": "one.payload\none.payload\n", "one.payload": "a.txt\n"},
        [("One", ["a.txt"])],
        [("ALL.payload:2", "payload-duplicate")],
    ),
    (
        "paths leaving the notes folder",
        {"sub/x.payload": "../../secret.txt\n/../etc/passwd\nsub2/../../../y.txt\n../a.txt\n/b.md\n"},
        ["a.txt", "b.md"],
        [
            ("sub/x.payload:1", "payload-outside"),
            ("sub/x.payload:2", "payload-outside"),
            ("sub/x.payload:3", "payload-outside"),
        ],
    ),
    (
        "CRLF line endings and a BOM",
        {"ALL.payload": "\ufeffa.txt\r\n# comment\r\n\r\nb.md  \r\nnope.txt\r\n".encode()},
        ["a.txt", "b.md"],
        [("ALL.payload:5", "payload-missing")],
    ),
    (
        "a Latin-1 payload is read with a warning",
        {"ALL.payload": "# orden de lectura: Introducción\na.txt\n".encode("latin-1")},
        ["a.txt"],
        [("ALL.payload:1", "not-utf8")],
    ),
    (
        "folders: their own payload, or all their notes; the root payload's name",
        {"ALL.payload": "sub/\nsub/deep\n", "sub/deep/ALL.payload": "# title: Deeper\nx.md\n"},
        [("Sub", []), ("Deeper", ["sub/deep/x.md"])],
        [],
    ),
    (
        "a folder twice, and the folder of a payload listed already",
        {"ALL.payload": "sub/deep/ALL.payload\nsub/\nsub\nsub/deep/\n", "sub/deep/ALL.payload": "x.md\n"},
        [("Deep", ["sub/deep/x.md"]), ("Sub", [])],
        [("ALL.payload:3", "payload-duplicate"), ("ALL.payload:4", "payload-duplicate")],
    ),
    (
        "files that are not notes",
        {"ALL.payload": "a.txt\npicture.png\n", "picture.png": "png"},
        ["a.txt"],
        [("ALL.payload:2", "payload-not-note")],
    ),
    (
        "a file name holding ' #' is taken whole; backslashes separate folders",
        {"ALL.payload": "C # notes.txt\nsub\\iam.txt\n", "C # notes.txt": "c sharp"},
        ["C # notes.txt", "sub/iam.txt"],
        [],
    ),
]


@pytest.mark.parametrize(("name", "payloads", "entries", "diagnostics"), CASES, ids=[case[0] for case in CASES])
def test_read_payload(
    tmp_path: Path, name: str, payloads: dict[str, str | bytes], entries: list[Any], diagnostics: list[tuple[str, str]]
) -> None:
    root = write_tree(tmp_path, {**NOTES, **payloads})
    start = "sub/x.payload" if "sub/x.payload" in payloads else "ALL.payload"
    tree = read_payload(root, start)
    assert shape(tree.entries) == entries
    assert located(tree) == diagnostics


def test_severities_and_messages(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**NOTES, "ALL.payload": "a.txt\na.txt\nsub/IAM.txt\nloop.payload\n"})
    write_tree(root, {"loop.payload": "ALL.payload\n"})
    messages = {d.code: (d.severity, d.message) for d in read_payload(root).diagnostics}
    assert messages["payload-duplicate"] == (Severity.NOTICE, "a.txt is listed already at ALL.payload:1")
    assert messages["payload-missing"] == (Severity.WARNING, "sub/IAM.txt does not exist (did you mean sub/iam.txt?)")
    cycle = messages["payload-cycle"]
    assert cycle[0] is Severity.WARNING and "ALL.payload -> loop.payload -> ALL.payload" in cycle[1]


def test_section_titles(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            **NOTES,
            "ALL.payload": "sub/cloud-notes.payload\nsub/\nlate.payload\n",
            "sub/cloud-notes.payload": "# title: Cloud\n# title.es: Nube\n# title.ES: Nube 2\n\niam.txt\n",
            "late.payload": "a.txt\n# title: not a header any more\nb.md\n",
        },
    )
    cloud, folder, late = read_payload(root).entries
    assert isinstance(cloud, PayloadSection) and isinstance(folder, PayloadSection) and isinstance(late, PayloadSection)
    assert (cloud.title_in(None), cloud.title_in("en"), cloud.title_in("es")) == ("Cloud", "Cloud", "Nube 2")
    assert (folder.title, folder.folder) == ("Sub", "sub")
    assert late.title == "Late"


def test_a_first_line_comment_titles_its_payload(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            **NOTES,
            "ALL.payload": "one.payload\ntwo.payload\nthree.payload\nfour.payload\nfive.payload\n",
            "one.payload": "\n# Cloud and App Serving\n# second remark\na.txt\n",
            "two.payload": "# b.md\nc#1.txt\n",  # an entry left out, not a title
            "three.payload": "# <https://example.org/x> # a link kept for later\nb.md\n",
            "four.payload": "// sub/deep/x.md\nsub/iam.txt\n",
            "five.payload": f"# {'a long remark about what is left to do ' * 3}\nsub/deep/x.md\n",
        },
    )
    titles = [entry.title for entry in read_payload(root).entries if isinstance(entry, PayloadSection)]
    assert titles == ["Cloud and App Serving", "Two", "Three", "Four", "Five"]


def test_payloads_of_other_folders_are_titled_by_their_folder(tmp_path: Path) -> None:
    """Every folder has its `101.payload`: listed from elsewhere, each is its folder, never "101" again and again."""
    root = write_tree(
        tmp_path,
        {
            "ALL.payload": "101.payload\nSECURITY/ALL.payload\n",
            "101.payload": "SECURITY/101.payload\nNET/101.payload\nNET/dns.payload\n",
            "SECURITY/101.payload": "iam.txt\n",
            "SECURITY/ALL.payload": "101.payload\nTODO.payload\n",
            "SECURITY/TODO.payload": "todo.txt\n",
            "SECURITY/iam.txt": "iam",
            "SECURITY/todo.txt": "todo",
            "NET/101.payload": "# title: Networks\nvpc.txt\n",
            "NET/dns.payload": "dns.txt\n",
            "NET/vpc.txt": "vpc",
            "NET/dns.txt": "dns",
        },
    )
    tree = read_payload(root)
    assert shape(tree.entries) == [
        ("101", [("SECURITY", ["SECURITY/iam.txt"]), ("Networks", ["NET/vpc.txt"]), ("NET", ["NET/dns.txt"])]),
        ("SECURITY", [("TODO", ["SECURITY/todo.txt"])]),  # 101.payload is listed already
    ]


@pytest.mark.parametrize(
    ("folder", "title"),
    [
        ("aws", "Aws"),
        ("AWS", "AWS"),
        ("cloud-storage", "Cloud storage"),
        ("a/b_c", "B c"),
        ("Notas 2024", "Notas 2024"),
    ],
)
def test_folder_title(folder: str, title: str) -> None:
    assert folder_title(folder) == title


def test_missing_root_payload(tmp_path: Path) -> None:
    tree = read_payload(tmp_path)
    assert tree.entries == () and located(tree) == [("ALL.payload:1", "payload-missing")]


def test_find_root_payload(tmp_path: Path) -> None:
    assert find_root_payload(tmp_path) is None
    assert find_root_payload(tmp_path / "nowhere") is None
    (tmp_path / "all.payload").write_text("a.txt\n", encoding="utf-8")
    assert find_root_payload(tmp_path) == tmp_path / "all.payload"
    (tmp_path / "order.payload").write_text("a.txt\n", encoding="utf-8")
    assert find_root_payload(tmp_path, "order.payload") == tmp_path / "order.payload"
    (tmp_path / "sub" / "ALL.payload").mkdir(parents=True)  # a folder is not a payload
    assert find_root_payload(tmp_path / "sub") is None


def test_natural_order() -> None:
    names = ["10_z.txt", "b.md", "2_a.txt", "README.md", "A.txt", "1_b.txt"]
    assert sorted(names, key=natural_key) == ["README.md", "1_b.txt", "2_a.txt", "10_z.txt", "A.txt", "b.md"]


# The navigation. Pages are known by their page source: `x.txt` -> `x.md`.
SITE = [
    "index.md",
    "zeta.txt",
    "alpha.md",
    "10_later.txt",
    "2_sooner.txt",
    "guide/index.md",
    "guide/first.txt",
    "guide/second.md",
    "guide/second.es.md",
    "guide/solo.es.md",
    "aws/iam.txt",
    "aws/kms.txt",
    "aws/security/cognito.md",
    "aws/security/waf.txt",
]


def pages_of(notes: list[str], languages: tuple[str, ...] = ("en", "es")) -> Any:
    """A `page_of` for the default-language build: translations are not pages of it."""
    known = {page_source(note) for note in notes if not note.endswith(".es.md")}
    return lambda note: page_source(note) if page_source(note) in known else None


def tree_of(*entries: PayloadEntry) -> PayloadTree:
    return PayloadTree("ALL.payload", tuple(entries))


def note(path: str) -> PayloadNote:
    return PayloadNote(path, "ALL.payload", 1)


def section(title: str, *entries: PayloadEntry, folder: str | None = None, es: str = "") -> PayloadSection:
    return PayloadSection(title, title, tuple(entries), "ALL.payload", 1, (("es", es),) if es else (), folder)


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        pytest.param(
            tree_of(note("zeta.txt"), section("Handbook", note("guide/second.md"), note("guide/first.txt"))),
            [
                "index.md",
                "zeta.md",
                {"Handbook": ["guide/second.md", "guide/first.md"]},
                "2_sooner.md",
                "10_later.md",
                "alpha.md",
                {"Aws": ["aws/iam.md", "aws/kms.md", {"Security": ["aws/security/cognito.md", "aws/security/waf.md"]}]},
                {"Guide": ["guide/index.md"]},
            ],
            id="listed first, then the rest by folder, the home page first",
        ),
        pytest.param(
            tree_of(note("index.md"), note("guide/second.es.md"), note("guide/second.md"), note("guide/solo.es.md")),
            [
                "index.md",
                "guide/second.md",
                "2_sooner.md",
                "10_later.md",
                "alpha.md",
                "zeta.md",
                {"Aws": ["aws/iam.md", "aws/kms.md", {"Security": ["aws/security/cognito.md", "aws/security/waf.md"]}]},
                {"Guide": ["guide/index.md", "guide/first.md"]},
            ],
            id="a listed translation stands for its default page; pages of no build vanish",
        ),
        pytest.param(
            tree_of(
                section("All of AWS", folder="aws"),
                note("aws/kms.txt"),
                section("Security", section("Empty", note("nope.txt")), folder="aws/security"),
            ),
            [
                "index.md",
                {"All of AWS": ["aws/iam.md"]},
                "aws/kms.md",
                {"Security": ["aws/security/cognito.md", "aws/security/waf.md"]},
                "2_sooner.md",
                "10_later.md",
                "alpha.md",
                "zeta.md",
                {"Guide": ["guide/index.md", "guide/first.md", "guide/second.md"]},
            ],
            id="a folder entry takes its notes that no entry lists; the deepest folder wins; empty sections go",
        ),
        pytest.param(
            tree_of(section(".", note("zeta.txt"), folder="")),
            [
                {
                    ".": [
                        "zeta.md",
                        "index.md",
                        "2_sooner.md",
                        "10_later.md",
                        "alpha.md",
                        {
                            "Aws": [
                                "aws/iam.md",
                                "aws/kms.md",
                                {"Security": ["aws/security/cognito.md", "aws/security/waf.md"]},
                            ]
                        },
                        {"Guide": ["guide/index.md", "guide/first.md", "guide/second.md"]},
                    ]
                }
            ],
            id="the notes folder itself as a folder entry takes everything",
        ),
    ],
)
def test_payload_nav(tree: PayloadTree, expected: list[NavItem]) -> None:
    nav = payload_nav(tree, pages_of(SITE), notes=SITE, languages=("en", "es"))
    assert nav == expected
    assert sorted(nav_pages(nav)) == sorted({page_source(n) for n in SITE if ".es." not in n})


def test_a_folders_unlisted_notes_join_the_section_that_stands_for_it(tmp_path: Path) -> None:
    """One top-level entry per folder: notes no payload lists join their folder's section, not a new one at the end."""
    root = write_tree(
        tmp_path,
        {
            "ALL.payload": "101.payload\nSEC/ALL.payload\nlast.txt\n",
            "101.payload": "BASICS/101.payload\nSEC/101.payload\nDEV/101.payload\n",
            "BASICS/101.payload": "one.txt\n",
            "SEC/101.payload": "iam.txt\n",
            "SEC/ALL.payload": "101.payload\nopa.txt\n",
            "DEV/101.payload": "# Development\n// nothing listed yet\n",
            **{name: "x" for name in ("BASICS/one.txt", "BASICS/two.txt", "SEC/iam.txt", "SEC/opa.txt")},
            **{name: "x" for name in ("SEC/kms.txt", "SEC/deep/waf.txt", "DEV/cdk.txt", "last.txt", "loose.txt")},
            **{name: "x" for name in ("OTHER/a.txt", "OTHER/b.txt")},
        },
    )
    tree = read_payload(root)
    notes = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    nav = payload_nav(tree, page_source, notes=notes)
    assert nav == [
        {
            "101": [
                {"BASICS": ["BASICS/one.md", "BASICS/two.md"]},
                {"SEC": ["SEC/iam.md"]},
                {"Development": ["DEV/cdk.md"]},
            ]
        },
        # The folder's own ALL.payload stands for it: its unlisted notes and sub-folders come here.
        {"SEC": ["SEC/opa.md", "SEC/kms.md", {"Deep": ["SEC/deep/waf.md"]}]},
        "last.md",
        "loose.md",
        {"OTHER": ["OTHER/a.md", "OTHER/b.md"]},
    ]
    top = [next(iter(item)) for item in nav if isinstance(item, dict)]
    assert len(top) == len(set(top))


def test_payload_nav_titles_and_languages() -> None:
    tree = tree_of(section("Handbook", note("guide/first.txt"), es="Manual"), note("zeta.txt"))
    page_of = pages_of(SITE)
    titles = {"guide/first.md": "First steps"}
    nav = payload_nav(tree, page_of, lang="es", title_of=titles.get)
    assert nav == [{"Manual": [{"First steps": "guide/first.md"}]}, "zeta.md"]
    # Without `languages`, `x.es.md` is a page of its own (no i18n plugin): listed, it is kept.
    only = {"guide/second.es.md": "guide/second.es.md"}
    assert payload_nav(tree_of(note("guide/second.es.md")), only.get) == ["guide/second.es.md"]


def test_nav_pages() -> None:
    assert nav_pages(["a.md", {"T": "b.md"}, {"S": ["c.md", {"U": ["d.md"]}]}]) == ["a.md", "b.md", "c.md", "d.md"]


# A built site. The plugin sets `config.nav` from the root payload (plugin wiring pending).


def primary_nav_links(page_html: str) -> list[str]:
    """The hrefs of the left sidebar's links, in order (Material's `md-nav--primary`)."""
    start = page_html.index('class="md-nav md-nav--primary')
    end = page_html.find('class="md-sidebar md-sidebar--secondary', start)
    block = page_html[start : end if end != -1 else len(page_html)]
    return [html.unescape(href) for href in re.findall(r'<a\s+href="([^"]*)"\s+class="md-nav__link', block)]


def test_built_site_follows_the_payload(tmp_path: Path) -> None:
    notes = write_tree(
        tmp_path / "notes",
        {
            "ALL.payload": "# Reading order of the test site\nzeta.txt\nguide/handbook.payload\n"
            "alpha.md   # a Markdown note\nmissing.txt\n",
            "zeta.txt": "Zeta notes\n\n- First item\n\t// plain words about zeta\n",
            "alpha.md": "# Alpha\n\nSome words about alpha.\n",
            "beta.txt": "# Beta\n\n  laid out text about beta\n",
            "guide/handbook.payload": "# title: Handbook\n# title.es: Manual\nsecond.md\nfirst.txt\n",
            "guide/first.txt": "# First\n\n  the first text note\n",
            "guide/second.md": "# Second\n\nThe second note.\n",
            "guide/second.es.md": "# Segunda\n\nLa segunda nota.\n",
            "guide/third.txt": "# Third\n\n  a note no payload lists\n",
        },
    )
    from tests.sites import build_site

    site = tmp_path / "site"
    warnings = build_site(notes, site, strict=False)
    payload_warnings = [w for w in warnings if "ALL.payload:" in w]
    assert len(payload_warnings) == 1
    assert payload_warnings[0].endswith("ALL.payload:5: missing.txt does not exist [payload-missing]")
    # guide/third.txt, listed nowhere, joins the handbook: the section made from a payload of its folder.
    expected = ["zeta/", "guide/second/", "guide/first/", "guide/third/", "alpha/", "beta/"]

    def nav_order(interface: str, page: str) -> list[str]:
        """The notes the sidebar of `page` links to, in order, as paths from the interface's root."""
        html_text = (site / interface / page / "index.html").read_text(encoding="utf-8")
        paths = [posixpath.normpath(posixpath.join(page, link)) + "/" for link in primary_nav_links(html_text)]
        return [path for path in paths if path in expected]

    for interface, title in (("", "Handbook"), ("es", "Manual")):
        # A page of the handbook has its branch open: every note, in the payload's order.
        assert nav_order(interface, "guide/first") == expected
        # The home page has it closed (navigation.prune): the handbook is one link, to its first page.
        assert nav_order(interface, ".") == ["zeta/", "guide/second/", "alpha/", "beta/"]
        home = (site / interface / "index.html").read_text(encoding="utf-8")
        assert title in home.split("md-nav--primary", 1)[1]


def test_cuaderno_check_reports_payload_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cuaderno.cli import main

    (tmp_path / "a.txt").write_text("# A\n", encoding="utf-8")
    (tmp_path / "ALL.payload").write_text("a.txt\nmissing.txt\n", encoding="utf-8")
    main(["check", str(tmp_path)])
    assert f"{tmp_path}/ALL.payload:2: warning: missing.txt does not exist [payload-missing]" in capsys.readouterr().out
