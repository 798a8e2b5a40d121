"""Format readers: each turns a `Source` into a `Note`."""

from __future__ import annotations

from collections.abc import Sequence

from cuaderno.formats import markdown, outline, tagged
from cuaderno.model import Format, Note
from cuaderno.sources import Source

_READERS = {Format.TAGGED: tagged.parse, Format.OUTLINE: outline.parse, Format.MARKDOWN: markdown.parse}


def parse_note(source: Source, languages: Sequence[str] = ("en", "es")) -> Note:
    """Parse a source with the reader of its format."""
    return _READERS[source.format](source, languages)
