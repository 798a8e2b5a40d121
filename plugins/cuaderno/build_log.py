"""What a build tells its user: warnings through MkDocs' logger (so `--strict` works), a summary, progress.

Only loggers under `mkdocs.*` make `mkdocs build --strict` fail:
`get_plugin_logger` gives one, and prefixes each line with `cuaderno:`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence, Sized

from mkdocs.plugins import get_plugin_logger

from cuaderno.i18n import count, t
from cuaderno.kb import KnowledgeBase
from cuaderno.model import Diagnostic, Severity
from cuaderno.progress import Progress

log = get_plugin_logger("cuaderno")


class BuildLog:
    """The warnings of one round of builds (every interface's), its progress bar and its summary."""

    def __init__(self) -> None:
        """Nothing said yet."""
        self.warnings = 0
        self.started = time.perf_counter()
        self.progress: Progress | None = None

    def start(self, default_interface: bool) -> None:
        """A build starts; the default interface's starts the count (the others repeat no warning)."""
        self.started = time.perf_counter()
        if default_interface:
            self.warnings = 0

    def say(self, message: str) -> None:
        """An information line."""
        log.info(message)

    def warn(self, message: str) -> None:
        """A warning (counted in the summary)."""
        self.warnings += 1
        log.warning(message)

    def report(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Each problem as `path:line: message [code]`: a notice as information, the rest as warnings."""
        for diagnostic in diagnostics:
            message = f"{diagnostic.location()}: {diagnostic.message} [{diagnostic.code}]"
            if diagnostic.severity is Severity.NOTICE:
                self.say(message)
            else:
                self.warn(message)

    def show_progress(self, pages: int, label: str) -> None:
        """A progress bar on stderr for `pages` pages (`cuaderno build` turns it on)."""
        self.progress = Progress(pages, sys.stderr, label)

    def page_done(self) -> None:
        """One more page written."""
        if self.progress is not None:
            self.progress.advance()

    def finish(self, kb: KnowledgeBase | None, lang: str) -> None:
        """Close the progress bar; `cuaderno: N notes, B blocks, T tags, W warnings in S s`."""
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        if kb is None:
            return
        counts = {name: count(name, lang, len(items)) for name, items in _counted(kb).items()}
        seconds = time.perf_counter() - self.started
        self.say(t("build.summary", lang, **counts, warnings=count("warnings", lang, self.warnings), seconds=seconds))


def _counted(kb: KnowledgeBase) -> dict[str, Sized]:
    """What the summary counts."""
    return {"notes": kb.notes, "blocks": kb.blocks, "tags": kb.tags}
