"""Serve-style rebuilds: the plugin survives them, re-parses only edited notes, and shows every edit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuaderno.cli import site_config
from tests.conftest import ROOT


def _build(config_file: Path, site: Path) -> Any:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    plugin = config.plugins["cuaderno"]
    plugin.settle()  # kb.json, the explorer's data and the search index follow the pages in a thread
    return plugin


def test_rebuild_parses_only_the_edited_note(tmp_path: Path, parsed: list[str]) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("a", "b", "c"):
        text = f"# Note {name} [[{{security}}]]\n  first text of {name}\n"
        (notes / f"{name}.txt").write_text(text, encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(site_config(notes, ROOT / "tags"), allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    first = _build(config_file, site)
    assert sorted(parsed) == ["a.txt", "b.txt", "c.txt"]  # both interfaces built from one parse

    parsed.clear()
    (notes / "b.txt").write_text("# Note b [[{aws.s3}]]\n  edited text of b\n", encoding="utf-8")
    second = _build(config_file, site)
    assert second is first  # MkDocs keeps a plugin that has on_startup across rebuilds
    assert parsed == ["b.txt"]
    page = (site / "b/index.html").read_text(encoding="utf-8")
    assert "edited text of b" in page and "first text of b" not in page
    assert "edited text of b" in (site / "es/b/index.html").read_text(encoding="utf-8")
    assert 'data-tag="aws.s3"' in page
    assert "edited text of b" in (site / "tags/aws.s3/index.html").read_text(encoding="utf-8")

    parsed.clear()
    _build(config_file, site)  # nothing changed: nothing parsed
    assert parsed == []


# Notes that link, anchor, translate and tag each other, so that an edit of one shows on the pages of others.
LINKED_NOTES = {
    "aws/s3.txt": (
        "# S3 buckets [[{aws.s3}]]\n"
        "  A bucket holds objects; S3 versioning keeps old ones. #[versioning]\n"
        "  Who may read them: @[#roles]\n"
        "# Lifecycle\n"
        "  A lifecycle rule moves old objects to Glacier; the S3 bucket keeps the rule.\n"
    ),
    "aws/s3.es.txt": "# Buckets de S3 [[{aws.s3}]]\n  Un bucket guarda objetos; S3 los versiona.\n",
    "aws/iam.md": (
        "# IAM\n\n"
        "Roles and policies decide who reads an S3 bucket. See [the buckets](s3.txt).\n\n"
        "## Roles [[{aws.iam}]] #[roles]\n\n"
        "An IAM role is assumed for a while; IAM hands out keys.\n"
    ),
    "security/keys.txt": (
        "# Keys [[{security}]]\n"
        "  Rotate keys often; versioned buckets: @[#versioning]\n"
        "  Backups of the keys live in an S3 bucket.\n"
    ),
}


def _write(folder: Path, path: str, text: str) -> None:
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_text(text, encoding="utf-8")


def _append(folder: Path, path: str, text: str) -> None:
    _write(folder, path, (folder / path).read_text(encoding="utf-8") + text)


def _replace(folder: Path, path: str, old: str, new: str) -> None:
    text = (folder / path).read_text(encoding="utf-8")
    assert old in text
    _write(folder, path, text.replace(old, new))


def _older_bytes(path: Path, data: bytes) -> None:
    """Other bytes of the same size in a file's place, with a time older than the last build (`cp -p`)."""
    assert len(data) == path.stat().st_size
    path.write_bytes(data)
    os.utime(path, (978307200, 978307200))  # 2001


SPANISH_KEYS = "# Claves [[{security}]]\n  Rotar las claves a menudo.\n"

