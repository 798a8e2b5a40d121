"""The site's state across builds, without MkDocs: notes parsed once, pages rendered again only when they change."""

from __future__ import annotations

from typing import Any

import pytest

import cuaderno.site_session
from cuaderno.render.blocks import MarkdownSettings
from cuaderno.settings import Settings
from cuaderno.site_session import SiteSession
from tests.conftest import ROOT

NOTES = {
    "aws/s3.txt": "# S3 buckets [[{aws.s3}]]\n  A bucket holds objects. #[versioning]\n",
    "security/keys.txt": "# Keys [[{security}]]\n  Rotate keys; versioned buckets: @[#versioning]\n",
}
MARKDOWN = MarkdownSettings(("attr_list", "md_in_html", "tables", "toc"), {})


def _sources(notes: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(path, text.encode("utf-8")) for path, text in sorted(notes.items())]


def _session(serving: bool) -> SiteSession:
    session = SiteSession(Settings(("en", "es"), ROOT / "tags"))
    session.serving = serving
    return session


def test_the_second_interface_costs_no_parse(parsed: list[str]) -> None:
    session = _session(serving=False)
    first = session.derive(_sources(NOTES), ("en", "es"), [])
    assert first.fresh and sorted(parsed) == sorted(NOTES)
    parsed.clear()
    again = session.derive(_sources(NOTES), ("en", "es"), [])
    assert not again.fresh and again.kb is first.kb and parsed == []


def test_an_edit_parses_the_edited_note_alone(parsed: list[str]) -> None:
    session = _session(serving=True)
    session.derive(_sources(NOTES), ("en", "es"), [])
    parsed.clear()
    edited = {**NOTES, "security/keys.txt": NOTES["security/keys.txt"] + "  And audit them.\n"}
    derived = session.derive(_sources(edited), ("en", "es"), [])
    assert derived.fresh and parsed == ["security/keys.txt"]
    assert "And audit them." in "\n".join(derived.kb.note("security/keys.txt").lines)


def test_pages_are_rendered_again_only_when_what_they_show_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    real = cuaderno.site_session.render_note

    def counting(note: Any, *args: Any) -> str:
        rendered.append(note.path)
        return str(real(note, *args))

    monkeypatch.setattr(cuaderno.site_session, "render_note", counting)
    session = _session(serving=True)
    derived = session.derive(_sources(NOTES), ("en", "es"), [])
    pages = {note.path: session.note_page(note, "en", report=True) for note in derived.notes}
    assert sorted(rendered) == sorted(NOTES)
    rendered.clear()
    edited = {**NOTES, "aws/s3.txt": NOTES["aws/s3.txt"] + "  Lifecycle rules move old objects.\n"}
    derived = session.derive(_sources(edited), ("en", "es"), [])
    again = {note.path: session.note_page(note, "en", report=True) for note in derived.notes}
    assert rendered == ["aws/s3.txt"]  # the note on keys shows nothing of the appended line
    assert again["security/keys.txt"] is pages["security/keys.txt"]
    assert "Lifecycle rules" in again["aws/s3.txt"]


def test_a_note_that_cannot_be_rendered_is_one_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> str:
        raise ValueError("unforeseen")

    monkeypatch.setattr(cuaderno.site_session, "render_note", broken)
    session = _session(serving=False)
    derived = session.derive(_sources(NOTES), ("en", "es"), [])
    note = next(note for note in derived.notes if note.path == "aws/s3.txt")
    assert "A bucket holds objects." in session.note_page(note, "en", report=True)
    session.note_page(note, "es", report=False)  # the other interface says nothing more
    assert [problem.path for problem in session.render_problems] == ["aws/s3.txt"]


def test_kb_json_is_made_once_per_knowledge_base() -> None:
    session = _session(serving=True)
    session.derive(_sources(NOTES), ("en", "es"), [])
    session.topic_pages("en", MARKDOWN, default_interface=True)
    first = session.kb_json()
    assert session.kb_json() is first
    session.derive(_sources({**NOTES, "new.txt": "# New\n  text\n"}), ("en", "es"), [])
    assert session.kb_json() is not first and b"new.txt" in session.kb_json()


@pytest.mark.parametrize(
    ("sanitize", "untrusted"),
    [(False, False), (True, True), (["aws/*"], True), (["other/*"], False)],
)
def test_sanitize_names_untrusted_notes(sanitize: bool | list[str], untrusted: bool) -> None:
    session = _session(serving=False)
    session.configure(session.settings, sanitize)
    derived = session.derive(_sources(NOTES), ("en", "es"), [])
    note = next(note for note in derived.notes if note.path == "aws/s3.txt")
    assert session.untrusted(note) is untrusted


def test_the_first_rebuild_reuses_the_blocks_of_the_first_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """While serving, the topic pages' blocks of the very first build are kept for the first edit too.

    Each build loads the configuration again, with new Markdown extension instances; and the first build
    kept its blocks without what they were made from. The first edit rendered every block again: six
    seconds at a thousand notes.
    """
    import cuaderno.render.topics
    from cuaderno.render.blocks import BlockRenderer
    from cuaderno.safe_links import SafeLinksExtension

    rendered: list[str] = []
    real_render, real_article = BlockRenderer._render_note, cuaderno.render.topics.block_article

    def render(self: BlockRenderer, note: Any) -> None:
        rendered.append(note.path)
        real_render(self, note)

    def article(block: Any, *args: Any) -> str:
        rendered.append(f"article of {block.note}")
        return str(real_article(block, *args))

    monkeypatch.setattr(BlockRenderer, "_render_note", render)
    monkeypatch.setattr(cuaderno.render.topics, "block_article", article)

    def build(notes: dict[str, str]) -> None:
        session.derive(_sources(notes), ("en", "es"), [])
        markdown = MarkdownSettings((*MARKDOWN.extensions, SafeLinksExtension()), {})
        topics = session.topic_pages("en", markdown, default_interface=True)
        for tag in ("aws.s3", "security"):
            topics.page(tag)

    session = _session(serving=True)
    build(NOTES)
    assert "aws/s3.txt" in rendered and "security/keys.txt" in rendered
    rendered.clear()
    build({**NOTES, "security/keys.txt": NOTES["security/keys.txt"] + "  And audit them.\n"})
    assert set(rendered) == {"security/keys.txt", "article of security/keys.txt"}
