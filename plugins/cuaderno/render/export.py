"""`kb.json`: the machine-readable knowledge base (DESIGN.md §2)."""

from __future__ import annotations

import json
from typing import Any

from cuaderno.kb import KnowledgeBase
from cuaderno.urls import note_url

KB_VERSION = 1


def kb_document(kb: KnowledgeBase) -> dict[str, Any]:
    """The knowledge base as plain JSON-ready data."""
    return {
        "version": KB_VERSION,
        "languages": list(kb.languages),
        "notes": [
            {
                "path": note.path,
                "url": note_url(note.path, kb.interfaces),
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
                "url": block.url,
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
            }
            for block in kb.blocks
        ],
        "tags": [
            {
                "id": tag.id,
                "parent": tag.parent,
                "count": tag.count,
                "label": dict(tag.labels),
                "children": list(tag.children),
            }
            for tag in kb.tags.values()
        ],
    }


def kb_json(kb: KnowledgeBase, indent: int | None = None) -> str:
    """`kb.json` as text."""
    return json.dumps(kb_document(kb), ensure_ascii=False, indent=indent)
