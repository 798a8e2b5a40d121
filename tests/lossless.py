"""The lossless check: does every line (text notes) or word (Markdown notes) of a source reach its built page?

Text notes (tagged and outline) are compared line by line; blank lines, and
lines holding nothing but markers, are skipped. A line is first stripped of
the markup cuaderno legitimately turns into something else: `[[…]]` markers
(shown as tag chips), `@[target]` (shown as `target`, a link; a refused
`javascript:` target stays as written), `#[name]` anchors, `#` heading
prefixes, outline `- ` item prefixes and `//` comment prefixes. Then:

- *normalised*: the line's text, whitespace collapsed, occurs in the page's
  text, whitespace collapsed;
- *exact*: a line the note shows as written is a whole line of a `<pre>` of
  the page, spaces and tabs included, as many times as the note has it. Only
  trailing whitespace, which nobody sees, is ignored; a tab may be drawn as
  the spaces a browser draws for it (`TAB_SIZE` columns); a marker may leave
  its width blank and a link be followed by the width of its `@[]`, both of
  which keep the columns after them. Lines the format reflows on purpose
  (headings, outline items and `//` comments with their wrapped lines, an
  outline's title line, code labels) have no layout to keep: for them exact
  means normalised.

Markdown notes are compared word by word (a word is a run of letters or
digits), as a multiset: a word written three times must show three times (the
share of distinct words found is reported too). The source is first reduced to
what Markdown shows; what it never shows is not expected on the page: front
matter, markers, HTML comments and tags with their attributes (an `<img>`'s
`alt`, a `<p align>`), link and image targets, image alt text, reference-link
labels and definitions, attribute lists (`{#id}`), fence info strings
(`python title="x"`), entity names (`&nbsp;`), ordered-list numbers (the
browser draws them), and the `*` of intraword emphasis (`S*peed*` shows as
"Speed"). Inside code (fenced or inline) everything is content.

The page's text is the `<article>` with cuaderno's and Material's own
additions left out: tag chips, the language badge and notices, heading
permalinks (`¶`), the `#[name]` anchor labels, scripts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from cuaderno.formats.markdown import code_spans, fenced_lines
from cuaderno.formats.outline import TITLE_WIDTH, classify
from cuaderno.markers import ANCHOR_RE, LINK_RE, find_markers, is_safe_url, strip_markers
from cuaderno.model import Format
from cuaderno.sources import read_source

# The tab stops `pre.cdn-text` declares (cuaderno.css) and browsers use for code.
TAB_SIZE = 8
# Elements the page adds around the note's own text (class names).
GENERATED_CLASSES = frozenset(
    {"headerlink", "cdn-tags", "cdn-heading-tags", "cdn-note-meta", "cdn-also", "cdn-anchor", "cdn-related"}
)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_BLOCK = frozenset(
    {
        *("p", "div", "pre", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "details", "summary", "figure", "figcaption"),
        *("section", "header", "footer", "nav", "aside"),
    }
)
_HIDDEN = frozenset({"script", "style", "template"})
WORD_RE = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space, trim the ends."""
    return " ".join(text.split())


# -- the page ------------------------------------------------------------------


@dataclass
class PageText:
    """What a reader of the page's `<article>` sees."""

    text: str
    pre_blocks: list[str]

    @property
    def flat(self) -> str:
        """The whole text, whitespace collapsed."""
        return normalise(self.text)

    def pre_lines(self) -> Counter[str]:
        """Every line of every `<pre>`, trailing whitespace removed, counted."""
        return Counter(line.rstrip() for block in self.pre_blocks for line in block.split("\n"))

    def words(self) -> Counter[str]:
        """Every word of the text, counted."""
        return Counter(WORD_RE.findall(self.text))


