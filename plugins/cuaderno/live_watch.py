"""`mkdocs serve` told of a save at once: the platform's file notifications beside MkDocs' polling.

MkDocs' server looks for changes by polling the watched folders every half
second (`watchdog`'s `PollingObserver`): on average a quarter of a second,
at worst half a second, passes between saving a note and the rebuild, on top
of its wait for the saves to settle. MkDocs polls because native
notifications miss changes made across some mounts (Docker, network shares),
so the polling stays; the native observer (inotify, FSEvents, the Windows
API) asks for the same rebuild as soon as the file is written.

Both see a save the native observer reports: the polling's report of a file
the native observer reported less than `ECHO_SECONDS` ago is left out (no
second rebuild, no second reload). What only the polling sees still rebuilds.

The server waits until no change has come for `build_delay` (0.1 s) before
it builds, so that a save made of several writes is built once; native
notifications of one save (an editor's write, rename and delete) come
within milliseconds of each other, and the wait is 20 ms (`SETTLE_SECONDS`).

This uses attributes of MkDocs' `LiveReloadServer` and of `watchdog`'s
observers that are not public API; with versions that lack them, MkDocs' own
watcher is left as it is (`InstantWatch.attach` returns `None`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.cuaderno")
SETTLE_SECONDS = 0.02
ECHO_SECONDS = 2.0  # longer than a poll (0.5 s) and the snapshot of a large folder
_NOT_CHANGES = frozenset({"opened", "closed_no_write"})  # reading a file (MkDocs reads every note) changes nothing


def _paths(event: FileSystemEvent) -> tuple[str, ...]:
    """The files an event is about (a move: both names)."""
    dest = getattr(event, "dest_path", "")
    return (str(event.src_path), str(dest)) if dest else (str(event.src_path),)


class _Reported:
    """When the native observer last reported each file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._at: dict[str, float] = {}

    def add(self, event: FileSystemEvent) -> None:
        now = time.monotonic()
        with self._lock:
            for path in _paths(event):
                self._at[path] = now

    def recent(self, event: FileSystemEvent) -> bool:
        """Whether every file of `event` was reported natively less than `ECHO_SECONDS` ago."""
        now = time.monotonic()
        with self._lock:
            return all(now - self._at.get(path, -ECHO_SECONDS) < ECHO_SECONDS for path in _paths(event))


class _AskRebuild(FileSystemEventHandler):
    """What MkDocs' own watcher does on a change: ask its build loop for a rebuild."""

    def __init__(self, server: Any, reported: _Reported) -> None:
        self._server, self._reported = server, reported

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _NOT_CHANGES:
            return
        self._reported.add(event)
        with self._server._rebuild_cond:
            self._server._want_rebuild = True
            self._server._rebuild_cond.notify_all()


def _unless_reported(callback: Callable[[FileSystemEvent], None], reported: _Reported) -> Callable[..., None]:
    def polled(event: FileSystemEvent) -> None:
        if event.is_directory or not reported.recent(event):
            callback(event)

    return polled


class InstantWatch:
    """A native observer of the folders MkDocs' server polls."""

    def __init__(self, observer: BaseObserver) -> None:
        self._observer = observer

    @classmethod
    def attach(cls, server: Any) -> InstantWatch | None:
        """Watch what `server` (MkDocs' `LiveReloadServer`) polls, natively; `None` where that cannot be done."""
        paths = getattr(server, "_watched_paths", None)
        polling = getattr(server, "observer", None)
        handlers = getattr(polling, "_handlers", None)
        if not hasattr(server, "_rebuild_cond") or not isinstance(paths, dict) or not isinstance(handlers, dict):
            return None
        if not isinstance(polling, PollingObserver):
            return None  # MkDocs no longer polls: nothing to add
        observer = Observer()
        if isinstance(observer, PollingObserver):
            return None  # no native notifications on this platform
        reported = _Reported()
        handler = _AskRebuild(server, reported)
        observer.daemon = True
        observer.start()
        for path in paths:  # each watch starts as it is scheduled: a failure is this folder's alone
            try:
                observer.schedule(handler, path, recursive=True)
            except Exception as error:  # the limit of inotify watches, a file FSEvents cannot watch…
                log.debug(f"cuaderno: no native watch of {path} (the polling still sees it): {error}")
        for polled in [handler for watched in handlers.values() for handler in watched]:
            polled.on_any_event = _unless_reported(polled.on_any_event, reported)
        server.build_delay = min(server.build_delay, SETTLE_SECONDS)
        return cls(observer)

    def stop(self) -> None:
        """Stop observing."""
        self._observer.stop()
