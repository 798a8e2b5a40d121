"""Payload files: reading orders of notes, read into a tree of notes and sections.

A `*.payload` file lists notes in reading order, one path per line, relative
to the payload itself. The grammar, in the order it is applied to each line:

- blank lines are skipped; spaces and tabs around a line are ignored;
- a line whose first character is `#` or `//` is a comment;
- on other lines, `#` or `//` *after whitespace* starts a comment
  (`aws/iam.txt  # why`), so `notes#2.txt` and `a//b.txt` stay paths; when the
  whole line names an existing file it wins (`C # notes.txt` is a file);
- a backslash separates folders like `/`; a leading `/` means the notes folder;
- a `*.payload` entry nests that payload as a section of the navigation;
- a folder entry (`aws/security/`) is a section too: the folder's own payload
  (the root payload's name, `ALL.payload`) when it has one, then every note
  of the folder that no entry lists;
- a section's title is a header comment: `# title: …` (`# title.es: …` for one
  language), or a first line such as `# Development and App Serving` (not a
  path, a URL or an entry left out such as `# apropos.txt`); else the
  folder's name for a folder, a folder's `ALL.payload`, or a payload listed
  from another folder (`SECURITY/101.payload` listed by `101.payload` is
  `SECURITY`: many folders have their `101.payload`); else the payload's own
  name (`security.payload` -> `Security`).

Problems come back as `Diagnostic`s located at `payload:line`: a missing file,
a path leaving the notes folder, a file that is not a note, a payload that
includes itself (a cycle) are warnings; a repeated entry is a notice (the
first keeps its place). `cuaderno.navigation` turns the tree into the site's `nav`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeAlias

from cuaderno.input_limits import read_limited
from cuaderno.model import Diagnostic, Severity
from cuaderno.sources import NOTE_SUFFIXES, decode, is_note

ROOT_PAYLOAD = "ALL.payload"
PAYLOAD_SUFFIX = ".payload"

_INLINE_COMMENT = re.compile(r"\s(?:#|//)")
_TITLE = re.compile(r"^title(?:\.(?P<lang>[a-z]{2}))?\s*:\s*(?P<title>\S.*?)\s*$", re.IGNORECASE)
INDEX_STEMS = ("index", "readme")
# A first-line comment longer than this is a remark, not a title.
MAX_HEADER_TITLE = 80


@dataclass(frozen=True)
class PayloadNote:
    """A note listed by a payload: its path in the notes folder, and where it is listed."""

    path: str
    source: str
    line: int


@dataclass(frozen=True)
class PayloadSection:
    """A nested payload or a folder entry: a titled section of the navigation.

    `folder` is set for folder entries: after `entries`, the section takes the
    notes of that folder that no entry of the whole tree lists.
    """

    path: str
    title: str
    entries: tuple[PayloadEntry, ...]
    source: str
    line: int
    titles: tuple[tuple[str, str], ...] = ()
    folder: str | None = None

    def title_in(self, lang: str | None) -> str:
        """The section's title in `lang` (`# title.es: …`), else its default title."""
        return dict(self.titles).get(lang or "", self.title)


PayloadEntry: TypeAlias = "PayloadNote | PayloadSection"