class _ArticleParser(HTMLParser):
    """Collects the text of `<article>`, leaving out generated elements, keeping `<pre>` verbatim."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, pre)
        self.in_article = False
        self.done = False
        self.parts: list[str] = []
        self.pre_blocks: list[str] = []
        self.current_pre: list[str] | None = None

    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if not self.in_article:
            if tag == "article":
                self.in_article = True
                self.stack.append((tag, False, False))
            return
        if tag in _BLOCK and not self.hidden():
            self.parts.append("\n")
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        hidden = self.hidden() or tag in _HIDDEN or bool(classes & GENERATED_CLASSES)
        in_pre = bool(self.stack) and self.stack[-1][2]
        if tag == "pre" and not hidden and not in_pre:
            self.current_pre = []
        self.stack.append((tag, hidden, in_pre or tag == "pre"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_article and not self.done and tag in _BLOCK and not self.hidden():
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article or self.done or tag in _VOID:
            return
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            return  # a stray end tag
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag == "pre" and self.current_pre is not None and not (self.stack and self.stack[-1][2]):
            self.pre_blocks.append("".join(self.current_pre))
            self.current_pre = None
        if tag in _BLOCK and not self.hidden():
            self.parts.append("\n")
        if tag == "article" and not self.stack:
            self.done = True

    def handle_data(self, data: str) -> None:
        if not self.in_article or self.done or self.hidden():
            return
        self.parts.append(data)
        if self.current_pre is not None:
            self.current_pre.append(data)


def page_text(page_html: str) -> PageText:
    """The visible text of a built page's `<article>` (entities decoded, generated parts left out)."""
    parser = _ArticleParser()
    parser.feed(page_html)
    parser.close()
    return PageText("".join(parser.parts), parser.pre_blocks)


# -- text notes ----------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedLine:
    """One non-blank source line of a text note and the text it must show as."""

    number: int
    source: str
    fragments: tuple[str, ...]  # each must occur on the page
    verbatim: bool  # shown as written (in a `<pre>`), so its whitespace counts


def _plain(line: str, number: int, pad_markers: bool = False, pad_links: bool = False, markers: bool = True) -> str:
    """A text-note line with its markup replaced by what the page shows of it.

    Markers are cut out, `@[target]` shows as `target`, `#[name]` anchors are
    cut out (the page's anchor label is left out of its text too). To keep the
    columns after them, the page may leave a marker's width blank
    (`pad_markers`, in drawings) and follow a link by the spaces its brackets
    took (`pad_links`). Without `markers`, markers stay as written (a
    brace-less marker inside a fence is code).
    """
    out: list[str] = []
    last = 0
    for marker in find_markers(line, number) if markers else ():
        out.append(line[last : marker.start])
        out.append(" " * (marker.end - marker.start) if pad_markers else "")
        last = marker.end
    out.append(line[last:])

    def link(match: re.Match[str]) -> str:
        target = match.group(1)
        if not (target.startswith("#") or is_safe_url(target)):
            return match.group(0)  # refused: shown as written
        return target + (" " * (len(match.group(0)) - len(target)) if pad_links else "")

    return ANCHOR_RE.sub("", LINK_RE.sub(link, "".join(out)))


def shown_as_written(line: str, number: int, markers: bool = True) -> frozenset[str]:
    """Every form in which a line shown as written keeps its layout (trailing whitespace dropped).

    Markup gone or leaving its columns blank (see `_plain`), tabs kept or
    drawn as the spaces a browser draws for them (`TAB_SIZE` columns).
    """
    forms = {_plain(line, number, m, k, markers).rstrip() for m in (False, True) for k in (False, True)}
    return frozenset({*forms, *(form.expandtabs(TAB_SIZE) for form in forms)})


_TAGGED_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>\S.*)$")


def _tagged_lines(lines: Sequence[str], body_start: int) -> Iterable[ExpectedLine]:
    for number in range(body_start, len(lines) + 1):
        raw = lines[number - 1]
        # A heading is recognised on the raw line (markers may follow the hashes) and shown without them.
        heading = _TAGGED_HEADING.match(raw)
        text = _plain(raw, number)
        if not text.strip():
            continue
        if heading:
            stripped = re.sub(r"^#{1,6}[ \t]+", "", text.strip()).rstrip("#").strip()
            if stripped:
                yield ExpectedLine(number, raw, (stripped,), verbatim=False)
                continue
        yield ExpectedLine(number, raw, (text,), verbatim=True)


