"""Topic pages (`tags/<id>/`) and the tag index (`tags/`)."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator, Mapping

from cuaderno.i18n import language_name, t
from cuaderno.kb import KBBlock, KnowledgeBase
from cuaderno.render.blocks import BlockRenderer, relocate
from cuaderno.render.inline import LinkMaker, attr, escape, escape_markdown, page_links
from cuaderno.render.link_lists import link_list, section_item
from cuaderno.urls import TAGS_DIR, tag_url

MENTIONS_SHOWN = 60


def block_article(block: KBBlock, body: str, hidden_lines: int, kb: KnowledgeBase, links: LinkMaker, lang: str) -> str:
    """A block shown outside its note: its title (a link to it), its note, its chips, its first lines as HTML."""
    note = kb.note(block.note)
    more = t("topic.more_lines", lang, count=hidden_lines) if hidden_lines else ""
    more = f'\n<p class="cdn-more">{escape(more)}</p>' if more else ""
    href = links.href(block.url)
    title = escape(block.title or note.title)
    source = escape(t("topic.from_note", lang, title=note.title))
    return (
        f'<article class="cdn-block" lang="{attr(block.lang)}" data-block="{attr(block.id)}">\n'
        f'<p class="cdn-block-head"><a href="{attr(href)}">{title}</a> '
        f'<span class="cdn-source">{source}</span> {links.chips(block.tags)}</p>\n'
        f'<div class="cdn-block-body">\n{body}</div>{more}\n</article>\n'
    )


class TopicPages:
    """The topic pages of one knowledge base in one interface.

    A block appears on the page of each of its tags and of their ancestors; it
    is rendered once (`BlockRenderer`), and its article once per folder depth
    of those pages, shared. The links of a shared article are made from a page
    no tag can name (`tags/~/`): right from every topic page as deep.
    `previous`, the `excerpts` of the last build of the same site (`mkdocs
    serve`), spares rendering unchanged blocks again; with `remember` (every
    build of `mkdocs serve`, its first too) each excerpt keeps its inputs for
    the next build to compare.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        lang: str,
        previous: Mapping[Hashable, tuple[object, str]] | None = None,
        blocks: BlockRenderer | None = None,
        remember: bool = False,
    ) -> None:
        self.kb = kb
        self.lang = lang
        self.previous = previous or {}
        self.remember = remember or bool(self.previous)
        self.blocks = blocks or BlockRenderer(kb, lang)
        self.excerpts: dict[Hashable, tuple[object, str]] = {}  # (block id, depth) -> (what it shows, article)
        self._links: dict[int, LinkMaker] = {}

    def _inputs(self, block: KBBlock) -> object:
        """All an article shows besides the site-wide facts: the block, its note's title and lines."""
        note = self.kb.note(block.note)
        return block, note.title, note.lines[block.lines[0] - 1 : block.lines[1]], self.kb.mentions.get(note.path)

    def excerpt(self, block: KBBlock, depth: int) -> str:
        """The block as topic pages `depth` folders deep show it."""
        key = (block.id, depth)
        found = self.excerpts.get(key)
        if found is not None:
            return found[1]
        inputs = self._inputs(block) if self.remember else None
        known = self.previous.get(key)
        if known is not None and known[0] == inputs:
            self.excerpts[key] = known
            return known[1]
        links = self._links.get(depth)
        if links is None:
            links = self._links[depth] = page_links(self.kb, "~/" * depth, self.lang)
        rendered = self.blocks.block(block)
        body = relocate(rendered.html, rendered.page, links.here)
        article = block_article(block, body, rendered.hidden_lines, self.kb, links, self.lang)
        self.excerpts[key] = (inputs, article)
        return article

    def page(self, tag_id: str, slots: list[str] | None = None) -> str:
        """The Markdown of the tag's topic page; with `slots`, its blocks' HTML goes there instead (`fill_slots`)."""
        return render_topic(self.kb, tag_id, self.lang, self, slots)


