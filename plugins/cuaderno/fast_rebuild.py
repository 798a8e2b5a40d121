"""Rebuild what changed: MkDocs converts and writes only the pages whose inputs changed since the last build.

MkDocs (without `--dirty`) empties the site folder and converts and writes
every page at every rebuild of `mkdocs serve`, and mkdocs-static-i18n does
it again for each other language. Here, in each interface's build:

- before MkDocs empties the site folder, the last build's site is set aside
  (`SiteStash`), and put back once the navigation is known, if the site
  (configuration, files, navigation, titles) is the last build's;
- the pages whose state (`PageState`) is the last build's are marked
  excluded, after the navigation was made with them: MkDocs neither
  converts nor writes them, their written HTML stays, and the navigation
  shows them with the title they had;
- when the site is the last build's, so are the theme's templates made
  from it (`404.html`, `sitemap.xml`), the static files copied then whose
  sources have not changed since, and the files made from text (redirect
  pages) that the site holds already: MkDocs neither renders nor writes
  them again;
- after the build, their inclusion is given back and the build remembered.

While serving, the theme's templates are compiled once (`CompiledTemplates`)
and its files listed once (`ThemeListing`).

Any other change (a note added, removed or renamed, a title the navigation
shows, the taxonomy, `mkdocs.yml`) builds every page, as MkDocs does.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from cuaderno.i18n_glue import replay_page_context
from cuaderno.live_watch import InstantWatch
from cuaderno.page_reuse import PageState, RebuildPlan, site_key
from cuaderno.site_stash import SiteStash
from cuaderno.template_cache import CompiledTemplates
from cuaderno.theme_listing import ThemeListing


def configuration_key(config: MkDocsConfig) -> Hashable:
    """What of the configuration every page shows: `mkdocs.yml` itself, the site's URL, the theme's language.

    And the day: the sitemap gives it as every page's date.
    """
    path = Path(config.config_file_path or "")
    text = hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else ""
    theme = config.theme
    day = get_build_date()
    return text, config.site_url, str(theme.get("language")), tuple(theme.dirs), config.use_directory_urls, day


def file_keys(files: Files) -> list[Hashable]:
    """Where each file of the site goes: a page the navigation or the language switcher links."""
    return [
        (file.src_uri, file.dest_uri, file.url, file.inclusion.value, getattr(file, "edit_uri", None)) for file in files
    ]


def navigation_key(nav: Navigation) -> Hashable:
    """The navigation's shape: its sections, links and pages in order (the pages' titles are the states')."""

    def items(entries: Iterable[object]) -> tuple[Hashable, ...]:
        key: list[Hashable] = []
        for item in entries:
            if isinstance(item, Page):
                key.append(("page", item.file.src_uri, item.url))
            elif isinstance(item, Section):
                key.append(("section", item.title, items(item.children)))
            elif isinstance(item, Link):
                key.append(("link", item.title, item.url))
        return tuple(key)

    homepage = nav.homepage.file.src_uri if nav.homepage is not None else None
    return items(nav.items), tuple(page.file.src_uri for page in nav.pages), homepage


