"""Checks across notes: unknown tags and near-duplicate tags, with the taxonomy entry to add."""

from __future__ import annotations

from collections.abc import Sequence

from cuaderno.model import Diagnostic, Note, Severity
from cuaderno.taxonomy import Taxonomy, ancestors

MIN_LENGTH_FOR_TYPOS = 5


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _first_uses(notes: Sequence[Note], taxonomy: Taxonomy) -> dict[str, tuple[str, int, int, str]]:
    """For each tag written in a marker: (path, line, column, tag as written), first use only."""
    uses: dict[str, tuple[str, int, int, str]] = {}
    for note in notes:
        for marker in note.markers:
            for tag in marker.tags:
                uses.setdefault(taxonomy.canonical(tag), (note.path, marker.line, marker.start + 1, tag))
    return uses


def _known(tag: str, taxonomy: Taxonomy) -> bool:
    return tag in taxonomy.entries or any(a in taxonomy.entries for a in ancestors(tag))


def lint_tags(notes: Sequence[Note], taxonomy: Taxonomy) -> tuple[Diagnostic, ...]:
    """Unknown tags (notices) and near-duplicates of other tags (warnings)."""
    uses = _first_uses(notes, taxonomy)
    found: list[Diagnostic] = []
    known_ids = sorted({*taxonomy.entries, *uses})
    by_length: dict[int, list[str]] = {}
    for tag in known_ids:
        by_length.setdefault(len(tag), []).append(tag)
    for tag, (path, line, column, written) in sorted(uses.items()):
        twin = _near_duplicate(tag, by_length, taxonomy)
        if twin is not None:
            found.append(
                Diagnostic(
                    path,
                    line,
                    "near-duplicate-tag",
                    f"tag '{written}' looks like '{twin}'; if they mean the same, add to tags/: "
                    f"'{twin}: {{aliases: [{tag}]}}'",
                    Severity.WARNING,
                    column,
                )
            )
        elif taxonomy.entries and not _known(tag, taxonomy):
            found.append(
                Diagnostic(
                    path,
                    line,
                    "unknown-tag",
                    f"tag '{tag}' is not in the taxonomy; add to tags/: '{tag}: {{labels: {{en: …, es: …}}}}'",
                    Severity.NOTICE,
                    column,
                )
            )
    return tuple(found)


def _near_duplicate(tag: str, by_length: dict[int, list[str]], taxonomy: Taxonomy) -> str | None:
    """Another tag this one is probably a typo or spelling variant of (a known entry preferred)."""
    if len(tag) < MIN_LENGTH_FOR_TYPOS or tag in taxonomy.entries:
        return None
    squashed = tag.replace("-", "_")
    for length in range(len(tag) - 1, len(tag) + 2):
        for other in by_length.get(length, ()):
            if other == tag or other.startswith(tag + ".") or tag.startswith(other + "."):
                continue
            if not _differ_in_a_long_word(tag, other):
                continue  # `vm.ec2` and `vm.ecs` are siblings, not typos
            similar = other.replace("-", "_") == squashed or edit_distance(tag, other, 1) <= 1
            # Point at the taxonomy's entry, or at one fixed side of a pair of unknown tags.
            if similar and (other in taxonomy.entries or other < tag):
                return other
    return None


def _differ_in_a_long_word(a: str, b: str) -> bool:
    """Whether two ids differ only inside one segment, and that segment is long enough to hold a typo."""
    left, right = a.split("."), b.split(".")
    if len(left) != len(right):
        return False
    differing = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
    return len(differing) == 1 and min(len(differing[0][0]), len(differing[0][1])) >= MIN_LENGTH_FOR_TYPOS
