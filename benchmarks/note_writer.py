"""What the three note formats share: the plan, the generators, links and section choices."""

from __future__ import annotations

import random

from benchmarks import diagrams
from benchmarks.plan import NotePlan
from benchmarks.prose import Prose
from benchmarks.vocabulary import CONCERNS, FACTS, Concern

DOCS_URL = "https://docs.aws.amazon.com"


class NoteWriter:
    """Shared pieces of a note: prose in its language, links, diagrams, which sections it has."""

    def __init__(self, plan: NotePlan, rng: random.Random) -> None:
        self.plan = plan
        self.rng = rng
        self.lang = plan.lang
        self.prose = Prose(rng, plan.lang)

    def title(self) -> str:
        return self.plan.topic.name[self.lang]

    def concerns(self, low: int, high: int) -> list[Concern]:
        return self.rng.sample(CONCERNS, k=self.rng.randint(low, high))

    def topic_tag(self) -> str:
        return self.rng.choice(self.plan.topic.tags)

    def url(self) -> str:
        service = self.plan.topic.tags[0].split(".")[-1]
        return f"{DOCS_URL}/{service}/latest/userguide/{self.rng.choice(('limits', 'pricing', 'security', 'faq'))}.html"

    def earlier_anchor(self) -> str | None:
        """The anchor of an earlier note (every note defines one), for an `@[#name]` link."""
        if self.plan.index == 0:
            return None
        return f"n{self.rng.randrange(self.plan.index):05d}"

    def see_also(self) -> str | None:
        target = self.earlier_anchor()
        if target is None:
            return None
        return f"{'see' if self.lang == 'en' else 'ver'} @[#{target}]"

    def box_diagram(self, indent: str = "  ") -> list[str]:
        return diagrams.box_row(self.rng, self.plan.topic.box_labels, indent)

    def tree(self, indent: str = "  ") -> list[str]:
        labels = self.plan.topic.box_labels
        details = tuple(right for _left, right in FACTS[self.lang])
        return diagrams.tree(self.rng, labels[0], labels[1:], details, indent)

    def diagram(self, indent: str = "  ") -> list[str]:
        return self.box_diagram(indent) if self.rng.random() < 0.6 else self.tree(indent)
