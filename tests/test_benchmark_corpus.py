"""The benchmark's synthetic corpus (benchmarks/): deterministic, every format and language, no warnings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.capture_hook import CAPTURE_ENV, captured_path
from benchmarks.corpus import edit_note, generate_corpus
from benchmarks.measure import run_build
from benchmarks.plan import plan_corpus
from benchmarks.report import Figure, table
from benchmarks.site_configs import cuaderno_config, plain_config, write_config

from cuaderno.lint import lint_tags
from cuaderno.pipeline import Loaded, load_folders
from cuaderno.render.export import kb_json
from cuaderno.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

NOTES = 30
SEED = 7


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "notes"
    generate_corpus(folder, NOTES, SEED)
    return folder


@pytest.fixture(scope="module")
def loaded(corpus: Path) -> Loaded:
    return load_folders([corpus], Settings(tags_dir=ROOT / "tags"))


@pytest.fixture(scope="module")
def kb(loaded: Loaded) -> dict[str, object]:
    data: dict[str, object] = json.loads(kb_json(loaded.kb))
    return data


def test_same_seed_same_files_other_seed_other_files(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_corpus(again, NOTES, SEED)
    assert files_of(again) == files_of(corpus)
    other = tmp_path / "other"
    generate_corpus(other, NOTES, SEED + 1)
    assert files_of(other) != files_of(corpus)


def test_a_bigger_corpus_adds_notes_without_changing_the_first_ones(corpus: Path, tmp_path: Path) -> None:
    bigger = tmp_path / "bigger"
    generate_corpus(bigger, NOTES + 5, SEED)
    first = files_of(bigger)
    assert len(first) == NOTES + 5
    assert {path: first[path] for path in files_of(corpus)} == files_of(corpus)


def test_cuaderno_detects_every_format_and_language_as_planned(corpus: Path, kb: dict[str, object]) -> None:
    planned = {plan.path: (plan.format, plan.lang) for plan in plan_corpus(NOTES, SEED)}
    notes = kb["notes"]
    assert isinstance(notes, list)
    detected = {note["path"]: (note["format"], note["lang"]) for note in notes}
    assert detected == planned
    assert {fmt for fmt, _ in detected.values()} == {"tagged", "outline", "markdown"}
    assert {lang for _, lang in detected.values()} == {"en", "es"}
    # Markdown in `.txt` files too, as real notes have it.
    assert any(path.endswith(".txt") and fmt == "markdown" for path, (fmt, _) in detected.items())


def test_notes_parse_without_warnings_and_carry_nested_blocks(
    corpus: Path, loaded: Loaded, kb: dict[str, object]
) -> None:
    assert loaded.diagnostics == ()
    assert [d for d in lint_tags(loaded.notes, loaded.taxonomy) if d.severity.value != "notice"] == []
    blocks = kb["blocks"]
    assert isinstance(blocks, list)
    kinds = Counter(block["kind"] for block in blocks)
    assert kinds["block"] and kinds["paragraph"]
    assert max(block["depth"] for block in blocks) >= 3
    assert len(blocks) >= 8 * NOTES  # about a dozen tagged blocks per note on average
    text = "\n".join(path.read_text(encoding="utf-8") for path in corpus.rglob("*.*"))
    assert "┌" in text and "└ ·" in text  # box-drawing diagrams and trees
    assert 'resource "aws_' in text and "```" in text  # code pasted bare and fenced


def test_an_edit_changes_one_note_only(corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    generate_corpus(copy, NOTES, SEED)
    plan = plan_corpus(NOTES, SEED)[3]
    before = files_of(copy)
    edit_note(copy, plan, SEED)
    after = files_of(copy)
    assert [path for path in after if after[path] != before[path]] == [plan.path]
    loaded = load_folders([copy], Settings(tags_dir=ROOT / "tags"))
    assert loaded.diagnostics == ()


@pytest.mark.parametrize(
    ("src_uri", "lang", "default", "expected"),
    [
        ("aws/x.md", "en", True, "aws/x.md"),
        ("aws/x.md", "es", False, "aws/x.es.md"),
        ("guide/a.es.md", "es", False, "guide/a.es.md"),
        ("tags/qa.ha.md", "en", True, "tags/qa.ha/index.md"),
        ("tags/qa.ha.md", "es", False, "tags/qa.ha/index.es.md"),
        ("index.md", "", True, "index.md"),
    ],
)
def test_captured_pages_follow_the_i18n_suffix_layout(src_uri: str, lang: str, default: bool, expected: str) -> None:
    assert captured_path(src_uri, lang, default, ("en", "es")) == expected


def test_the_plain_config_is_cuadernos_without_cuaderno(corpus: Path, tmp_path: Path) -> None:
    capture = tmp_path / "capture"
    (capture / "docs").mkdir(parents=True)
    (capture / "not_in_nav.txt").write_text("/tags/aws/index.md\n/tags/aws/index.es.md\n", encoding="utf-8")
    config = plain_config(corpus, capture)
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["plugins"]]
    assert names == ["search", "i18n"]
    assert config["docs_dir"] == str(capture / "docs")
    assert {"path": "assets/cuaderno/explorer.js", "type": "module"} in config["extra_javascript"]
    assert (capture / "docs" / "assets" / "cuaderno" / "cuaderno.css").is_file()
    assert config["not_in_nav"].split() == ["/tags/aws/index.es.md", "/tags/aws/index.md"]


def test_the_table_shows_each_figure_next_to_its_target() -> None:
    shown = table([Figure("ratio", 1.2, 1.15, detail="12 s ÷ 10 s"), Figure("filter", 12.0, 50.0, "ms", strict=True)])
    rows = [line.split() for line in shown.splitlines()]
    assert ["ratio", "1.20×", "≤", "1.15×", "FAIL"] in rows
    assert ["filter", "12.0", "ms", "<", "50.0", "ms", "pass"] in rows
    assert "ratio: 12 s ÷ 10 s" in shown


def test_the_plain_site_has_cuadernos_pages(tmp_path: Path) -> None:
    """The benchmark's plumbing at tiny size: capture cuaderno's Markdown, build it plain, same pages."""
    notes = tmp_path / "notes"
    generate_corpus(notes, 3, SEED)
    capture = tmp_path / "capture"
    capture_yml = write_config(cuaderno_config(notes, capture=True), tmp_path / "capture.yml")
    captured = run_build(capture_yml, tmp_path / "site", env={CAPTURE_ENV: str(capture)})
    plain_yml = write_config(plain_config(notes, capture), tmp_path / "plain.yml")
    plain = run_build(plain_yml, tmp_path / "plain")
    assert captured.warnings == plain.warnings == 0
    assert captured.seconds > 0 and plain.peak_rss_mb > 0

    def pages(site: Path) -> set[str]:
        """The site's pages, less the redirects cuaderno writes for merged tag ids (no Markdown: nothing captured)."""
        return {
            path.relative_to(site).as_posix()
            for path in site.rglob("*.html")
            if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:2000]
        }

    assert pages(tmp_path / "plain") == pages(tmp_path / "site")
    assert {"index.html", "es/index.html", "explore/index.html", "es/tags/aws/index.html"} <= pages(tmp_path / "plain")
    # Topic pages get their blocks after Python-Markdown; the plain site has them in its Markdown.
    for site in ("plain", "site"):
        topic = (tmp_path / site / "tags" / "aws" / "index.html").read_text(encoding="utf-8")
        assert topic.count('class="cdn-block"') > 3 and 'data-cdn-slot="' not in topic, site

    # Plain Material indexes its pages with lunr; cuaderno's site has its Pagefind bundles instead.
    assert (tmp_path / "plain" / "search" / "search_index.json").is_file()
    assert not (tmp_path / "site" / "search").exists()
    assert (tmp_path / "site" / "pagefind" / "bundles.json").is_file()  # one index for both interfaces
