"""`kb.json`: the machine-readable knowledge base (DESIGN.md §2)."""

from __future__ import annotations

import json
from typing import Any

from cuaderno.kb import KBBlock, KnowledgeBase
from cuaderno.render.blocks import BlockRenderer, site_root_html
from cuaderno.urls import encode_fragment, encode_path, split_fragment, tag_url

KB_VERSION = 1


def site_link(url: str) -> str:
    """A site URL (a path from the root, unencoded, maybe with an anchor) as a link from the site root: encoded."""
    path, anchor = split_fragment(url)
    return encode_path(path) if anchor is None else f"{encode_path(path)}#{encode_fragment(anchor)}"


def _shown(block: KBBlock, kb: KnowledgeBase, blocks: BlockRenderer | None) -> dict[str, Any]:
    """How the block looks: its first lines as its note page shows them (`html`), and how many lines follow."""
    if blocks is None:
        return {}
    rendered = blocks.block(block)
    return {"html": site_root_html(rendered, kb.interfaces), "more_lines": rendered.hidden_lines}


def kb_document(kb: KnowledgeBase, blocks: BlockRenderer | None = None) -> dict[str, Any]:
    """The knowledge base as plain JSON-ready data.

    With `blocks` (the renderer of the site's default interface), each block
    also carries its first lines as HTML, links relative to the site root.
    """
    children: dict[str, list[str]] = {}
    for block in kb.blocks:
        if block.parent is not None:
            children.setdefault(block.parent, []).append(block.id)
    return {
        "version": KB_VERSION,
        "languages": list(kb.languages),
        "notes": [
            {
                "path": note.path,
                "url": site_link(kb.note_url(note.path)),
                "title": note.title,
                "lang": note.lang,
                "format": note.format.value,
                "tags": list(kb.note_tags(note.path)),
            }
            for note in kb.notes
        ],
        "blocks": [
            {
                "id": block.id,
                "note": block.note,
                "url": site_link(block.url),
                "lang": block.lang,
                "title": block.title,
                "kind": block.kind,
                "tags": list(block.tags),
                "inherited_tags": list(block.inherited),
                "auto_tags": list(block.auto_tags),
                "depth": block.depth,
                "parent": block.parent,
                "lines": list(block.lines),
                "text": block.text,
                "children": children.get(block.id, []),
                **_shown(block, kb, blocks),
            }
            for block in kb.blocks
        ],
        "tags": [
            {
                "id": tag.id,
                "parent": tag.parent,
                "url": site_link(tag_url(tag.id)),
                "count": tag.count,
                "label": dict(tag.labels),
                "children": list(tag.children),
            }
            for tag in kb.tags.values()
        ],
    }


def kb_json(kb: KnowledgeBase, indent: int | None = None, blocks: BlockRenderer | None = None) -> str:
    """`kb.json` as text (with each block's HTML, given the renderer that makes it)."""
    return json.dumps(kb_document(kb, blocks), ensure_ascii=False, indent=indent)
