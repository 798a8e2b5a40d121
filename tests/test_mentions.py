"""Topic mentions: the first mention of a keyword in each section links to its topic page, never in code or links."""

from __future__ import annotations

from cuaderno.kb import build_kb
from cuaderno.model import Note
from cuaderno.pipeline import read_note
from cuaderno.render.notes import render_note
from cuaderno.render.topics import render_topic
from cuaderno.settings import Settings
from cuaderno.taxonomy import TagInfo, Taxonomy

TAXONOMY = Taxonomy(
    {
        "aws.secrets": TagInfo(
            "aws.secrets",
            keywords={"en": ("Secrets Manager", "Secret Manager"), "es": ("administrador de secretos",)},
        )
    }
)
MARKDOWN = """\
# Secrets Manager notes

Keep passwords in Secrets Manager. Secrets Manager rotates them.
Code stays code: `Secrets Manager` and

```
Secrets Manager in a fence
```

Links stay links: [Secrets Manager docs](https://example.com/sm).

## Rotation

El administrador de secretos rota las claves.
"""
TEXT = """\
# Rotation
  name             what
  Secret Manager   stores secrets      <- aligned
  Secret Manager   again, not linked
"""


def _page(path: str, text: str, mention_topics: bool = True) -> tuple[Note, str]:
    note = read_note(text.encode(), path, Settings())
    kb = build_kb([note], TAXONOMY, ("en", "es"), mention_topics=mention_topics)
    return note, render_note(note, kb, "en")


def test_first_mention_in_each_section_links_to_the_topic() -> None:
    _note, page = _page("sm.md", MARKDOWN)
    link = '<a class="cdn-mention" href="../tags/aws.secrets/" data-tag="aws.secrets">'
    assert page.count(link) == 2  # once under the title, once under "Rotation"
    assert f"Keep passwords in {link}Secrets Manager</a>. Secrets Manager rotates" in page
    assert f"El {link}administrador de secretos</a> rota" in page
    assert "# Secrets Manager notes" in page  # headings stay as they are
    assert "`Secrets Manager`" in page and "Secrets Manager in a fence" in page
    assert "[Secrets Manager docs](https://example.com/sm)" in page


def test_mentions_in_text_notes_keep_the_columns() -> None:
    _note, page = _page("sm.txt", TEXT)
    rows = page.split('<pre class="cdn-text">', 1)[1].split("</pre>", 1)[0].split("\n")
    assert rows[1].startswith('  <a class="cdn-mention"') and rows[1].endswith("stores secrets      &lt;- aligned")
    assert rows[2] == "  Secret Manager   again, not linked"


def test_mentions_can_be_turned_off_and_show_on_the_topic_page() -> None:
    _note, page = _page("sm.md", MARKDOWN, mention_topics=False)
    assert "cdn-mention" not in page
    note = read_note(MARKDOWN.encode(), "sm.md", Settings())
    kb = build_kb([note], TAXONOMY, ("en", "es"))
    topic = render_topic(kb, "aws.secrets", "en")
    backlinks = topic[topic.index('<aside class="cdn-backlinks">') :]
    assert 'href="../../sm/#rotation"' in backlinks and "Secrets Manager notes" in backlinks


def test_mentions_and_chips_link_only_to_topics_with_a_page() -> None:
    taxonomy = Taxonomy(
        {
            "aws.secrets": TagInfo("aws.secrets", keywords={"en": ("Secrets Manager",)}),
            "aws.kms": TagInfo("aws.kms", keywords={"en": ("KMS",)}),
        }
    )
    text = "# Secrets Manager\n\nSecrets Manager keeps keys in KMS.\n\nloose words [[ orphan.tag ]]\n"
    note = read_note(text.encode(), "k.md", Settings())
    kb = build_kb([note], taxonomy, ("en", "es"))
    assert "aws.kms" not in kb.tags and "orphan.tag" not in kb.tags
    page = render_note(note, kb, "en")
    assert 'data-tag="aws.secrets"' in page and "tags/aws.secrets/" in page
    assert "in KMS." in page and "tags/aws.kms/" not in page  # one mention tags nothing: no topic, no link
    chip = '<span class="cdn-tag cdn-tag-orphan" data-tag="orphan.tag" title="orphan.tag">orphan.tag</span>'
    assert chip in page and "tags/orphan.tag/" not in page


def test_a_word_naming_two_topics_links_the_one_with_a_page() -> None:
    taxonomy = Taxonomy(
        {
            "a.vault": TagInfo("a.vault", keywords={"en": ("Vault",)}),
            "b.vault": TagInfo("b.vault", keywords={"en": ("Vault",)}),
        }
    )
    text = "# Notes [[{ b.vault }]]\n\nVault stores secrets.\n"
    note = read_note(text.encode(), "v.md", Settings())
    kb = build_kb([note], taxonomy, ("en", "es"))
    (mention,) = kb.mentions["v.md"]
    assert mention.tag == "b.vault"


def test_outline_comments_count_for_tags_but_link_nowhere() -> None:
    """An outline note's `//` lines are shown re-flowed as a paragraph: keywords there tag, and are not linked."""
    text = "- Secrets\n  // Secrets Manager keeps them; Secrets Manager rotates them\n"
    note = read_note(text.encode(), "o.txt", Settings())
    assert note.format.value == "outline"
    kb = build_kb([note], TAXONOMY, ("en", "es"))
    assert [block.auto_tags for block in kb.blocks] == [("aws.secrets",)]
    assert kb.mentions == {}
