from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cuaderno.cli import main
from tests.sites import ROOT


def test_index_prints_kb_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(ROOT / "docs")]) == 0
    kb = json.loads(capsys.readouterr().out)
    assert kb["version"] == 1 and len(kb["notes"]) > 10
    paths = {n["path"] for n in kb["notes"]}
    assert "aws/networking/vpc.txt" in paths


def test_index_on_corpus_folds_case(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(corpus)]) == 0
    kb = json.loads(capsys.readouterr().out)
    ids = [t["id"] for t in kb["tags"]]
    assert ids.count("1_price") == 1 and "1_PRICE" not in ids
    paragraph = [b for b in kb["blocks"] if b["tags"] == ["doc_has.comparative"] and b["kind"] == "paragraph"]
    assert len(paragraph) == 1


def test_check_clean_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT / "docs")]) == 0
    capsys.readouterr()
    (tmp_path / "a.txt").write_text("ok\n[[}]]\n## H [[{ x ]]\ntext\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{tmp_path / 'a.txt'}:2:1: error: closer [[}}]] has no open block to close [unbalanced-closer]" in out
    assert any(line.startswith(f"{tmp_path / 'a.txt'}:3: error: block [x]") for line in out)


def test_build_any_folder(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "uno.txt").write_text("# Uno [[{ s3 ]]\n  texto  alineado\n[[}]]\n", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(tmp_path / "out"), "--strict"]) == 0
    page = (tmp_path / "out" / "uno" / "index.html").read_text(encoding="utf-8")
    assert "texto  alineado" in page
    kb = json.loads((tmp_path / "out" / "kb.json").read_text(encoding="utf-8"))
    # A folder without its own tags/ gets the core taxonomy, which renames nothing the author wrote.
    assert kb["blocks"][0]["tags"] == ["s3"]
    # `--tags` opts in to another taxonomy: the starter site's merges the alias `s3` into `aws.s3`.
    assert main(["build", str(notes), "-o", str(tmp_path / "out"), "--tags", str(ROOT / "tags")]) == 0
    kb = json.loads((tmp_path / "out" / "kb.json").read_text(encoding="utf-8"))
    assert kb["blocks"][0]["tags"] == ["aws.s3"]


def test_a_taxonomy_inside_the_notes_folder_is_configuration(tmp_path: Path) -> None:
    """`NOTES_DIR/tags/` is the taxonomy: its YAML and topic introductions are neither notes nor pages."""
    import shutil

    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copytree(ROOT / "tags", notes / "tags")
    (notes / "uno.txt").write_text("# Uno [[{aws.s3}]]\n  un bucket\n", encoding="utf-8")
    assert any((notes / "tags").glob("*.es.md"))  # introductions in both languages, as mkdocs-static-i18n reads them
    assert main(["build", str(notes), "-o", str(tmp_path / "out"), "--strict"]) == 0
    kb = json.loads((tmp_path / "out" / "kb.json").read_text(encoding="utf-8"))
    assert [note["path"] for note in kb["notes"]] == ["uno.txt"]
    assert not (tmp_path / "out" / "tags" / "aws.s3.es").exists()


def test_a_page_holds_the_open_branch_of_the_navigation_not_every_note(tmp_path: Path) -> None:
    """The bundled config prunes the navigation: a folder of thousands of notes is not on every page.

    Nor are the sub-folders of every other folder (Material's `navigation.sections` would open them all).
    """
    notes = tmp_path / "notes"
    terms = {
        "aws/2013-1": ("one", "two"),
        "aws/2013-2": ("three", "four"),
        "k8s/2013-1": ("five", "six"),
        "k8s/2013-2": ("seven", "eight"),
    }
    for folder, names in terms.items():
        (notes / folder).mkdir(parents=True)
        for name in names:
            (notes / folder / f"{name}.txt").write_text(f"# {name.title()}\n  some text\n", encoding="utf-8")
    assert main(["build", str(notes), "-o", str(tmp_path / "out"), "--strict"]) == 0

    def nav_links(page: str) -> set[str]:
        html = (tmp_path / "out" / page / "index.html").read_text(encoding="utf-8")
        primary = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
        return {href.rstrip("/").rsplit("/", 1)[-1] for href in re.findall(r'href="([^"#]+)"', primary)}

    # On a page of one term, the other term is one link (to its first note, by name); its other note is left out.
    assert {"two", "four"} <= nav_links("aws/2013-1/one") and "three" not in nav_links("aws/2013-1/one")
    assert {"four", "one"} <= nav_links("aws/2013-2/three") and "two" not in nav_links("aws/2013-2/three")
    # Another top-level folder is one link too, not one per term: the list does not grow with the years.
    assert "five" in nav_links("aws/2013-1/one") and not {"seven", "eight"} & nav_links("aws/2013-1/one")
