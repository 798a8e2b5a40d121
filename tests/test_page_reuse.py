"""What a serve rebuild may leave alone (`RebuildPlan`), the last site set aside (`SiteStash`), work after it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cuaderno.background import BackgroundWork
from cuaderno.page_reuse import PageState, RebuildPlan, site_key
from cuaderno.site_stash import STASH_NAME, SiteStash

PAGES = {
    "a.md": PageState("# A\n\ntext of a\n", ("tag",), "A"),
    "b.md": PageState("# B\n\ntext of b\n"),
    "tags/x.md": PageState('---\ntitle: "X"\n---\n# X\n\n<div slot></div>\n', ("<p>block</p>",)),
}


def _site(pages: dict[str, PageState | None], config: str = "mkdocs.yml v1") -> object:
    return site_key(config, [("a.md", "a/index.html")], ("nav",), pages)


def _finished(plan: RebuildPlan, pages: dict[str, PageState | None]) -> None:
    plan.begin("en")
    plan.finished("en", _site(pages), pages, {source: source.upper() for source in pages})


def test_the_first_build_reuses_nothing() -> None:
    plan = RebuildPlan()
    assert not plan.knows(["en"])
    plan.begin("en")
    assert plan.reusable("en", _site(dict(PAGES)), dict(PAGES)) == {}


def test_an_edit_of_text_leaves_the_other_pages_with_their_titles() -> None:
    plan = RebuildPlan()
    _finished(plan, dict(PAGES))
    edited: dict[str, PageState | None] = {**PAGES, "b.md": PageState("# B\n\ntext of b, edited\n")}
    plan.begin("en")
    assert plan.same_site("en", _site(edited))  # the title of b is the same: the navigation is too
    assert plan.reusable("en", _site(edited), edited) == {"a.md": "A.MD", "tags/x.md": "TAGS/X.MD"}


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        ("a title the navigation shows", {**PAGES, "b.md": PageState("# Bee\n\ntext of b\n")}),
        ("a title set by cuaderno", {**PAGES, "a.md": PageState("# A\n\ntext of a\n", ("tag",), "Aa")}),
        ("a front matter title", {**PAGES, "tags/x.md": PageState('---\ntitle: "Y"\n---\n# X\n', ("",))}),
        ("a page added", {**PAGES, "c.md": PageState("# C\n")}),
        ("a page removed", {key: value for key, value in PAGES.items() if key != "b.md"}),
    ],
)
def test_a_change_every_page_shows_rebuilds_everything(change: str, pages: dict[str, PageState | None]) -> None:
    plan = RebuildPlan()
    _finished(plan, dict(PAGES))
    plan.begin("en")
    assert not plan.same_site("en", _site(pages)), change
    assert plan.reusable("en", _site(pages), pages) == {}, change


def test_a_page_it_cannot_vouch_for_rebuilds_everything() -> None:
    plan = RebuildPlan()
    pages: dict[str, PageState | None] = {**PAGES, "other.md": None}
    _finished(plan, pages)
    plan.begin("en")
    assert plan.reusable("en", _site(pages), pages) == {}


def test_the_configuration_is_part_of_the_site() -> None:
    plan = RebuildPlan()
    _finished(plan, dict(PAGES))
    plan.begin("en")
    assert plan.reusable("en", _site(dict(PAGES), "mkdocs.yml v2"), dict(PAGES)) == {}


def test_a_build_that_did_not_finish_is_not_known() -> None:
    plan = RebuildPlan()
    _finished(plan, dict(PAGES))
    plan.begin("en")  # ... and fails
    assert not plan.knows(["en"])
    plan.begin("en")
    assert plan.reusable("en", _site(dict(PAGES)), dict(PAGES)) == {}


def test_forget_drops_every_interface() -> None:
    plan = RebuildPlan()
    _finished(plan, dict(PAGES))
    plan.forget()
    assert not plan.knows(["en"])


def _site_folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("page a", encoding="utf-8")
    (site / "kb.json").write_text("{}", encoding="utf-8")
    (site / ".hidden").write_text("kept", encoding="utf-8")
    return site


def _empty(site: Path) -> None:
    """What MkDocs' clean_directory does: everything but the hidden entries goes."""
    import shutil

    for entry in site.iterdir():
        if not entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def test_the_stash_survives_the_cleaning_and_goes_back(tmp_path: Path) -> None:
    site = _site_folder(tmp_path)
    stash = SiteStash(site)
    assert stash.keep()
    _empty(site)
    assert (site / STASH_NAME / "a" / "index.html").exists()
    (site / "kb.json").write_text("new", encoding="utf-8")  # written meanwhile: the last site's replaces it
    stash.put_back()
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "page a"
    assert (site / "kb.json").read_text(encoding="utf-8") == "{}"
    assert sorted(path.name for path in site.iterdir()) == [".hidden", "a", "kb.json"]


def test_a_dropped_stash_is_gone(tmp_path: Path) -> None:
    site = _site_folder(tmp_path)
    stash = SiteStash(site)
    stash.keep()
    stash.drop()
    assert sorted(path.name for path in site.iterdir()) == [".hidden"]
    stash.put_back()  # nothing held: nothing happens
    assert sorted(path.name for path in site.iterdir()) == [".hidden"]


def test_no_site_no_stash(tmp_path: Path) -> None:
    assert not SiteStash(tmp_path / "missing").keep()
    (tmp_path / "empty").mkdir()
    assert not SiteStash(tmp_path / "empty").keep()


def test_background_work_is_waited_for_and_cancelled() -> None:
    work = BackgroundWork()
    release, cancelled, done = threading.Event(), threading.Event(), []

    def job() -> None:
        release.wait(5)
        done.append("cancelled" if cancelled.is_set() else "finished")

    work.start(job, cancel=lambda: (cancelled.set(), release.set()))
    assert work.running
    work.settle(cancel=True)
    assert done == ["cancelled"] and not work.running
    work.start(lambda: done.append("second"))
    work.settle()
    assert done == ["cancelled", "second"]