# Where a topic page's blocks go once Python-Markdown is done with the page (`fill_slots`).
_SLOT = '<div class="cdn-blocks" data-cdn-slot="{index}"></div>'


def fill_slots(html: str, slots: list[str]) -> str:
    """A topic page's HTML with its blocks put in their slots.

    Blocks are HTML already: given to Python-Markdown inside the page, each
    tag of theirs went through its raw-HTML parser (most of a build's time
    once blocks were rendered). They are kept aside and put in after.
    """
    for index, blocks in enumerate(slots):
        html = html.replace(_SLOT.format(index=index), f'<div class="cdn-blocks">\n{blocks}</div>', 1)
    return html


def _language_filter(codes: list[str], lang: str) -> str:
    """Links that show one language's blocks only: `#only-es` in the address, CSS does the rest.

    Bookmarkable, and works without JavaScript (`:target` with `:has`).
    """
    targets = "".join(f'<span id="only-{attr(code)}"></span>' for code in codes)
    options = [f'<a href="#">{escape(t("topic.all_languages", lang))}</a>']
    options += [f'<a href="#only-{attr(code)}">{escape(language_name(code, lang))}</a>' for code in codes]
    rules = "".join(
        f'body:has(#only-{code}:target) article.cdn-block:not([lang="{code}"]),'
        f'body:has(#only-{code}:target) h2[data-lang]:not([data-lang="{code}"]){{display:none}}'
        for code in codes
        if code.isalnum()
    )
    return (
        f'<p class="cdn-lang-filter">{targets}{escape(t("topic.show", lang))} {" · ".join(options)}</p>\n'
        f"<style>{rules}</style>\n"
    )


def topic_front_matter(label: str) -> str:
    """A topic page's front matter: its title for the theme.

    Themes print `title` as HTML (the page's `<title>`, its header, the
    navigation) and Material's `striptags` would turn an escaped heading back
    into markup: the label is given escaped, so a label such as
    `</title><script>…` is the text it is. The search finds a topic by a
    record of its own (`search_records.topic_records`), never by the blocks
    its page repeats.
    """
    # JSON strings are YAML strings: the escaped label in double quotes, whatever it holds.
    return f"---\ntitle: {json.dumps(attr(label), ensure_ascii=False)}\n---\n"


