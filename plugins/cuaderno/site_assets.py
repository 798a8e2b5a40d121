"""The files cuaderno adds to every site: its stylesheets, fonts and browser modules, and its templates."""

from __future__ import annotations

from pathlib import Path

from cuaderno.urls import ASSET_DIR

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
TEMPLATES = PACKAGE / "templates"
# Every file of `assets/` is served under ASSET_DIR (urls.py): stylesheets, fonts, and the browser scripts' modules.
ASSET_FILES = tuple(sorted(path.relative_to(ASSETS).as_posix() for path in ASSETS.rglob("*") if path.is_file()))
# The ES modules each page loads (`<script type="module">`); they import the other modules themselves.
PAGE_SCRIPTS = ("explorer.js", "diagram.js", "preview.js", "search.js")
MERMAID_URL = f"{ASSET_DIR}/mermaid.min.js"
DOMPURIFY_URL = f"{ASSET_DIR}/purify.min.js"
STYLESHEETS = tuple(f"{ASSET_DIR}/{sheet.name}" for sheet in sorted(ASSETS.glob("*.css")))
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences")
