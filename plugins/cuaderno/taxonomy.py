"""The taxonomy: tag labels, descriptions, aliases and keywords from `tags/*.yml`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cuaderno.markers import normalize_tag
from cuaderno.model import Diagnostic, Severity


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
    """Read every `*.yml`/`*.yaml` file of `folder` and the `<id>[.<lang>].md` introductions."""
    entries: dict[str, TagInfo] = {}
    alias_of: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return Taxonomy(), ()
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
    return Taxonomy(entries, alias_of), tuple(problems)