def _outline_lines(lines: Sequence[str], body_start: int) -> Iterable[ExpectedLine]:
    seen_text = False
    in_prose = False  # the previous line belongs to a `//` paragraph, which indented lines continue
    for number in range(body_start, len(lines) + 1):
        raw = lines[number - 1]
        kind = classify(raw)
        text = _plain(raw, number)
        # The first line, when short prose, is the note's title (outline.py's TITLE_WIDTH).
        first = not seen_text and kind == "other" and len(raw.strip()) <= TITLE_WIDTH
        seen_text = seen_text or kind != "blank"
        if kind == "blank" or not text.strip():
            in_prose = False
            continue
        if kind == "item":
            head, _, comment = text[2:].partition("//")
            pieces = tuple(p.strip() for p in (head, comment) if p.strip())
            in_prose = bool(comment.strip())
            yield ExpectedLine(number, raw, pieces, verbatim=False)
        elif kind == "comment":
            in_prose = True
            yield ExpectedLine(number, raw, (text.split("//", 1)[1].strip(),), verbatim=False)
        elif kind == "other" and in_prose and raw[:1] in " \t":
            yield ExpectedLine(number, raw, (text.strip(),), verbatim=False)
        elif kind == "label" or first:
            # A file name over pasted code becomes the block's title; the first line, the note's title.
            in_prose = False
            yield ExpectedLine(number, raw, (text.strip().rstrip(":").strip(),), verbatim=False)
        else:
            in_prose = False
            yield ExpectedLine(number, raw, (text,), verbatim=True)


def expected_lines(lines: Sequence[str], body_start: int, fmt: Format) -> list[ExpectedLine]:
    """The non-blank lines of a text note, with the markup the format transforms removed."""
    reader = _outline_lines if fmt is Format.OUTLINE else _tagged_lines
    return list(reader(lines, body_start))


@dataclass
class LineResult:
    """The check of one text note."""

    path: str
    format: str
    total: int = 0
    exact: int = 0
    normalised: int = 0
    missing_exact: list[tuple[int, str]] = field(default_factory=list)
    missing_normalised: list[tuple[int, str]] = field(default_factory=list)

    def tally(self, number: int, source: str, normalised_ok: bool, exact_ok: bool) -> None:
        """Count one line of the note: shown (normalised), shown as written (exact), or missing."""
        self.normalised += normalised_ok
        self.exact += exact_ok
        if not normalised_ok:
            self.missing_normalised.append((number, source))
        if not exact_ok:
            self.missing_exact.append((number, source))

    def exact_ratio(self) -> float:
        return self.exact / self.total if self.total else 1.0

    def normalised_ratio(self) -> float:
        return self.normalised / self.total if self.total else 1.0


def check_text_note(path: str, fmt: str, lines: Sequence[str], body_start: int, page: PageText) -> LineResult:
    """Check that every line of a text note reaches its page."""
    result = LineResult(path, fmt)
    flat = page.flat
    pre_lines = page.pre_lines()
    for line in expected_lines(lines, body_start, Format(fmt)):
        result.total += 1
        normalised_ok = all(normalise(fragment) in flat for fragment in line.fragments)
        if line.verbatim:
            form = next((f for f in sorted(shown_as_written(line.source, line.number)) if pre_lines[f] > 0), None)
            exact_ok = form is not None
            if form is not None:
                pre_lines[form] -= 1  # a line written twice must show twice
        else:
            exact_ok = normalised_ok
        result.tally(line.number, line.source, normalised_ok, exact_ok)
    return result


# -- Markdown notes ------------------------------------------------------------

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\](?:\((?P<target>[^()]*(?:\([^()]*\)[^()]*)*)\)|\[[^\]]*\])")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^{}]*\}")
_FENCE_INFO = re.compile(r"^[ \t]*(`{3,}|~{3,}).*$")
# The browser numbers ordered lists; `S*peed up*` shows as "Speed up".
_ORDERED_ITEM = re.compile(r"^([ \t>]*)\d+\.(?=[ \t])")
_INTRAWORD_EMPHASIS = re.compile(r"(?<=[^\W_])\*+(?=[^\W_])")


