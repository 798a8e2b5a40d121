"""Box-drawing diagrams and `└ ·` trees, the hand-made figures of text notes."""

from __future__ import annotations

import random

ARROWS = ("──►", "◄─►", "───", "══►")


def _box(label: str) -> tuple[str, str, str]:
    inner = f" {label} "
    return f"┌{'─' * len(inner)}┐", f"│{inner}│", f"└{'─' * len(inner)}┘"


def box_row(rng: random.Random, labels: tuple[str, ...], indent: str = "  ") -> list[str]:
    """Two to four boxes joined by arrows, and sometimes a box hanging below one of them."""
    count = rng.randint(2, min(4, len(labels)))
    chosen = list(labels[:count])
    boxes = [_box(label) for label in chosen]
    arrows = [f" {rng.choice(ARROWS)} " for _ in boxes[1:]]
    gaps = [" " * len(arrow) for arrow in arrows]
    top = indent + "".join(box[0] + (gaps[i] if i < len(gaps) else "") for i, box in enumerate(boxes))
    middle = indent + "".join(box[1] + (arrows[i] if i < len(arrows) else "") for i, box in enumerate(boxes))
    bottom = indent + "".join(box[2] + (gaps[i] if i < len(gaps) else "") for i, box in enumerate(boxes))
    lines = [top.rstrip(), middle.rstrip(), bottom.rstrip()]
    if count < len(labels) and rng.random() < 0.6:
        # A box below the first one, joined by a vertical arrow.
        column = len(indent) + len(boxes[0][0]) // 2
        below = _box(labels[count])
        lines[-1] = lines[-1][:column] + "┬" + lines[-1][column + 1 :]
        lines.append(" " * column + "│")
        lines.append(" " * column + "▼")
        start = max(len(indent), column - len(below[0]) // 2)
        lines.extend(" " * start + part for part in below)
    return lines


def tree(
    rng: random.Random, root: str, leaves: tuple[str, ...], details: tuple[str, ...], indent: str = "  "
) -> list[str]:
    """A root with branches, each branch with a `└ ·` detail or two."""
    lines = [f"{indent}{root}"]
    branches = rng.sample(leaves, k=min(len(leaves), rng.randint(2, 3)))
    for number, branch in enumerate(branches):
        last = number == len(branches) - 1
        lines.append(f"{indent}  {'└─' if last else '├─'} {branch}")
        for _ in range(rng.randint(1, 2)):
            lines.append(f"{indent}  {' ' if last else '│'}    └ · {rng.choice(details)}")
    return lines
