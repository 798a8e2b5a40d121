"""Tagged text: `#` headings, layout made with spaces, `[[{tag}]]` markers opening nested blocks."""

from __future__ import annotations

from benchmarks.note_writer import NoteWriter
from benchmarks.plan import NotePlan, note_random
from benchmarks.snippets import snippet
from benchmarks.vocabulary import Concern

INDENT = "  "


class TaggedNote(NoteWriter):
    def write(self) -> list[str]:
        lines = [f"# {self.title()}", ""]
        intro = self.prose.wrapped(self.prose.paragraph(2, 4), INDENT)
        intro[-1] += f"   #[{self.plan.anchor}]"
        lines.extend(intro)
        lines.append(f"{INDENT}@[{self.url()}]")
        lines.append("")
        for concern in self.concerns(5, 9):
            lines.extend(self.section(concern))
            lines.append("")
        return lines

    def section(self, concern: Concern) -> list[str]:
        topic = self.topic_tag()
        nested = self.rng.choice(concern.nested)
        twice = self.rng.random() < 0.15  # `[[{ a, { b ]]`: two blocks opened by one marker
        opener = f"[[{{ {topic}, {concern.tag}, {{ {nested} ]]" if twice else f"[[{{{topic}, {concern.tag}]]"
        lines = [f"## {concern.heading[self.lang]} {opener}"]
        lines.extend(self.prose.wrapped(self.prose.paragraph(), INDENT))
        lines.append("")
        lines.extend(self.prose.aligned_facts(self.rng.randint(2, 6), INDENT))
        if twice:
            lines.append("[[}]]")
        else:
            for _ in range(self.rng.randint(0, 2)):
                lines.append("")
                lines.extend(self.nested_block(nested))
                nested = self.rng.choice(concern.nested)
        lines.append("")
        lines.extend(self.bullets())
        if self.rng.random() < 0.3:
            lines.append(f"{INDENT}[[ {self.rng.choice(concern.nested)} ]]")
        closer = f"[[ {topic} }}]]" if self.rng.random() < 0.25 and not twice else "[[}]]"
        lines.append(closer)
        return lines

    def nested_block(self, tag: str) -> list[str]:
        """A block inside the section: prose, then a diagram or code, sometimes a block inside it."""
        lines = []
        text = self.prose.wrapped(self.prose.paragraph(1, 3), INDENT)
        if self.rng.random() < 0.5:
            text[0] += f"   [[{{{tag}]]"
            lines.extend(text)
        else:
            lines.append(f"{INDENT}[[{{{tag}]]")
            lines.extend(text)
        if self.rng.random() < 0.45:
            diagram_tagged = self.rng.random() < 0.5
            if diagram_tagged:
                lines.append(f"{INDENT}[[{{doc_has.diagram]]")
            lines.extend(self.diagram(INDENT * 2))
            if diagram_tagged:
                lines.append(f"{INDENT}[[}}]]")
        else:
            _language, label, code = snippet(self.rng)
            lines.append(f"{INDENT}{label}")
            lines.extend(f"{INDENT * 2}{line}" if line else "" for line in code)
        see = self.see_also()
        if see and self.rng.random() < 0.3:
            lines.append(f"{INDENT}{see}")
        lines.append(f"{INDENT}[[ {tag} }}]]" if self.rng.random() < 0.3 else f"{INDENT}[[}}]]")
        return lines

    def bullets(self) -> list[str]:
        lines = []
        for _ in range(self.rng.randint(2, 4)):
            bullet = f"{INDENT}• {self.prose.sentence()}"
            if self.rng.random() < 0.2:
                bullet += f"   [[{{{self.rng.choice(('troubleshooting', 'pm.todo', 'qa.ha', '1_price'))}}}]]"
                lines.append(bullet)
                lines.append("")  # a paragraph tag covers the run of lines around it
            else:
                lines.append(bullet)
        if self.rng.random() < 0.25:
            lines.append(f"{INDENT}{self.prose.todo()}   [[{{pm.todo}}]]")
        return lines


def write_tagged(plan: NotePlan, seed: int) -> str:
    return "\n".join(TaggedNote(plan, note_random(seed, plan.index)).write()) + "\n"
