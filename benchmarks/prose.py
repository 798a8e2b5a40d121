"""Sentences, paragraphs and headings in one language, drawn from the word lists."""

from __future__ import annotations

import random
import textwrap

from benchmarks.vocabulary import COMPLEMENTS, FACTS, OBJECTS, OPENERS, SUBJECTS, TODO, VERBS


class Prose:
    """Writes text in `lang` with the given random generator (so a seed fixes every word)."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options)

    def sentence(self) -> str:
        opener = self.pick(OPENERS[self.lang])
        subject = self.pick(SUBJECTS[self.lang])
        clause = f"{subject} {self.pick(VERBS[self.lang])} {self.pick(OBJECTS[self.lang])}"
        if self.rng.random() < 0.7:
            clause += f" {self.pick(COMPLEMENTS[self.lang])}"
        text = f"{opener}{clause}."
        return text[0].upper() + text[1:]

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def wrapped(self, text: str, indent: str = "", width: int = 78) -> list[str]:
        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent)

    def fact(self) -> tuple[str, str]:
        left, right = self.rng.choice(FACTS[self.lang])
        return left, right

    def aligned_facts(self, count: int, indent: str = "  ", arrow: str = "<··") -> list[str]:
        """Side comments aligned on one column, the layout text notes are known for."""
        facts = [self.fact() for _ in range(count)]
        width = max(len(left) for left, _ in facts) + 2
        return [f"{indent}{left.ljust(width)}{arrow} {right}" for left, right in facts]

    def todo(self) -> str:
        return self.pick(TODO[self.lang])
