"""A block looks the same everywhere: topic pages and the explorer's data show it as its note page does."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cuaderno.kb import build_kb
from cuaderno.model import Format
from cuaderno.pipeline import read_note
from cuaderno.render.blocks import BlockRenderer, excerpt_end, relocate
from cuaderno.settings import Settings
from cuaderno.taxonomy import Taxonomy, load_taxonomy
from tests.sites import ROOT, build_site, load_kb

QUEUES_MD = """\
# Message queues [[{cloud.queues, cloud.delivery]]

A queue **decouples** the producer from the consumer.

## Delivery guarantees

| guarantee     | duplicates | order |
| ------------- | ---------- | ----- |
| at most once  | never      | no    |
| at least once | possible   | no    |

```python
def consume(queue):
    for message in queue.receive(max_messages=10):
        handle(message)   # may run twice
        message.delete()
```

See [the fan-out note](fanout.txt) for topics. [[}]]
"""

FANOUT_TXT = """\
# Topics and fan-out [[{cloud.queues.fanout]]
  A topic copies each message to every subscriber  [[{cloud.queues}]]
  queue of its own: *not* Markdown, kept as written.

  publisher ──▶ topic ──┬──▶ queue A ──▶ worker A
                        └──▶ queue B ──▶ worker B
[[}]]

# S3 lifecycle rules
  A lifecycle rule moves old objects to Glacier.
  Buckets keep their rules  [[{cloud.archive}]]
"""

# A block longer than an excerpt, with code that would be cut at line 40.
LONG_MD = (
    "# Long runbook [[{cloud.runbook]]\n\n"
    + "".join(f"Step {n} of the runbook.\n\n" for n in range(1, 18))
    + "```bash\n"
    + "".join(f"echo step {n}\n" for n in range(1, 12))
    + "```\n\n"
    + "".join(f"Closing remark {n}.\n\n" for n in range(1, 20))
    + "[[}]]\n"
)


def build_block_site(folder: Path) -> Path:
    """Build these notes in `folder/notes` with `--strict` into `folder/site` (browser tests show them too)."""
    notes = folder / "notes"
    (notes / "cloud").mkdir(parents=True)
    (notes / "cloud" / "queues.md").write_text(QUEUES_MD, encoding="utf-8")
    (notes / "cloud" / "fanout.txt").write_text(FANOUT_TXT, encoding="utf-8")
    (notes / "cloud" / "runbook.md").write_text(LONG_MD, encoding="utf-8")
    site = folder / "site"
    assert build_site(notes, site, tags_dir=ROOT / "tags") == []
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_block_site(tmp_path_factory.mktemp("blocks"))


def _article(page: str, block_id: str) -> str:
    opening = rf'<article class="cdn-block" [^>]*data-block="{re.escape(block_id)}">'
    found = re.search(opening + "(.*?)</article>", page, re.S)
    assert found, block_id
    return found[1]


def _body(article: str) -> str:
    return article.split('<div class="cdn-block-body">', 1)[1]


def _no_source(html: str) -> None:
    """Nothing of the block's source shows: no markers, Markdown emphasis, table rules or heading hashes."""
    assert "[[" not in html and "]]" not in html
    assert "**" not in html and "| ---" not in html and "-----" not in html
    prose = re.sub(r"<pre.*?</pre>", "", html, flags=re.S)  # code keeps its comments
    assert not re.search(r"(^|>)\s*#{1,6} ", prose, re.M)


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_markdown_block_is_rendered_on_its_topic_page(site: Path) -> None:
    body = _body(_article(_page(site, "tags/cloud.queues"), "cloud/queues.md#0"))
    _no_source(body)
    assert "<strong>decouples</strong>" in body
    assert "<th>guarantee</th>" in body and "<td>at least once</td>" in body
    assert '<div class="highlight">' in body and '<span class="k">def</span>' in body  # highlighted as on its page
    assert "<h3>Delivery guarantees</h3>" in body  # under the page's own headings
    assert "Message queues</h" not in body  # the opening heading is the article's title, not repeated
    # The Markdown link to a text note leads to that note's page, from the topic page.
    assert '<a href="../../cloud/fanout/">the fan-out note</a>' in body
    assert (site / "cloud/fanout/index.html").is_file()


def test_tagged_text_block_shows_chips_and_its_drawing_exactly(site: Path) -> None:
    page = _page(site, "tags/cloud.queues.fanout")
    body = _body(_article(page, "cloud/fanout.txt#0"))
    _no_source(body)
    assert '<a class="cdn-tag" href="../../tags/cloud.queues/" data-tag="cloud.queues"' in body
    # Tagged text stays as written: no Markdown read in it, spaces kept.
    assert "*not* Markdown" in body and "  queue of its own" in body
    assert '<pre class="cdn-text cdn-diagram-text">  publisher ──▶ topic ──┬──▶ queue A ──▶ worker A\n' in body