def _shown_markdown(text: str) -> str:
    """Markdown prose (no code) reduced to the text Markdown shows."""
    text = LINK_RE.sub(lambda match: match.group(1), text)
    text = ANCHOR_RE.sub("", text)
    text = _IMAGE.sub(" ", text)
    text = _AUTOLINK.sub(r" \1 ", text)
    while True:  # innermost links first: `[a [b](c)](d)`
        replaced = _LINK.sub(lambda match: f" {match.group('text')} ", text)
        if replaced == text:
            break
        text = replaced
    text = _HTML_TAG.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    return unescape(text)


def _mask_code(line: str) -> tuple[str, list[str]]:
    """Replace inline code spans by placeholders (links and HTML may hold code: ``[`x` y](z)``)."""
    spans = code_spans(line) if "`" in line else ()
    codes: list[str] = []
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(line[last:start])
        out.append(f"\x00{len(codes)}\x00")
        codes.append(line[start:end])
        last = end
    out.append(line[last:])
    return "".join(out), codes


def _unmask_code(text: str, codes: Sequence[str]) -> str:
    return re.sub("\x00(\\d+)\x00", lambda match: codes[int(match.group(1))], text)


def markdown_source_text(lines: Sequence[str], body_start: int) -> str:
    """The text of a Markdown note that its page must show (see the module docstring)."""
    fenced = fenced_lines(lines, body_start)
    out: list[str] = []
    in_comment = False
    for number in range(body_start, len(lines) + 1):
        line = lines[number - 1]
        if number in fenced:
            out.append("" if _FENCE_INFO.match(line) else line)
            continue
        if _REF_DEFINITION.match(line):
            continue
        line = strip_markers(line, find_markers(line, number, code_spans(line) if "`" in line else ()))
        masked, codes = _mask_code(line)
        # HTML comments may span lines: cut what lies inside one.
        if in_comment:
            if "-->" not in masked:
                continue
            masked, in_comment = masked.split("-->", 1)[1], False
        masked = _HTML_COMMENT.sub(" ", masked)
        if "<!--" in masked:
            masked, in_comment = masked.split("<!--", 1)[0], True
        masked = _ORDERED_ITEM.sub("", masked)
        masked = _INTRAWORD_EMPHASIS.sub("", masked)
        out.append(_unmask_code(_shown_markdown(masked), codes))
    return "\n".join(out)


@dataclass
class WordResult:
    """The check of one Markdown note."""

    path: str
    total: int = 0
    found: int = 0
    distinct: int = 0
    distinct_found: int = 0
    missing: Counter[str] = field(default_factory=Counter)

    def ratio(self) -> float:
        return self.found / self.total if self.total else 1.0

    def distinct_ratio(self) -> float:
        return self.distinct_found / self.distinct if self.distinct else 1.0


def check_markdown_note(path: str, lines: Sequence[str], body_start: int, page: PageText) -> WordResult:
    """Check that every word of a Markdown note reaches its page, as often as it is written."""
    wanted = Counter(WORD_RE.findall(markdown_source_text(lines, body_start)))
    shown = page.words()
    result = WordResult(path)
    for word, count in wanted.items():
        result.total += count
        result.distinct += 1
        result.found += min(count, shown[word])
        result.distinct_found += shown[word] > 0
        if shown[word] < count:
            result.missing[word] = count - shown[word]
    return result


# -- a whole site ----------------------------------------------------------------

NoteResult = LineResult | WordResult


