"""Serve-style rebuilds: the plugin survives them, re-parses only edited notes, and shows every edit."""

from __future__ import annotations

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
    return config.plugins["cuaderno"]


def test_rebuild_parses_only_the_edited_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("a", "b", "c"):
        text = f"# Note {name} [[{{security}}]]\n  first text of {name}\n"
        (notes / f"{name}.txt").write_text(text, encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(site_config(notes, ROOT / "tags"), allow_unicode=True), encoding="utf-8")

    import cuaderno.plugin

    parsed: list[str] = []
    original = cuaderno.plugin.read_note

    def counting(data: bytes, path: str, settings: Any) -> Any:
        parsed.append(path)
        return original(data, path, settings)

    monkeypatch.setattr(cuaderno.plugin, "read_note", counting)
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
