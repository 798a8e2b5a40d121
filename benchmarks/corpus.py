"""The synthetic corpus: N notes in the three formats, Spanish and English, deterministic from a seed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from benchmarks.markdown_note import write_markdown
from benchmarks.outline_note import write_outline
from benchmarks.plan import NoteFormat, NotePlan, note_random, plan_corpus
from benchmarks.prose import Prose
from benchmarks.tagged_note import write_tagged

WRITERS: dict[NoteFormat, Callable[[NotePlan, int], str]] = {
    "tagged": write_tagged,
    "outline": write_outline,
    "markdown": write_markdown,
}


def note_text(plan: NotePlan, seed: int) -> str:
    return WRITERS[plan.format](plan, seed)


def generate_corpus(out_dir: Path, notes: int, seed: int = 0) -> list[NotePlan]:
    """Write `notes` notes below `out_dir` (emptied first) and return what was written."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    plans = plan_corpus(notes, seed)
    for plan in plans:
        target = out_dir / plan.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(note_text(plan, seed), encoding="utf-8")
    return plans


def edit_note(notes_dir: Path, plan: NotePlan, seed: int, round_number: int = 1) -> Path:
    """Append a paragraph to one note, as someone editing it while `mkdocs serve` runs."""
    prose = Prose(note_random(seed, plan.index, f"edit-{round_number}"), plan.lang)
    target = notes_dir / plan.path
    prefix = "// " if plan.format == "outline" else "  " if plan.format == "tagged" else ""
    with target.open("a", encoding="utf-8") as note:
        note.write(f"\n{prefix}{prose.paragraph(1, 2)}\n")
    return target
