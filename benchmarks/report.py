"""The figures of a run, each next to its target, as a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure and its target (`limit`, compared with `<=` or `<`)."""

    name: str
    measured: float
    limit: float
    unit: str = "×"
    strict: bool = False  # `<` instead of `<=`
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.measured < self.limit if self.strict else self.measured <= self.limit

    def shown(self, value: float) -> str:
        if self.unit == "%":
            return f"{value * 100:.1f} %"
        if self.unit in ("ms", "kB", "MB", "s"):
            return f"{value:.1f} {self.unit}"
        return f"{value:.2f}×"

    @property
    def target(self) -> str:
        return f"{'<' if self.strict else '≤'} {self.shown(self.limit)}"


def table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "measured", "target", "result")]
    rows.extend((f.name, f.shown(f.measured), f.target, "pass" if f.passed else "FAIL") for f in figures)
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    details = [f"  {f.name}: {f.detail}" for f in figures if f.detail]
    return "\n".join(lines + (["", *details] if details else []))
