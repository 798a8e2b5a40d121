"""`mkdocs serve`'s side of a rebuild: told of a save at once, the theme's files listed once."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme
from watchdog.events import FileModifiedEvent

from cuaderno.live_watch import SETTLE_SECONDS, InstantWatch
from cuaderno.theme_listing import ThemeListing

WAIT = 5.0  # far longer than a notification takes; the polling's interval is 0.5 s


def _wanted(server: LiveReloadServer, within: float) -> bool:
    """Whether the server is asked for a rebuild within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.01)
    return bool(server._want_rebuild)


@pytest.fixture
def watched(tmp_path: Path) -> Any:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("first\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(notes))
    watch = InstantWatch.attach(server)
    server.observer.start()  # MkDocs' polling, as `server.serve()` starts it
    time.sleep(0.6)  # its first snapshot is taken
    yield notes, server, watch
    server.observer.stop()
    if watch is not None:
        watch.stop()


@pytest.mark.skipif(sys.platform != "linux", reason="inotify: the native observer this machine has")
def test_a_save_asks_for_one_rebuild(watched: Any) -> None:
    notes, server, watch = watched
    assert watch is not None and server.build_delay == SETTLE_SECONDS
    (notes / "a.txt").write_text("second\n", encoding="utf-8")
    assert _wanted(server, WAIT)
    server._want_rebuild = False
    # The polling sees the same save within its interval; it does not ask again.
    assert not _wanted(server, 1.5)


@pytest.mark.skipif(sys.platform != "linux", reason="inotify: the native observer this machine has")
def test_reading_a_note_asks_for_nothing(watched: Any) -> None:
    notes, server, _watch = watched
    (notes / "a.txt").read_text(encoding="utf-8")  # as every build does
    assert not _wanted(server, 1.5)


def test_what_only_the_polling_sees_still_rebuilds(watched: Any) -> None:
    """A change native notifications miss (a Docker mount, a network share) reaches MkDocs through the polling."""
    notes, server, _watch = watched
    [handler] = [handler for handlers in server.observer._handlers.values() for handler in handlers]
    handler.on_any_event(FileModifiedEvent(str(notes / "b.txt")))
    assert server._want_rebuild


def test_a_server_that_does_not_poll_is_left_alone(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.observer = object()  # type: ignore[assignment]
    assert InstantWatch.attach(server) is None


def test_the_theme_is_listed_once_until_a_file_is_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    custom = tmp_path / "overrides"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "site.css").write_text("body {}\n", encoding="utf-8")
    listed: list[int] = []
    real = jinja2.Environment.list_templates

    def counting(self: jinja2.Environment, *args: Any, **kwargs: Any) -> list[str]:
        listed.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "list_templates", counting)
    listing = ThemeListing()

    def files() -> list[str]:
        theme = Theme(name="mkdocs", custom_dir=str(custom))  # a build's theme: each build has its own
        listing.install(theme)

        def css(name: str) -> bool:
            return name.endswith(".css") and bool(theme.static_templates)

        return [name for name in theme.get_env().list_templates(filter_func=css) if "site" in name or "new" in name]

    assert files() == ["assets/site.css"] and len(listed) == 1
    assert files() == ["assets/site.css"] and len(listed) == 1  # the next build: the same list, not listed again
    (custom / "assets" / "new.css").write_text("p {}\n", encoding="utf-8")
    assert files() == ["assets/new.css", "assets/site.css"] and len(listed) == 2
    (custom / "assets" / "site.css").unlink()
    assert files() == ["assets/new.css"] and len(listed) == 3
