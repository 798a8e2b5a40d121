from __future__ import annotations

import pytest

from cuaderno.markers import adds_tags_only, find_markers, is_safe_url, marker_problems, normalize_tag, parse_marker
from cuaderno.model import MarkerOp


def ops(*pairs: tuple[str, tuple[str, ...]]) -> tuple[MarkerOp, ...]:
    return tuple(MarkerOp(kind, tags) for kind, tags in pairs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("{ a.b, c ", ops(("open", ("a.b", "c")))),
        ("}", ops(("close", ()))),
        (" a.b }", ops(("close", ("a.b",)))),
        ("{ a, { b, { c", ops(("open", ("a",)), ("open", ("b",)), ("open", ("c",)))),
        ("{ t }", ops(("paragraph", ("t",)))),
        ("{doc_has.comparative}", ops(("paragraph", ("doc_has.comparative",)))),
        (" t ", ops(("add", ("t",)))),
        ("{", ops(("open", ()))),
        ("{}", ()),
        ('{"1_price.free.101,PM.TODO', ops(("open", ("1_price.free.101", "pm.todo")))),
        ("{qa.SLA,", ops(("open", ("qa.sla",)))),
        ("{topic. 1. }", ops(("paragraph", ("topic.1",)))),
        ("{1_PRICE.101}", ops(("paragraph", ("1_price.101",)))),
        ("{ Seguridad.Básica", ops(("open", ("seguridad.básica",)))),
        ("{PM.TODO,security.AAA}", ops(("paragraph", ("pm.todo", "security.aaa")))),
        ("{a,,b,}", ops(("paragraph", ("a", "b")))),
    ],
)
def test_parse_marker(inner: str, expected: tuple[MarkerOp, ...] | None) -> None:
    assert parse_marker(inner) == expected


@pytest.mark.parametrize(
    "inner",
    [' -f "$F" ', " $x == 1 ", " a < b ", " -z $VAR ", ' "$1" = "--help" ', " x>1 ", "", "   "],
)
def test_shell_tests_are_not_markers(inner: str) -> None:
    assert parse_marker(inner) is None
    assert find_markers(f"if [[{inner}]]; then", 3) == ()


@pytest.mark.parametrize(
    ("token", "tag"),
    [
        (" topic. 1. ", "topic.1"),
        ('"1_PRICE.101', "1_price.101"),
        ("..a..b..", "a.b"),
        ("Ñandú.Ártico", "ñandú.ártico"),
        (",", ""),
    ],
)
def test_normalize_tag(token: str, tag: str) -> None:
    assert normalize_tag(token) == tag


def test_find_markers_positions_and_skips() -> None:
    line = "## Title [[{a]] `[[{code]]` tail [[}]]"
    start = line.index("`")
    found = find_markers(line, 7, skip=((start, line.index("`", start + 1) + 1),))
    assert [m.raw for m in found] == ["[[{a]]", "[[}]]"]
    assert all(m.line == 7 for m in found)
    assert line[found[0].start : found[0].end] == "[[{a]]"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://docs.aws.amazon.com", True),
        ("http://x", True),
        ("mailto:a@b.c", True),
        ("../other/page/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
    ],
)
def test_safe_urls(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("{security.101?", ops(("open", ("security.101?",)))),
        (
            "{scalability.poll(2)},scalability.raw_sockets",
            ops(("paragraph", ("scalability.poll(2)",)), ("add", ("scalability.raw_sockets",))),
        ),
        ("{ crypto.PKCS#11", ops(("open", ("crypto.pkcs#11",)))),
        ("{build,dev_stack.*,", ops(("open", ("build", "dev_stack")))),
        ("{ $runc ", ops(("open", ()))),  # the shell token is dropped, the brace still opens a block
        (" $runc }", ops(("close", ()))),
        ("{ a, $x, b", ops(("open", ("a", "b")))),
        ("{ a, -f, b }", ops(("paragraph", ("a", "b")))),
        ("{ a, x=1 }", ops(("paragraph", ("a",)))),
        ("{ a, key: value }", ops(("paragraph", ("a",)))),  # a `key: value` of code is no tag
        ("{ std:vector }", ops(("paragraph", ("std:vector",)))),  # a colon with no space after it may be in a tag
    ],
)
def test_permissive_tokens(inner: str, expected: tuple[MarkerOp, ...]) -> None:
    assert parse_marker(inner) == expected


@pytest.mark.parametrize(
    "inner",
    [" ! ${HOME} ", ' ${LANG} != "EXIT" ', " $? != 0 ", " ! -d /tmp ", "name: 'dev'", " a && b ", "name: commit"],
)
def test_marker_left_with_no_tag_and_no_brace_is_text(inner: str) -> None:
    assert parse_marker(inner) is None


def test_dropped_tokens_are_kept_on_the_marker_and_noticed() -> None:
    line = "[[{ aws.s3, $x ]] and [[{ $runc ]]"
    found = find_markers(line, 2)
    assert [m.dropped for m in found] == [("$x",), ("$runc",)]
    problems = marker_problems("n.txt", line, 2, found)
    assert [(p.code, p.column, p.severity.value) for p in problems] == [
        ("dropped-token", 1, "notice"),
        ("dropped-token", line.index("[[{ $runc") + 1, "notice"),
    ]


def test_marker_doing_nothing_once_its_tokens_are_dropped_is_text() -> None:
    line = '# T [[{ a"b, <b>x</b> }]]'
    assert find_markers(line, 1) == ()
    [problem] = marker_problems("n.txt", line, 1, ())
    assert (problem.code, problem.column) == ("malformed-marker", line.index("[[") + 1)
    assert "does nothing" in problem.message


@pytest.mark.parametrize(
    ("marker", "adds_only"),
    [
        ("[[qa]]", True),
        ("[[ a, b ]]", True),
        ("[[{a]]", False),
        ("[[a}]]", False),
        ("[[{a}]]", False),
        ("[[{}]]", False),
    ],
)
def test_a_marker_without_a_brace_only_adds_tags(marker: str, adds_only: bool) -> None:
    [found] = find_markers(marker, 1)
    assert adds_tags_only(found) is adds_only