def test_keyword_section_shows_its_text_without_markers(site: Path) -> None:
    kb = load_kb(site)
    section = next(b for b in kb["blocks"] if b["kind"] == "section" and b["note"] == "cloud/fanout.txt")
    assert "aws.s3" in section["auto_tags"]
    assert "[[" not in section["text"] and "Buckets keep their rules" in section["text"]
    body = _body(_article(_page(site, "tags/aws.s3"), section["id"]))
    _no_source(body)
    assert 'data-tag="cloud.archive"' in body


def test_explorer_data_carries_each_block_rendered(site: Path) -> None:
    kb = load_kb(site)
    blocks = {block["id"]: block for block in kb["blocks"]}
    for block in blocks.values():
        _no_source(block["html"])
        assert ' id="' not in block["html"]  # ids belong to the note page
    queues = blocks["cloud/queues.md#0"]
    assert "<strong>decouples</strong>" in queues["html"] and "<table>" in queues["html"]
    assert queues["more_lines"] == 0
    # Links are relative to the site root, as the other URLs of kb.json.
    assert '<a href="cloud/fanout/">the fan-out note</a>' in queues["html"]
    assert 'href="tags/cloud.queues/"' in blocks["cloud/fanout.txt#0"]["html"]
    # The plain text stays plain text, for the text filter and other readers of kb.json.
    assert queues["text"].startswith("# Message queues")


def test_long_block_shows_its_first_lines_and_never_cuts_code(site: Path) -> None:
    block = next(b for b in load_kb(site)["blocks"] if b["id"] == "cloud/runbook.md#0")
    text = re.sub(r"<[^>]+>", "", block["html"])
    assert "Step 17 of the runbook." in text and "echo step 11" in text
    assert "Closing remark 19" not in block["html"] and block["more_lines"] > 0
    article = _article(_page(site, "tags/cloud.runbook"), "cloud/runbook.md#0")
    assert f"… {block['more_lines']} more lines in the note." in article


def test_spanish_topic_page_shows_spanish_chips_and_links(site: Path) -> None:
    body = _body(_article(_page(site, "es/tags/cloud.queues.fanout"), "cloud/fanout.txt#0"))
    assert 'href="../../tags/cloud.queues/"' in body  # es/tags/… from es/tags/…
    english = _body(_article(_page(site, "tags/cloud.queues.fanout"), "cloud/fanout.txt#0"))
    assert body.count('class="cdn-tag"') == english.count('class="cdn-tag"')


def test_topic_pages_repeat_no_id(site: Path) -> None:
    for page in (site / "tags").rglob("index.html"):
        ids = Counter(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        assert [name for name, count in ids.items() if count > 1] == [], page


# --- the pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "from_page", "to_page", "expected"),
    [
        ('<a href="../../tags/x/">', "aws/iam/", "", '<a href="tags/x/">'),
        ('<a href="../../tags/x/">', "aws/iam/", "~/~/", '<a href="../../tags/x/">'),
        ('<a href="#roles">', "aws/iam/", "~/~/", '<a href="../../aws/iam/#roles">'),
        ('<img src="../pic.png" alt="">', "aws/iam/", "", '<img src="aws/pic.png" alt="">'),
        ('<a href="https://example.com/a">', "aws/iam/", "", '<a href="https://example.com/a">'),
        # Text that only reads like an attribute is text.
        ('<pre>&lt;a href="x.html"&gt;</pre>', "aws/iam/", "", '<pre>&lt;a href="x.html"&gt;</pre>'),
    ],
)
def test_relocate_moves_relative_links_only(html: str, from_page: str, to_page: str, expected: str) -> None:
    assert relocate(html, from_page, to_page) == expected


def _note(text: str, path: str = "n.md") -> Any:
    return read_note(text.encode("utf-8"), path, Settings())


def test_excerpt_ends_after_code_that_ends_soon_and_before_code_that_does_not() -> None:
    short_code = "".join(f"line {n}\n\n" for n in range(1, 19)) + "```\n" + "x\n" * 10 + "```\nafter\n" * 40
    note = _note(short_code)
    assert note.format is Format.MARKDOWN
    closing = next(n for n in range(40, 60) if note.lines[n - 1] == "```")
    assert excerpt_end(note, 1, len(note.lines)) == closing
    long_code = "".join(f"line {n}\n\n" for n in range(1, 19)) + "```\n" + "x\n" * 80 + "```\n"
    note = _note(long_code)
    assert excerpt_end(note, 1, len(note.lines)) == 36  # the fence opens on line 37: the excerpt stops before it


