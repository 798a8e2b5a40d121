"""nh3 cleans the rendered HTML of untrusted notes: cuaderno's markup stays, nothing can run or load elsewhere."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from cuaderno.sanitize import sanitize_html


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.extend((tag, name, value or "") for name, value in attrs)
        self.seen.append((tag, "", ""))


def attributes(html: str) -> list[tuple[str, str, str]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.seen


HOSTILE = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java&#115;cript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<img src=x onerror="alert(1)">',
    '<span onclick="alert(1)" class="cdn-tag">x</span>',
    "<script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><image href="https://elsewhere.example/x.png"/></svg>',
    '<svg><use href="data:image/svg+xml,x"/></svg>',
    '<iframe src="https://elsewhere.example/"></iframe>',
    '<form action="https://elsewhere.example/"><input name=x></form>',
    '<style>body{background:url(https://elsewhere.example/)}</style>',
    '<img src=x style="background:url(https://elsewhere.example/)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<object data="x.swf"></object>',
    '<div id="__config">{}</div>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_runs_or_loads_from_elsewhere(html: str) -> None:
    cleaned = sanitize_html(html)
    for tag, name, value in attributes(cleaned):
        assert not name.startswith("on"), cleaned
        assert tag not in ("script", "iframe", "form", "input", "style", "meta", "object", "image", "use"), cleaned
        lowered = "".join(value.split()).lower()
        assert not lowered.startswith(("javascript:", "vbscript:", "data:text", "data:image/svg")), cleaned
        assert "url(" not in lowered, cleaned
    assert "<script" not in cleaned.lower()


def test_cuaderno_markup_stays() -> None:
    page = (
        '<h2 id="vpc">VPC <a class="headerlink" href="#vpc" title="Permanent link">¶</a></h2>'
        '<span class="cdn-tags"><a class="cdn-tag" href="../../tags/aws.vpc/" data-tag="aws.vpc" title="x">'
        "vpc</a></span>"
        '<pre class="cdn-text">  a   <span class="cdn-anchor" id="here">#[here]</span></pre>'
        '<figure class="cdn-diagram" aria-label="Diagram" data-zoom-in="Zoom in"><button type="button" '
        'class="cdn-diagram-copy" aria-label="Copy"><svg viewBox="0 0 24 24" aria-hidden="true"><rect x="8" y="8" '
        'width="12" height="13" rx="1.5"/><path d="M5 16V5.5"/></svg></button></figure>'
        '<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="pic" style="width: 40%">'
        '<a href="mailto:me@example.com">me</a> <a href="https://example.com/x?y=1">web</a>'
    )
    cleaned = sanitize_html(page)
    for kept in (
        'id="vpc"',
        'class="headerlink" href="#vpc"',
        'data-tag="aws.vpc"',
        'href="../../tags/aws.vpc/"',
        '<pre class="cdn-text">  a   ',
        'viewBox="0 0 24 24"',
        'aria-hidden="true"',
        'data-zoom-in="Zoom in"',
        'src="data:image/png;base64,iVBORw0KGgo="',
        "width:40%",
        'href="mailto:me@example.com"',
        'href="https://example.com/x?y=1"',
        '<th align="left">',
    ):
        assert kept in cleaned, kept


@pytest.mark.parametrize(
    ("url", "image", "allowed"),
    [
        ("https://example.com/", False, True),
        ("mailto:me@example.com", False, True),
        ("../other/#x", False, True),
        ("#here", False, True),
        ("javascript:alert(1)", False, False),
        ("java&#115;cript:alert(1)", False, False),
        ("javascript&colon;alert(1)", False, False),
        ("jav&#x09;ascript:alert(1)", False, False),
        ("\x01javascript:alert(1)", False, False),
        (" JavaScript:alert(1)", False, False),
        ("vbscript:x", False, False),
        ("data:text/html,x", False, False),
        ("data:image/png;base64,AAAA", True, True),
        ("data:image/png;base64,AAAA", False, False),
        ("data:image/svg+xml;base64,AAAA", True, False),
    ],
)
def test_safe_link_schemes(url: str, image: bool, allowed: bool) -> None:
    from cuaderno.safe_links import is_allowed

    assert is_allowed(url, image=image) is allowed
