"""`cuaderno build | serve | index | check`: a site from any folder of notes, no config needed."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from cuaderno.lint import lint_tags
from cuaderno.model import Severity
from cuaderno.pipeline import load_folders, taxonomy_dir
from cuaderno.render.export import kb_json
from cuaderno.settings import Settings

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def i18n_config(languages: tuple[str, ...] = ("en", "es")) -> dict[str, Any]:
    """mkdocs-static-i18n's options: the first language at `/`, each other at `/<code>/`.

    Its search deduplication stays off: cuaderno's search worker shows each
    interface its own pages instead.
    """
    return {
        "i18n": {
            "docs_structure": "suffix",
            "fallback_to_default": True,
            "reconfigure_material": True,
            "reconfigure_search": False,
            "languages": [
                {"locale": code, "default": index == 0, "name": LANGUAGE_NAMES.get(code, code), "build": True}
                for index, code in enumerate(languages)
            ],
        }
    }


def site_config(notes_dir: Path, tags_dir: Path) -> dict[str, Any]:
    """The bundled defaults: a Material site, offline, in English and Spanish, bilingual search, cuaderno."""
    return {
        "site_name": notes_dir.resolve().name or "cuaderno",
        "docs_dir": str(notes_dir.resolve()),
        "theme": {
            "name": "material",
            "language": "en",
            "font": False,
            # navigation.prune: a page holds the open branch of the navigation, not every note's link
            # (at 10,000 notes, whole navigations would make a site of about 100 GB). No navigation.sections:
            # it opens every top-level folder on every page, so notes filed by date (`k8s/2024-1/`) would put
            # a link per term of every topic on each page, a list that grows with the years of notes.
            "features": [
                "navigation.prune",
                "navigation.top",
                "search.highlight",
                "content.code.copy",
            ],
            # Light and dark schemes, with Material's toggle.
            "palette": [
                {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark mode"}},
                {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light mode"}},
            ],
        },
        "plugins": [
            {"search": {"lang": ["en", "es"]}},
            i18n_config(),
            {"cuaderno": {"tags_dir": str(tags_dir.resolve())}},
        ],
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            "tables",
            "admonition",
            {"toc": {"permalink": True}},
            "pymdownx.highlight",
            "pymdownx.superfences",
            "pymdownx.inlinehilite",
        ],
    }


def _write_config(notes_dir: Path, tags: Path | None, progress: bool = False) -> Path:
    tags_dir = taxonomy_dir(notes_dir, Settings(), tags)
    folder = Path(tempfile.mkdtemp(prefix="cuaderno-"))
    config = folder / "mkdocs.yml"
    data = site_config(notes_dir, tags_dir)
    for plugin in data["plugins"]:
        if "cuaderno" in plugin:
            plugin["cuaderno"]["progress"] = progress
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


def _mkdocs(arguments: list[str]) -> int:
    from mkdocs.__main__ import cli as mkdocs_cli

    try:
        mkdocs_cli.main(args=arguments, prog_name="cuaderno", standalone_mode=False)
    except SystemExit as leaving:  # pragma: no cover - depends on click's handling
        return int(leaving.code or 0)
    except Exception as error:  # MkDocs' Abort and ConfigurationError
        print(f"cuaderno: {error}", file=sys.stderr)
        return 1
    return 0


def build(args: argparse.Namespace) -> int:
    """Build a site from a folder of notes."""
    config = _write_config(Path(args.notes_dir), args.tags, progress=True)
    arguments = ["build", "-f", str(config), "-d", str(Path(args.output).resolve())]
    if args.strict:
        arguments.append("--strict")
    return _mkdocs(arguments)


def serve(args: argparse.Namespace) -> int:
    """Serve a folder of notes with live reload."""
    config = _write_config(Path(args.notes_dir), args.tags)
    return _mkdocs(["serve", "-f", str(config), "-a", args.dev_addr])


def index(args: argparse.Namespace) -> int:
    """Print `kb.json` for the notes of the given folders."""
    loaded = load_folders([Path(d) for d in args.notes_dirs], Settings(), args.tags)
    print(kb_json(loaded.kb))
    return 0


def check(args: argparse.Namespace) -> int:
    """Lint notes; exit 1 when an error is found."""
    errors = 0
    for folder in args.notes_dirs:
        loaded = load_folders([Path(folder)], Settings(), args.tags)
        for diagnostic in (*loaded.diagnostics, *lint_tags(loaded.notes, loaded.taxonomy)):
            shown = Path(diagnostic.path)
            where = shown if shown.is_absolute() else Path(folder) / shown
            column = f":{diagnostic.column}" if diagnostic.column else ""
            print(
                f"{where}:{diagnostic.line}{column}: {diagnostic.severity.value}: "
                f"{diagnostic.message} [{diagnostic.code}]"
            )
            errors += diagnostic.severity is Severity.ERROR
    return 1 if errors else 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    root = argparse.ArgumentParser(prog="cuaderno", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    tags_help = "taxonomy folder (default: NOTES_DIR/tags/, else the bundled taxonomy)"

    p_build = commands.add_parser("build", help="build a site from a folder of notes")
    p_build.add_argument("notes_dir")
    p_build.add_argument("-o", "--output", default="site", help="site folder (default: ./site)")
    p_build.add_argument("--tags", type=Path, help=tags_help)
    p_build.add_argument("--strict", action="store_true", help="fail on any warning")
    p_build.set_defaults(run=build)

    p_serve = commands.add_parser("serve", help="serve a folder of notes with live reload")
    p_serve.add_argument("notes_dir")
    p_serve.add_argument("--tags", type=Path, help=tags_help)
    p_serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    p_serve.set_defaults(run=serve)

    p_index = commands.add_parser("index", help="print kb.json without building")
    p_index.add_argument("notes_dirs", nargs="+")
    p_index.add_argument("--tags", type=Path, help=tags_help)
    p_index.set_defaults(run=index)

    p_check = commands.add_parser("check", help="lint notes: file:line: message; exit 1 on errors")
    p_check.add_argument("notes_dirs", nargs="+")
    p_check.add_argument("--tags", type=Path, help=tags_help)
    p_check.set_defaults(run=check)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cuaderno` command."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
