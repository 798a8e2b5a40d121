"""Redirect pages: every tag id an author writes has a URL, even when it is merged into another.

`01_pm.todo` is `pm.todo`, `escalability` may be an alias of `scalability`:
their topic pages are the canonical ones, and `tags/01_pm.todo/` is a small
page that sends the reader there, in each interface, without JavaScript
(`<meta http-equiv="refresh">` and a link).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from cuaderno.i18n import t
from cuaderno.kb import KnowledgeBase
from cuaderno.model import Note
from cuaderno.render.inline import attr, escape
from cuaderno.taxonomy import EQUIVALENT_DIMENSIONS, ancestors
from cuaderno.urls import interface_url, relative_url, tag_page_source, tag_url


def tag_redirects(kb: KnowledgeBase) -> dict[str, str]:
    """Each merged tag id -> the id of its topic, sorted by id.

    Merged ids are those written in markers and those above them, the
    taxonomy's aliases, and the viewer's numbered twin of each topic under
    `pm`, `qa` and `doc_has` (`01_pm.todo`): those whose topic has a page and
    that have no page of their own. A closer naming a tag that has no page
    (`[[architecture.cache}]]`, a typo) leads to the block it closes.
    """
    written: dict[str, str | None] = {}  # id -> the topic a misnamed closer leads to (None: its own canonical)
    for note in kb.notes:
        closed = _closed_blocks(note)
        for marker in note.markers:
            for op in marker.ops:
                for tag in op.tags:
                    if op.kind != "close":
                        written.update(dict.fromkeys((tag, *ancestors(tag))))
                    elif marker.line in closed:
                        written.setdefault(tag, kb.taxonomy.canonical(closed[marker.line]))
    # The viewer's numbered twin of every topic under an equivalent dimension: `pm.todo` is also `01_pm.todo`.
    for plain, numbered in EQUIVALENT_DIMENSIONS:
        for name, twin in ((plain, numbered), (numbered, plain)):
            written.update(dict.fromkeys(twin + tag[len(name) :] for tag in kb.tags if tag.startswith(name + ".")))
    found: dict[str, str] = {}
    for tag, block_topic in (*written.items(), *((alias, None) for alias in kb.taxonomy.alias_of)):
        target = kb.taxonomy.canonical(tag)
        if target not in kb.tags and block_topic is not None:
            target = block_topic
        if _writable(tag) and target != tag and target in kb.tags and tag not in kb.tags:
            found.setdefault(tag, target)
    return dict(sorted(found.items()))


def _closed_blocks(note: Note) -> dict[int, str]:
    """The first tag of the innermost tagged block each line closes: line -> tag."""
    closed: dict[int, str] = {}
    for block in sorted(note.blocks, key=lambda block: block.depth):
        if block.kind == "block" and block.tags:
            closed[block.end] = block.tags[0]
    return closed


def _writable(tag_id: str) -> bool:
    """Whether an id can name a folder of the site: no `*` (a whole dimension), no `.`/`..`/empty path part."""
    return bool(tag_id) and "*" not in tag_id and all(part not in ("", ".", "..") for part in tag_id.split("/"))


def redirect_url(tag_id: str) -> str:
    """Where a merged id's redirect page is written, beside the topic pages: `tags/01_pm/index.html`.

    A file path, not a link: the id is written as it is (`tags/a.@b/`), as MkDocs writes a topic page.
    """
    return str(PurePosixPath(tag_page_source(tag_id)).with_suffix(".html"))


def render_redirect(kb: KnowledgeBase, alias: str, target: str, lang: str, interfaces: Iterable[str] = ()) -> str:
    """The HTML page at `tags/<alias>/` (in the `lang` interface) that sends the reader to `target`'s topic."""
    languages = tuple(interfaces)
    here = interface_url(tag_url(alias), lang, languages)
    href = relative_url(here, interface_url(tag_url(target), lang, languages))
    label = kb.taxonomy.label(target, lang)
    link = f'<a href="{attr(href)}">{escape(label)}</a>'
    title = t("redirect.title", lang, alias=alias, label=label)
    text = t("redirect.text", lang, alias=f"<code>{escape(alias)}</code>", link=link)
    return (
        "<!doctype html>\n"
        f'<html lang="{attr(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={attr(href)}">\n'
        f'<link rel="canonical" href="{attr(href)}">\n'
        '<meta name="robots" content="noindex">\n'
        f"</head>\n<body>\n<p>{text}</p>\n</body>\n</html>\n"
    )


def redirect_pages(kb: KnowledgeBase, lang: str, interfaces: Iterable[str] = ()) -> Mapping[str, str]:
    """Every redirect page of one interface: its path from the site root (`es/tags/01_pm/index.html`) -> HTML."""
    languages = tuple(interfaces)
    return {
        interface_url(redirect_url(alias), lang, languages): render_redirect(kb, alias, target, lang, languages)
        for alias, target in tag_redirects(kb).items()
    }
