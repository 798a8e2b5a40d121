"""Progress of a long build: a bar on a terminal, a plain line every tenth otherwise (logs, CI)."""

from __future__ import annotations

from typing import TextIO

BAR_WIDTH = 30
# Builds shorter than this many pages are over before a bar helps.
MIN_PAGES = 50


class Progress:
    """Counts the pages of one build and draws how far it got on `stream`."""

    def __init__(self, total: int, stream: TextIO, label: str = "", terminal: bool | None = None) -> None:
        self.total = total
        self.stream = stream
        self.label = f"{label} " if label else ""
        self.terminal = stream.isatty() if terminal is None else terminal
        self.done = 0
        self._last_tenth = 0

    @property
    def active(self) -> bool:
        """Whether this build is long enough to show progress."""
        return self.total >= MIN_PAGES

    def advance(self) -> None:
        """One more page built."""
        self.done += 1
        if not self.active:
            return
        if self.terminal:
            filled = BAR_WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            end = "\n" if self.done >= self.total else ""
            self.stream.write(f"\r{self.label}[{bar}] {self.done}/{self.total} pages{end}")
            self.stream.flush()
            return
        tenth = 10 * self.done // self.total
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"{self.label}{self.done}/{self.total} pages ({tenth * 10} %)\n")
            self.stream.flush()

    def finish(self) -> None:
        """End the bar's line if the build drew fewer pages than counted (skipped drafts)."""
        if self.active and self.terminal and 0 < self.done < self.total:
            self.stream.write("\n")
            self.stream.flush()
