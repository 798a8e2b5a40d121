"""Build tests over the real note collections of `../shared/realnotes/`: issue 18's "Done when", one test per target.

Each collection is built once per session (DevOps takes the better part of a
minute) and measured by `tests/realnotes.py`; each test asserts one target on
one collection and, when it fails, lists the offenders. Run the measuring
tool itself for the whole table: `.venv/bin/python -m tests.realnotes`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.realnotes import COLLECTIONS, LOSSLESS_TARGET, REALNOTES, TOC_TARGET, Measurement, measure_collection

pytestmark = pytest.mark.realnotes
SHOWN = 25  # offenders listed in a failure's message

Measured = Callable[[str], Measurement]


@pytest.fixture(scope="session")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measured:
    """Build and measure a collection the first time a test asks for it; keep the result for the session."""
    if not REALNOTES.is_dir():
        pytest.skip(f"{REALNOTES} is absent: the real note collections are not beside the repository")
    work = tmp_path_factory.mktemp("realnotes")
    results: dict[str, Measurement | Exception] = {}

    def get(collection: str) -> Measurement:
        if not (REALNOTES / collection).is_dir():
            pytest.skip(f"{REALNOTES / collection} is absent")
        if collection not in results:
            try:
                results[collection] = measure_collection(collection, Path(work))
            except Exception as error:  # a build that fails fails every test of its collection, once
                results[collection] = error
        result = results[collection]
        if isinstance(result, Exception):
            raise result
        return result

    return get


def _check(measured: Measured, collection: str, key: str) -> None:
    """Assert one metric's target, listing the first offenders when it is missed."""
    metric = measured(collection).metrics[key]
    shown = "\n".join(f"  {offender}" for offender in metric.offenders[:SHOWN])
    more = f"\n  … {len(metric.offenders) - SHOWN} more" if len(metric.offenders) > SHOWN else ""
    if not metric.passed:
        pytest.fail(f"{collection}: {metric.label}: {metric.figure}\n{shown}{more}", pytrace=False)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_note_has_its_own_page(measured: Measured, collection: str) -> None:
    """Each text or Markdown file of the folder is in kb.json with a page of its own, at a URL no other note has."""
    _check(measured, collection, "pages")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_no_page_shows_raw_markers(measured: Measured, collection: str) -> None:
    """No page (note, topic, home, either interface) shows `[[{`, `[[}` or `}]]`, Markdown code aside."""
    _check(measured, collection, "markers")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_topic_pages_show_no_heading_or_markdown_source(measured: Measured, collection: str) -> None:
    """Topic pages show a block's headings as headings and its Markdown rendered, as its note page does."""
    _check(measured, collection, "headings")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_no_broken_internal_links_or_anchors(measured: Measured, collection: str) -> None:
    """Every internal link of the site, in both interfaces, leads to a page and every fragment to an id."""
    _check(measured, collection, "links")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_table_of_contents_lists_the_headings(measured: Measured, collection: str) -> None:
    """At least 95 % of the headings of note pages are in their table of contents."""
    assert TOC_TARGET == 0.95
    _check(measured, collection, "toc")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_written_tag_id_has_a_topic(measured: Measured, collection: str) -> None:
    """Every tag id written in a marker has a page at `tags/<id>/` (its topic, or a redirect to it)."""
    _check(measured, collection, "tags")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_lossless(measured: Measured, collection: str) -> None:
    """At least 99.9 % of the non-blank lines of text notes, and of the words of Markdown notes, reach their page."""
    assert LOSSLESS_TARGET == 0.999
    _check(measured, collection, "lossless")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_box_drawing_lines_are_exact(measured: Measured, collection: str) -> None:
    """Every line drawn with box-drawing characters is a line of a `<pre>` of its note's page, columns kept."""
    _check(measured, collection, "box")
