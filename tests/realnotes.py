"""Measure how cuaderno builds the real note collections of `../shared/realnotes/` (issue 18's "Done when").

Each collection is built as `cuaderno build FOLDER -o SITE` builds it (bundled defaults, the taxonomy the
command would choose, non-strict), then measured: 1. note files without a page of their own (not in kb.json,
no page, a URL shared); 2. pages (any, both interfaces) showing a marker as text, Markdown notes' code aside;
3. topic pages showing a `# heading` line or Markdown source (`**bold**`, a `|---` rule) as text; 4. broken
internal links and anchors (`tests/linkcheck.py`); 5. the share of note headings listed in the page's table
of contents; 6. tag ids written in markers (the project's grammar; a block marker it refuses is read token
by token as DESIGN.md says) without a page at `tags/<id>/`; 7. the lossless share of text-note lines and
Markdown words (`tests/lossless.py`, with fences, `|` margins, `<br/>`, images and comments as markup);
8. box-drawing lines (U+2500–U+257F) that are not an exact line of a `<pre>` of their note's page.

Run from the repository root: `.venv/bin/python -m tests.realnotes [COLLECTION...] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cuaderno.formats.markdown import code_spans, fenced_lines
from cuaderno.markers import MARKER_RE, find_markers, normalize_tag, parse_marker
from cuaderno.model import Format
from cuaderno.pipeline import taxonomy_dir
from cuaderno.settings import Settings
from cuaderno.sources import Source, is_note, read_source
from cuaderno.urls import tag_url
from tests.linkcheck import check_links, heading_coverage
from tests.lossless import (
    HEADING_SOURCE_RE,
    Chunk,
    check_markdown_note,
    check_text_note_choices,
    missing_code_lines,
    normalise,
    page_text,
    text_fences,
    text_heading_lines,
    visible_chunks,
    visible_lines,
)
from tests.sites import build_site, load_kb

ROOT = Path(__file__).resolve().parents[1]
REALNOTES = ROOT.parent / "shared" / "realnotes"
COLLECTIONS = ("AWS", "JAVA", "DevOps", "PYTHON")
TOC_TARGET = 0.95
LOSSLESS_TARGET = 0.999
SHOWN = 10  # offenders listed per metric

BOX_RE = re.compile("[\u2500-\u257f]")
# A marker shown as text: `[[{ … ]]`, `[[} … ]]` or `[[ … }]]` on one line, no bracket inside; a shell test
# (`[[ -n ${X} ]]`) is none of them, as bash wants `]]` to stand alone. A `[[{` the line does not close is no
# marker at all (DESIGN.md 1.1; the build warns), and the author's viewer shows it as text too: it is listed apart.
RAW_MARKER_RE = re.compile(r"\[\[[ \t]*[{}][^\[\]\n]*\]\]|\[\[[^\[\]\n]*\}\]\]")
BROKEN_MARKER_RE = re.compile(r"\[\[[ \t]*[{}]")
MARKDOWN_SOURCE_RE = re.compile(r"\*\*[^*\s][^*]*\*\*|^[ \t]*\|[ \t]*:?-{3,}")
TOPIC_PAGE = re.compile(r"^(?:[a-z]{2}/)?tags/.+/index\.html$")
_SHELL_TOKEN = re.compile(r"[$=<>]")
_BLOCK_MARKER = re.compile(r"^[ \t]*\{")  # what a refused marker that opens a block begins with


@dataclass
class Metric:
    """One measured figure of a collection: what the table shows, whether the target holds, who misses it."""

    label: str
    figure: str
    passed: bool
    offenders: list[str] = field(default_factory=list)


@dataclass
class Measurement:
    """Every metric of one collection, keyed by a short name (`pages`, `markers`, …)."""

    collection: str
    seconds: float
    warnings: list[str]
    metrics: dict[str, Metric] = field(default_factory=dict)


@dataclass(frozen=True)
class BuiltNote:
    """A note of `kb.json` with its source, read in the format the site detected."""

    path: str
    url: str
    format: Format
    source: Source


# -- building ------------------------------------------------------------------------------------------------------


def build_collection(notes_dir: Path, site_dir: Path) -> list[str]:
    """Build a folder as `cuaderno build` does (its taxonomy chosen the same way), non-strict; the warnings."""
    return build_site(notes_dir, site_dir, strict=False, tags_dir=taxonomy_dir(notes_dir, Settings()))


def built_notes(notes_dir: Path, kb: Mapping[str, Any]) -> list[BuiltNote]:
    """The notes `kb.json` lists, each with its source file read again."""
    notes = []
    for entry in kb["notes"]:
        fmt = Format(entry["format"])
        data = (notes_dir / entry["path"]).read_bytes()
        notes.append(BuiltNote(entry["path"], entry["url"], fmt, read_source(data, entry["path"], fmt)))
    return notes


def _pages(site: Path) -> Iterator[tuple[str, Path]]:
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        if not path.startswith("assets/"):
            yield path, page


# -- 1. notes without a page ---------------------------------------------------------------------------------------


def notes_without_page(notes_dir: Path, site: Path, notes: Sequence[BuiltNote]) -> list[str]:
    """Note files missing from kb.json, kb.json notes without their page, and notes sharing a URL.

    Files in hidden folders (`.git/`) and the collection's taxonomy folder are not notes.
    """
    tags_dir = taxonomy_dir(notes_dir, Settings()).resolve()
    listed = {note.path: note for note in notes}
    offenders = []
    for file in sorted(notes_dir.rglob("*")):
        relative = file.relative_to(notes_dir)
        if not file.is_file() or not is_note(file.name) or any(p.startswith(".") for p in relative.parts):
            continue
        if file.resolve().is_relative_to(tags_dir):
            continue
        if relative.as_posix() not in listed:
            offenders.append(f"{relative.as_posix()}: not in kb.json")
    owners: dict[str, list[str]] = {}
    for note in notes:
        owners.setdefault(note.url, []).append(note.path)
        if not (site / note.url / "index.html").is_file():
            offenders.append(f"{note.path}: no page at /{note.url}")
    offenders.extend(f"{' and '.join(paths)}: share /{url}" for url, paths in owners.items() if len(paths) > 1)
    return offenders


# -- 2, 3. raw markers on any page, raw heading source on topic pages ----------------------------------------------


def _owner(chunk: Chunk, page_note: str | None) -> str | None:
    """The note a piece of text comes from: its block's (topic pages), else the page's."""
    return chunk.block.rsplit("#", 1)[0] if chunk.block else page_note


def raw_markers(
    chunks: Sequence[Chunk], page_note: str | None, formats: Mapping[str, Format]
) -> tuple[list[str], list[str]]:
    """The raw markers a page shows, and its `[[{` that are no markers (each with a little text around it).

    Markers inside a Markdown note's code are content: its `<code>` and
    `<pre>` (code blocks, diagrams, raw HTML) are left out.
    """
    shown = "".join(
        "\0"
        if (chunk.code or chunk.pre) and formats.get(_owner(chunk, page_note) or "") is Format.MARKDOWN
        else chunk.text
        for chunk in chunks
    )
    raw = list(RAW_MARKER_RE.finditer(shown))
    starts = {match.start() for match in raw}
    broken = [m for m in BROKEN_MARKER_RE.finditer(shown) if m.start() not in starts]
    return [" ".join(shown[max(0, m.start() - 30) : m.end() + 30].split()) for m in raw], [
        " ".join(shown[max(0, m.start() - 30) : m.end() + 40].split()) for m in broken
    ]


def raw_text_pages(site: Path, notes: Sequence[BuiltNote]) -> tuple[list[str], int, list[str]]:
    """Pages showing raw markers, how many, and topic pages showing raw heading or Markdown source.

    Any page, either interface, is looked at for markers; the list ends with
    the pages showing a `[[{` that is no marker (not counted).

    On a topic page, a line `# text` of a text note's block is raw when the
    note's format makes it a heading (where the fences of a note are read
    two ways, when its note page shows it otherwise); a line of a Markdown
    note's block that looks like a heading or like Markdown source is raw
    unless its note page shows the same line (a diagram, say). Code is never
    looked at.
    """
    by_url = {note.url: note for note in notes}
    by_path = {note.path: note for note in notes}
    formats = {note.path: note.format for note in notes}
    page_lines: dict[str, frozenset[str]] = {}
    headings: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def shown_on_note_page(owner: str, line: str) -> bool:
        if owner not in page_lines:
            page = (site / by_path[owner].url / "index.html").read_text(encoding="utf-8")
            page_lines[owner] = frozenset(normalise(text) for _, text in visible_lines(visible_chunks(page)))
        return normalise(line) in page_lines[owner]

    def raw_source(owner: str | None, line: str) -> bool:
        markdown = owner is None or formats.get(owner) is Format.MARKDOWN  # a topic page's own text is Markdown
        if not (HEADING_SOURCE_RE.match(line) or (markdown and MARKDOWN_SOURCE_RE.search(line))):
            return False
        if owner is None or owner not in by_path:
            return owner is None
        if markdown:
            return not shown_on_note_page(owner, line)
        if owner not in headings:
            headings[owner] = text_heading_lines(by_path[owner].source.lines, by_path[owner].source.body_start)
        may, must = headings[owner]
        text = normalise(line)
        return text in must or (text in may and not shown_on_note_page(owner, line))

    markers: list[tuple[int, str]] = []
    not_markers: list[tuple[int, str]] = []  # listed after the raw markers, not counted
    sources: list[tuple[int, str]] = []
    for path, page in _pages(site):
        # A note's page, or its copy in the other interface (`es/…`); translations are served at `es/…` alone.
        url = path.removesuffix("index.html")
        note = by_url.get(url) or by_url.get(url.split("/", 1)[1] if "/" in url else "")
        page_note = note.path if note else None
        chunks = visible_chunks(page.read_text(encoding="utf-8"))
        found, broken = raw_markers(chunks, page_note, formats)
        if found:
            markers.append((len(found), f"/{url}: {len(found)}× e.g. {found[0]!r}"))
        if broken:
            not_markers.append((0, f"/{url}: {len(broken)}× e.g. {broken[0]!r} (no ]] on its line: no marker)"))
        if TOPIC_PAGE.match(path):
            lines = ((_owner(chunk, page_note), text) for chunk, text in visible_lines(chunks))
            raw = [(owner, text) for owner, text in lines if raw_source(owner, text)]
            if raw:
                owner, text = raw[0]
                example = f"{text.strip()[:80]!r} (from {owner or 'the page'})"
                sources.append((len(raw), f"/{url}: {len(raw)} lines, e.g. {example}"))
    return _worst_first(markers) + [text for _, text in not_markers], len(markers), _worst_first(sources)


# -- 5. headings in the table of contents ---------------------------------------------------------------------------


def toc_share(site: Path, notes: Sequence[BuiltNote]) -> tuple[int, int, list[tuple[int, str]]]:
    """Headings of all note pages, those the page's TOC lists, and each note that misses some (count, text)."""
    total = listed = 0
    offenders = []
    for note in notes:
        page = site / note.url / "index.html"
        if not page.is_file():
            continue
        ids, missing = heading_coverage(page.read_text(encoding="utf-8"))
        total += ids
        listed += ids - len(missing)
        if missing:
            first = ", ".join(f"#{anchor}" for anchor in missing[:4])
            offenders.append((len(missing), f"{note.path}: {ids - len(missing)} of {ids} listed; not: {first}"))
    return total, listed, offenders


