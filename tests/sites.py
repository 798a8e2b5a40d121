"""Build real sites for tests: `mkdocs build --strict` in a subprocess-free call."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from cuaderno.cli import site_config

ROOT = Path(__file__).resolve().parents[1]


def build_site(
    notes_dir: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    tags_dir: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> list[str]:
    """Build `notes_dir` with the bundled defaults; return the log lines at warning level and above."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_data = site_config(notes_dir, tags_dir or ROOT / "tags")
    config_data.update(overrides or {})
    config_file = site_dir.parent / f"{site_dir.name}-mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config_data, allow_unicode=True), encoding="utf-8")
    with mkdocs_log(logging.WARNING) as records:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        build(config)
    return records


@contextmanager
def mkdocs_log(level: int = logging.WARNING) -> Iterator[list[str]]:
    """The messages MkDocs logs at `level` and above meanwhile.

    A handler of its own on the `mkdocs` logger: once cuaderno's command line has run, that logger
    no longer propagates to the root logger, so pytest's caplog would see nothing.
    """
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler, previous = Collect(level), logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > level:
        logger.setLevel(level)
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def load_kb(site_dir: Path) -> dict[str, Any]:
    return json.loads((site_dir / "kb.json").read_text(encoding="utf-8"))


def copy_notes(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def expanded(tags: list[str]) -> set[str]:
    """Tags with every tag above them: what a block is found under (`aws.s3` -> aws, aws.s3)."""
    found: set[str] = set()
    for tag in tags:
        parts = tag.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return found
