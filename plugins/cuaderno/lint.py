"""Checks across notes: unknown, look-alike and near-duplicate tags, with the taxonomy entry to add."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from cuaderno.model import Diagnostic, Note, Severity
from cuaderno.taxonomy import Taxonomy, ancestors

MIN_LENGTH_FOR_TYPOS = 5
MAX_LENGTH_FOR_TYPOS = 100  # longer ids are not typed by hand; their edit keys would cost length² memory


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
    """Unknown tags (notices), look-alike and near-duplicate tags (warnings)."""
    uses = _first_uses(notes, taxonomy)
    found: list[Diagnostic] = []
    known_ids = sorted({*taxonomy.entries, *uses})
    neighbours = _Neighbours(known_ids)
    for tag, (path, line, column, written) in sorted(uses.items()):
        lookalike = _lookalike_problem(tag, neighbours)
        twin = None if lookalike else _near_duplicate(tag, neighbours, taxonomy)
        if lookalike:
            found.append(Diagnostic(path, line, "lookalike-tag", lookalike, Severity.WARNING, column))
        elif twin is not None:
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


# Letters of other scripts drawn like Latin ones (lowercase: ids are lowercase).
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("асеорхуіјѕԁһӏԛԝ", "aceopxyijsdhlqw", strict=True)),  # Cyrillic
        **dict(zip("αονρικυχ", "aovpikux", strict=True)),  # Greek
        "ı": "i",
        "ɩ": "i",
    }
)


# Scripts whose letters pass for one another; a word mixing them was mistyped (kanji with kana is fine).
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def skeleton(tag: str) -> str:
    """What a tag looks like on screen: compatibility forms folded, look-alike letters made Latin.

    >>> skeleton("аws.ｓ3")
    'aws.s3'
    """
    return unicodedata.normalize("NFKC", tag).lower().translate(_LOOKALIKES)


def _scripts(word: str) -> set[str]:
    """The scripts of the letters of a word (`LATIN`, `CYRILLIC`, `GREEK`, …)."""
    return {unicodedata.name(char, "?").split(" ")[0] for char in word if char.isalpha()}


class _Neighbours:
    """Tags one edit apart, or spelled with `-` for `_`, or drawn alike, found through indexes.

    Comparing every pair of tags is quadratic: a note with 50,000 tags would
    take minutes. Two ids are one edit apart exactly when deleting one letter
    from each at the same place gives the same text (a substitution), or when
    one is the other with one letter deleted; so ids are indexed by their
    one-letter deletions and only ids sharing one are neighbours.
    """

    def __init__(self, ids: Sequence[str]) -> None:
        self.deletions: dict[str, list[tuple[str, int]]] = {}
        self.spellings: dict[str, list[str]] = {}
        self.drawings: dict[str, list[str]] = {}
        for tag in ids:
            for variant, place in _deletions(tag):
                self.deletions.setdefault(variant, []).append((tag, place))
            self.spellings.setdefault(tag.replace("-", "_"), []).append(tag)
            self.drawings.setdefault(skeleton(tag), []).append(tag)

    def one_edit_away(self, tag: str) -> set[str]:
        """Ids at edit distance 1 from `tag` (ids longer than `MAX_LENGTH_FOR_TYPOS` are not indexed)."""
        found = set()
        for variant, place in _deletions(tag):
            for other, other_place in self.deletions.get(variant, ()):
                if other != tag and (place == other_place or -1 in (place, other_place)):
                    found.add(other)
        return found

    def spelled_alike(self, tag: str) -> set[str]:
        """Ids that differ from `tag` only by `-` for `_`."""
        return {other for other in self.spellings.get(tag.replace("-", "_"), ()) if other != tag}

    def drawn_alike(self, tag: str) -> set[str]:
        """Ids that look the same as `tag` on screen."""
        return {other for other in self.drawings.get(skeleton(tag), ()) if other != tag}


def _deletions(tag: str) -> list[tuple[str, int]]:
    """The tag itself (place -1) and each text with one letter deleted, with its place."""
    if len(tag) > MAX_LENGTH_FOR_TYPOS:
        return []
    return [(tag, -1), *((tag[:place] + tag[place + 1 :], place) for place in range(len(tag)))]


def _reading_order(tag: str) -> tuple[int, str]:
    """Shortest first, then alphabetically: the same choice whatever a set's order."""
    return len(tag), tag


def _lookalike_problem(tag: str, neighbours: _Neighbours) -> str | None:
    """Why a tag written with look-alike letters is suspect, if it is."""
    twins = sorted(neighbours.drawn_alike(tag), key=_reading_order) if skeleton(tag) != tag else []
    if twins:
        return (
            f"tag '{tag}' is drawn like '{twins[0]}' but is written with other letters ({_odd_letters(tag)}); retype it"
        )
    if any(len(_scripts(word) & _LOOKALIKE_SCRIPTS) > 1 for word in tag.split(".")):
        return f"tag '{tag}' mixes scripts ({_odd_letters(tag)}); retype it"
    return None


def _odd_letters(tag: str) -> str:
    """The letters of a tag that are not Latin, named: `'а' CYRILLIC SMALL LETTER A`."""
    odd = dict.fromkeys(char for char in tag if skeleton(char) != char or _scripts(char) - {"LATIN"})
    return ", ".join(f"'{char}' {unicodedata.name(char, f'U+{ord(char):04X}')}" for char in odd)


def _near_duplicate(tag: str, neighbours: _Neighbours, taxonomy: Taxonomy) -> str | None:
    """Another tag this one is probably a typo or spelling variant of (a known entry preferred)."""
    if len(tag) < MIN_LENGTH_FOR_TYPOS or tag in taxonomy.entries:
        return None
    similar = neighbours.one_edit_away(tag) | neighbours.spelled_alike(tag)
    # Point at the taxonomy's entry, or at one fixed side of a pair of unknown tags.
    for other in sorted((o for o in similar if o in taxonomy.entries or o < tag), key=_reading_order):
        if other.startswith(tag + ".") or tag.startswith(other + "."):
            continue
        if _differ_in_a_long_word(tag, other):  # `vm.ec2` and `vm.ecs` are siblings, not typos
            return other
    return None


def _differ_in_a_long_word(a: str, b: str) -> bool:
    """Whether two ids differ only inside one segment, and that segment is long enough to hold a typo."""
    left, right = a.split("."), b.split(".")
    if len(left) != len(right):
        return False
    differing = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
    return len(differing) == 1 and min(len(differing[0][0]), len(differing[0][1])) >= MIN_LENGTH_FOR_TYPOS
