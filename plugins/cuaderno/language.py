"""Offline language detection, restricted to the site's languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

# Each alternative stops at the next bracket, backtick or line end: unclosed `[[` must not rescan the text.
_NOISE = re.compile(r"\[\[[^\[\]\n]*\]\]|@\[[^\[\]\n]*\]|https?://\S+|`[^`\n]*`|[#*_|<>{}\[\]()=/\\-]+")


# The detector reads a text byte by byte in Python; its first 4,000 characters of prose tell English from Spanish
# as well as the whole of it does (the same answer on every note of the corpus, the docs and the benchmark).
SAMPLE_CHARS = 4_000


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, languages: Sequence[str] = ("en", "es"), default: str = "en") -> str:
    """Return the most likely of `languages` for `text` (code and markup ignored).

    Short or empty texts return `default`.
    """
    words = _NOISE.sub(" ", text)
    if len(words.split()) < 3 or len(languages) < 2:
        return default if default in languages or not languages else languages[0]
    lang, _probability = _identifier(tuple(languages)).classify(words[:SAMPLE_CHARS])
    return str(lang)


SECTION_WORDS = 25


def section_language(text: str, note_language: str, languages: Sequence[str] = ("en", "es")) -> str:
    """The language of one section: detected when it has enough words, else the note's."""
    if len(_NOISE.sub(" ", text).split()) < SECTION_WORDS:
        return note_language
    return detect_language(text, languages, note_language)
