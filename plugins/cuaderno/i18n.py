"""Every user-visible string of cuaderno, in English and Spanish.

A test fails when a key lacks a language. Strings are `str.format` templates.
"""

from __future__ import annotations

LANGUAGES = ("en", "es")

STRINGS: dict[str, dict[str, str]] = {
    "language.en": {"en": "English", "es": "inglés"},
    "language.es": {"en": "Spanish", "es": "español"},
    "tags.title": {"en": "Tags", "es": "Etiquetas"},
    "tags.intro": {
        "en": "{count} tags, arranged as a tree. The number beside each tag counts the blocks it covers.",
        "es": "{count} etiquetas, ordenadas en árbol. El número junto a cada etiqueta cuenta los bloques que cubre.",
    },
    "topic.from_note": {"en": "in {title}", "es": "en {title}"},
    "topic.more_lines": {
        "en": "… {count} more lines in the note.",
        "es": "… {count} líneas más en la nota.",
    },
    "topic.parent": {"en": "Part of:", "es": "Forma parte de:"},
    "topic.children": {"en": "Narrower tags:", "es": "Etiquetas más concretas:"},
    "topic.in_language": {"en": "In {language} ({count})", "es": "En {language} ({count})"},
    "topic.empty": {"en": "No block carries this tag yet.", "es": "Ningún bloque lleva todavía esta etiqueta."},
    "build.summary": {
        "en": "{notes} notes, {blocks} blocks, {tags} tags, {warnings} warnings in {seconds:.2f} s",
        "es": "{notes} notas, {blocks} bloques, {tags} etiquetas, {warnings} avisos en {seconds:.2f} s",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang` (English when missing), filled with `values`."""
    entry = STRINGS[key]
    return (entry.get(lang) or entry["en"]).format(**values)
