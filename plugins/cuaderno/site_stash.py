"""The last build's site, set aside while MkDocs empties the site folder, and put back when a rebuild keeps it.

`mkdocs serve` (without `--dirty`) empties the site folder at the start of
every build. It leaves the entries whose name starts with a dot: the last
build's files wait in such a folder inside the site folder (a rename each,
whatever their size), and go back to their places once the rebuild knows it
reuses them, or are deleted when it writes every page again. A build that
fails puts them back: the last site is served as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STASH_NAME = ".cuaderno-last-build"


class SiteStash:
    """The entries of a site folder, moved into a hidden folder of it and back."""

    def __init__(self, site_dir: Path) -> None:
        """Stash for `site_dir`; nothing is moved yet."""
        self.site_dir = site_dir
        self.folder = site_dir / STASH_NAME
        self.holding = False

    def keep(self) -> bool:
        """Move every entry of the site folder (but the hidden ones) into the stash; whether there was a site."""
        self.drop()
        if not self.site_dir.is_dir():
            return False
        entries = [name for name in os.listdir(self.site_dir) if not name.startswith(".")]
        if not entries:
            return False
        self.folder.mkdir()
        for name in entries:
            os.rename(self.site_dir / name, self.folder / name)
        self.holding = True
        return True

    def put_back(self) -> None:
        """Move the stashed entries back to their places (replacing whatever took one meanwhile)."""
        if not self.holding:
            return
        for name in os.listdir(self.folder):
            target = self.site_dir / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            os.rename(self.folder / name, target)
        self.folder.rmdir()
        self.holding = False

    def drop(self) -> None:
        """Delete the stash (the rebuild writes every page)."""
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        self.holding = False