# Each edit changes what pages other than the edited note's show (or the whole site).
EDITS: list[tuple[str, Any]] = [
    # The English note on keys gains, then loses, a Spanish counterpart section and a related note.
    ("tag a section of another note", lambda n, t: _append(n, "aws/s3.es.txt", SPANISH_KEYS)),
    ("untag it again", lambda n, t: _replace(n, "aws/s3.es.txt", SPANISH_KEYS, "")),
    ("append a paragraph", lambda n, t: _append(n, "security/keys.txt", "  Keys of S3 buckets: rotate them too.\n")),
    ("retitle a linking note", lambda n, t: _replace(n, "aws/iam.md", "# IAM\n", "# Identity and access\n")),
    ("rename a linking section", lambda n, t: _replace(n, "aws/iam.md", "## Roles", "## Assumed roles")),
    (
        "move an anchor to another note",
        lambda n, t: (
            _replace(n, "aws/s3.txt", " #[versioning]\n", "\n"),
            _replace(n, "aws/iam.md", "hands out keys.\n", "hands out keys. #[versioning]\n"),
        ),
    ),
    ("retag a block", lambda n, t: _replace(n, "security/keys.txt", "[[{security}]]", "[[{aws.iam}]]")),
    (
        "add an anchor and a link to it",
        lambda n, t: (
            _append(n, "aws/s3.txt", "  Replication across regions. #[replication]\n"),
            _append(n, "security/keys.txt", "  Replicated keys: @[#replication]\n"),
        ),
    ),
    ("add a translation", lambda n, t: _write(n, "security/keys.es.txt", "# Claves [[{security}]]\n  Rotar claves.\n")),
    ("delete a note", lambda n, t: (n / "aws/s3.es.txt").unlink()),
    ("relabel a tag", lambda n, t: _replace(t, "aws.yml", '{en: "Amazon S3"', '{en: "Simple Storage"')),
    ("nothing", lambda n, t: None),
    ("put older bytes in a picture's place", lambda n, t: _older_bytes(n / "aws/diagram.png", b"other picture")),
    ("the next day", lambda n, t: None),  # the test sets the day
]
# 2 January 2030: a day after every build of the test (`SOURCE_DATE_EPOCH`, which MkDocs reads).
NEXT_DAY = "1893542400"