@dataclass(frozen=True)
class PayloadTree:
    """A root payload, read with every payload and folder it nests."""

    path: str
    entries: tuple[PayloadEntry, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def notes(self) -> tuple[str, ...]:
        """Every listed note, in reading order."""
        return tuple(_listed_notes(self.entries))


def _listed_notes(entries: Iterable[PayloadEntry]) -> Iterable[str]:
    for entry in entries:
        if isinstance(entry, PayloadNote):
            yield entry.path
        else:
            yield from _listed_notes(entry.entries)


def find_root_payload(root: Path, name: str = ROOT_PAYLOAD) -> Path | None:
    """The payload that orders the site: `root/name`, its case ignored (`all.payload`)."""
    exact = root / name
    if exact.is_file():
        return exact
    if not root.is_dir():
        return None
    matches = sorted(p for p in root.iterdir() if p.name.lower() == name.lower() and p.is_file())
    return matches[0] if matches else None


def split_entry(line: str) -> tuple[str, str | None]:
    """Split one payload line into its path and its comment: `a.txt  # why` -> (`a.txt`, `why`).

    A comment-only line gives an empty path; a blank line gives (``, None).
    """
    stripped = line.strip()
    for opener in ("#", "//"):
        if stripped.startswith(opener):
            return "", stripped[len(opener) :].strip()
    found = _INLINE_COMMENT.search(stripped)
    if found is None:
        return stripped, None
    comment = stripped[found.end() :].strip()
    return stripped[: found.start()].rstrip(), comment


def folder_title(folder: str) -> str:
    """A folder's title as MkDocs makes it: `cloud-storage` -> `Cloud storage`; `AWS` stays."""
    title = PurePosixPath(folder).name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _payload_title(path: str, payload_name: str, listed_from: str) -> str:
    """A nested payload's title without a header: its folder's name, or its own name within its lister's folder."""
    pure = PurePosixPath(path)
    folder = str(pure.parent)
    if folder == ".":
        return folder_title(pure.stem)
    own_payload = pure.stem.lower() in (PurePosixPath(payload_name).stem.lower(), *INDEX_STEMS)
    if own_payload or folder != str(PurePosixPath(listed_from).parent):
        return folder_title(folder)
    return folder_title(pure.stem)


def header_title(comment: str) -> str | None:
    """The title a payload's first-line comment gives it, or None when it is a path, a URL or a left-out entry."""
    text = comment.strip()
    if not text or len(text) > MAX_HEADER_TITLE or not any(char.isalpha() for char in text):
        return None
    first = text.split()[0]
    if "://" in text or text.startswith("<") or "/" in first or "\\" in first:
        return None
    if first.lower().endswith((*NOTE_SUFFIXES, PAYLOAD_SUFFIX)):
        return None  # `# apropos.txt`: an entry left out, not a title
    return text


class _Reader:
    """Reads a payload and what it nests, remembering what was listed and where."""

    def __init__(self, root: Path, payload_name: str) -> None:
        self.root = root
        self.payload_name = payload_name
        self.seen: dict[str, tuple[str, int]] = {}  # path (folders end in `/`) -> first listed at
        self.reading: list[str] = []  # the payloads being read, outermost first
        self.diagnostics: list[Diagnostic] = []

    def warn(self, source: str, line: int, code: str, message: str, severity: Severity = Severity.WARNING) -> None:
        self.diagnostics.append(Diagnostic(source, line, code, message, severity))

    def read(self, payload: str) -> tuple[tuple[PayloadEntry, ...], tuple[tuple[str, str], ...]]:
        """Read one payload: its entries and the titles of its header comments."""
        try:
            data = read_limited(self.root / payload)  # a regular file of at most 1 MB: never a FIFO or /dev/zero
        except OSError as error:
            self.warn(payload, 1, "payload-missing", f"cannot read {payload}: {error.strerror or error}")
            return (), ()
        text, _encoding, problems = decode(data, payload)
        self.diagnostics.extend(problems)
        self.reading.append(payload)
        entries: list[PayloadEntry] = []
        titles: list[tuple[str, str]] = []
        in_header = True
        first_comment: str | None = None  # the comment of the first line, if it is one
        for number, line in enumerate(text.split("\n"), start=1):
            written, comment = split_entry(line)
            if not written:
                title = _TITLE.match(comment or "")
                if in_header and title:
                    titles.append((title["lang"].lower() if title["lang"] else "", title["title"]))
                elif in_header and comment and first_comment is None and not titles:
                    first_comment = comment
                continue
            in_header = False
            if comment is not None and self._exists(payload, line.strip()):
                written = line.strip()  # the whole line is a file name holding ` #`
            entry = self.entry(payload, number, written)
            if entry is not None:
                entries.append(entry)
        self.reading.pop()
        header = header_title(first_comment) if first_comment is not None else None
        if header is not None and "" not in dict(titles):
            titles.insert(0, ("", header))
        return tuple(entries), tuple(titles)

    def _resolve(self, payload: str, written: str) -> str:
        written = written.replace("\\", "/")
        base = "" if written.startswith("/") else posixpath.dirname(payload)
        return posixpath.normpath(posixpath.join(base, written.lstrip("/")))

    def _exists(self, payload: str, written: str) -> bool:
        path = self._resolve(payload, written)
        return not _outside(path) and (self.root / path).exists()

    def entry(self, payload: str, line: int, written: str) -> PayloadEntry | None:
        """Resolve one listed path to a note or a section, or report why not."""
        path = self._resolve(payload, written)
        if _outside(path):
            self.warn(payload, line, "payload-outside", f"{written} is outside the notes folder")
            return None
        target = self.root / path
        if target.is_dir():
            return self.folder(payload, line, "" if path == "." else path)
        if not target.is_file():
            hint = _suggestion(self.root, path)
            suffix = f" (did you mean {hint}?)" if hint else ""
            self.warn(payload, line, "payload-missing", f"{path} does not exist{suffix}")
            return None
        if path.lower().endswith(PAYLOAD_SUFFIX):
            return self.nested(payload, line, path, _payload_title(path, self.payload_name, payload))
        if not is_note(path):
            self.warn(payload, line, "payload-not-note", f"{path} is not a note ({', '.join(NOTE_SUFFIXES)})")
            return None
        if self.repeated(payload, line, path):
            return None
        return PayloadNote(path, payload, line)

    def repeated(self, payload: str, line: int, key: str) -> bool:
        """Whether `key` was listed before (a notice), else remember it."""
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = (payload, line)
            return False
        where = f"{first[0]}:{first[1]}" if first[1] else first[0]
        shown = key.rstrip("/") or "."
        self.warn(payload, line, "payload-duplicate", f"{shown} is listed already at {where}", Severity.NOTICE)
        return True

    def nested(
        self, payload: str, line: int, path: str, title: str, folder: str | None = None
    ) -> PayloadSection | None:
        """A nested payload as a section; a payload already being read is a cycle."""
        if path in self.reading:
            chain = " -> ".join([*self.reading[self.reading.index(path) :], path])
            self.warn(payload, line, "payload-cycle", f"{path} includes itself ({chain}); skipped")
            return None
        if self.repeated(payload, line, path):
            return None
        entries, titles = self.read(path)
        default = dict(titles).get("", title)
        return PayloadSection(path, default, entries, payload, line, tuple(t for t in titles if t[0]), folder)

    def folder(self, payload: str, line: int, folder: str) -> PayloadSection | None:
        """A folder entry: its own payload when it has one, then the rest of its notes."""
        title = folder_title(folder) if folder else folder_title(self.root.name)
        if self.repeated(payload, line, f"{folder}/" if folder else "/"):
            return None
        own = find_root_payload(self.root / folder, self.payload_name)
        if own is None:
            return PayloadSection(folder or ".", title, (), payload, line, (), folder)
        own_path = posixpath.join(folder, own.name) if folder else own.name
        return self.nested(payload, line, own_path, title, folder)


def _outside(path: str) -> bool:
    return path == ".." or path.startswith("../")


def _suggestion(root: Path, path: str) -> str | None:
    """A file the writer probably meant: the same name in another case, or another note suffix."""
    pure = PurePosixPath(path)
    folder = root / pure.parent
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir()):
        same_name = candidate.name.lower() == pure.name.lower()
        same_stem = candidate.stem.lower() == pure.stem.lower() and candidate.suffix.lower() in NOTE_SUFFIXES
        if candidate.is_file() and (same_name or same_stem):
            return str(pure.parent / candidate.name) if str(pure.parent) != "." else candidate.name
    return None


def read_payload(root: Path, payload: str = ROOT_PAYLOAD, *, payload_name: str = ROOT_PAYLOAD) -> PayloadTree:
    """Read the payload at `root/payload` and everything it nests.

    Args:
        root: the notes folder; every path in the result is relative to it.
        payload: the payload to read, relative to `root`.
        payload_name: the name of a folder's own payload, used for folder entries.

    Returns:
        The entries in reading order, and the diagnostics found on the way.

    """
    reader = _Reader(root, payload_name)
    reader.seen[payload] = (payload, 0)
    entries, _titles = reader.read(payload)
    return PayloadTree(payload, entries, tuple(reader.diagnostics))
