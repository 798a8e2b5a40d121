"""The theme's templates compiled once for all the rebuilds of `mkdocs serve`.

MkDocs makes a new Jinja environment at every build, which parses and
compiles each template of the theme again: a quarter of a second of every
rebuild with Material's. Jinja keeps compiled templates in a bytecode cache
when given one, checked against each template's source (an edited template
is compiled again).
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Compiled templates by Jinja's key (the template's name and file), in memory."""

    def __init__(self) -> None:
        """Nothing compiled yet."""
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give Jinja the code compiled last time (it checks it was compiled from the same source)."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep what Jinja just compiled."""
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        """Forget every compiled template."""
        self._code.clear()
