"""Tags inferred from taxonomy keywords, for sections that carry no marker."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from cuaderno.taxonomy import Taxonomy

# A section's body must mention a keyword this often to be tagged by it; one mention in the heading is enough.
BODY_MENTIONS = 2


class KeywordIndex:
    """Finds taxonomy keywords (any language) in text, as whole words, ignoring case."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.tags_of: dict[str, set[str]] = {}
        for tag_id, info in taxonomy.entries.items():
            for words in info.keywords.values():
                for word in words:
                    self.tags_of.setdefault(word.casefold(), set()).add(tag_id)
        # One pattern, the keywords arranged as a trie: where a text has no keyword the engine gives up at
        # the first letter, where it has one the longest keyword wins ("Secrets Manager" over "Secrets").
        self.pattern = (
            re.compile(r"(?<!\w)(" + _trie_pattern(self.tags_of) + r")(?!\w)", re.IGNORECASE) if self.tags_of else None
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The keywords of `text`, left to right (group 1: the keyword)."""
        if self.pattern is not None:
            yield from self.pattern.finditer(text)

    def line_matches(self, lines: Sequence[str]) -> list[tuple[re.Match[str], ...]]:
        """The keywords of each line (lines are searched once, then counted by section or linked)."""
        if self.pattern is None:
            return [()] * len(lines)
        find = self.pattern.finditer
        return [tuple(find(line)) if line else () for line in lines]

    def count(self, matches: Iterable[re.Match[str]]) -> Counter[str]:
        """How many times each tag's keywords occur among `matches`."""
        found: Counter[str] = Counter()
        for match in matches:
            for tag in self.tags_of.get(match.group(1).casefold(), ()):
                found[tag] += 1
        return found

    def mentions(self, text: str) -> Counter[str]:
        """How many times each tag's keywords occur in `text`."""
        return self.count(self.finditer(text))

    def tags_for(self, heading: str, body: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Tags for a section: keywords in its heading, or mentioned often enough in its body."""
        return choose_tags(self.mentions(heading), self.mentions(body), exclude)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, written as a trie: `s3|sqs` -> `s(?:3|qs)`."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:  # type: ignore[type-arg]
        paths = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not paths:
            return ""
        either = paths[0] if len(paths) == 1 else "(?:" + "|".join(paths) + ")"
        return f"(?:{either})?" if "" in node else either  # greedy: the longer keyword is tried first

    return branch(trie)


def choose_tags(in_heading: Counter[str], in_body: Counter[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """A section's tags from its keyword counts: any named in its heading, those its body names often enough."""
    skip = set(exclude)
    chosen = [tag for tag in in_heading if tag not in skip]
    chosen += [tag for tag, n in in_body.most_common() if n >= BODY_MENTIONS and tag not in skip]
    return tuple(dict.fromkeys(chosen))
