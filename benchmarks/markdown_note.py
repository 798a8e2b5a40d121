"""Markdown notes: headings, fenced code, links, tables, raw HTML; markers on headings in `.md` files.

A Markdown note saved as `.txt` carries no marker at all (one would make it
tagged text); inside code, `[[{…}]]` is content and stays as written.
"""

from __future__ import annotations

from benchmarks.note_writer import NoteWriter
from benchmarks.plan import NotePlan, note_random
from benchmarks.snippets import snippet
from benchmarks.vocabulary import Concern

TABLE_HEADS = {"en": ("Option", "When", "Cost"), "es": ("Opción", "Cuándo", "Coste")}
DETAILS = {"en": "Details", "es": "Detalles"}
LINK_TEXT = {"en": "the official guide", "es": "la guía oficial"}


class MarkdownNote(NoteWriter):
    def write(self) -> list[str]:
        lines: list[str] = []
        if self.rng.random() < 0.5:
            lines.extend(["---", f"title: {self.title()}", "---", ""])
        lines.extend([f"# {self.title()}", ""])
        lines.append(f"{self.inline_paragraph()} #[{self.plan.anchor}]")
        lines.append("")
        for concern in self.concerns(4, 8):
            lines.extend(self.section(concern))
        return lines

    def inline_paragraph(self) -> str:
        """Prose with bold, a link and inline code, the way Markdown notes mix them."""
        sentences = [self.prose.sentence() for _ in range(self.rng.randint(2, 4))]
        sentences[0] = f"**{sentences[0]}**"
        sentences.append(f"[{LINK_TEXT[self.lang]}]({self.url()})")
        if self.plan.markers and self.rng.random() < 0.3:
            sentences.append(f"`[[{{{self.topic_tag()}}}]]`")  # a marker in inline code is content
        else:
            sentences.append(f"`{self.rng.choice(('aws configure', 'terraform plan', 'kubectl get pods'))}`")
        return " ".join(sentences)

    def section(self, concern: Concern) -> list[str]:
        heading = f"## {concern.heading[self.lang]}"
        tagged = self.plan.markers and self.rng.random() < 0.8
        if tagged:
            heading += f" [[{{{self.topic_tag()}, {concern.tag}]]"
        lines = [heading, "", self.inline_paragraph(), ""]
        kind = self.rng.random()
        if kind < 0.3:
            lines.extend(self.table())
        elif kind < 0.6:
            lines.extend(self.code())
        elif kind < 0.8:
            lines.extend(["```text", *self.diagram(""), "```", ""])
        else:
            lines.extend(self.details())
        if tagged and self.rng.random() < 0.5:
            nested = self.rng.choice(concern.nested)
            lines.extend([f"### {self.prose.fact()[0].capitalize()} [[{{{nested}]]", "", self.prose.paragraph(), ""])
            see = self.see_also()
            if see:
                lines.extend([see, ""])
            lines.extend(["[[}]]", ""])
        lines.extend(f"- {self.prose.sentence()}" for _ in range(self.rng.randint(2, 4)))
        lines.append("")
        if tagged:
            lines.extend(["[[}]]", ""])
        return lines

    def table(self) -> list[str]:
        heads = TABLE_HEADS[self.lang]
        rows = [f"| {' | '.join(heads)} |", "|---|---|---|"]
        for _ in range(self.rng.randint(2, 5)):
            left, right = self.prose.fact()
            rows.append(f"| {left} | {right} | {self.rng.randint(1, 90)} USD |")
        return [*rows, ""]

    def code(self) -> list[str]:
        language, label, code = snippet(self.rng)
        fence = f'```{language} title="{label}"' if self.rng.random() < 0.5 else f"```{language}"
        body = list(code)
        if self.plan.markers and language == "bash" and self.rng.random() < 0.5:
            body.append(f"$ echo '[[{{{self.topic_tag()}]]'  # a marker in code is content")
        return [fence, *body, "```", ""]

    def details(self) -> list[str]:
        return [f"<details><summary>{DETAILS[self.lang]}</summary>", "", self.prose.paragraph(), "", "</details>", ""]


def write_markdown(plan: NotePlan, seed: int) -> str:
    return "\n".join(MarkdownNote(plan, note_random(seed, plan.index)).write()) + "\n"
