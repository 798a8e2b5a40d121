"""The taxonomy: tag labels, descriptions, aliases and keywords from `tags/*.yml`.

Every taxonomy lies on top of the core taxonomy (`core_tags/`), which labels
the marker format's conventional dimensions (`101`, `pm`, `qa`, `doc_has`) in
both languages and renames nothing. The format itself makes the reference
viewer's numbered dimensions one tag with their plain twins: `01_PM.TODO` is
`pm.todo`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cuaderno.input_limits import compose, problem_line, read_limited
from cuaderno.markers import is_tag_token, normalize_tag
from cuaderno.model import Diagnostic, Severity
from cuaderno.sources import decode

CORE_TAGS = Path(__file__).resolve().parent / "core_tags"
# The reference viewer reads `PM`, `QA` and `DOC_HAS` as `01_PM`, `02_QA` and `03_DOC_HAS`: one dimension each.
EQUIVALENT_DIMENSIONS = (("pm", "01_pm"), ("qa", "02_qa"), ("doc_has", "03_doc_has"))
# What a marker token can never hold: its separators and brackets.
_NOT_IN_TOKENS = frozenset(",{}[]")
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class TagInfo:
    """What the taxonomy says of one tag."""

    id: str
    labels: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    intro: Mapping[str, str] = field(default_factory=dict)


def parent_of(tag_id: str) -> str | None:
    """`a.b.c` -> `a.b`; a top-level tag has no parent."""
    return tag_id.rsplit(".", 1)[0] if "." in tag_id else None


def ancestors(tag_id: str) -> tuple[str, ...]:
    """Every tag above `tag_id`, nearest first: `a.b.c` -> (`a.b`, `a`)."""
    found: list[str] = []
    parent = parent_of(tag_id)
    while parent:
        found.append(parent)
        parent = parent_of(parent)
    return tuple(found)


@dataclass(frozen=True)
class Taxonomy:
    """All tag entries, with an alias table that maps variants to their entry."""

    entries: Mapping[str, TagInfo] = field(default_factory=dict)
    alias_of: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Merge the equivalent dimensions, under the name the taxonomy describes (the plain one by default)."""
        merged = dict(self.alias_of)
        for plain, numbered in EQUIVALENT_DIMENSIONS:
            if plain in merged or numbered in merged:  # the taxonomy merges one of them: the other follows
                merged.setdefault(numbered, merged.get(plain, numbered))
                merged.setdefault(plain, merged[numbered])
                merged = {alias: tag for alias, tag in merged.items() if alias != tag}
            elif numbered in self.entries and plain not in self.entries:
                merged[plain] = numbered
            else:
                merged[numbered] = plain
        object.__setattr__(self, "alias_of", merged)

    def canonical(self, tag_id: str) -> str:
        """The id a tag is merged into: aliases resolved, also as prefixes.

        `escalability.101` becomes `scalability.101` when `escalability` is an
        alias of `scalability`.
        """
        if tag_id in self.alias_of:
            return self.alias_of[tag_id]
        for prefix in ancestors(tag_id):
            if prefix in self.alias_of:
                return self.alias_of[prefix] + tag_id[len(prefix) :]
        return tag_id

    def label(self, tag_id: str, lang: str) -> str:
        """The tag's label in `lang`, else in any language, else its id."""
        info = self.entries.get(tag_id)
        if info and info.labels:
            return info.labels.get(lang) or next(iter(info.labels.values()))
        return tag_id

    def labels(self, tag_id: str, languages: Iterable[str]) -> dict[str, str]:
        """The tag's label in every language."""
        return {lang: self.label(tag_id, lang) for lang in languages}


def load_taxonomy(folder: Path, languages: Iterable[str] = ("en", "es")) -> tuple[Taxonomy, tuple[Diagnostic, ...]]:
    """The core taxonomy, overlaid with every `*.yml`/`*.yaml` file of `folder` and its introductions.

    An entry of `folder` replaces the core entry of the same id.
    """
    languages = tuple(languages)
    entries, alias_of, problems = _read_folder(CORE_TAGS, languages)
    if folder.is_dir() and folder.resolve() != CORE_TAGS:
        own, own_aliases, own_problems = _read_folder(folder, languages)
        for plain, numbered in EQUIVALENT_DIMENSIONS:
            if numbered in own and plain not in own:  # the folder names the dimension by its numbered twin
                entries = {
                    (new := _renamed(tag, plain, numbered)): replace(info, id=new) for tag, info in entries.items()
                }
        entries.update(own)
        alias_of.update(own_aliases)
        problems.extend(own_problems)
    return Taxonomy(entries, alias_of), tuple(problems)


