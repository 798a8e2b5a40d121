"""Tags inferred from taxonomy keywords, for sections that carry no marker."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

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
        # Longest first, so "Secrets Manager" wins over "Secrets".
        alternatives = sorted(self.tags_of, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )

    def mentions(self, text: str) -> Counter[str]:
        """How many times each tag's keywords occur in `text`."""
        found: Counter[str] = Counter()
        if self.pattern is None:
            return found
        for match in self.pattern.finditer(text):
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