@dataclass
class SiteResult:
    """The check of every note of a site."""

    text: list[LineResult] = field(default_factory=list)
    markdown: list[WordResult] = field(default_factory=list)

    def notes(self) -> list[NoteResult]:
        """Every note's result, text notes first."""
        found: list[NoteResult] = [*self.text, *self.markdown]
        return found

    def find(self, path: str) -> list[NoteResult]:
        """The results of the note at `path` (as kb.json writes it): its page, then its interface copies."""
        return [r for r in self.notes() if r.path == path or r.path.startswith(f"{path} [")]

    def text_ratios(self) -> tuple[float, float]:
        """Exact and normalised shares of text-note lines found, over all text notes."""
        total = sum(r.total for r in self.text)
        if not total:
            return 1.0, 1.0
        return sum(r.exact for r in self.text) / total, sum(r.normalised for r in self.text) / total

    def markdown_ratio(self) -> float:
        """Share of Markdown words found, over all Markdown notes."""
        total = sum(r.total for r in self.markdown)
        return sum(r.found for r in self.markdown) / total if total else 1.0


def check_site(
    site: Path,
    kb_notes: Sequence[Mapping[str, str]],
    source_of: Callable[[str], Path | None],
    interfaces: Sequence[str] = (),
) -> SiteResult:
    """Check the notes of `kb_notes` (kb.json's entries) whose source `source_of(path)` gives, against their pages.

    A note is checked on its own page and, for each code of `interfaces`, on
    the copy that interface serves (`es/<url>`), unless that URL is another
    note's (a translation). Copies are reported as `path [code/]`.
    """
    result = SiteResult()
    urls = {entry["url"] for entry in kb_notes}
    prefixes = tuple(f"{code}/" for code in interfaces)
    for entry in kb_notes:
        source_file = source_of(entry["path"])
        if source_file is None:
            continue
        fmt = Format(entry["format"])
        source = read_source(source_file.read_bytes(), entry["path"], fmt)
        pages = [(entry["path"], entry["url"])]
        if entry["url"] and not entry["url"].startswith(prefixes):
            copies = [(f"{entry['path']} [{prefix}]", prefix + entry["url"]) for prefix in prefixes]
            pages.extend((label, url) for label, url in copies if url not in urls)
        for label, url in pages:
            page = page_text((site / url / "index.html").read_text(encoding="utf-8"))
            if fmt is Format.MARKDOWN:
                result.markdown.append(check_markdown_note(label, source.lines, source.body_start, page))
            else:
                result.text.append(check_text_note(label, fmt.value, source.lines, source.body_start, page))
    return result


def missing_report(result: NoteResult, shown: int = 8) -> list[str]:
    """The first lines or words of a note its page lacks."""
    out: list[str] = []
    if isinstance(result, WordResult):
        if result.missing:
            first = ", ".join(f"{word}×{count}" for word, count in result.missing.most_common(shown * 2))
            out.append(f"  {result.path}: missing {sum(result.missing.values())} words: {first}")
        return out
    layout = [m for m in result.missing_exact if m not in result.missing_normalised]
    for label, missing in (("not shown", result.missing_normalised), ("layout changed", layout)):
        out.extend(f"  {result.path}:{number}: {label}: {line!r}" for number, line in missing[:shown])
        if len(missing) > shown:
            out.append(f"  {result.path}: … {len(missing) - shown} more lines {label}")
    return out


def report(result: SiteResult, shown: int = 8) -> str:
    """A table of the figures, then the first lines or words missing from each note that lacks some."""
    out: list[str] = []
    if result.text:
        out.append(f"{'text note':<52} {'format':<8} {'lines':>6} {'exact':>8} {'normalised':>10}")
        for r in result.text:
            out.append(f"{r.path:<52} {r.format:<8} {r.total:>6} {r.exact_ratio():>8.2%} {r.normalised_ratio():>10.2%}")
        exact, normalised = result.text_ratios()
        lines = sum(r.total for r in result.text)
        out.append(f"{'all text notes':<52} {'':<8} {lines:>6} {exact:>8.2%} {normalised:>10.2%}")
    if result.markdown:
        out.append(f"{'Markdown note':<52} {'words':>8} {'found':>8} {'distinct':>9}")
        for m in result.markdown:
            out.append(f"{m.path:<52} {m.total:>8} {m.ratio():>8.2%} {m.distinct_ratio():>9.2%}")
        words = sum(m.total for m in result.markdown)
        out.append(f"{'all Markdown notes':<52} {words:>8} {result.markdown_ratio():>8.2%}")
    for note in result.notes():
        out.extend(missing_report(note, shown))
    return "\n".join(out)