def render_topic(
    kb: KnowledgeBase, tag_id: str, lang: str = "en", pages: TopicPages | None = None, slots: list[str] | None = None
) -> str:
    """A topic page: description, introduction, and every block under the tag, by language.

    `pages` shares block excerpts between the topic pages of one build. With
    `slots`, each language's blocks are appended there and the page holds an
    empty slot for them (`fill_slots`); without, the page holds them.
    """
    pages = pages or TopicPages(kb, lang)
    page_url = tag_url(tag_id)
    depth = page_url.count("/")
    labels = kb.tag_labels(lang)
    links = page_links(kb, page_url, lang)
    info = kb.taxonomy.entries.get(tag_id)
    label = kb.taxonomy.label(tag_id, lang)
    out: list[str | list[str]] = [topic_front_matter(label), f"# {escape_markdown(label)}\n"]
    names = sorted({tag_id, *kb.taxonomy.labels(tag_id, kb.languages).values(), *(info.aliases if info else ())})
    known_as = ", ".join(f"<code>{escape(name)}</code>" for name in names)
    out.append(f'<p class="cdn-topic-id">{escape(t("topic.names", lang))} {known_as}</p>\n')
    if info and info.description:
        description = info.description.get(lang) or next(iter(info.description.values()))
        out.append("".join(f"{escape_markdown(line.strip())}\n" for line in description.splitlines()))
    if info and info.intro:
        out.append((info.intro.get(lang) or next(iter(info.intro.values()))).strip() + "\n")
    tag = kb.tags.get(tag_id)
    if tag and tag.parent:
        parent = links.href(tag_url(tag.parent))
        parent_label = escape(labels.get(tag.parent, tag.parent))
        out.append(f'<p>{escape(t("topic.parent", lang))} <a href="{attr(parent)}">{parent_label}</a></p>\n')
    if tag and tag.children:
        out.append(f"<p>{escape(t('topic.children', lang))} {links.chips(tag.children)}</p>\n")
    related = kb.related_tags(tag_id)
    if related:
        chips = links.chips([tag for tag, _count in related])
        out.append(f'<p class="cdn-related">{escape(t("topic.related", lang))} {chips}</p>\n')
    blocks = kb.blocks_under(tag_id)
    block_languages = sorted({b.lang for b in blocks}, key=lambda code: (code != lang, code))
    if len(block_languages) > 1:
        out.append(_language_filter(block_languages, lang))
    for block_lang in block_languages:
        group = [b for b in blocks if b.lang == block_lang]
        heading = t("topic.in_language", lang, language=language_name(block_lang, lang), count=len(group))
        out.append(f'## {escape_markdown(heading)} {{: data-lang="{attr(block_lang)}" }}\n')
        # One raw HTML block per language: Python-Markdown copies the rest of the page at the end of each
        # raw block, which made a topic page of thousands of blocks take time in the square of its size.
        # Pages run to tens of megabytes: the excerpts are joined once, with the rest of the page.
        excerpts = [pages.excerpt(block, depth) for block in group]
        if slots is None:
            out.append(['<div class="cdn-blocks">\n', *excerpts, "</div>\n"])
        else:
            out.append(_SLOT.format(index=len(slots)) + "\n")
            slots.append("".join(excerpts))
    if not blocks:
        out.append(f"{escape_markdown(t('topic.empty', lang))}\n")
    out.append(_mentioned_in(kb, tag_id, links, lang))
    return "".join(_lines(out))


def _lines(parts: list[str | list[str]]) -> Iterator[str]:
    """The strings of `parts`, a list's items run together, a line break between parts."""
    for index, part in enumerate(parts):
        if index:
            yield "\n"
        if isinstance(part, str):
            yield part
        else:
            yield from part


def _mentioned_in(kb: KnowledgeBase, tag_id: str, links: LinkMaker, lang: str) -> str:
    """The sections whose first mention of the topic links here (the topic page's backlinks)."""
    items = []
    for path, section_line in kb.mentioned_in(tag_id)[:MENTIONS_SHOWN]:
        heading = kb.note(path).heading_at(section_line)
        section, anchor = (heading.text, heading.anchor) if heading else ("", "")
        items.append(section_item(links, kb, path, section, anchor, lang))
    return link_list("cdn-backlinks", t("note.linked_from", lang), items)


def render_tag_index(kb: KnowledgeBase, lang: str = "en") -> str:
    """The tag tree with block counts and localized labels."""
    links = page_links(kb, f"{TAGS_DIR}/", lang)

    def item(tag_id: str, depth: int) -> list[str]:
        tag = kb.tags[tag_id]
        href = links.href(tag_url(tag_id))
        label = escape(kb.taxonomy.label(tag_id, lang))
        line = (
            f'{"  " * depth}<li><a href="{attr(href)}">{label}</a> <code>{escape(tag_id)}</code> '
            f'<span class="cdn-count">{tag.count}</span>'
        )
        children = [c for child in tag.children for c in item(child, depth + 1)]
        if children:
            return [line, f"{'  ' * depth}<ul>", *children, f"{'  ' * depth}</ul></li>"]
        return [line + "</li>"]

    roots = [tag_id for tag_id, tag in kb.tags.items() if tag.parent is None]
    body = [line for root in roots for line in item(root, 1)]
    intro = escape_markdown(t("tags.intro", lang, count=len(kb.tags)))
    tree = '<ul class="cdn-tag-tree">\n' + "\n".join(body) + "\n</ul>\n"
    return f"# {escape_markdown(t('tags.title', lang))}\n\n{intro}\n\n{tree}"
