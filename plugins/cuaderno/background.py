"""What a rebuild of `mkdocs serve` leaves to do once its pages are written, done in a thread of its own.

`kb.json`, the explorer's data and the search bundles are made from the whole
knowledge base: seconds at a thousand notes. While serving, the edited page
is written (and the browser reloaded) first and they follow. The next
build waits for them before it touches the site; an unfinished search index
is abandoned (`cancel`) rather than waited for when the build can do without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class BackgroundWork:
    """At most one job at a time in a thread, which the next build waits for (`settle`)."""

    def __init__(self) -> None:
        """Nothing running."""
        self._thread: threading.Thread | None = None
        self._cancel: Callable[[], None] | None = None

    def start(self, job: Callable[[], None], cancel: Callable[[], None] | None = None) -> None:
        """Run `job` in a thread once the last job is done; `cancel` asks it to stop early (`settle(cancel=True)`)."""
        self.settle()
        self._cancel = cancel
        self._thread = threading.Thread(target=job, name="cuaderno-after-build", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """Whether a job has not finished yet."""
        return self._thread is not None and self._thread.is_alive()

    def settle(self, cancel: bool = False) -> None:
        """Wait for the running job to end; with `cancel`, ask it to stop first."""
        thread, stop = self._thread, self._cancel
        if thread is None:
            return
        if cancel and stop is not None and thread.is_alive():
            stop()
        thread.join()
        self._thread, self._cancel = None, None
