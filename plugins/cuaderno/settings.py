"""The plain settings the core receives (the plugin maps its config onto them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BUNDLED_TAGS = Path(__file__).resolve().parent / "bundled" / "tags"
REPOSITORY_TAGS = Path(__file__).resolve().parents[2] / "tags"


def bundled_tags_dir() -> Path:
    """The taxonomy shipped with cuaderno (package data, else the repository's `tags/`)."""
    return BUNDLED_TAGS if BUNDLED_TAGS.is_dir() else REPOSITORY_TAGS


@dataclass(frozen=True)
class Settings:
    """What the stages need to know about a site."""

    languages: tuple[str, ...] = ("en", "es")
    tags_dir: Path = field(default_factory=bundled_tags_dir)
    formats: dict[str, str] = field(default_factory=dict)
    # Link the first mention of a taxonomy keyword in each section to its topic page.
    topic_mentions: bool = True
