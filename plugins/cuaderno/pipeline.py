"""The stages chained: a folder (or a list of files) in, notes and a knowledge base out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from cuaderno.folder_walk import FileGuard, walk_files
from cuaderno.formats import parse_note
from cuaderno.kb import KnowledgeBase, build_kb
from cuaderno.model import Diagnostic, Format, Note, Severity, TextSegment
from cuaderno.payload import find_root_payload, read_payload
from cuaderno.settings import Settings
from cuaderno.sources import BINARY_FILE, HIDDEN, is_hidden, is_note, read_source, unpublished
from cuaderno.taxonomy import Taxonomy, load_taxonomy


def forced_format(path: str, formats: dict[str, str]) -> Format | None:
    """The format a per-path setting (glob -> format) forces on `path`, if any."""
    for pattern, name in formats.items():
        if fnmatch(path, pattern):
            return Format(name)
    return None


PARSE_FAILED = "parse-failed"
UNREADABLE_NOTE = "unreadable-note"


def read_note(data: bytes, path: str, settings: Settings) -> Note:
    """Decode, detect and parse one note; a note the reader cannot parse is shown as plain text, with a warning.

    One bad note never stops the others: whatever goes wrong inside the reader (a bug
    met by input nobody foresaw, a recursion too deep) stays with that note.
    """
    try:
        source = read_source(data, path, forced_format(path, settings.formats))
        return parse_note(source, settings.languages)
    except Exception as error:  # any failure of a reader stays with its note
        return plain_text_note(data, path, settings.languages, error)


def unreadable_note(path: str, error: OSError) -> Diagnostic:
    """The warning for a note whose file cannot be read: it is left out, the rest is built."""
    reason = f"it cannot be read ({error.strerror or error})"
    return Diagnostic(path, 1, UNREADABLE_NOTE, f"this note is left out: {reason}")


def describe_error(error: BaseException) -> str:
    """An exception in one short line for a warning: `ValueError: what it said`."""
    return " ".join(f"{type(error).__name__}: {error}".split())[:200]


def plain_text_note(data: bytes, path: str, languages: Sequence[str], error: BaseException) -> Note:
    """A note shown line by line as written, no markers read: what is left when its reader failed."""
    lines = tuple(data.decode("utf-8", errors="replace").splitlines())
    reason = describe_error(error)
    warning = Diagnostic(
        path, 1, PARSE_FAILED, f"this note could not be read ({reason}); it is shown as plain text", Severity.WARNING
    )
    segments = (TextSegment(1, len(lines)),) if lines else ()
    title = PurePosixPath(path).stem
    return Note(path, title, languages[0], Format.TAGGED, lines, segments=segments, diagnostics=(warning,))


def is_binary(note: Note) -> bool:
    """Whether a "note" was a binary file (an image with a note's name): it is reported, not shown."""
    return any(diagnostic.code == BINARY_FILE for diagnostic in note.diagnostics)


@dataclass(frozen=True)
class FolderFiles:
    """The files of a notes folder, as sorted posix paths relative to it."""

    notes: tuple[str, ...]  # the notes the site publishes
    hidden: tuple[str, ...]  # notes it leaves out: a file's or a folder's name starts with a dot
    others: tuple[str, ...]  # every other file the site copies (images…): no note's page may take their place
    refused: tuple[Diagnostic, ...] = ()  # files that are not the folder's own regular files, and why


def folder_files(folder: Path, exclude: Iterable[Path] = ()) -> FolderFiles:
    """Sort the files below `folder` (those below `exclude` skipped) into notes, hidden notes and others.

    Only the folder's own regular files count (`folder_walk`): the others come back as warnings.
    """
    skipped_folders = [p.resolve() for p in exclude]
    guard = FileGuard(folder)
    notes: list[str] = []
    hidden: list[str] = []
    others: list[str] = []
    for relative, path in walk_files(guard):
        if any(path.resolve().is_relative_to(skip) for skip in skipped_folders):
            continue
        if is_note(path.name):
            (hidden if is_hidden(relative) else notes).append(relative)
        elif not is_hidden(relative):
            others.append(relative)
    # The taxonomy folder's own files are the taxonomy's to report (`load_taxonomy`): one warning each.
    refused = tuple(
        warning
        for warning in guard.warnings
        if not is_hidden(warning.path)
        and not any((folder / warning.path).parent.resolve().is_relative_to(skip) for skip in skipped_folders)
    )
    return FolderFiles(tuple(sorted(notes)), tuple(sorted(hidden)), tuple(sorted(others)), refused)


def note_paths(folder: Path, exclude: Iterable[Path] = ()) -> list[str]:
    """Every note below `folder` that the site publishes (hidden ones and `exclude` skipped), as sorted posix paths."""
    return list(folder_files(folder, exclude).notes)


@dataclass(frozen=True)
class Loaded:
    """What `load_folder` produced."""

    notes: tuple[Note, ...]
    kb: KnowledgeBase
    taxonomy: Taxonomy
    diagnostics: tuple[Diagnostic, ...]


def taxonomy_dir(notes_dir: Path, settings: Settings, explicit: Path | None = None) -> Path:
    """`--tags`, else `NOTES_DIR/tags/` when it holds a taxonomy, else the settings' folder.

    The settings' folder is the core taxonomy unless told otherwise: a folder of
    notes is never renamed or auto-tagged by a taxonomy written for other notes.
    """
    if explicit is not None:
        return explicit
    local = notes_dir / "tags"
    if local.is_dir() and any(local.glob("*.y*ml")):
        return local
    return settings.tags_dir


def load_folders(folders: Sequence[Path], settings: Settings, tags: Path | None = None) -> Loaded:
    """Read every note of `folders` (paths relative to each folder) and build the knowledge base."""
    taxonomy_folder = taxonomy_dir(folders[0], settings, tags) if folders else settings.tags_dir
    taxonomy, problems = load_taxonomy(taxonomy_folder, settings.languages)
    notes: list[Note] = []
    payloads: list[Diagnostic] = []
    others: list[str] = []
    for folder in folders:
        found = folder_files(folder, exclude=[taxonomy_folder])
        payloads.extend(unpublished(path, HIDDEN) for path in found.hidden)
        payloads.extend(found.refused)
        others.extend(found.others)
        for path in found.notes:
            try:
                data = (folder / path).read_bytes()
            except OSError as error:
                payloads.append(unreadable_note(path, error))
                continue
            notes.append(read_note(data, path, settings))
        root_payload = find_root_payload(folder)
        if root_payload is not None:
            payloads.extend(read_payload(folder, root_payload.name, payload_name=root_payload.name).diagnostics)
    texts = [note for note in notes if not is_binary(note)]
    # The interfaces `cuaderno build` serves (one per language), so that URLs are the built site's.
    interfaces = settings.languages
    kb = build_kb(texts, taxonomy, settings.languages, interfaces, settings.topic_mentions, taken=others)
    diagnostics = (*problems, *payloads, *(d for note in notes for d in note.diagnostics), *kb.diagnostics)
    return Loaded(tuple(texts), kb, taxonomy, diagnostics)
