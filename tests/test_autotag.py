"""Auto-tagging is precise: keywords count in prose only, never in URLs, links, code or markers; a note can opt out."""

from __future__ import annotations

import pytest

from cuaderno.autotag import KeywordIndex, auto_tags_allowed
from cuaderno.kb import KnowledgeBase, build_kb
from cuaderno.pipeline import read_note
from cuaderno.settings import Settings
from cuaderno.taxonomy import TagInfo, Taxonomy

TAXONOMY = Taxonomy(
    {
        "devops.git": TagInfo("devops.git", keywords={"en": ("git", "github")}),
        "aws.s3": TagInfo("aws.s3", keywords={"en": ("S3", "bucket")}),
    }
)


def _auto(path: str, text: str) -> dict[str, tuple[str, ...]]:
    """Each keyword-tagged section's title -> its automatic tags."""
    kb = _kb(path, text)
    return {block.title: block.auto_tags for block in kb.blocks if block.auto_tags}


def _kb(path: str, text: str) -> KnowledgeBase:
    return build_kb([read_note(text.encode(), path, Settings())], TAXONOMY, ("en", "es"))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # A URL, with or without a scheme, in a text note and in Markdown.
        ("a.txt", "  see https://github.com/someone/git-tools and https://github.com/x/git\n"),
        ("a.txt", "  see github.com/someone/tools, www.github.com/x and github.com\n"),
        ("a.md", "See <https://github.com/a/git> and https://github.com/b/git here.\n"),
        # `@[…]` links and Markdown links: neither their target nor their text.
        ("a.txt", "  @[https://github.com/a/git] @[https://github.com/b/git]\n"),
        ("a.md", "[git docs](https://example.org/a) and [GitHub git](https://example.org/b).\n"),
        ("a.md", "[git][ref] and ![git](git.png)\n\n[ref]: https://example.org/git\n"),
        # Inline code, fenced code, and a text note's ``` region with the author's `| ` margin.
        ("a.md", "Run `git status` and `git log`.\n"),
        ("a.md", "```\ngit status\ngit log\n```\n"),
        ("a.txt", "  ```\n  | git status\n  | git log\n  ```\n"),
        ("a.txt", "* ```bash\n  git status\n  git log\n  ```\n"),
        ("a.txt", "  `git status` then `git log`\n"),
        # Markers and raw HTML tags.
        ("a.txt", "  text [[{ git }]] more [[ github ]]\n"),
        ("a.md", '<a href="git">x</a> <img alt="github" src="git.png">\n'),
    ],
)
def test_keywords_never_count_in_urls_links_code_or_markers(path: str, body: str) -> None:
    assert _auto(path, f"# Tools\n\n{body}") == {}


@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_keywords_count_in_prose(path: str) -> None:
    text = "# Tools\n\nI keep notes in git; git keeps their history.\n"
    assert _auto(path, text) == {"Tools": ("devops.git",)}


def test_a_heading_counts_except_its_code() -> None:
    assert _auto("a.md", "# Working with git\n\nbody\n") == {"Working with git": ("devops.git",)}
    assert _auto("a.md", "# The `git` command\n\nbody\n") == {}


@pytest.mark.parametrize("value", [False, "false", "no", "off"])
def test_front_matter_auto_tags_false_opts_out(value: object) -> None:
    front = f"---\nauto_tags: {str(value).lower()}\n---\n"
    text = f"{front}# Buckets in S3\n\nAn S3 bucket, another S3 bucket.\n"
    kb = _kb("a.md", text)
    assert not any(block.auto_tags for block in kb.blocks)
    assert kb.mentions == {}
    note = read_note(text.encode(), "a.md", Settings())
    assert not auto_tags_allowed(note)
    assert KeywordIndex(TAXONOMY).note_matches(note) == [()] * len(note.lines)


def test_without_opting_out_the_same_note_is_tagged() -> None:
    kb = _kb("a.md", "---\ntitle: B\n---\n# Buckets in S3\n\nAn S3 bucket, another S3 bucket.\n")
    assert [block.auto_tags for block in kb.blocks] == [("aws.s3",)]


def test_the_bundled_user_guide_opts_out() -> None:
    from tests.sites import ROOT

    guide = sorted((ROOT / "docs" / "guide").glob("*.md"))
    assert guide
    for page in guide:
        note = read_note(page.read_bytes(), f"guide/{page.name}", Settings())
        assert not auto_tags_allowed(note), page.name
