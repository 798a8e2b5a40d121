"""The sitemap lists every page in every interface (Material's instant navigation reads it)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sites import build_site


def test_the_sitemap_lists_every_page_of_both_interfaces(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A\n\nSee [[{ redes }]] here.\n", encoding="utf-8")
    (notes / "b.txt").write_text("# B [[{ redes ]]\n  x\n[[}]]\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(notes, site, overrides={"site_url": "https://notes.example/"})
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    for path in ("", "a/", "b/", "tags/", "tags/redes/", "explore/"):
        assert f"https://notes.example/{path}" in listed, path
        assert f"https://notes.example/es/{path}" in listed, path
    assert 'hreflang="es" href="https://notes.example/es/a/"' in (site / "sitemap.xml").read_text(encoding="utf-8")
