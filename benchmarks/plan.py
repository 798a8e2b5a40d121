"""What each synthetic note will be: its path, format, language and topic, fixed by the seed.

Note `i` depends only on the seed and `i`, so the first 1,000 notes of a
10,000-note corpus are the 1,000-note corpus: the sizes of a run grow by
adding notes, never by changing them.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from benchmarks.vocabulary import FILE_WORDS, LANGUAGES, TOPICS, Topic

NoteFormat = Literal["tagged", "outline", "markdown"]

# Shares of each format, close to a folder of real notes: mostly tagged text and Markdown.
FORMAT_WEIGHTS: dict[NoteFormat, float] = {"tagged": 0.40, "outline": 0.25, "markdown": 0.35}
MARKDOWN_AS_TXT = 0.4  # Markdown notes saved as `.txt` (detected from content, no markers)
# Notes are filed by term (`aws/storage/2014-1/`), 400 notes of the corpus to a term, so that a big
# corpus has many folders of a few dozen notes each, as people with thousands of notes keep them.
NOTES_PER_TERM = 400
FIRST_YEAR = 2013


@dataclass(frozen=True)
class NotePlan:
    """One note to write."""

    index: int
    path: str
    format: NoteFormat
    lang: str
    topic: Topic
    markers: bool  # whether the note carries `[[…]]` markers

    @property
    def anchor(self) -> str:
        """The `#[name]` anchor every note defines, so later notes can link to it."""
        return f"n{self.index:05d}"


def note_random(seed: int, index: int, purpose: str = "note") -> random.Random:
    """The random generator of one note (string seeds hash the same way on every run)."""
    return random.Random(f"{seed}/{index}/{purpose}")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plan_note(seed: int, index: int) -> NotePlan:
    rng = note_random(seed, index, "plan")
    formats = list(FORMAT_WEIGHTS)
    fmt = rng.choices(formats, weights=[FORMAT_WEIGHTS[f] for f in formats])[0]
    lang = rng.choice(LANGUAGES)
    topic = rng.choice(TOPICS)
    as_txt = fmt != "markdown" or rng.random() < MARKDOWN_AS_TXT
    markers = fmt == "tagged" or (fmt == "markdown" and not as_txt)
    name = f"{slug(topic.name[lang])}-{rng.choice(FILE_WORDS[lang])}-{index:05d}"
    term = index // NOTES_PER_TERM
    folder = f"{topic.folder}/{FIRST_YEAR + term // 2}-{term % 2 + 1}"
    return NotePlan(index, f"{folder}/{name}.{'txt' if as_txt else 'md'}", fmt, lang, topic, markers)


def plan_corpus(notes: int, seed: int) -> list[NotePlan]:
    return [plan_note(seed, index) for index in range(notes)]
