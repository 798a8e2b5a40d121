"""Where the third-party browser scripts come from: an npm install beside the site, never a CDN.

cuaderno does not ship them. `npm install` (the repository's `package.json`)
puts them in `node_modules/`: Mermaid, which draws Mermaid fences (without it,
they are shown as their source, with a notice), and DOMPurify, which cleans the
HTML of hover previews and explorer cards (without it, they show text only).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MERMAID_SCRIPT = Path("node_modules") / "mermaid" / "dist" / "mermaid.min.js"
DOMPURIFY_SCRIPT = Path("node_modules") / "dompurify" / "dist" / "purify.min.js"
# An editable install of cuaderno: its repository's own `npm install`.
REPOSITORY = Path(__file__).resolve().parents[2]


def find_npm_script(script: Path, folders: Iterable[Path]) -> Path | None:
    """The first `script` (a path under `node_modules/`) under `folders`, then under cuaderno's repository."""
    for folder in (*folders, REPOSITORY):
        candidate = folder / script
        if candidate.is_file():
            return candidate
    return None


def find_mermaid_script(folders: Iterable[Path]) -> Path | None:
    """The first `node_modules/mermaid/dist/mermaid.min.js` under `folders`, then cuaderno's repository."""
    return find_npm_script(MERMAID_SCRIPT, folders)


def find_dompurify_script(folders: Iterable[Path]) -> Path | None:
    """The first `node_modules/dompurify/dist/purify.min.js` under `folders`, then cuaderno's repository."""
    return find_npm_script(DOMPURIFY_SCRIPT, folders)
