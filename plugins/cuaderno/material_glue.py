"""Where cuaderno meets Material for MkDocs: its search box runs on cuaderno's Pagefind index.

Material's header shows the search box when its `search` plugin is enabled,
and fills it from `partials/search.html`, which cuaderno provides. Material's
own indexing (lunr, `search/search_index.json`, rebuilt at every page) is
left out: its page and build hooks are taken off the build's events, and its
`on_post_build` does nothing when mkdocs-static-i18n calls it directly (that
plugin rebuilds the search index itself after each language's build).
"""

from __future__ import annotations

from mkdocs.plugins import PluginCollection

SEARCH_PLUGIN = "material/search"
_INDEXING_EVENTS = ("page_context", "post_build")


def take_over_search(plugins: PluginCollection) -> bool:
    """Unhook Material's search indexing; whether the site has Material's search box for cuaderno to run."""
    search = plugins.get(SEARCH_PLUGIN)
    if search is None or not getattr(search, "config", {}).get("enabled", True):
        return False
    for event in _INDEXING_EVENTS:
        handlers = plugins.events.get(event, [])
        handlers[:] = [handler for handler in handlers if getattr(handler, "__self__", None) is not search]
    search.on_post_build = _no_index
    return True


def _no_index(**_kwargs: object) -> None:
    """Material's search index is not written: cuaderno's Pagefind index replaces it."""
