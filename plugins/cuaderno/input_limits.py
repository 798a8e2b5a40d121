"""Input written by other people (taxonomies, payloads, front matter), read within bounds.

Files: `read_limited` reads regular files only (a FIFO would block the read, a
device such as `/dev/zero` never end it), at most `MAX_BYTES` long.

YAML: PyYAML's safe loader runs no code, but it is not bounded: a 517-byte
file of nested aliases (a "billion laughs") composes in microseconds into a
value that expands to hundreds of millions of items as soon as anything walks
it, and a document nested a few hundred levels deep ends in a `RecursionError`.
`compose` reads a document into PyYAML's node tree (each node keeps its line,
for `file:line` warnings) and refuses, as a `yaml.YAMLError` located where the
problem starts, a document that

- nests deeper than `MAX_DEPTH` levels,
- repeats more than `MAX_ALIAS_NODES` values through aliases (`*name`),
- holds an alias to the node that contains it (a recursive alias).

A document within these bounds can be walked whole, by the constructor or by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

MAX_BYTES = 1_000_000
"""The largest YAML file read: a taxonomy of a thousand tags is a tenth of this."""
MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
"""How many values aliases may add to a document in all (a list of keywords reused a few times adds hundreds)."""


class YamlLimitError(yaml.MarkedYAMLError):
    """A document refused because reading it whole would take too much memory, time or stack."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        """Say what is refused, and where it starts."""
        super().__init__(problem=problem, problem_mark=mark)


class FileTooLargeError(OSError):
    """A file longer than the limit: not read."""


def _safe_loader() -> type:
    """The safe loader on libyaml's parser when there is one (six times faster), composing in Python."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return yaml.SafeLoader

    class CSafeComposer(Composer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    return CSafeComposer


class _BoundedLoader(_safe_loader()):  # type: ignore[misc]
    """The safe loader, counting while it composes what each node would expand to."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}  # id(node) -> the values it holds once its aliases are expanded
        self._added = 0  # values the aliases add to the document

    def compose_node(self, parent: Node | None, index: object) -> Node:
        """Compose one node; refuse it when it nests too deep or its aliases add too much."""
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            node: Node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the anchored node is still being composed: it holds its own alias
                raise YamlLimitError("an alias refers to the value that holds it (a recursive alias)", mark)
            self._added += size
            if self._added > MAX_ALIAS_NODES:
                raise YamlLimitError(f"aliases repeat more than {MAX_ALIAS_NODES:,} values (an alias bomb?)", mark)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._sizes[id(node)] = 1 + sum(self._sizes.get(id(child), 1) for child in _children(node))
        return node


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def compose(text: str) -> Node | None:
    """The node tree of a one-document YAML text (None when it is empty), within the bounds above.

    Raises:
        yaml.YAMLError: the text is no YAML, holds several documents, or passes a bound
            (`YamlLimitError`); `problem_line` says where.

    """
    loader = _BoundedLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def load(text: str) -> object:
    """The value of a one-document YAML text, as `yaml.safe_load` gives it, within the bounds above."""
    node = compose(text)
    if node is None:
        return None
    return _BoundedLoader("").construct_document(node)


def problem_line(error: yaml.YAMLError) -> tuple[int, str]:
    """Where a YAML error is (a line, 1 for the first) and what it is, in one line without the file's name."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = " ".join(part for part in (error.context, error.problem) if part)
        return (mark.line + 1 if mark else 1), problem or str(error).splitlines()[0]
    return 1, str(error).splitlines()[0] if str(error) else type(error).__name__


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file no longer than `limit`.

    Raises:
        OSError: the file cannot be read, is no regular file (a folder, a FIFO, a device),
            or is longer than `limit` (`FileTooLargeError`).

    """
    if path.exists() and not path.is_file():  # a FIFO would block the read, a device never end it
        what = "a folder" if path.is_dir() else "not a regular file"
        raise OSError(f"{path.name} is {what}")
    stream: IO[bytes]
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(f"{path.name} is larger than {limit:,} bytes")
    return data
