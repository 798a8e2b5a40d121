"""Only the notes folder's own regular files: no FIFO, device or socket, no symlink out of it, no loop.

A FIFO named `x.txt` hangs a build that reads it, a symlink to `/dev/zero` eats
memory, a symlink to a file outside the folder would publish it, and a symlink
to a parent folder makes a walk go round until the system gives up. Each such
file or folder is left out with one warning saying why; everything else is
read as before. The build (which gets MkDocs' walk, symlinks followed) and
`cuaderno check` (which walks here) ask the same `FileGuard`, so they warn alike.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cuaderno.model import Diagnostic, Severity

SKIPPED_FILE = "skipped-file"

NOT_REGULAR = "it is not a regular file (a FIFO, device or socket), so it is never read"
OUTSIDE = "it is a symlink to {target}, outside the notes folder, which is never published"
SAME_FILE = "it is the same file as {first} (a symlink), which is published once"
SAME_FOLDER = "this folder is {first} again (a symlink), whose notes are published once"
UNREADABLE = "it cannot be read ({reason})"


def skipped(path: str, reason: str) -> Diagnostic:
    """The warning for a file or folder of the notes folder that is left out, and why."""
    return Diagnostic(path, 1, SKIPPED_FILE, f"left out: {reason}", Severity.WARNING)


@dataclass
class FileGuard:
    """Admits the notes folder's own files one by one, and keeps one warning per file or folder it refuses."""

    root: Path
    warnings: list[Diagnostic] = field(default_factory=list, init=False)
    _real_root: Path = field(init=False)
    _folders: dict[str, bool] = field(default_factory=dict, init=False)  # shown folder -> admitted
    _real_folders: dict[Path, str] = field(default_factory=dict, init=False)  # real folder -> first shown as
    _files: dict[tuple[int, int], str] = field(default_factory=dict, init=False)  # (device, inode) -> first shown

    def __post_init__(self) -> None:
        self._real_root = Path(os.path.realpath(self.root))
        self._real_folders[self._real_root] = ""

    def enter(self, folder: Path, shown: str) -> bool:
        """Whether the walk may enter `folder` (`shown` relative to the root): inside it, and not seen already."""
        shown = shown.rstrip("/")
        if shown in self._folders:
            return self._folders[shown]
        real = Path(os.path.realpath(folder))
        problem = None
        if not real.is_relative_to(self._real_root):
            problem = skipped(shown, OUTSIDE.format(target=real))
        else:
            first = self._real_folders.setdefault(real, shown)
            if first != shown:
                problem = skipped(shown, SAME_FOLDER.format(first=first or "the notes folder"))
        if problem is not None:
            self.warnings.append(problem)
        self._folders[shown] = problem is None
        return problem is None

    def admit(self, path: Path, shown: str) -> bool:
        """Whether the file `path` (`shown` relative to the root) is one of the folder's own regular files."""
        parts = shown.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if not self.enter(self.root / prefix, prefix):
                return False
        problem = self._file_problem(path, shown)
        if problem is not None:
            self.warnings.append(problem)
        return problem is None

    def _file_problem(self, path: Path, shown: str) -> Diagnostic | None:
        try:
            real = Path(os.path.realpath(path))
            status = os.stat(real)
        except OSError as error:
            return skipped(shown, UNREADABLE.format(reason=error.strerror or error))
        if not real.is_relative_to(self._real_root):
            return skipped(shown, OUTSIDE.format(target=real))
        if not stat.S_ISREG(status.st_mode):
            return skipped(shown, NOT_REGULAR)
        first = self._files.setdefault((status.st_dev, status.st_ino), shown)
        return None if first == shown else skipped(shown, SAME_FILE.format(first=first))


def walk_files(guard: FileGuard) -> Iterator[tuple[str, Path]]:
    """Every file `guard` admits below its root, as (posix path relative to it, path), in sorted order."""
    pending: list[tuple[str, Path]] = [("", guard.root)]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            guard.warnings.append(skipped(prefix.rstrip("/") or ".", UNREADABLE.format(reason=error.strerror)))
            continue
        folders = []
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if guard.enter(Path(entry.path), relative):
                    folders.append((f"{relative}/", Path(entry.path)))
            elif guard.admit(Path(entry.path), relative):
                yield relative, Path(entry.path)
        pending.extend(reversed(folders))
