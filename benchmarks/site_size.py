"""How much text a built site holds, and how much of it is the explorer's index (`kb.json`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".html", ".htm", ".js", ".css", ".json", ".xml", ".txt", ".svg", ".map"})


@dataclass(frozen=True)
class SiteSize:
    """Bytes of every text file of the site (kb.json included), of its HTML pages, and of kb.json."""

    text_bytes: int
    html_bytes: int
    kb_bytes: int
    pages: int

    @property
    def kb_share(self) -> float:
        return self.kb_bytes / self.text_bytes if self.text_bytes else float("nan")


def measure_site(site_dir: Path, kb_file: str = "kb.json") -> SiteSize:
    text = html = pages = 0
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        size = path.stat().st_size
        text += size
        if path.suffix.lower() in (".html", ".htm"):
            html += size
            pages += 1
    kb = site_dir / kb_file
    return SiteSize(text, html, kb.stat().st_size if kb.exists() else 0, pages)
