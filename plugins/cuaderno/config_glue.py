"""What cuaderno adds to a site's MkDocs configuration: Markdown extensions, its scripts and sheets, templates.

mkdocs-static-i18n configures the same configuration again for each
interface: each addition is made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.superfences import fence_code_format

from cuaderno.material_glue import take_over_search
from cuaderno.mermaid import find_dompurify_script, find_mermaid_script
from cuaderno.safe_links import SafeLinksExtension
from cuaderno.site_assets import DOMPURIFY_URL, MARKDOWN_EXTENSIONS, PAGE_SCRIPTS, STYLESHEETS, TEMPLATES
from cuaderno.urls import ASSET_DIR


@dataclass(frozen=True)
class SiteScripts:
    """The browser scripts the site serves besides cuaderno's own, and whether it has Material's search box."""

    mermaid: Path | None  # the Mermaid script; without it, diagrams are left to the theme
    dompurify: Path | None  # cleans previews and explorer cards; without it they show text
    search_box: bool  # Material's search box is there, run on cuaderno's Pagefind index


def module_script(url: str) -> ExtraScriptValue:
    """A `<script type="module">` of the site's pages."""
    script = ExtraScriptValue(url)
    script.type = "module"
    return script


def mermaid_fences(config: MkDocsConfig) -> None:
    """Let pymdownx.superfences hand ```` ```mermaid ```` fences to Material's Mermaid support (unless already set)."""
    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = options.setdefault("custom_fences", [])
    if not any(fence.get("name") == "mermaid" for fence in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})


def configure_site(config: MkDocsConfig, mermaid_js: str | None) -> SiteScripts:
    """Add the Markdown extensions cuaderno's pages need, its scripts and stylesheets; find the scripts it serves."""
    for extension in MARKDOWN_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    # Every note's Markdown links and images, whatever tricks they are written with, keep to safe schemes.
    if not any(isinstance(extension, SafeLinksExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(SafeLinksExtension())
    # The site's folder and the working folder: where `npm ci` put the browser scripts the site serves.
    here = [Path(config.config_file_path or ".").resolve().parent, Path.cwd()]
    mermaid = Path(mermaid_js) if mermaid_js else find_mermaid_script(here)
    mermaid_fences(config)
    scripts = SiteScripts(mermaid, find_dompurify_script(here), take_over_search(config.plugins))
    listed = {str(script) for script in config.extra_javascript}
    if scripts.dompurify is not None and DOMPURIFY_URL not in listed:  # before the scripts that use it
        config.extra_javascript.append(DOMPURIFY_URL)
    modules = [f"{ASSET_DIR}/{script}" for script in PAGE_SCRIPTS]
    config.extra_javascript.extend(module_script(url) for url in modules if url not in listed)
    config.extra_css.extend(sheet for sheet in STYLESHEETS if sheet not in config.extra_css)
    return scripts


def templates_first(config: MkDocsConfig) -> None:
    """Put cuaderno's templates (the sitemap, the search box) before the theme's and mkdocs-static-i18n's."""
    dirs = config.theme.dirs
    if str(TEMPLATES) in dirs:
        dirs.remove(str(TEMPLATES))
    dirs.insert(0, str(TEMPLATES))
