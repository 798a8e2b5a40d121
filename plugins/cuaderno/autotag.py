"""Tags inferred from taxonomy keywords, for sections that carry no marker."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from cuaderno.taxonomy import Taxonomy

_WORD = re.compile(r"\w+")
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
        # Longest first, so "Secrets Manager" wins over "Secrets".
        alternatives = sorted(self.tags_of, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )
        # Tried only where a word that begins some keyword begins: one dictionary lookup per word of the
        # text instead of the whole alternation at every character. Keywords that begin with a sign
        # (`.NET`) are rare; the full pattern finds them.
        self._anchored = re.compile(r"(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.IGNORECASE)
        self._first_words = {match.group(0) for w in alternatives if (match := _WORD.match(w))}
        self._unusual = any(not _WORD.match(w) for w in alternatives)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The keywords of `text`, left to right, as `pattern.finditer` finds them (group 1: the keyword)."""
        if self.pattern is None:
            return
        if self._unusual:
            yield from self.pattern.finditer(text)
            return
        end = 0
        for word in _WORD.finditer(text):
            if word.start() < end or word.group(0).casefold() not in self._first_words:
                continue
            match = self._anchored.match(text, word.start())
            if match:
                end = match.end()
                yield match

    def mentions(self, text: str) -> Counter[str]:
        """How many times each tag's keywords occur in `text`."""
        found: Counter[str] = Counter()
        if self.pattern is None:
            return found
        for match in self.finditer(text):
            for tag in self.tags_of.get(match.group(1).casefold(), ()):
                found[tag] += 1
        return found

    def tags_for(self, heading: str, body: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Tags for a section: keywords in its heading, or mentioned often enough in its body."""
        skip = set(exclude)
        in_heading = self.mentions(heading)
        in_body = self.mentions(body)
        chosen = [tag for tag in in_heading if tag not in skip]
        chosen += [tag for tag, n in in_body.most_common() if n >= BODY_MENTIONS and tag not in skip]
        return tuple(dict.fromkeys(chosen))
