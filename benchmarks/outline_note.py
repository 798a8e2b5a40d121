"""Outline text: `- Item` lines at column 0, `//` comments wrapped with tabs, code pasted without fences.

No markers and no Markdown (headings, fences, links, bold, tables, HTML), so
cuaderno detects the outline format from the content alone.
"""

from __future__ import annotations

from benchmarks.note_writer import NoteWriter
from benchmarks.plan import NotePlan, note_random
from benchmarks.snippets import snippet


class OutlineNote(NoteWriter):
    def write(self) -> list[str]:
        lines = [f"{self.title()} - {self.rng.choice(('2023', '2024', '2025'))}", ""]
        lines.extend(self.comment(f"#[{self.plan.anchor}]"))
        lines.append("")
        for concern in self.concerns(3, 7):
            lines.extend(self.item(concern.heading[self.lang]))
            lines.append("")
        return lines

    def comment(self, tail: str = "") -> list[str]:
        """A `//` comment whose continuation lines start with a tab, as pasted from an editor."""
        text = self.prose.paragraph(1, 3) + (f" {tail}" if tail else "")
        wrapped = self.prose.wrapped(text, width=90)
        return [f"// {wrapped[0]}", *(f"\t   {line}" for line in wrapped[1:])]

    def item(self, heading: str) -> list[str]:
        lines = [f"- {heading}" + (f"        // {self.prose.fact()[1]}" if self.rng.random() < 0.4 else "")]
        lines.extend(self.comment())
        lines.append("")
        choice = self.rng.random()
        if choice < 0.35:
            lines.extend(self.prose.aligned_facts(self.rng.randint(3, 6), "   ", "->"))
        elif choice < 0.55:
            lines.extend(self.diagram("   "))
        see = self.see_also()
        if see and self.rng.random() < 0.3:
            lines.append(f"// {see}")
        if self.rng.random() < 0.7:
            lines.append("")
            _language, label, code = snippet(self.rng)
            lines.append(label if self.rng.random() < 0.7 else f"{label}:")
            lines.extend(code)
        return lines


def write_outline(plan: NotePlan, seed: int) -> str:
    return "\n".join(OutlineNote(plan, note_random(seed, plan.index)).write()) + "\n"