def _pages(site: Path) -> dict[str, bytes]:
    """The site's pages, `kb.json`, the explorer's data (`kb/`) and the search bundles' manifest."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and (
            path.suffix == ".html"
            or path.name in ("kb.json", "bundles.json", "sitemap.xml")
            or path.relative_to(site).parts[0] == "kb"
        )
    }


def _written_pages(site: Path, before: dict[Path, int]) -> set[str]:
    """The pages (not the redirect pages) written since `before` was taken."""
    return {
        str(path.relative_to(site))
        for path in site.rglob("*.html")
        if before.get(path) != path.stat().st_mtime_ns and 'http-equiv="refresh"' not in path.read_text("utf-8")
    }


# What an edit of a note's text may write again: its pages, the topic pages that show its blocks, the notes
# whose related lists or backlinks show it, the tag index (counts). The theme's pages (`404.html`, the sitemap)
# and its static files stay: the site (navigation, titles, files) is the last build's.
WRITTEN_BY_EDIT = {
    "append a paragraph": {
        "security/keys/index.html",
        "aws/s3/index.html",  # its related notes: the new paragraph is about S3 buckets
        "tags/index.html",
        "tags/security/index.html",
        "tags/aws/index.html",
        "tags/aws.s3/index.html",
    },
    "rename a linking section": {"aws/iam/index.html", "tags/aws/index.html", "tags/aws.iam/index.html"},
    "nothing": set(),
}


def _linked_site(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """LINKED_NOTES and a copy of the taxonomy, their `mkdocs.yml`, and where the served site goes."""
    import shutil

    notes, tags = tmp_path / "notes", tmp_path / "tags"
    shutil.copytree(ROOT / "tags", tags)
    for path, text in LINKED_NOTES.items():
        _write(notes, path, text)
    (notes / "aws/diagram.png").write_bytes(b"first picture")  # a static file, copied as it is
    config_file = tmp_path / "mkdocs.yml"
    # A site URL: the sitemap lists every page with its date.
    config = {**site_config(notes, tags), "site_url": "https://notes.example.org/"}
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return notes, tags, config_file, tmp_path / "served"


def test_every_rebuild_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A serve rebuild writes only the pages whose inputs changed; the site is the one a clean build writes.

    Each page written is a page MkDocs converted and wrote again (its file is new); every other page was left
    as the last build wrote it.
    """
    import shutil

    import cuaderno.site_session

    rendered: list[str] = []
    original = cuaderno.site_session.render_note

    def counting(note: Any, *args: Any) -> str:
        rendered.append(note.path)
        return original(note, *args)

    monkeypatch.setattr(cuaderno.site_session, "render_note", counting)

    notes, tags, config_file, served = _linked_site(tmp_path)
    plugin = _build(config_file, served)
    for number, (edit, change) in enumerate(EDITS):
        before = {path: path.stat().st_mtime_ns for path in served.rglob("*") if path.is_file()}
        change(notes, tags)
        if edit == "the next day":
            monkeypatch.setenv("SOURCE_DATE_EPOCH", NEXT_DAY)
        rendered.clear()
        assert _build(config_file, served) is plugin  # the same plugin, its caches warm
        written = _written_pages(served, before)
        if edit in WRITTEN_BY_EDIT:  # both interfaces: the Spanish one's pages too
            expected_pages = WRITTEN_BY_EDIT[edit] | {f"es/{page}" for page in WRITTEN_BY_EDIT[edit]}
            assert written == expected_pages, edit
        if edit == "nothing":
            assert rendered == []  # every page reused
            # Nor is a static file copied again, a redirect or a theme's page written: only the site's data follows.
            again = {
                str(path.relative_to(served))
                for path in before
                if not path.is_file() or before[path] != path.stat().st_mtime_ns
            }
            data = {page for page in again if page == "kb.json" or page.split("/")[0] in ("kb", "pagefind")}
            assert again - data == set()
        if edit == "put older bytes in a picture's place":
            assert (served / "aws/diagram.png").read_bytes() == b"other picture"
        if edit == "the next day":  # MkDocs' own sitemap dates every page: a new day is a new site
            assert "es/security/keys/index.html" in written and "404.html" in written
        if edit == "rename a linking section":
            assert set(rendered) == {"aws/iam.md"}  # no other note's page shows that heading
        clean = tmp_path / f"clean-{number}"
        # A clean build in a process of its own: MkDocs keeps plugin instances for the life of a process.
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(clean)]
        subprocess.run(command, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        rebuilt, expected = _pages(served), _pages(clean)
        assert sorted(rebuilt) == sorted(expected), edit
        different = [page for page in expected if rebuilt[page] != expected[page]]
        assert not different, f"after '{edit}', these pages differ from a clean build: {different}"
        shutil.rmtree(clean)
    assert "Simple Storage" in (served / "tags/aws.s3/index.html").read_text(encoding="utf-8")
    assert "Identity and access" in (served / "aws/s3/index.html").read_text(encoding="utf-8")  # its backlink
    assert not (served / ".cuaderno-last-build").exists()  # the last site was put back or deleted


def test_a_failed_rebuild_leaves_the_last_site_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs empties the site folder before a rebuild; when the rebuild fails, the last site is put back."""
    from cuaderno.site_pages import SitePages

    notes, _tags, config_file, served = _linked_site(tmp_path)
    _build(config_file, served)
    before = _pages(served)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("a rebuild that fails")

    monkeypatch.setattr(SitePages, "make", broken)
    _append(notes, "security/keys.txt", "  A line the failed rebuild never shows.\n")
    with pytest.raises(RuntimeError, match="a rebuild that fails"):
        _build(config_file, served)
    assert _pages(served) == before  # every page, kb.json and the explorer's data as they were
    assert not (served / ".cuaderno-last-build").exists()

    monkeypatch.undo()
    _build(config_file, served)  # the next rebuild writes every page: none is known to be the last build's
    page = (served / "security/keys/index.html").read_text(encoding="utf-8")
    assert "A line the failed rebuild never shows." in page