# -- 6. written tag ids ---------------------------------------------------------------------------------------------


def _refused_marker_ids(inner: str) -> list[str]:
    """The ids a marker opening a block (`[[{ a, b ]]`) writes though the grammar refuses it, read as DESIGN.md says.

    A closer's names tag nothing, so what follows the first `}` is left out.
    """
    ids = []
    for token in re.split(r"[,{]", inner.split("}", 1)[0]):
        stripped = token.strip()
        if not stripped or stripped.startswith("-") or _SHELL_TOKEN.search(stripped):
            continue
        tag = normalize_tag(stripped)
        tag = tag.removesuffix(".*")  # `a.*` is the whole dimension `a`
        if tag and tag != "*":
            ids.append(tag)
    return ids


def written_tag_ids(note: BuiltNote) -> Iterator[tuple[str, int, str]]:
    """Each tag id written in a marker of a note: (id, line, how: `block`, `add` (no brace) or `refused`).

    `refused`: a block marker the project's grammar does not read, its tokens read as DESIGN.md says.
    """
    lines, start = note.source.lines, note.source.body_start
    markdown = note.format is Format.MARKDOWN
    fenced = fenced_lines(lines, start) if markdown else frozenset()
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if "[[" not in line or number in fenced:
            continue
        skip = code_spans(line) if markdown and "`" in line else ()
        read = set()
        for marker in find_markers(line, number, skip):
            read.add(marker.start)
            for op in marker.ops:  # a closer's names only say which block it closes: they tag nothing
                if op.kind != "close":
                    yield from ((tag, number, "add" if op.kind == "add" else "block") for tag in op.tags)
        for match in MARKER_RE.finditer(line):
            inner = match.group(1)
            if match.start() in read or not _BLOCK_MARKER.match(inner) or parse_marker(inner) is not None:
                continue
            if not any(begin <= match.start() < end for begin, end in skip):
                yield from ((tag, number, "refused") for tag in _refused_marker_ids(inner))