def _static_stamps(files: Files) -> dict[str, tuple[int, int]]:
    """The size and time of each static file's source (the files copied, not made from text)."""
    stamps = {}
    for file in files:
        if file.abs_src_path is not None and not file.is_documentation_page():
            try:
                stat = os.stat(file.abs_src_path)
            except OSError:
                continue
            stamps[file.abs_src_path] = stat.st_size, stat.st_mtime_ns
    return stamps


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data`."""
    try:
        with open(path, "rb") as existing:
            return existing.read(len(data) + 1) == data
    except OSError:
        return False


def _built(level: InclusionLevel) -> bool:
    """The pages a build (or `mkdocs serve`, drafts included) converts."""
    return bool(level.value > InclusionLevel.EXCLUDED.value)


class FastRebuild:
    """The rebuilds of one `mkdocs serve`: what each interface's last build made, and the pages left alone."""

    def __init__(self) -> None:
        """No build yet: the first builds everything."""
        self.plan = RebuildPlan()
        self.templates = CompiledTemplates()  # the theme's templates, compiled once for every rebuild
        self.listing = ThemeListing()  # the theme's files, listed once for every rebuild
        self.stash: SiteStash | None = None
        self.restored = False  # the last build's site is back in the site folder for this round of builds
        self.site_pages: list[File] = []  # the pages of the site, those left alone included (the sitemap's)
        self.reused = 0
        self._site: Hashable = None
        self._states: dict[str, PageState | None] = {}
        self._titles: dict[str, str | None] = {}
        self._excluded: list[tuple[File, InclusionLevel]] = []
        self._theme_templates: tuple[MkDocsConfig, set[str]] | None = None  # left unrendered: given back after
        self._last_page: tuple[Page, Navigation] | None = None  # the page a whole build would write last
        self._watch: InstantWatch | None = None
        # interface -> each static file's source (its size and time) when the interface's last build copied it
        self._stamps: dict[str, dict[str, tuple[int, int]]] = {}

    def serve(self, server: LiveReloadServer, tags_dir: Path) -> None:
        """`mkdocs serve` starts watching: the taxonomy's folder is watched too, and every folder natively."""
        if tags_dir.is_dir():
            server.watch(str(tags_dir))
        self.shut_down()
        self._watch = InstantWatch.attach(server)

    def shut_down(self) -> None:
        """The server stops: so does the native watch."""
        if self._watch is not None:
            self._watch.stop()
            self._watch = None

    def start(self, config: MkDocsConfig, interface: str, interfaces: Sequence[str]) -> None:
        """Before MkDocs empties the site folder: the first interface's build sets the last site aside."""
        self._states, self._titles, self._excluded, self.reused, self._last_page = {}, {}, [], 0, None
        self._theme_templates = None
        self.listing.install(config.theme)
        site_dir = Path(config.site_dir)
        if interface == (tuple(interfaces) or (interface,))[0]:
            self.restored = False
            self.stash = SiteStash(site_dir)
            if not (self.plan.knows(interfaces or (interface,)) and self.stash.keep()):
                self.stash = None
                self.plan.forget()
        self.plan.begin(interface)

    def choose(
        self,
        nav: Navigation,
        files: Files,
        config: MkDocsConfig,
        interface: str,
        state_of: Callable[[File], PageState | None],
    ) -> int:
        """Once the navigation is made: leave out of the build the pages whose output is the last build's.

        Returns how many pages are left alone.
        """
        pages = files.documentation_pages(inclusion=_built)
        self.site_pages = list(files.documentation_pages())
        self._states = {file.src_uri: state_of(file) for file in pages}
        self._site = site_key(configuration_key(config), file_keys(files), navigation_key(nav), self._states)
        copied, self._stamps[interface] = self._stamps.get(interface, {}), _static_stamps(files)
        same_site = self.plan.same_site(interface, self._site)
        if self.stash is not None:  # the first interface: the last site goes back, or every page is written
            if same_site:
                self.stash.put_back()
                self.restored = True
            else:
                self.stash.drop()
                self.plan.forget()
            self.stash = None
        if not self.restored:
            return 0
        if same_site:
            self._leave_theme_output(files, config, interface, copied)
        reusable = self.plan.reusable(interface, self._site, self._states)
        for source, title in reusable.items():
            file = files.get_file_from_path(source)
            if file is None or file.page is None:
                continue
            self._excluded.append((file, file.inclusion))
            file.inclusion = InclusionLevel.EXCLUDED
            # Shown in the navigation (and the pages' footers) with the title the last build gave it.
            file.page.markdown = ""
            if title is not None:
                file.page.meta = {"title": title}
            self._titles[source] = title
        self.reused = len(self._titles)
        last = pages[-1].page if pages else None
        if last is not None and last.file.src_uri in reusable:
            self._last_page = last, nav
        return self.reused

    def _leave_theme_output(
        self, files: Files, config: MkDocsConfig, interface: str, copied: dict[str, tuple[int, int]]
    ) -> None:
        """The site is the last build's: so are its theme templates' pages, and the static files copied then.

        A static file is left when its source's size and time are those it had when the last build copied
        it (`copied`), and the copy is there: older bytes put in its place (`cp -p`) are copied again. A file
        made from text is left when the site's file holds that text.
        """
        for file in files:
            if file.is_documentation_page() or not _built(file.inclusion):
                continue
            if file.abs_src_path is None:  # made from text (a redirect page): left when the file holds it already
                same = _holds(file.abs_dest_path, file.content_bytes)
            else:
                stamp = self._stamps[interface].get(file.abs_src_path)
                same = stamp is not None and stamp == copied.get(file.abs_src_path)
                same = same and os.path.isfile(file.abs_dest_path)
            if same:
                self._excluded.append((file, file.inclusion))
                file.inclusion = InclusionLevel.EXCLUDED
        self._theme_templates = config, set(config.theme.static_templates)
        config.theme.static_templates.clear()

    def _give_back_templates(self) -> None:
        if self._theme_templates is not None:
            self._theme_templates[0].theme.static_templates.update(self._theme_templates[1])
            self._theme_templates = None

    def page_built(self, page: Page) -> None:
        """A page was written: remember the title MkDocs gave it."""
        self._titles[page.file.src_uri] = page.title

    def finish(self, interface: str, config: MkDocsConfig) -> None:
        """The build of `interface` finished: the excluded pages are pages of the site again; remember it.

        mkdocs-static-i18n leaves the language switcher of the last page built in the configuration, and
        the next interface's `404.html` shows it: when that page was left alone, its context is made again.
        """
        if self._last_page is not None:
            replay_page_context(config, *self._last_page)
        self._give_back_templates()
        for file, inclusion in self._excluded:
            file.inclusion = inclusion
        self._excluded = []
        self.plan.finished(interface, self._site, self._states, self._titles)

    def failed(self) -> None:
        """The build failed: the last site is served again if it was still set aside; nothing is reused next."""
        self._give_back_templates()
        if self.stash is not None:
            self.stash.put_back()
            self.stash = None
        self.plan.forget()
