"""Where `cuaderno build` writes a site: built beside its folder, swapped in only when the build succeeds.

A build never touches the folder it is asked to write until it has succeeded:
the site is made in a staging folder next to it, then the two are swapped with
renames. A failed, interrupted or disk-full build leaves the earlier site as it
was and removes the staging folder. A folder that holds files cuaderno did not
make is never replaced unless the user asks for it (`--clean`).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

# Written at the root of every site cuaderno builds: the folder may be replaced by the next build.
MARKER = ".cuaderno-site"
# Sites built before the marker existed are recognised by what every cuaderno site holds.
_LEGACY_SIGNATURE = ("kb.json", "assets/cuaderno/cuaderno.css")


def is_cuaderno_site(folder: Path) -> bool:
    """Whether `folder` holds a site an earlier `cuaderno build` made."""
    if (folder / MARKER).is_file():
        return True
    return all((folder / part).is_file() for part in _LEGACY_SIGNATURE)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies below it (both resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


class UnsafeOutput(Exception):
    """The output folder cannot be written without losing what the user keeps there."""

    def __init__(self, reason: str, folder: Path, entries: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.folder = folder
        self.entries = entries


def check_output(output: Path, notes_dir: Path, *, clean: bool) -> None:
    """Raise `UnsafeOutput` when building into `output` could destroy files cuaderno did not make.

    Reasons: `notes-inside` (the folder holds the notes themselves: never, even with `clean`),
    `not-a-folder`, `foreign` (files of someone else's, allowed with `clean`).
    """
    if is_inside(notes_dir, output):
        raise UnsafeOutput("notes-inside", output)
    if not output.exists() and not output.is_symlink():
        return
    if not output.is_dir() or output.is_symlink():
        raise UnsafeOutput("not-a-folder", output)
    if clean or is_cuaderno_site(output):
        return
    entries = tuple(sorted(entry.name for entry in output.iterdir()))
    if entries:
        raise UnsafeOutput("foreign", output, entries)


def staging_parent(output: Path, notes_dir: Path) -> Path:
    """The folder to build in: beside `output`, or beside the notes when `output` lies among them.

    MkDocs refuses a site folder inside the notes folder, and the notes must not see a half-built site.
    """
    parent = output.resolve().parent
    notes = notes_dir.resolve()
    return notes.parent if parent.is_relative_to(notes) else parent


@dataclass
class StagedBuild:
    """A staging folder for one build; `publish()` swaps it in, anything else removes it."""

    output: Path
    notes_dir: Path
    staging: Path = field(init=False)
    published: bool = field(default=False, init=False)

    def __enter__(self) -> StagedBuild:
        parent = staging_parent(self.output, self.notes_dir)
        parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.building-", dir=parent))
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.published:
            shutil.rmtree(self.staging, ignore_errors=True)

    def publish(self) -> None:
        """Mark the staged site as cuaderno's and put it in place of `output`, keeping nothing of the old one."""
        (self.staging / MARKER).write_text(
            "This folder is a site built by cuaderno; the next `cuaderno build` replaces it whole.\n",
            encoding="utf-8",
        )
        swap_in(self.staging, self.output)
        self.published = True


def swap_in(staging: Path, output: Path) -> None:
    """Replace `output` (if any) with `staging` by renames; on failure `output` is left as it was."""
    output = output.absolute()
    previous: Path | None = None
    if output.exists() or output.is_symlink():
        previous = output.with_name(f".{output.name}.previous-{uuid.uuid4().hex[:8]}")
        os.rename(output, previous)
    try:
        _move(staging, output)
    except BaseException:
        if previous is not None:
            os.rename(previous, output)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def _move(source: Path, target: Path) -> None:
    """A rename, or a copy when `source` lies on another file system."""
    try:
        os.rename(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        try:
            shutil.copytree(source, target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        shutil.rmtree(source, ignore_errors=True)
