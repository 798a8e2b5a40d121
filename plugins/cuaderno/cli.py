"""`cuaderno build | serve | index | check`: a site from any folder of notes, no config needed."""

from __future__ import annotations

import argparse
import errno
import html
import logging
import os
import socket
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml

from cuaderno.i18n import count, t
from cuaderno.lint import lint_tags
from cuaderno.model import Severity
from cuaderno.pipeline import load_folders, note_paths, taxonomy_dir
from cuaderno.render.export import kb_json
from cuaderno.settings import Settings
from cuaderno.site_folder import StagedBuild, UnsafeOutput, check_output, is_inside

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def i18n_config(languages: tuple[str, ...] = ("en", "es")) -> dict[str, Any]:
    """mkdocs-static-i18n's options: the first language at `/`, each other at `/<code>/`.

    Its search deduplication stays off: cuaderno indexes each interface's
    pages with Pagefind itself (search_index.py).
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


def site_config(notes_dir: Path, tags_dir: Path, site_name: str | None = None) -> dict[str, Any]:
    """The bundled defaults: a Material site, offline, in English and Spanish, bilingual search, cuaderno."""
    # Material prints the site name as HTML in the page's <title> and header: a folder named `<b>x` is text.
    # (Its title="" attributes escape it again, so there `&`, `<` and `>` show as entities: a rare, harmless cost.)
    name = site_name or notes_dir.resolve().name or "cuaderno"
    return {
        "site_name": html.escape(name, quote=False),
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


def interface_language() -> str:
    """The language of the user's locale for the command's own messages: Spanish for `es_*`, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def say(key: str, **values: object) -> None:
    """Print one of the command's messages on stderr, in the user's language."""
    print(f"cuaderno: {t(key, interface_language(), **values)}", file=sys.stderr)


def _config_data(args: argparse.Namespace, notes_dir: Path, *, progress: bool = False) -> dict[str, Any]:
    tags_dir = taxonomy_dir(notes_dir, Settings(), args.tags)
    data = site_config(notes_dir, tags_dir, site_name=args.site_name)
    for plugin in data["plugins"]:
        if "cuaderno" in plugin:
            plugin["cuaderno"]["progress"] = progress
            if args.sanitize:  # `--sanitize` alone trusts no note; `--sanitize GLOB` (repeatable) names them
                plugin["cuaderno"]["sanitize"] = True if None in args.sanitize else list(args.sanitize)
    return data


@contextmanager
def _config_file(data: dict[str, Any]) -> Iterator[Path]:
    """The site's `mkdocs.yml` in a temporary folder, removed when the command ends (Ctrl-C too)."""
    with tempfile.TemporaryDirectory(prefix="cuaderno-") as folder:
        config = Path(folder) / "mkdocs.yml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        yield config


class _Warnings(logging.Handler):
    """Collects MkDocs' warnings of one run, for the summary of a failed strict build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs(arguments: list[str]) -> None:
    """Run an `mkdocs` command in this process; its errors come back as exceptions."""
    from mkdocs.__main__ import cli as mkdocs_cli

    try:
        mkdocs_cli.main(args=arguments, prog_name="cuaderno", standalone_mode=False)
    except SystemExit as leaving:  # pragma: no cover - depends on click's handling
        if leaving.code:
            raise RuntimeError(f"mkdocs exited with {leaving.code}") from leaving


def _reason(error: BaseException) -> str:
    """One line saying what went wrong, never empty."""
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _interrupted(error: BaseException) -> bool:
    """Ctrl-C, which click turns into an `Abort` with no message."""
    while error is not None:
        if isinstance(error, KeyboardInterrupt):
            return True
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return False


def _folder_problem(folder: Path) -> bool:
    """Say why `folder` cannot be read as notes, if it cannot."""
    if not folder.is_dir():
        say("cli.no_folder", folder=folder)
        return True
    try:
        next(os.scandir(folder), None)
    except OSError as error:
        say("cli.unreadable", folder=folder, reason=error.strerror or _reason(error))
        return True
    if not note_paths(folder):
        say("cli.no_notes", folder=folder)
        return True
    return False


def _strict_summary(warnings: list[str]) -> None:
    lang = interface_language()
    say("cli.strict_failed", warnings=count("warnings", lang, len(warnings)))
    shown = 20
    for message in warnings[:shown]:
        print(f"  {message}", file=sys.stderr)
    if len(warnings) > shown:
        print(f"  {t('cli.more', lang, count=len(warnings) - shown)}", file=sys.stderr)


def build(args: argparse.Namespace) -> int:
    """Build a site from a folder of notes, replacing the output folder only when the build succeeds."""
    notes_dir = Path(args.notes_dir)
    if _folder_problem(notes_dir):
        return 2
    output = Path(args.output)
    try:
        check_output(output, notes_dir, clean=args.clean)
    except UnsafeOutput as unsafe:
        if unsafe.reason == "foreign":
            listed = ", ".join(unsafe.entries[:3]) + (", …" if len(unsafe.entries) > 3 else "")
            say("cli.foreign_output", folder=output, entries=listed)
        else:
            say("cli.output_holds_notes" if unsafe.reason == "notes-inside" else "cli.output_not_folder", folder=output)
        return 2
    data = _config_data(args, notes_dir, progress=True)
    if is_inside(output.parent, notes_dir):
        # The notes must not see the site as notes (MkDocs would copy its pages into the next site).
        relative = output.resolve().relative_to(notes_dir.resolve()).as_posix()
        data["exclude_docs"] = f"/{relative}/\n"
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        with StagedBuild(output, notes_dir) as staged, _config_file(data) as config:
            arguments = ["build", "-f", str(config), "-d", str(staged.staging)]
            _mkdocs([*arguments, "--strict"] if args.strict else arguments)
            staged.publish()
    except BaseException as error:
        if _interrupted(error):
            say("cli.interrupted", folder=output)
            return 130
        if not isinstance(error, Exception):
            raise
        say("cli.failed", folder=output, reason=_reason(error))
        if args.strict and warnings.messages:
            _strict_summary(warnings.messages)
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    say("cli.built", folder=output)
    return 0


def _address(text: str) -> tuple[str, int] | None:
    host, _colon, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host.strip("[]"), int(port)


def _port_busy(host: str, port: int) -> bool:
    """Whether another program already listens on `host:port` (checked before the first build)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


