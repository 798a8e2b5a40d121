"""Blocks shown exactly as written: a diagram (its tags, its copy and full-screen actions), a fenced region."""

from __future__ import annotations

from collections.abc import Sequence

from cuaderno.i18n import t
from cuaderno.render.inline import attr, escape

# Drawn here (24×24 viewBox, stroked with the text colour): two sheets, and four corners.
_COPY_ICON = (
    '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="8" y="8" width="12" height="13" rx="1.5"/>'
    '<path d="M5 16V5.5A1.5 1.5 0 0 1 6.5 4H16"/></svg>'
)
_FULLSCREEN_ICON = (
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/></svg>'
)
# Labels the full-screen view needs, handed to the script as data attributes.
_VIEW_LABELS = ("zoom_in", "zoom_out", "zoom_reset", "close", "copied")


def diagram_html(rows: Sequence[str], chips: str, anchor: str, lang: str) -> str:
    """A `<figure>` holding the drawing's rows (already escaped HTML), one per source line.

    Rows keep every character and column; the page's script adds nothing to
    them, it only wires the two buttons.
    """
    labels = " ".join(f'data-{name.replace("_", "-")}="{attr(t(f"diagram.{name}", lang))}"' for name in _VIEW_LABELS)
    copy, fullscreen = attr(t("diagram.copy", lang)), attr(t("diagram.fullscreen", lang))
    buttons = (
        f'<button type="button" class="cdn-diagram-copy" title="{copy}" aria-label="{copy}">{_COPY_ICON}</button>'
        f'<button type="button" class="cdn-diagram-full" title="{fullscreen}" aria-label="{fullscreen}">'
        f"{_FULLSCREEN_ICON}</button>"
    )
    body = "\n".join(rows)
    return (
        f'<figure class="cdn-diagram" id="{attr(anchor)}" aria-label="{attr(t("diagram.label", lang))}" {labels}>\n'
        f'<div class="cdn-diagram-bar">{chips}<span class="cdn-diagram-actions">{buttons}</span></div>\n'
        f'<pre class="cdn-text cdn-diagram-text">{body}</pre>\n'
        "</figure>\n"
    )


def preformatted_html(rows: Sequence[str], label: str = "") -> str:
    """A text note's fenced region: its rows (already escaped HTML) in a `<pre>`, under its label if it has one."""
    body = "\n".join(rows)
    if not label:
        return f'<pre class="cdn-text cdn-pre">{body}</pre>\n'
    return (
        f'<figure class="cdn-pre" data-label="{attr(label)}">'
        f'<figcaption class="cdn-pre-label">{escape(label)}</figcaption>'
        f'<pre class="cdn-text">{body}</pre></figure>\n'
    )


def bullet_html(bullet: str) -> str:
    """The list bullet written before a fenced region (`* ```` ``` ````), shown above it as written."""
    return f'<pre class="cdn-text">{escape(bullet)}</pre>\n' if bullet else ""