def test_untrusted_note_block_shows_raw_html_as_text() -> None:
    note = _note("# Hostile [[{x]]\n\nSome <img src=x onerror=alert(1)> text.\n[[}]]\n")
    kb = build_kb([note], Taxonomy())
    trusted = BlockRenderer(kb, "en").block(kb.blocks[0]).html
    untrusted = BlockRenderer(kb, "en", untrusted=lambda _note: True).block(kb.blocks[0]).html
    assert "<img" in trusted
    assert "<img" not in untrusted and "&lt;img" in untrusted


def test_what_opens_a_block_heads_its_article_and_is_not_repeated() -> None:
    """A line of bare markers and the heading after it are the article's head (title and chips), not its body."""
    note = _note("[[{cloud.local]]\n# Local emulator\n  Runs the cloud on a laptop.\n[[}]]\n", "local.txt")
    kb = build_kb([note], Taxonomy())
    (block,) = kb.blocks
    assert block.title == "Local emulator"
    body = BlockRenderer(kb, "en").block(block).html
    assert body == '<pre class="cdn-text">  Runs the cloud on a laptop.</pre>'


def test_a_serve_rebuild_renders_again_only_the_blocks_that_changed() -> None:
    notes = [_note("# A [[{x]]\n\nFirst **note**.\n[[}]]\n", "a.md"), _note("# B [[{x]]\n\nSecond.\n[[}]]\n", "b.md")]
    first = BlockRenderer(build_kb(notes, Taxonomy()), "en", remember=True)
    before = [first.block(block) for block in first.kb.blocks]
    notes[1] = _note("# B [[{x]]\n\nSecond, edited.\n[[}]]\n", "b.md")
    second = BlockRenderer(build_kb(notes, Taxonomy()), "en", previous=first, remember=True)
    after = [second.block(block) for block in second.kb.blocks]
    assert after[0] is before[0] and "<strong>note</strong>" in after[0].html
    assert after[1] is not before[1] and "Second, edited." in after[1].html


def test_a_markdown_link_leads_to_the_page_of_the_note_it_names_even_after_a_url_clash() -> None:
    """`x.txt` beside `x.md`: one of them is not at the rule's URL, and a link to it still finds its page."""
    notes = [
        _note("# Queues [[{q]]\n\nSee [the text note](fanout.txt), [the Markdown one](fanout.md).\n[[}]]\n", "c/q.md"),
        _note("# Fan-out as text\n  words\n", "c/fanout.txt"),
        _note("# Fan-out in Markdown\n\nwords\n", "c/fanout.md"),
    ]
    kb = build_kb(notes, Taxonomy())
    text_url, markdown_url = kb.note_url("c/fanout.txt"), kb.note_url("c/fanout.md")
    assert text_url != markdown_url
    rendered = BlockRenderer(kb, "en").block(kb.blocks[0])
    html = relocate(rendered.html, rendered.page, "")
    assert f'<a href="{text_url}">the text note</a>' in html
    assert f'<a href="{markdown_url}">the Markdown one</a>' in html


def test_raw_html_a_block_cuts_short_is_closed_inside_it() -> None:
    """The author's stray `</pre>` and a `<details>` whose end lies after the block never reach the page around it."""
    note = _note(
        "# Tools [[{t]]\n\n<details><summary>More</summary>\n\nInside.\n\n</pre>\n\nAfter the stray closer.\n"
        "</div>\n[[}]]\n\nLater.\n\n</details>\n"
    )
    kb = build_kb([note], Taxonomy())
    html = BlockRenderer(kb, "en").block(kb.blocks[0]).html
    assert "After the stray closer." in html
    assert "</pre>" not in html and "</div>" not in html
    assert html.count("<details>") == html.count("</details>") == 1


def test_a_block_is_cleaned_wherever_its_note_page_is() -> None:
    """A text file read as Markdown runs no raw HTML on its page, nor in its blocks; a trusted `.md` note's does."""
    text = "# S3 buckets\n\nSome **bold** <img src=x onerror=alert(1)> <script>alert(2)</script>.\n\n```\ncode\n```\n"
    txt, md = _note(text, "h.txt"), _note(text, "h.md")
    assert txt.format is Format.MARKDOWN
    taxonomy, _problems = load_taxonomy(ROOT / "tags")
    kb = build_kb([txt, md], taxonomy)
    renderer = BlockRenderer(kb, "en")
    cleaned, kept = (renderer.block(block).html for block in kb.blocks)  # keyword sections under aws.s3
    assert "<strong>bold</strong>" in cleaned and "<img" in cleaned
    assert "onerror" not in cleaned and "<script" not in cleaned
    assert "onerror" in kept and "<script>" in kept
