"""The plain settings the core receives (the plugin maps its config onto them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cuaderno.taxonomy import CORE_TAGS


def bundled_tags_dir() -> Path:
    """The taxonomy a site gets when it names none: the core one, shipped in the package.

    It labels the marker format's conventional dimensions and renames nothing.
    The repository's `tags/` (AWS topics) belongs to its starter site, whose
    `mkdocs.yml` names it; a folder of notes uses it only through `--tags`.
    """
    return CORE_TAGS


@dataclass(frozen=True)
class Settings:
    """What the stages need to know about a site."""

    languages: tuple[str, ...] = ("en", "es")
    tags_dir: Path = field(default_factory=bundled_tags_dir)
    formats: dict[str, str] = field(default_factory=dict)
    # Link the first mention of a taxonomy keyword in each section to its topic page.
    topic_mentions: bool = True
