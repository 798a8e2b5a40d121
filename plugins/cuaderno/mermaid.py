"""Where the Mermaid script comes from: an npm install beside the site, never a CDN.

cuaderno does not ship Mermaid. `npm install` (the repository's `package.json`)
puts it in `node_modules/`; without it, Mermaid fences are shown as their
source, with a notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MERMAID_SCRIPT = Path("node_modules") / "mermaid" / "dist" / "mermaid.min.js"
# An editable install of cuaderno: its repository's own `npm install`.
REPOSITORY = Path(__file__).resolve().parents[2]


def find_mermaid_script(folders: Iterable[Path]) -> Path | None:
    """The first `node_modules/mermaid/dist/mermaid.min.js` under `folders`, then cuaderno's repository."""
    for folder in (*folders, REPOSITORY):
        candidate = folder / MERMAID_SCRIPT
        if candidate.is_file():
            return candidate
    return None