# -- the author's later markup (issue 18): `|`-margin fences, `<br/>`, `i[…]`, comments ----------------------------
#
# In text notes a ```` ``` ```` fence is markup: fence lines need not show, and the `|` left margin of the lines
# inside may be stripped. A `<br/>` at a line's end, an `i[path|style]` image and an HTML comment are markup too
# (the author's viewer shows none of them as text). These checks accept a line shown either way (as written, or
# with that markup gone), so they measure losses, never the choice. Where notes leave a fence unclosed, Markdown's
# reading (a fence runs to its closer, over blank lines) and the author's viewer's (a fence lies within one
# paragraph) differ: a line inside a fence by either reading may show either way, and a `|` margin may be stripped
# wherever it stands.

# A fence line, also behind a list bullet (`* ```) or inside a `|` margin (`|```), as the author writes them.
_FENCE_LINE = re.compile(r"^[ \t]*(?:[*-][ \t]+|\|[ \t]*)?(`{3,}|~{3,})")
_MARGIN_RE = re.compile(r"^[ \t]*\| ?")
_PIPE_RE = re.compile(r"^[ \t]*\|")
_LINE_END_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*$", re.IGNORECASE)
_IMAGE_MARKUP = re.compile(r"(?<![\w])i\[[^\[\]\n]*\]")
_HTML_COMMENT_MARKUP = re.compile(r"<!--.*?-->")
_FENCE_INDENT = re.compile(r"^[ \t]*")


@dataclass(frozen=True)
class TextFences:
    """The fences of a text note: fence lines, lines inside a fence by either reading, by both (see above)."""

    fence_lines: frozenset[int]
    inside: Mapping[int, str]  # line number -> the indent of its fence's opening line
    certain: frozenset[int]