def _renamed(tag_id: str, old: str, new: str) -> str:
    """`tag_id` with its top-level dimension `old` renamed `new`: `pm.todo` -> `01_pm.todo`."""
    if tag_id == old or tag_id.startswith(old + "."):
        return new + tag_id[len(old) :]
    return tag_id


def _read_folder(
    folder: Path, languages: tuple[str, ...]
) -> tuple[dict[str, TagInfo], dict[str, str], list[Diagnostic]]:
    """The entries, aliases and problems of one taxonomy folder: each file read on its own."""
    entries: dict[str, TagInfo] = {}
    alias_of: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return entries, alias_of, problems
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        reader = TaxonomyFile(path, languages)
        for info in reader.read():
            entries[info.id] = info
            alias_of.update(dict.fromkeys((alias for alias in info.aliases if alias != info.id), info.id))
        problems.extend(reader.problems)
    for intro in sorted(folder.glob("*.md")):
        stem = intro.name[: -len(".md")]
        lang = "en"
        if len(stem) > 3 and stem[-3] == "." and stem[-2:] in languages:
            stem, lang = stem[:-3], stem[-2:]
        known = entries.get(normalize_tag(stem))
        text = read_text(intro, problems) if known is not None else None
        if known is not None and text is not None:
            entries[known.id] = replace(known, intro={**known.intro, lang: text})
    return entries, alias_of, problems


def taxonomy_tag(written: str) -> str | None:
    """The id a taxonomy key or alias names, by the marker grammar (`markers.normalize_tag`), or None.

    A taxonomy names the tags markers write: what no marker token could be
    (`<img …>`, `a,b`, `$x`, an empty id) names no tag.
    """
    if not _NOT_IN_TOKENS.isdisjoint(written) or not is_tag_token(written):
        return None
    return normalize_tag(written) or None


def read_text(path: Path, problems: list[Diagnostic]) -> str | None:
    """A taxonomy file's text (at most `input_limits.MAX_BYTES`, any encoding `sources.decode` reads), or None.

    What cannot be read (a folder, a FIFO, a file too long or unreadable) is one warning.
    """
    try:
        data = read_limited(path)
    except OSError as error:
        reason = error.strerror or str(error)
        problems.append(_warning(path, 1, f"cannot read this taxonomy file ({reason}); skipped"))
        return None
    text, encoding, decoding = decode(data, str(path))
    problems.extend(decoding)
    return None if encoding == "binary" else text


def _warning(path: Path, line: int, message: str) -> Diagnostic:
    return Diagnostic(str(path), line, "taxonomy", message, Severity.WARNING)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _is_null(node: Node | None) -> bool:
    """Nothing written (`labels:` alone, `~`, `null`)."""
    return node is None or (isinstance(node, ScalarNode) and node.tag == _NULL)


def _scalar(node: Node) -> str | None:
    """A scalar's text as written (`101:` is `101`, not the number), None for null or a non-scalar."""
    if isinstance(node, ScalarNode) and node.tag != _NULL:
        return str(node.value)
    return None