def tags_without_topic(
    site: Path, notes: Sequence[BuiltNote], blocks: Sequence[Mapping[str, Any]]
) -> tuple[int, list[str], list[str]]:
    """How many distinct ids are written in markers, those with no `tags/<id>/` page, and orphans without one.

    An id only ever written as `[[ t ]]` outside every block (kb.json's
    `block`s) tags nothing: DESIGN.md shows its chip as plain text, so it
    needs no topic page (reported apart).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for block in blocks:
        if block.get("kind", "block") == "block":
            spans.setdefault(block["note"], []).append((block["lines"][0], block["lines"][1]))
    first: dict[str, tuple[str, int, str]] = {}
    orphan: dict[str, bool] = {}
    for note in notes:
        for tag, line, how in written_tag_ids(note):
            first.setdefault(tag, (note.path, line, how))
            alone = how == "add" and not any(a <= line <= b for a, b in spans.get(note.path, ()))
            orphan[tag] = orphan.get(tag, True) and alone
    missing: tuple[list[str], list[str]] = ([], [])
    for tag, (path, line, how) in sorted(first.items()):
        if not (site / unquote(tag_url(tag)) / "index.html").is_file():
            why = {"refused": " (its marker is refused by the grammar)", "add": " ([[ t ]], no brace)"}.get(how, "")
            missing[orphan[tag]].append(f"{tag!r}: no /{tag_url(tag)}, first written at {path}:{line}{why}")
    return len(first), *missing


# -- 7, 8. lossless and box-drawing lines ---------------------------------------------------------------------------


@dataclass
class Lossless:
    """Text-note lines found (normalised, exact), Markdown words found, box-drawing lines exact, of all.

    `missing` and `box_missing` hold one entry per note that lacks some: (how many, what).
    """

    lines: int = 0
    normalised: int = 0
    exact: int = 0
    words: int = 0
    words_found: int = 0
    box: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)
    box_missing: list[tuple[int, str]] = field(default_factory=list)


def _examples(path: str, what: str, lines: Sequence[tuple[int, str]]) -> tuple[int, str]:
    shown = "; ".join(f"{number}: {text.strip()[:70]!r}" for number, text in lines[:3])
    return len(lines), f"{path}: {len(lines)} {what}, e.g. {shown}"


def lossless(site: Path, notes: Sequence[BuiltNote]) -> Lossless:
    """Check every note against its page (the default interface's), and its box-drawing lines."""
    out = Lossless()
    for note in notes:
        page_file = site / note.url / "index.html"
        if not page_file.is_file():
            continue
        page = page_text(page_file.read_text(encoding="utf-8"))
        lines, start = note.source.lines, note.source.body_start
        if note.format is Format.MARKDOWN:
            words = check_markdown_note(note.path, lines, start, page)
            out.words, out.words_found = out.words + words.total, out.words_found + words.found
            if words.missing:
                shown = ", ".join(f"{word}×{count}" for word, count in words.missing.most_common(6))
                count = sum(words.missing.values())
                out.missing.append((count, f"{note.path}: {count} words not shown, e.g. {shown}"))
            box, box_missing = missing_code_lines(lines, start, page, lambda text: bool(BOX_RE.search(text)))
        else:
            result = check_text_note_choices(note.path, note.format.value, lines, start, page)
            out.lines += result.total
            out.normalised += result.normalised
            out.exact += result.exact
            if result.missing_normalised:
                out.missing.append(_examples(note.path, "lines not shown", result.missing_normalised))
            fence_lines = text_fences(lines, start).fence_lines
            box = sum(1 for n in range(start, len(lines) + 1) if n not in fence_lines and BOX_RE.search(lines[n - 1]))
            box_missing = [(n, text) for n, text in result.missing_exact if BOX_RE.search(text)]
        out.box += box
        if box_missing:
            out.box_missing.append(_examples(note.path, "box-drawing lines not exact", box_missing))
    return out


# -- all of them ----------------------------------------------------------------------------------------------------


def _share(found: int, total: int) -> float:
    return found / total if total else 1.0


def _worst_first(offenders: Sequence[tuple[int, str]]) -> list[str]:
    return [text for _, text in sorted(offenders, key=lambda item: -item[0])]


def measure(notes_dir: Path, site: Path, warnings: list[str], seconds: float = 0.0) -> Measurement:
    """Measure a built collection (see the module docstring)."""
    kb = load_kb(site)
    notes = built_notes(notes_dir, kb)
    result = Measurement(notes_dir.name, seconds, warnings)
    m = result.metrics
    pages = notes_without_page(notes_dir, site, notes)
    m["pages"] = Metric("notes with no page of their own", str(len(pages)), not pages, pages)
    markers, raw, sources = raw_text_pages(site, notes)
    m["markers"] = Metric("pages with raw [[{ / [[} / }]] text", str(raw), not raw, markers)
    m["headings"] = Metric("topic pages with raw # / Markdown source", str(len(sources)), not sources, sources)
    checked, broken = check_links(site)
    m["links"] = Metric(
        "broken internal links and anchors", f"{len(broken)} of {checked}", not broken, [str(b) for b in broken]
    )
    total, listed, toc = toc_share(site, notes)
    share = _share(listed, total)
    m["toc"] = Metric("headings listed in the page TOC", f"{share:.1%}", share >= TOC_TARGET, _worst_first(toc))
    written, missing, orphans = tags_without_topic(site, notes, kb["blocks"])
    figure = f"{len(missing)} of {written}" + (f" (+{len(orphans)} orphans)" if orphans else "")
    orphans = [f"{orphan} (an orphan: allowed)" for orphan in orphans]
    m["tags"] = Metric("written tag ids with no topic page", figure, not missing, missing + orphans)
    lost = lossless(site, notes)
    lines_share, words_share = _share(lost.normalised, lost.lines), _share(lost.words_found, lost.words)
    passed = lines_share >= LOSSLESS_TARGET and words_share >= LOSSLESS_TARGET
    figure = f"{lines_share:.2%} / {words_share:.2%}"
    m["lossless"] = Metric("lossless: text lines / Markdown words", figure, passed, _worst_first(lost.missing))
    exact = _share(lost.exact, lost.lines)
    m["exact"] = Metric("text lines shown exactly (information)", f"{exact:.2%}", True, [])
    box_ok = lost.box - sum(count for count, _ in lost.box_missing)
    figure = f"{box_ok} of {lost.box}"
    m["box"] = Metric("box-drawing lines exact", figure, not lost.box_missing, _worst_first(lost.box_missing))
    return result


def measure_collection(name: str, work: Path, realnotes: Path = REALNOTES) -> Measurement:
    """Build `realnotes/<name>` into `work/<name>/site` and measure it."""
    notes_dir = realnotes / name
    site = work / name / "site"
    site.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    warnings = build_collection(notes_dir, site)
    return measure(notes_dir, site, warnings, time.perf_counter() - started)


def table(measurements: Sequence[Measurement]) -> str:
    """The figures, one column per collection, as a Markdown table (✗ marks a missed target)."""
    if not measurements:
        return ""
    keys = list(measurements[0].metrics)
    out = [
        "| | " + " | ".join(m.collection for m in measurements) + " |",
        "|---|" + "---|" * len(measurements),
    ]
    for key in keys:
        label = measurements[0].metrics[key].label
        cells = [f"{m.metrics[key].figure}{'' if m.metrics[key].passed else ' ✗'}" for m in measurements]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("| build warnings | " + " | ".join(str(len(m.warnings)) for m in measurements) + " |")
    return "\n".join(out)


def details(measurement: Measurement, shown: int = SHOWN) -> str:
    """The first offenders of each missed target of one collection (and what a met target lists for information)."""
    out = []
    for metric in measurement.metrics.values():
        if metric.passed and not metric.offenders:
            continue
        met = " — target met, listed for information" if metric.passed else ""
        out.append(f"{measurement.collection}: {metric.label} ({metric.figure}){met}:")
        out.extend(f"  {offender}" for offender in metric.offenders[:shown])
        if len(metric.offenders) > shown:
            out.append(f"  … {len(metric.offenders) - shown} more")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Build and measure the named collections (all four by default); print the table and the offenders."""
    parser = argparse.ArgumentParser(prog="python -m tests.realnotes", description=__doc__.split("\n")[0])
    parser.add_argument("collections", nargs="*", default=list(COLLECTIONS), metavar="COLLECTION")
    parser.add_argument("--realnotes", type=Path, default=REALNOTES, help="folder of the collections")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build into DIR/<COLLECTION>/site and keep it")
    parser.add_argument("--shown", type=int, default=SHOWN, help="offenders listed per metric")
    args = parser.parse_args(argv)
    if not args.realnotes.is_dir():
        print(f"{args.realnotes} is absent", file=sys.stderr)
        return 2
    measurements = []
    with tempfile.TemporaryDirectory(prefix="realnotes-") as temporary:
        work = args.keep or Path(temporary)
        for name in args.collections:
            print(f"building {name} into {work / name / 'site'}…", file=sys.stderr, flush=True)
            measurements.append(measure_collection(name, work, args.realnotes))
    print(table(measurements))
    for measurement in measurements:
        print(f"\n{measurement.collection}: built and measured in {measurement.seconds:.0f} s")
        print(details(measurement, args.shown))
    return 0 if all(metric.passed for m in measurements for metric in m.metrics.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
