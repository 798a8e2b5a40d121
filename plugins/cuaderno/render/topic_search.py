"""A topic page in the site search: its summary, not its blocks.

A topic page repeats every block of its tag and sub-tags; a broad tag's page runs to
thousands of blocks. Material's search indexed all of them: each block came up again
on the page of every tag above it, and at 1,000 notes four fifths of the search index
(87 MB, downloaded by the first search) were such copies. Topic pages now leave
Material's search (`search: exclude` in their front matter) and the plugin indexes
the part above their blocks: title, names, description, introduction and the nearby
tags. Searching a tag's name still lists its page among the first results; the
blocks are found on their notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# Between a topic page's summary and its blocks (an HTML comment: the page looks the same).
SUMMARY_END = "<!-- cuaderno: end of the topic summary -->"
# Topic pages rank high in search for their tag's name, in every language.
TOPIC_BOOST = 4


class SearchIndex(Protocol):
    """What the plugin uses of Material's search index (`material.plugins.search.plugin.SearchIndex`)."""

    def add_entry_from_context(self, page: Any) -> None:
        """Index `page` (its `content`, `url`, `title`, `toc` and `meta`)."""


@dataclass(frozen=True)
class TopicSummary:
    """The fields of a page that Material's search index reads, for a topic page's summary."""

    content: str
    url: str
    title: str
    toc: Any
    meta: dict[str, Any]


def topic_summary(content: str) -> str:
    """A topic page's HTML above its blocks (all of it when the marker is missing)."""
    end = content.find(SUMMARY_END)
    return content if end < 0 else content[:end]


def index_topic_summary(index: SearchIndex, content: str, url: str, title: str, toc: Any, tag_id: str) -> None:
    """Add a topic page's summary to the search index, tagged with its tag and boosted."""
    meta = {"tags": [tag_id], "search": {"boost": TOPIC_BOOST}}
    index.add_entry_from_context(TopicSummary(topic_summary(content), url, title, toc, meta))