class TaxonomyFile:
    """One `tags/*.yml` file, read on its own: its entries, and a warning for each value of the wrong shape.

    A value of the wrong shape is left out alone (one warning at its line); the
    rest of its entry, of the file and of the taxonomy is kept.
    """

    def __init__(self, path: Path, languages: tuple[str, ...]) -> None:
        """Read `path` (not yet: see `read`) for a site in `languages`, the default first."""
        self.path = path
        self.languages = languages or ("en",)
        self.problems: list[Diagnostic] = []

    def warn(self, node: Node, message: str) -> None:
        """One warning at the line of `node`."""
        self.problems.append(_warning(self.path, _line(node), message))

    def read(self) -> list[TagInfo]:
        """The entries of the file, in its order; problems go to `self.problems`."""
        text = read_text(self.path, self.problems)
        if text is None:
            return []
        try:
            root = compose(text)
        except yaml.YAMLError as error:
            line, problem = problem_line(error)
            self.problems.append(_warning(self.path, line, f"cannot read this taxonomy file: {problem}; skipped"))
            return []
        if root is None:
            return []
        if not isinstance(root, MappingNode):
            self.warn(root, "a taxonomy file is a mapping with a `tags:` key; skipped")
            return []
        found: list[TagInfo] = []
        for key, value in root.value:
            if _scalar(key) != "tags" or _is_null(value):
                continue
            if not isinstance(value, MappingNode):
                self.warn(value, "`tags:` should map tag ids to their entries; skipped")
                continue
            found.extend(info for id_node, body in value.value if (info := self.entry(id_node, body)))
        return found

    def entry(self, id_node: Node, body: Node) -> TagInfo | None:
        """One tag's entry; None when its key names no tag."""
        written = _scalar(id_node)
        if written is None:
            self.warn(id_node, "a tag id is text, not a list or a mapping; entry skipped")
            return None
        tag_id = taxonomy_tag(written)
        if tag_id is None:
            self.warn(id_node, f"{written!r} is not a tag id (markers could not write it); entry skipped")
            return None
        if not isinstance(body, MappingNode):
            if not _is_null(body):
                self.warn(body, f"the entry of {tag_id} should be a mapping (labels, description, aliases, keywords)")
            return TagInfo(tag_id)
        fields = {_scalar(key): value for key, value in body.value}
        aliases = self.aliases(fields["aliases"]) if "aliases" in fields else ()
        labels = self.texts(fields.get("labels"), "labels")
        return TagInfo(
            id=tag_id,
            # A label is one line of text (a title, a chip); a blank one leaves the tag its id.
            labels={lang: " ".join(text.split()) for lang, text in labels.items() if text.strip()},
            description=self.texts(fields.get("description"), "description"),
            aliases=aliases,
            keywords=self.keywords(fields.get("keywords")),
        )

    def texts(self, node: Node | None, name: str) -> dict[str, str]:
        """`{en: …, es: …}`; a single text is the default language's, with a warning."""
        if node is None or _is_null(node):
            return {}
        text = _scalar(node)
        if text is not None:
            self.warn(node, f"`{name}` should map languages to text ({name}: {{en: …, es: …}}); taken for all")
            return {self.languages[0]: text}
        if not isinstance(node, MappingNode):
            self.warn(node, f"`{name}` should map languages to text ({name}: {{en: …, es: …}}); left out")
            return {}
        found: dict[str, str] = {}
        for key, value in node.value:
            lang, text = _scalar(key), _scalar(value)
            if _is_null(value):
                continue
            if lang is None or text is None:
                self.warn(value, f"`{name}` should map languages to text; this value is left out")
            else:
                found[lang] = text
        return found

    def aliases(self, node: Node) -> tuple[str, ...]:
        """A list of tag ids; each that is no tag id is left out with a warning."""
        if _is_null(node):
            return ()
        if not isinstance(node, SequenceNode):
            self.warn(node, "`aliases` should be a list of tag ids ([a, b]); left out")
            return ()
        found: list[str] = []
        for item in node.value:
            written = _scalar(item)
            alias = taxonomy_tag(written) if written is not None else None
            if alias is None:
                self.warn(item, f"alias {written or '(not text)'!r} is not a tag id; left out")
            elif alias not in found:
                found.append(alias)
        return tuple(found)

    def keywords(self, node: Node | None) -> dict[str, tuple[str, ...]]:
        """`{en: [word, …], es: […]}`; what is not a list of words is left out with a warning."""
        if node is None or _is_null(node):
            return {}
        if not isinstance(node, MappingNode):
            self.warn(node, "`keywords` should map languages to lists of words ({en: [a, b]}); left out")
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for key, value in node.value:
            lang = _scalar(key)
            if _is_null(value):
                continue
            if lang is None or not isinstance(value, SequenceNode):
                self.warn(value, f"`keywords` of {lang or 'a language'} should be a list of words ([a, b]); left out")
                continue
            words = []
            for item in value.value:
                word = _scalar(item)
                if word is None and not _is_null(item):
                    self.warn(item, "a keyword is a word, not a list or a mapping; left out")
                elif word and word.strip():
                    words.append(word)
            found[lang] = tuple(words)
        return found