def serve(args: argparse.Namespace) -> int:
    """Serve a folder of notes with live reload."""
    notes_dir = Path(args.notes_dir)
    if _folder_problem(notes_dir):
        return 2
    address = _address(args.dev_addr)
    if address is None:
        say("cli.bad_address", address=args.dev_addr)
        return 2
    host, port = address
    if _port_busy(host, port):
        say("cli.port_busy", address=args.dev_addr, suggestion=f"{host}:{port + 1 if port < 65535 else 8001}")
        return 2
    try:
        with _config_file(_config_data(args, notes_dir)) as config:
            _mkdocs(["serve", "-f", str(config), "-a", args.dev_addr])
    except Exception as error:
        say("cli.failed", folder=notes_dir, reason=_reason(error))
        return 1
    return 0


def index(args: argparse.Namespace) -> int:
    """Print `kb.json` for the notes of the given folders."""
    folders = [Path(d) for d in args.notes_dirs]
    if any([_folder_problem(folder) for folder in folders]):
        return 2
    loaded = load_folders(folders, Settings(), args.tags)
    print(kb_json(loaded.kb))
    return 0


def check(args: argparse.Namespace) -> int:
    """Lint notes as `file:line[:column]: severity: message [code]`; exit 1 on errors, 2 on a folder it cannot read."""
    folders = [Path(d) for d in args.notes_dirs]
    if any([_folder_problem(folder) for folder in folders]):
        return 2
    errors = 0
    for folder in folders:
        loaded = load_folders([folder], Settings(), args.tags)
        for diagnostic in (*loaded.diagnostics, *lint_tags(loaded.notes, loaded.taxonomy)):
            shown = Path(diagnostic.path)
            where = shown if shown.is_absolute() else folder / shown
            column = f":{diagnostic.column}" if diagnostic.column else ""
            print(
                f"{where}:{diagnostic.line}{column}: {diagnostic.severity.value}: "
                f"{diagnostic.message} [{diagnostic.code}]"
            )
            errors += diagnostic.severity is Severity.ERROR
    return 1 if errors else 0


def _version() -> str:
    try:
        return version("mkdocs-cuaderno")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
        return "unknown"


def parser() -> argparse.ArgumentParser:
    """The command line."""
    root = argparse.ArgumentParser(prog="cuaderno", description=__doc__)
    root.add_argument("--version", action="version", version=f"cuaderno {_version()}")
    commands = root.add_subparsers(dest="command", required=True)
    tags_help = "taxonomy folder (default: NOTES_DIR/tags/, else the core taxonomy of the format's dimensions)"
    name_help = "the site's name (default: the notes folder's name)"

    p_build = commands.add_parser("build", help="build a site from a folder of notes")
    p_build.add_argument("notes_dir")
    p_build.add_argument(
        "-o",
        "--output",
        default="site",
        help="site folder (default: ./site); it is replaced only when the build succeeds",
    )
    p_build.add_argument("--tags", type=Path, help=tags_help)
    p_build.add_argument("--site-name", help=name_help)
    p_build.add_argument("--strict", action="store_true", help="fail on any warning")
    p_build.add_argument(
        "--clean", action="store_true", help="replace the output folder even if it holds files cuaderno did not make"
    )
    p_build.set_defaults(run=build)

    sanitize_help = (
        "notes you did not write (all, or those a glob names; repeatable): their rendered HTML is cleaned "
        "of scripts, handlers and foreign links"
    )
    p_build.add_argument("--sanitize", nargs="?", action="append", metavar="GLOB", help=sanitize_help)

    p_serve = commands.add_parser("serve", help="serve a folder of notes with live reload")
    p_serve.add_argument("notes_dir")
    p_serve.add_argument("--tags", type=Path, help=tags_help)
    p_serve.add_argument("--site-name", help=name_help)
    p_serve.add_argument("--sanitize", nargs="?", action="append", metavar="GLOB", help=sanitize_help)
    p_serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (HOST:PORT)")
    p_serve.set_defaults(run=serve)

    p_index = commands.add_parser("index", help="print kb.json without building")
    p_index.add_argument("notes_dirs", nargs="+")
    p_index.add_argument("--tags", type=Path, help=tags_help)
    p_index.set_defaults(run=index)

    check_help = "lint notes: FILE:LINE[:COLUMN]: SEVERITY: MESSAGE [CODE]; exit 1 on errors, 2 on an unreadable folder"
    p_check = commands.add_parser("check", help=check_help, description=check_help)
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
