"""Pathological notes and taxonomies, each a function of a size: the shapes that once went quadratic or blew up.

Each shape returns the files of one small input at size `n` (a path and its bytes); the fuzz
benchmark times reading, parsing, linking and rendering them at growing sizes.
"""

from __future__ import annotations

from collections.abc import Callable

Files = dict[str, bytes]
Shape = Callable[[int], Files]


def _note(name: str, text: str) -> Files:
    return {name: text.encode("utf-8")}


def heading_of_spaces(n: int) -> Files:
    """A heading line that is nothing but spaces after its `#` (once 102 s for 60 KB)."""
    return _note("spaces.txt", "#" + " " * n + "x\n")


def many_h1_tags(n: int) -> Files:
    """`<h1>` over and over in a Markdown note (once 48 s for 30,000)."""
    return _note("h1.md", "<h1>" * n + "\n")


def many_less_than(n: int) -> Files:
    """A line of `<` (once 24 s for 150,000)."""
    return _note("lt.md", "<" * n + "\n")


def many_link_openers(n: int) -> Files:
    """`](` repeated: a link that never ends (once 10 s for 60,000)."""
    return _note("links.md", "](" * n + "\n")


def backtick_runs(n: int) -> Files:
    """Backtick runs of growing length that never close (once 24 s)."""
    runs = " ".join("`" * (1 + i % 40) for i in range(n // 20))
    return _note("ticks.md", f"# Ticks\n\n{runs}\n")


def nested_blocks(n: int) -> Files:
    """`n` blocks each inside the last (once 242 s and a 443 MB kb.json for 10,000)."""
    opening = "".join(f"[[{{ level{i % 50} ]]\nline {i}\n" for i in range(n // 10))
    return _note("nested.txt", "# Nested\n" + opening + "[[}]]\n" * (n // 10))


def deep_list(n: int) -> Files:
    """A Markdown list nested ever deeper."""
    return _note("list.md", "".join("  " * i + "- item\n" for i in range(n // 50)))


def marker_openers(n: int) -> Files:
    """A line of `[[` that never closes."""
    return _note("brackets.txt", "[[" * (n // 2) + "\n")


def anchors_and_links(n: int) -> Files:
    """Many `#[x]` anchors and `@[#x]` links to them."""
    count = n // 20
    return _note("anchors.txt", "".join(f"#[a{i}] see @[#a{(i * 7) % count}]\n" for i in range(count)))


def margin_fence(n: int) -> Files:
    """A long fence whose lines carry a `| ` margin, as the author's later notes write them."""
    body = "".join(f"| line {i}   ─── │ col\n" for i in range(n // 25))
    return _note("fence.txt", f"# Fence\n| ```\n{body}| ```\n")


def long_tag(n: int) -> Files:
    """One tag id of `n` characters (over 255 bytes it is too long for a file name)."""
    return _note("tag.txt", f"# T [[{{ {'a' * n} ]]\ntext\n[[}}]]\n")


def yaml_alias_bomb(n: int) -> Files:
    """A taxonomy whose aliases expand to `10 ** depth` strings (517 bytes once took 3 GB)."""
    depth = max(2, n.bit_length() // 2)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, depth)]
    lines.append(f"bomb: {{labels: {{en: B}}, aliases: *a{depth - 1}}}")
    return {"tags/bomb.yml": "\n".join(lines).encode("utf-8"), "note.txt": b"# Note [[{ bomb }]]\n"}


SHAPES: dict[str, Shape] = {
    "heading-of-spaces": heading_of_spaces,
    "h1-tags": many_h1_tags,
    "less-than": many_less_than,
    "link-openers": many_link_openers,
    "backtick-runs": backtick_runs,
    "nested-blocks": nested_blocks,
    "deep-list": deep_list,
    "marker-openers": marker_openers,
    "anchors-and-links": anchors_and_links,
    "margin-fence": margin_fence,
    "long-tag": long_tag,
    "yaml-alias-bomb": yaml_alias_bomb,
}
