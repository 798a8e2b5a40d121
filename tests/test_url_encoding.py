"""Every link cuaderno writes is percent-encoded by one function: names with #, ?, % or : lead to their own page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cuaderno.urls import encode_path, relative_url, split_fragment
from tests.linkcheck import check_links
from tests.sites import build_site, load_kb


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [
        ("", "notes#2/", "notes%232/"),
        ("", "what?/", "what%3F/"),
        ("", "a%20b/", "a%2520b/"),
        ("", "a b/#sec tion", "a%20b/#sec%20tion"),
        ("", "javascript:alert(1)<!--/", "javascript%3Aalert%281%29%3C%21--/"),
        ("x/", "tags/crypto.pkcs#11/", "../tags/crypto.pkcs%2311/"),
        ("x/", "tags/crypto.pkcs#11/#kb-2", "../tags/crypto.pkcs%2311/#kb-2"),
        ("x/", "#top", "..#top"),
        ("x/y/", "x/y/", "./"),
    ],
)
def test_links_are_encoded(from_url: str, to_url: str, link: str) -> None:
    assert relative_url(from_url, to_url) == link


def test_plain_paths_are_left_as_they_are() -> None:
    assert encode_path("aws/iam-roles_2.x/") == "aws/iam-roles_2.x/"
    assert split_fragment("aws/iam/#policies") == ("aws/iam/", "policies")


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(value or "" for name, value in attrs if name in ("href", "src"))


def test_a_site_of_awkward_names_links_each_note_to_its_own_page(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    names = ["notes#2.txt", "what?.txt", "a%20b.txt", "a b.txt", "javascript:alert(1)<!--.txt", "sí ñ.txt"]
    for number, name in enumerate(names):
        (notes / name).write_text(f"# Note {number} [[{{ crypto.pkcs#11 ]]\n  body {number}\n[[}}]]\n", "utf-8")
    site = tmp_path / "site"
    build_site(notes, site)
    checked, broken = check_links(site)
    assert checked > 50 and broken == []
    kb = load_kb(site)
    assert sorted(note["path"] for note in kb["notes"]) == sorted(names)
    home = _Hrefs()
    home.feed((site / "index.html").read_text(encoding="utf-8"))
    schemes = {urlsplit(href).scheme for href in home.hrefs}
    assert schemes <= {"", "http", "https", "mailto"}, schemes
    for number, name in enumerate(names):  # each link from the home page opens that note, not another
        page = site / name.removesuffix(".txt") / "index.html"
        assert f"body {number}" in page.read_text(encoding="utf-8"), name
