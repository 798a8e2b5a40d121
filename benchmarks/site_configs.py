"""The two sites compared: cuaderno's bundled configuration, and plain Material on the same Markdown.

Fairness: cuaderno's site is the one `cuaderno build` makes (`cli.site_config`):
Material, the search plugin, mkdocs-static-i18n building English at `/` and
Spanish at `/es/`, and cuaderno. The plain site keeps everything but cuaderno:
the same theme and features, the same Markdown extensions and assets, the same
search plugin, and mkdocs-static-i18n with the same two languages, fed the
Markdown cuaderno handed MkDocs in each language build (`name.md` and
`name.es.md`). Both builds render the same pages in the same two interfaces
through the same machinery, so the ratio is what cuaderno adds. Leaving the
i18n plugin out of the plain build instead would charge cuaderno for
mkdocs-static-i18n's second pass (and a single nav twice as long).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from benchmarks.capture_hook import NOT_IN_NAV, PAGES_DIR
from cuaderno.cli import site_config
from cuaderno.site_assets import PAGE_SCRIPTS

ROOT = Path(__file__).resolve().parents[1]
TAGS_DIR = ROOT / "tags"
CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"
ASSETS = ROOT / "plugins" / "cuaderno" / "assets"
ASSET_DIR = "assets/cuaderno"


def cuaderno_config(notes_dir: Path, *, capture: bool = False) -> dict[str, Any]:
    """`cuaderno build NOTES_DIR`'s configuration, with the repository's taxonomy."""
    config = site_config(notes_dir, TAGS_DIR)
    if capture:
        config["hooks"] = [str(CAPTURE_HOOK)]
    return config


def _without_cuaderno(plugins: list[Any]) -> list[Any]:
    kept = []
    for entry in plugins:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name != "cuaderno":
            kept.append(entry)
    return kept


def plain_config(notes_dir: Path, capture_dir: Path) -> dict[str, Any]:
    """Material without cuaderno, on the pages captured from cuaderno's build of `notes_dir`."""
    config = copy.deepcopy(cuaderno_config(notes_dir))
    pages = capture_dir / PAGES_DIR
    config["docs_dir"] = str(pages)
    config["plugins"] = _without_cuaderno(config["plugins"])
    # The stylesheets and scripts cuaderno adds, as plain files, so both sites ship the same assets.
    (pages / ASSET_DIR).mkdir(parents=True, exist_ok=True)
    config["extra_css"], config["extra_javascript"] = [], []
    for asset in sorted(ASSETS.glob("*.*")):
        shutil.copy2(asset, pages / ASSET_DIR / asset.name)
        if asset.suffix == ".css":
            config["extra_css"].append(f"{ASSET_DIR}/{asset.name}")
    # The page scripts are ES modules, as cuaderno loads them; they import the other modules themselves.
    config["extra_javascript"] = [{"path": f"{ASSET_DIR}/{script}", "type": "module"} for script in PAGE_SCRIPTS]
    listing = capture_dir / NOT_IN_NAV
    if listing.exists():
        # Topic pages are out of cuaderno's navigation; keep them out of the plain one too.
        config["not_in_nav"] = "\n".join(sorted(set(listing.read_text(encoding="utf-8").split())))
    return config


def write_config(config: dict[str, Any], target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target
