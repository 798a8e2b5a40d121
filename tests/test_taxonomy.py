"""The taxonomy: the core one a folder gets by default, the viewer's equivalent dimensions, layering, redirects,
and files written by others (checked shapes, the marker grammar for ids, bounded reading).
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from cuaderno.input_limits import MAX_BYTES, YamlLimitError, compose, load
from cuaderno.kb import KnowledgeBase, build_kb
from cuaderno.pipeline import load_folders, read_note, taxonomy_dir
from cuaderno.render.redirects import redirect_pages, tag_redirects
from cuaderno.settings import Settings
from cuaderno.taxonomy import CORE_TAGS, TagInfo, Taxonomy, load_taxonomy, taxonomy_tag
from tests.sites import ROOT

NOTE = """\
# Buckets [[{ S3, 01_PM.TODO ]]
  a bucket holds objects; S3 pricing is per gigabyte
[[}]]
# Plan [[{ PM.WIP, QA.UX, DOC_HAS.COMPARATIVE, 03_doc_has.keypoint }]]
"""


def _kb_of(folder: Path, tags: Path | None = None) -> KnowledgeBase:
    return load_folders([folder], Settings(), tags).kb


@pytest.fixture()
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text(NOTE, encoding="utf-8")
    return folder


def test_a_folder_without_tags_gets_the_core_taxonomy_and_keeps_its_tags(notes: Path) -> None:
    assert taxonomy_dir(notes, Settings()) == CORE_TAGS
    kb = _kb_of(notes)
    written = {tag for block in kb.blocks for tag in block.tags}
    # `S3` stays `s3`: no AWS alias renames it, and no keyword adds `aws.s3` or a pricing tag.
    assert written == {"s3", "pm.todo", "pm.wip", "qa.ux", "doc_has.comparative", "doc_has.keypoint"}
    assert not any(block.auto_tags for block in kb.blocks)
    assert kb.tags["pm"].labels == {"en": "Project management", "es": "Gestión del proyecto"}
    assert kb.tags["doc_has.comparative"].labels["es"] == "Comparativa"
    assert kb.tags["s3"].labels == {"en": "s3", "es": "s3"}  # a tag the core does not name keeps its id


def test_tags_opts_in_to_another_taxonomy(notes: Path) -> None:
    kb = _kb_of(notes, ROOT / "tags")
    assert "aws.s3" in {tag for block in kb.blocks for tag in block.tags}


def test_the_folders_own_tags_folder_wins(notes: Path) -> None:
    (notes / "tags").mkdir()
    (notes / "tags" / "mine.yml").write_text("tags:\n  storage:\n    aliases: [s3]\n", encoding="utf-8")
    assert taxonomy_dir(notes, Settings()) == notes / "tags"
    kb = _kb_of(notes)
    assert "storage" in kb.tags and "s3" not in kb.tags
    assert kb.tags["pm"].labels["en"] == "Project management"  # the core still labels what the folder does not


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("01_pm", "pm"),
        ("01_pm.todo", "pm.todo"),
        ("02_qa.ux", "qa.ux"),
        ("03_doc_has.keypoint", "doc_has.keypoint"),
        ("pm.todo", "pm.todo"),
        ("pm_x", "pm_x"),
        ("001_pm", "001_pm"),
    ],
)
def test_the_viewers_equivalent_dimensions_are_one_tag(written: str, canonical: str) -> None:
    assert Taxonomy().canonical(written) == canonical
    core, _problems = load_taxonomy(CORE_TAGS)
    assert core.canonical(written) == canonical


def test_a_taxonomy_naming_the_numbered_twin_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "t.yml").write_text("tags:\n  01_pm:\n    labels: {en: Plans}\n", encoding="utf-8")
    taxonomy, _problems = load_taxonomy(tmp_path)
    assert taxonomy.canonical("pm.todo") == "01_pm.todo"
    assert taxonomy.label("01_pm", "en") == "Plans"
    assert taxonomy.label("01_pm.todo", "es") == "Pendiente"  # the core's label follows the dimension's name


def test_an_alias_of_one_twin_takes_the_other_along() -> None:
    taxonomy = Taxonomy({"plans": TagInfo("plans")}, {"pm": "plans"})
    assert taxonomy.canonical("01_pm.todo") == "plans.todo"
    assert taxonomy.canonical("pm") == "plans"


def test_the_core_taxonomy_renames_and_auto_tags_nothing() -> None:
    core, problems = load_taxonomy(CORE_TAGS)
    assert problems == ()
    assert all(not info.aliases and not info.keywords for info in core.entries.values())
    assert all(set(info.labels) == {"en", "es"} for info in core.entries.values())
    assert {"101", "pm", "qa", "doc_has"} <= set(core.entries)


def test_every_merged_id_gets_a_redirect_page_in_each_interface() -> None:
    note = read_note(NOTE.encode(), "a.txt", Settings())
    taxonomy, _problems = load_taxonomy(CORE_TAGS)
    kb = build_kb([note], taxonomy, ("en", "es"), ("en", "es"))
    redirects = tag_redirects(kb)
    assert redirects["01_pm.todo"] == "pm.todo"
    assert redirects["01_pm"] == "pm"  # above a written id
    assert redirects["03_doc_has.keypoint"] == "doc_has.keypoint"
    assert redirects["02_qa"] == "qa"  # the twin of a dimension the notes use
    assert not set(redirects) & set(kb.tags)
    pages = redirect_pages(kb, "es", ("en", "es"))
    page = pages["es/tags/01_pm.todo/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../pm.todo/">' in page
    assert '<a href="../pm.todo/">Pendiente</a>' in page and 'lang="es"' in page
    assert "<script" not in page
    english = redirect_pages(kb, "en", ("en", "es"))["tags/01_pm.todo/index.html"]
    assert "The tag <code>01_pm.todo</code> is the same as" in english


def test_no_redirect_to_a_topic_without_page() -> None:
    note = read_note(b"# A [[{ pm.todo }]]\n", "a.txt", Settings())
    taxonomy = Taxonomy({"storage": TagInfo("storage", aliases=("s3",))}, {"s3": "storage"})
    kb = build_kb([note], taxonomy)
    assert tag_redirects(kb) == {"01_pm": "pm", "01_pm.todo": "pm.todo"}


def test_a_redirect_is_written_where_its_id_is_served_and_links_encoded() -> None:
    note = read_note(b"# A [[{ 01_PM.TODO.@ma, QA.101? }]]\n", "a.txt", Settings())
    kb = build_kb([note], Taxonomy())
    pages = redirect_pages(kb, "en")
    page = pages["tags/01_pm.todo.@ma/index.html"]  # the folder MkDocs serves /tags/01_pm.todo.%40ma/ from
    assert 'url=../pm.todo.%40ma/"' in page and '<a href="../pm.todo.%40ma/">' in page
    assert "tags/02_qa.101?/index.html" in pages


def test_a_misnamed_closer_leads_to_the_block_it_closes() -> None:
    text = b"# Redis [[{ cache.redisson ]]\n  a client\n[[ cache.redis }]]\n[[ nothing.open }]]\n"
    kb = build_kb([read_note(text, "a.txt", Settings())], Taxonomy())
    redirects = tag_redirects(kb)
    assert redirects["cache.redis"] == "cache.redisson"
    assert "nothing.open" not in redirects  # it closes no block: `cuaderno check` reports it


# --- Reading taxonomy files written by others: one warning per bad value, the rest kept, bounded work. ---


def _load(tmp_path: Path, text: str) -> tuple[Taxonomy, list[tuple[int, str]]]:
    (tmp_path / "t.yml").write_text(text, encoding="utf-8")
    taxonomy, problems = load_taxonomy(tmp_path)
    assert all(Path(p.path).name == "t.yml" and p.code == "taxonomy" for p in problems)
    return taxonomy, [(p.line, p.message) for p in problems]


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("aws.s3", "aws.s3"),
        ("Security.101?", "security.101?"),
        ("PKCS#11", "pkcs#11"),
        ("dev_stack.*", "dev_stack"),
        ("q&amp;a", "q&amp;a"),
        ("101", "101"),
        ("<img src=x onerror=alert(1)>", None),
        ("a,b", None),
        ("{a}", None),
        ("[a]", None),
        ("$HOME", None),
        ("-f", None),
        ("name:'dev'", None),
        ("...", None),
        ("", None),
    ],
)
def test_taxonomy_ids_follow_the_marker_grammar(written: str, tag: str | None) -> None:
    assert taxonomy_tag(written) == tag


def test_ids_are_read_as_written(tmp_path: Path) -> None:
    taxonomy, problems = _load(tmp_path, "tags:\n  101: {labels: {en: Basics}}\n  1.10: {}\n  yes: {}\n  0x1F: {}\n")
    assert problems == []
    assert set(taxonomy.entries) >= {"101", "1.10", "yes", "0x1f"}  # not 101, 1.1, True, 31


@pytest.mark.parametrize(
    ("text", "lines", "kept"),
    [
        ("tags:\n  a:\n    keywords: {en: 5, es: [b]}\n", [3], {"keywords": {"es": ("b",)}}),
        ("tags:\n  a:\n    keywords: [x, y]\n", [3], {"keywords": {}}),
        ("tags:\n  a:\n    keywords: {en: [x, [y], z]}\n", [3], {"keywords": {"en": ("x", "z")}}),
        ("tags:\n  a:\n    aliases: 7\n", [3], {"aliases": ()}),
        ("tags:\n  a:\n    aliases: [b, <c>, d]\n", [3], {"aliases": ("b", "d")}),
        ("tags:\n  a:\n    labels: Text\n", [3], {"labels": {"en": "Text"}}),
        ("tags:\n  a:\n    labels: {en: [x], es: Bien}\n", [3], {"labels": {"es": "Bien"}}),
        ("tags:\n  a:\n    labels: {en: \"two\\n  lines\"}\n", [], {"labels": {"en": "two lines"}}),
        ("tags:\n  a:\n    labels: {en: \" \", es: Uno}\n", [], {"labels": {"es": "Uno"}}),
        ("tags:\n  a:\n    description: [x]\n", [3], {"description": {}}),
        ("tags:\n  a: 5\n", [2], {"labels": {}}),
        ("tags:\n  a:\n", [], {"labels": {}}),
        ("tags:\n  a:\n    labels:\n    aliases:\n    keywords: {en: }\n", [], {"aliases": ()}),
    ],
)
def test_a_value_of_the_wrong_shape_is_one_warning_and_the_rest_is_kept(
    tmp_path: Path, text: str, lines: list[int], kept: dict[str, object]
) -> None:
    taxonomy, problems = _load(tmp_path, text + "  other: {labels: {en: Other}}\n")
    assert [line for line, _message in problems] == lines
    info = taxonomy.entries["a"]
    assert {name: getattr(info, name) for name in kept} == kept
    assert taxonomy.label("other", "en") == "Other"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("tags:\n  - a\n  - b\n", 2, "`tags:` should map"),
        ("- a\n", 1, "a mapping with a `tags:` key"),
        ("tags:\n  ? [a, b]\n  : {}\n", 2, "a tag id is text"),
        ("tags:\n  a: [\n", 3, "cannot read this taxonomy file"),
        ("tags: {}\n---\ntags: {}\n", 2, "a single document"),
        ("tags:\n  a: &x [*x]\n", 2, "recursive alias"),
        ("tags:\n  a:\n    keywords: {en: " + "[" * 100 + "]" * 100 + "}\n", 3, "nest"),
    ],
)
def test_a_file_that_cannot_be_used_is_one_warning(tmp_path: Path, text: str, line: int, says: str) -> None:
    (tmp_path / "good.yml").write_text("tags:\n  kept: {labels: {en: Kept}}\n", encoding="utf-8")
    (tmp_path / "t.yml").write_text(text, encoding="utf-8")
    taxonomy, found = load_taxonomy(tmp_path)
    assert [(Path(p.path).name, p.line) for p in found] == [("t.yml", line)]
    assert says in found[0].message
    assert taxonomy.label("kept", "en") == "Kept"


def test_aliases_that_share_a_list_are_read(tmp_path: Path) -> None:
    text = "words: &w [bucket, object]\ntags:\n  s3: {keywords: {en: *w, es: *w}}\n"
    taxonomy, problems = _load(tmp_path, text)
    assert problems == []
    assert taxonomy.entries["s3"].keywords == {"en": ("bucket", "object"), "es": ("bucket", "object")}


def test_an_alias_bomb_is_refused_in_little_time_and_memory(tmp_path: Path) -> None:
    # Nine levels of nine aliases: 387 million strings once expanded (3 GB when a loader walked it).
    levels = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    text = "\n".join(levels) + "\ntags:\n  bomb:\n    keywords: {en: *i}\n    labels: {en: *i}\n"
    assert len(text.encode()) < 600
    tracemalloc.start()
    started = time.perf_counter()
    taxonomy, problems = _load(tmp_path, text)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 2 and peak < 20_000_000
    assert [line for line, _message in problems] == [6] and "alias bomb" in problems[0][1]
    assert "bomb" not in taxonomy.entries


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_text("tags:\n" + "#" * MAX_BYTES + "\n", encoding="utf-8")
    _taxonomy, problems = load_taxonomy(tmp_path)
    assert [(Path(p.path).name, p.line) for p in problems] == [("big.yml", 1)]
    assert "larger than" in problems[0].message


def test_the_bundled_taxonomy_reads_without_a_warning() -> None:
    taxonomy, problems = load_taxonomy(ROOT / "tags")
    assert problems == ()
    assert taxonomy.label("aws.s3", "en") and taxonomy.entries["aws.s3"].intro


def test_deep_block_nesting_is_refused_before_the_stack_runs_out() -> None:
    deep = "".join(f"{' ' * level}k{level}:\n" for level in range(2000)) + " " * 2000 + "end\n"
    with pytest.raises(YamlLimitError, match="nested more than"):
        compose(deep)
    assert compose("a:\n  b:\n    c: [1, 2]\n") is not None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file (the build tests use a link to nothing instead)")
def test_an_unreadable_file_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "locked.yml").write_text("tags:\n  a: {}\n", encoding="utf-8")
    (tmp_path / "locked.yml").chmod(0)
    (tmp_path / "good.yml").write_text("tags:\n  kept: {}\n", encoding="utf-8")
    taxonomy, problems = load_taxonomy(tmp_path)
    assert [(Path(p.path).name, p.line) for p in problems] == [("locked.yml", 1)]
    assert "kept" in taxonomy.entries


def test_load_reads_what_safe_load_reads_within_the_bounds() -> None:
    text = "title: x\nwhen: 2024-01-02\nlist: &l [1, 2.5, yes, ~]\nagain: *l\n"
    assert load(text) == yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError):
        load("x: !!python/object/apply:os.system [ls]\n")
    with pytest.raises(YamlLimitError):
        load("a: &a [" + ", ".join(["x"] * 400) + "]\nb: &b [" + ", ".join(["*a"] * 400) + "]\n")
