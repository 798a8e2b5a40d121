"""The core never imports MkDocs; every string exists in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cuaderno.i18n import LANGUAGES, STRINGS

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "cuaderno"
# The plugin and its glue to MkDocs, Material and mkdocs-static-i18n.
MKDOCS_SIDE = {
    "plugin.py",
    "cli.py",
    "config_glue.py",
    "material_glue.py",
    "i18n_glue.py",
    "fast_rebuild.py",
    "site_pages.py",
    "site_nav.py",
    "site_build.py",
    "build_log.py",
}


def core_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in MKDOCS_SIDE]


@pytest.mark.parametrize("module", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_does_not_import_mkdocs(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names] + [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ]
    assert not [name for name in imported if name.split(".")[0] in ("mkdocs", "material")]


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_every_language(key: str) -> None:
    assert all(STRINGS[key].get(lang, "").strip() for lang in LANGUAGES), key


def test_the_plugin_class_is_hooks_that_delegate() -> None:
    """The plugin class stays under 150 lines: state lives in the core's session, MkDocs' side in the glue."""
    tree = ast.parse((PACKAGE / "plugin.py").read_text(encoding="utf-8"))
    plugin = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "CuadernoPlugin")
    assert plugin.end_lineno is not None
    lines = plugin.end_lineno - plugin.lineno + 1
    assert lines < 150, f"CuadernoPlugin is {lines} lines"


def test_the_session_imports_nothing_of_mkdocs() -> None:
    """The serve state is tested without MkDocs: its modules are in the core."""
    for name in ("site_session.py", "page_reuse.py", "site_stash.py", "background.py", "site_data.py"):
        assert name not in MKDOCS_SIDE and (PACKAGE / name).is_file()