def _paragraph_fences(lines: Sequence[str], body_start: int) -> dict[int, str]:
    """Lines inside a fence as the author's viewer reads them: fence lines paired within a paragraph."""
    inside: dict[int, str] = {}
    opening: tuple[int, str] | None = None
    for number in range(body_start, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            opening = None  # a paragraph ends: a fence left open closes nothing
        elif _FENCE_LINE.match(line):
            if opening is None:
                opening = (number, line[: len(line) - len(line.lstrip())])
            else:
                inside.update((n, opening[1]) for n in range(opening[0] + 1, number))
                opening = None
    return inside


def text_fences(lines: Sequence[str], body_start: int) -> TextFences:
    """The fences of a text note, by Markdown's reading (`cuaderno.formats.markdown.fences`) and the viewer's."""
    from cuaderno.formats.markdown import fences

    markdown: dict[int, str] = {}
    for fence in fences(lines, body_start):
        if fence.close:
            markdown.update((number, fence.indent) for number in range(fence.open + 1, fence.close))
    viewer = _paragraph_fences(lines, body_start)
    fence_lines = frozenset(n for n in range(body_start, len(lines) + 1) if _FENCE_LINE.match(lines[n - 1]))
    return TextFences(fence_lines, {**viewer, **markdown}, frozenset(markdown.keys() & viewer.keys()))


HEADING_SOURCE_RE = re.compile(r"^#{1,6}[ \t]+\S")


def text_heading_lines(lines: Sequence[str], body_start: int) -> tuple[frozenset[str], frozenset[str]]:
    """The lines of a text note that may be headings, and those that must (normalised, markers cut out).

    A `# text` line inside a fence by one reading of the note's fences but
    not by the other may be a heading; outside every fence it must.
    """
    fences = text_fences(lines, body_start)
    may, must = set(), set()
    for number in range(body_start, len(lines) + 1):
        line = lines[number - 1]
        if number in fences.certain or number in fences.fence_lines or not HEADING_SOURCE_RE.match(line):
            continue
        text = normalise(strip_markers(line, find_markers(line, number)))
        may.add(text)
        if number not in fences.inside:
            must.add(text)
    return frozenset(may), frozenset(must)


def _bare(text: str) -> str:
    """Text without the markup a text note may turn into something else: `<br/>` at its end, images, comments."""
    return _HTML_COMMENT_MARKUP.sub("", _IMAGE_MARKUP.sub("", _LINE_END_BREAK.sub("", text)))


def _without_inline_markup(line: str) -> list[str]:
    """The line, and the line without a closing `<br/>`, `i[…]` images and HTML comments, when it has them."""
    bare = _bare(line)
    return [line, bare] if bare != line else [line]


def _fenced_variants(line: str, indent: str) -> list[str]:
    """A line inside a fence as written, without its `|` margin (with or without one space), or dedented."""
    variants = {line, _MARGIN_RE.sub("", line, count=1), _PIPE_RE.sub("", line, count=1)}
    if indent and line.startswith(indent):
        variants.add(line[len(indent) :])
    return [v for variant in sorted(variants) for v in _without_inline_markup(variant)]


@dataclass(frozen=True)
class LineChoices:
    """One line of a text note and each acceptable way its page may show it.

    `fragments` holds alternatives, each a tuple of texts that must all occur
    on the page (normalised); `forms` the exact `<pre>` lines it may be; when
    `reflowable`, the line may also be reflowed (a heading), and exact then
    means normalised.
    """

    number: int
    source: str
    fragments: tuple[tuple[str, ...], ...]
    forms: frozenset[str]
    reflowable: bool


def line_choices(lines: Sequence[str], body_start: int, fmt: Format) -> list[LineChoices]:
    """The lines `expected_lines` expects, fence lines left out, with the later markup's alternatives."""
    fenced = text_fences(lines, body_start)
    out: list[LineChoices] = []
    for line in expected_lines(lines, body_start, fmt):
        if line.number in fenced.fence_lines:
            continue
        alternatives = [line.fragments, tuple(_bare(f) for f in line.fragments)]
        if not line.verbatim:  # a heading's `code` shows as code, its backticks gone
            alternatives.append(tuple(_bare(f).replace("`", "") for f in line.fragments))
        variants = _without_inline_markup(line.source) if line.verbatim else []
        if line.number in fenced.inside or _PIPE_RE.match(line.source):  # a margin may be stripped wherever it is
            fence_variants = _fenced_variants(line.source, fenced.inside.get(line.number, ""))
            alternatives.extend((_plain(v, line.number, markers=cut),) for v in fence_variants for cut in (True, False))
            variants.extend(fence_variants)
        forms = frozenset(form for v in variants for form in shown_as_written(v, line.number))
        if line.number in fenced.inside:  # a brace-less marker in a fence is code, shown as written
            forms |= frozenset(form for v in variants for form in shown_as_written(v, line.number, markers=False))
        out.append(LineChoices(line.number, line.source, tuple(alternatives), forms, not line.verbatim))
    return out


def check_text_note_choices(path: str, fmt: str, lines: Sequence[str], body_start: int, page: PageText) -> LineResult:
    """`check_text_note` with the author's later markup counted as markup (fences, `|` margins, `<br/>`, `i[]`, …).

    A line made of nothing but such markup (an image alone) counts as shown.
    """
    result = LineResult(path, fmt)
    flat = page.flat
    pre_lines = page.pre_lines()
    for line in line_choices(lines, body_start, Format(fmt)):
        result.total += 1
        normalised_ok = any(all(normalise(fragment) in flat for fragment in choice) for choice in line.fragments)
        shown = [form for form in sorted(line.forms) if form.strip() and pre_lines[form] > 0]
        if shown:
            pre_lines[shown[0]] -= 1  # a line written twice must show twice
        empty = any(not form.strip() for form in line.forms)
        exact_ok = bool(shown) or empty or (line.reflowable and normalised_ok)
        result.tally(line.number, line.source, normalised_ok, exact_ok)
    return result


def missing_code_lines(
    lines: Sequence[str], body_start: int, page: PageText, wanted: Callable[[str], bool]
) -> tuple[int, list[tuple[int, str]]]:
    """Lines inside a Markdown note's fenced code that `wanted` selects: how many, and which no `<pre>` shows exactly.

    A line may lose leading whitespace (a fence's indent) but nothing else, trailing whitespace aside.
    """
    from cuaderno.formats.markdown import fences

    pre_lines = page.pre_lines()
    checked = 0
    missing: list[tuple[int, str]] = []
    for fence in fences(lines, body_start):
        for number in range(fence.open + 1, (fence.close or len(lines) + 1)):
            line = lines[number - 1].rstrip()
            if not wanted(line):
                continue
            checked += 1
            indent = _FENCE_INDENT.match(line)
            width = indent.end() if indent else 0
            form = next((line[cut:] for cut in range(width + 1) if pre_lines[line[cut:]] > 0), None)
            if form is None:
                missing.append((number, lines[number - 1]))
            else:
                pre_lines[form] -= 1
    return checked, missing


# -- what a whole page shows, piece by piece -------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """A piece of a page's visible text (a `\\n` chunk stands for a block element's edge), and where it stands."""

    text: str
    code: bool  # inside `<code>`
    pre: bool  # inside `<pre>`
    block: str | None  # the `data-block` of the `<article>` around it (a block on a topic page), if any
    content: bool  # inside the page's main `<article>`


class _ChunkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[Chunk] = []
        self.stack: list[tuple[str, bool, bool, bool, str | None, bool]] = []  # tag, hidden, code, pre, block, content
        self.in_body = False

    def _state(self) -> tuple[bool, bool, bool, str | None, bool]:
        return self.stack[-1][1:] if self.stack else (False, False, False, None, False)

    def _edge(self) -> None:
        hidden, code, pre, block, content = self._state()
        if not hidden:
            self.chunks.append(Chunk("\n", code, pre, block, content))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if not self.in_body:
            return
        if tag in _BLOCK:
            self._edge()
        if tag in _VOID:
            return
        values = dict(attrs)
        hidden, code, pre, block, content = self._state()
        if tag == "article":
            block = values.get("data-block") or block
            content = content or "md-content__inner" in (values.get("class") or "").split()
        self.stack.append((tag, hidden or tag in _HIDDEN, code or tag == "code", pre or tag == "pre", block, content))

    def handle_endtag(self, tag: str) -> None:
        if not self.in_body or tag in _VOID or not any(entry[0] == tag for entry in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag in _BLOCK:
            self._edge()

    def handle_data(self, data: str) -> None:
        hidden, code, pre, block, content = self._state()
        if self.in_body and not hidden:
            self.chunks.append(Chunk(data, code, pre, block, content))


def visible_chunks(page_html: str) -> list[Chunk]:
    """Every visible text of a page's `<body>` in order (scripts, styles and templates left out), with its place."""
    parser = _ChunkParser()
    parser.feed(page_html)
    parser.close()
    return parser.chunks


def visible_lines(chunks: Sequence[Chunk]) -> Iterator[tuple[Chunk, str]]:
    """The visible lines of a page's main `<article>`, each with the chunk it begins with.

    Code is replaced by NUL characters (it is content wherever it stands); a
    line outside `<pre>` loses its leading whitespace, as a browser draws it.
    """
    line: list[str] = []
    start: Chunk | None = None
    for chunk in chunks:
        if not chunk.content:
            continue
        text = "\0" * len(chunk.text.replace("\n", "")) if chunk.code else chunk.text
        for index, piece in enumerate(text.split("\n")):
            if index:
                if start is not None:
                    joined = "".join(line)
                    yield start, joined if start.pre else joined.lstrip()
                line, start = [], None
            if piece and start is None and (piece.strip() or chunk.pre):
                start = chunk
            line.append(piece)
    if start is not None:
        joined = "".join(line)
        yield start, joined if start.pre else joined.lstrip()
