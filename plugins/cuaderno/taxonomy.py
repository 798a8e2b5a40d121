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

from cuaderno.markers import normalize_tag
from cuaderno.model import Diagnostic, Severity

CORE_TAGS = Path(__file__).resolve().parent / "core_tags"
# The reference viewer reads `PM`, `QA` and `DOC_HAS` as `01_PM`, `02_QA` and `03_DOC_HAS`: one dimension each.
EQUIVALENT_DIMENSIONS = (("pm", "01_pm"), ("qa", "02_qa"), ("doc_has", "03_doc_has"))


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


def _texts(value: object) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if v is not None}
    if isinstance(value, str):
        return {"en": value}
    return {}


def _word_lists(value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): tuple(str(w) for w in (v or ()) if str(w).strip()) for k, v in value.items()}


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
    """The entries, aliases and problems of one taxonomy folder."""
    entries: dict[str, TagInfo] = {}
    alias_of: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return entries, alias_of, problems
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            problems.append(Diagnostic(str(path), line, "taxonomy", f"cannot read taxonomy: {error}", Severity.ERROR))
            continue
        tags = data.get("tags", {}) if isinstance(data, Mapping) else {}
        for raw_id, body in (tags or {}).items():
            tag_id = normalize_tag(str(raw_id))
            body = body if isinstance(body, Mapping) else {}
            aliases = tuple(normalize_tag(str(a)) for a in body.get("aliases", ()) or ())
            entries[tag_id] = TagInfo(
                id=tag_id,
                labels=_texts(body.get("labels")),
                description=_texts(body.get("description")),
                aliases=aliases,
                keywords=_word_lists(body.get("keywords")),
            )
            for alias in aliases:
                if alias and alias != tag_id:
                    alias_of[alias] = tag_id
    for intro in sorted(folder.glob("*.md")):
        stem = intro.name[: -len(".md")]
        lang = "en"
        if len(stem) > 3 and stem[-3] == "." and stem[-2:] in tuple(languages):
            stem, lang = stem[:-3], stem[-2:]
        tag_id = normalize_tag(stem)
        if tag_id in entries:
            info = entries[tag_id]
            entries[tag_id] = TagInfo(
                info.id,
                info.labels,
                info.description,
                info.aliases,
                info.keywords,
                {**info.intro, lang: intro.read_text(encoding="utf-8")},
            )
    return entries, alias_of, problems
