"""Search in Material's header on cuaderno's Pagefind index: words, stemming, `tag:`, facets, languages."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.sites import build_site, expanded, load_kb

pytestmark = pytest.mark.browser

BOX = ".cdn-search input[name=query]"
RESULTS = "[data-search-result]"  # one per block, section or topic found
META = ".cdn-search .md-search-result__meta"


def search(page: Page, query: str, *, every: bool = True) -> list[str]:
    """Type `query` into the search box; return where the results lead (site paths with anchors, decoded).

    With `every`, scroll until every result is drawn (about ten at a time: the panel says "10+" meanwhile).
    """
    box = page.locator(BOX)
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()
    box.fill("")
    page.wait_for_timeout(150)  # the emptied box's own run is over
    page.evaluate("delete document.querySelector('.cdn-search').dataset.searched")
    box.press_sequentially(query, delay=10)
    # The panel says which query its results are for once they are drawn.
    page.wait_for_function(
        "q => document.querySelector('.cdn-search')?.dataset.searched === q", arg=query, timeout=10000
    )
    if every:
        scroller = page.locator(".cdn-search .md-search__scrollwrap")
        deadline = time.monotonic() + 15
        drawn, still = -1, 0
        while still < 3 and time.monotonic() < deadline:
            scroller.evaluate("el => el.scrollTo(0, el.scrollHeight)")
            page.wait_for_timeout(150)
            now = page.locator(RESULTS).count()
            still = still + 1 if now == drawn else 0
            drawn = now
    hrefs = page.locator(f"{RESULTS} a").evaluate_all("els => els.map(a => a.href)")
    return [
        unquote(urlsplit(href).path) + (f"#{unquote(urlsplit(href).fragment)}" if urlsplit(href).fragment else "")
        for href in hrefs
    ]


def under(kb: dict[str, Any], tag: str, interface: str = "") -> set[str]:
    """Where the blocks under `tag` are, in an interface (`""` or `"es/"`): what `tag:` must find."""
    translated = {note["url"].removeprefix("es/") for note in kb["notes"] if note["url"].startswith("es/")}
    notes = {note["path"]: note for note in kb["notes"]}
    found = set()
    for block in kb["blocks"]:
        if not block["text"].strip():
            continue
        if tag in expanded([*block["tags"], *block["auto_tags"], *block["inherited_tags"]]):
            url = unquote(block["url"])
            note_url = notes[block["note"]]["url"]
            if interface and not note_url.startswith("es/") and note_url in translated:
                continue  # the Spanish interface shows the note's Spanish version instead
            if not interface and note_url.startswith("es/"):
                continue
            found.add("/" + (url if url.startswith(interface) else interface + url))
    return found


@pytest.fixture()
def site(page: Page, docs_site: Path, serve_site: Any) -> tuple[Page, str, dict[str, Any]]:
    base = serve_site(docs_site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base)
    yield page, base, load_kb(docs_site)
    outside = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
    assert outside == [], outside  # the site works offline: no request to another host


def test_a_word_finds_blocks_with_their_note_and_chips(site: tuple[Page, str, dict[str, Any]]) -> None:
    page, base, kb = site
    page.goto(base + "guide/finding/")
    found = search(page, "bucket")
    assert len(found) > 5
    blocks = page.locator('[data-search-result="block"]')
    assert blocks.count() > 3
    first = blocks.first
    assert first.locator(".cdn-search-note").inner_text()  # the note it is in
    assert first.locator(".cdn-search-chips .cdn-tag").count() >= 1  # its chips, by their labels
    assert first.locator("pre.cdn-search-context mark").count() >= 1  # the match, in its lines
    urls = {"/" + unquote(block["url"]) for block in kb["blocks"]}
    assert {url for url in found if "#" in url and "/tags/" not in url} & urls  # blocks land on themselves
    # A result leads to its block on its note's page.
    target = found[0]
    first.locator("a").click()
    page.wait_for_load_state()
    assert unquote(urlsplit(page.url).path) == target.split("#")[0]


def test_spanish_words_are_found_by_their_stem(site: tuple[Page, str, dict[str, Any]]) -> None:
    page, base, _kb = site
    page.goto(base + "es/")
    # "almacenar" is written nowhere; Spanish stemming finds "almacenamiento" (the S3 note's title).
    found = search(page, "almacenar")
    assert any("/es/aws/storage/s3-almacenamiento/" in url for url in found), found
    marks = page.locator(f"{RESULTS} mark").all_text_contents()
    assert any(mark.lower().startswith("almacen") for mark in marks), marks


def test_tag_by_id_and_by_spanish_label_keeps_the_tag_and_its_descendants(
    site: tuple[Page, str, dict[str, Any]],
) -> None:
    page, base, kb = site
    expected = under(kb, "security")
    by_id = search(page, "tag:security")
    topics = {url for url in by_id if url.startswith("/tags/")}
    assert "/tags/security/" in topics and "/tags/security.101/" in topics  # the tag's and its children's topics
    assert set(by_id) - topics <= expected | {url.split("#")[0] for url in expected}
    assert len(set(by_id) - topics) >= min(len(expected), 10)
    # The Spanish label names the same tag, in either interface.
    assert set(search(page, "tag:Seguridad")) == set(by_id)
    page.goto(base + "es/")
    spanish = search(page, "tag:seguridad")
    assert "/es/tags/security/" in spanish
    assert {url for url in spanish if "/tags/" not in url} <= under(kb, "security", "es/")
    # A word after the tag narrows within it; -tag: leaves a tag out.
    page.goto(base)
    narrowed = search(page, "tag:security key")
    assert narrowed and set(narrowed) <= set(by_id)
    without = search(page, "tag:security -tag:security.encryption")
    assert without and set(without) < set(by_id)
    assert not set(without) & (under(kb, "security.encryption") - under(kb, "security.101"))


def test_topics_found_share_one_row_and_the_blocks_follow(site: tuple[Page, str, dict[str, Any]]) -> None:
    """A word that names a tag and its children finds each topic, in one row: not a page of topics."""
    page, base, _kb = site
    page.goto(base + "es/")
    found = search(page, "security")
    assert {"/es/tags/security/", "/es/tags/security.101/"} <= set(found)
    expect(page.locator(".cdn-search-topics")).to_have_count(1)
    topics = page.locator('.cdn-search-topics [data-search-result="topic"]')
    assert topics.count() >= 2
    expect(page.locator(".cdn-search-topics").locator("xpath=ancestor::article/h1")).to_have_text("Temas")
    # The blocks are results of their own, after the row.
    assert page.locator('li[data-search-result="block"]').count() > 0


def test_the_panel_fills_until_the_reader_can_scroll_for_more(site: tuple[Page, str, dict[str, Any]]) -> None:
    """Results are read as the panel shows them: a tall panel is filled at once, the rest waits for a scroll."""
    page, _base, _kb = site
    page.set_viewport_size({"width": 1200, "height": 2400})
    search(page, "bucket", every=False)
    page.wait_for_timeout(800)
    scrollable = "el => el.scrollHeight > el.clientHeight"
    panel = page.locator(".cdn-search .md-search__scrollwrap")
    said = page.locator(META).inner_text()
    assert panel.evaluate(scrollable) or "+" not in said, said  # full, or every result drawn
    if "+" in said:
        drawn = page.locator(RESULTS).count()
        panel.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        expect(page.locator(RESULTS)).not_to_have_count(drawn)  # more as the reader scrolls


def test_an_unknown_tag_is_said_not_searched(site: tuple[Page, str, dict[str, Any]]) -> None:
    page, base, _kb = site
    page.goto(base + "es/")
    assert search(page, "tag:nadaquever") == []
    expect(page.locator(META)).to_have_text("Ninguna etiqueta se llama «nadaquever».")


def test_facets_narrow_step_by_step(site: tuple[Page, str, dict[str, Any]]) -> None:
    page, _base, kb = site
    broad = search(page, "tag:aws")  # every result drawn: the facets count them all
    expect(page.locator(META)).to_contain_text("results")
    facet = page.locator(".cdn-search-facet").first
    expect(facet).to_be_visible()
    tag = facet.get_attribute("data-tag") or ""
    count = int(facet.locator(".cdn-search-facet__count").inner_text())
    drawn = page.locator(RESULTS).count()
    # A facet counts the results drawn under its tag; a tag every one of them has narrows nothing.
    assert 0 < count < drawn and broad
    facet.click()
    expect(page.locator(BOX)).to_have_value(f"tag:aws tag:{tag}")
    narrowed = search(page, f"tag:aws tag:{tag}")
    assert len(narrowed) >= count
    assert {url for url in narrowed if "/tags/" not in url} <= under(kb, tag)
    # Every result drawn: the panel says how many.
    expect(page.locator(META)).to_have_text(f"{len(narrowed)} results" if len(narrowed) > 1 else "1 result")


def test_results_follow_the_interface_language_unless_every_language_is_asked(
    site: tuple[Page, str, dict[str, Any]],
) -> None:
    page, base, kb = site
    page.goto(base + "es/")
    spanish_notes = {note["url"].split("/")[-2] for note in kb["notes"] if note["lang"] == "es"}
    own = search(page, "bucket")
    assert own and all(url.split("#")[0].rstrip("/").split("/")[-1] in spanish_notes for url in own), own
    assert all(url.startswith("/es/") for url in own)  # the Spanish interface's pages
    page.locator(".cdn-search-both input").check()
    both = search(page, "bucket")
    assert set(own) < set(both) and all(url.startswith("/es/") for url in both)
    assert page.locator(f'{RESULTS} article[lang="en"]').count() > 0
    # A word only English notes have: the Spanish interface says so and shows them.
    page.locator(".cdn-search-both input").uncheck()
    words = {
        lang: set(re.findall(r"[a-z]{8,}", " ".join(b["text"].lower() for b in kb["blocks"] if b["lang"] == lang)))
        for lang in ("en", "es")
    }
    # Words of English notes only (Spanish notes may still have words that begin the same way): the
    # Spanish interface finds none of its own, says so, and shows the English notes'.
    notice = "Nada en las notas escritas en español"
    for word in sorted(words["en"] - words["es"], key=len, reverse=True)[:12]:
        elsewhere = search(page, word)
        if notice in page.locator(META).inner_text():
            break
    else:
        pytest.fail("no English word was found only in English notes")
    assert elsewhere and all(url.startswith("/es/") for url in elsewhere)
    assert page.locator(f'{RESULTS} article[lang="en"]').count() == page.locator(RESULTS).count()


def test_a_word_naming_a_topic_still_finds_the_notes_of_other_languages(
    page: Page, tmp_path: Path, serve_site: Any
) -> None:
    """In the Spanish interface, a word of English notes that also names a tag: its topic, and the notes."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keys.txt").write_text(
        "# Keys\n\n[[{security]]\nRotate the keys every year: security starts with the keys you keep.\n[[}]]\n",
        encoding="utf-8",
    )
    (notes / "colas.txt").write_text(
        "# Colas\n\n[[{aws.sqs]]\nUna cola guarda los mensajes hasta que el consumidor los borra del todo.\n"
        "Los mensajes que fallan van a otra cola, donde esperan a que alguien los mire.\n[[}]]\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert build_site(notes, site) == []
    page.goto(serve_site(site) + "es/")
    found = search(page, "security")
    expect(page.locator(META)).to_contain_text("Nada en las notas escritas en español")
    assert "/es/tags/security/" in found  # the topic, in the Spanish interface
    assert "/es/keys/#kb-3" in found, found  # and the English note's block
    assert page.locator(f'{RESULTS} article[lang="en"]').count() == 1


def test_keyboard_opens_the_box_and_enter_follows_the_first_result(site: tuple[Page, str, dict[str, Any]]) -> None:
    page, base, _kb = site
    page.goto(base + "guide/finding/")
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()
    found = search(page, "cognito", every=False)
    page.locator(BOX).press("Enter")
    page.wait_for_load_state()
    assert unquote(urlsplit(page.url).path) == found[0].split("#")[0]


def test_a_one_language_site_searches_its_notes_by_word_and_tag(page: Page, tmp_path: Path, serve_site: Any) -> None:
    """Without mkdocs-static-i18n there is one interface: no record is hidden from it, and no filter says so."""
    notes = tmp_path / "notes"
    (notes / "aws").mkdir(parents=True)
    (notes / "aws" / "queues.txt").write_text(
        "# Queues\n\nWhat this note is about: messages waiting.\n\n"
        "[[{aws.sqs]]\nA queue keeps messages until a consumer deletes them.\n\n"
        "  [[{security]]\n  Encrypt the queue with a key of your own.\n  [[}]]\n[[}]]\n\n"
        "## Loose ends\n\nDead letters wait in a queue of their own.\n",
        encoding="utf-8",
    )
    (notes / "other.txt").write_text("# Other\n\n[[{aws.s3]]\nBuckets keep objects.\n[[}]]\n", encoding="utf-8")
    # A Spanish note: its bundle has no topics, so it holds the words of its own blocks' tags only.
    (notes / "colas.txt").write_text(
        "# Las colas de mensajes\n\n[[{security]]\nLa cola guarda los mensajes cifrados con una clave "
        "propia hasta que el consumidor los borra, y los mensajes que fallan van a otra cola.\n[[}]]\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    plugins = [{"search": {}}, {"cuaderno": {"tags_dir": str(Path(__file__).resolve().parents[2] / "tags")}}]
    assert build_site(notes, site, overrides={"plugins": plugins}) == []
    assert not (site / "es").exists()
    base = serve_site(site)
    page.goto(base)
    found = search(page, "queue")
    # The block, its nested block and the section outside any block: each where the word is.
    assert set(found) >= {"/aws/queues/#kb-5", "/aws/queues/#kb-8", "/aws/queues/#loose-ends"}, found
    assert set(search(page, "tag:security")) == {"/aws/queues/#kb-8", "/tags/security/"}
    keeps = search(page, "tag:aws.sqs queue")
    assert keeps and all(url.startswith("/aws/queues/#kb-") for url in keeps), keeps
    assert search(page, "buckets -tag:aws.s3") == []
    # Notes in every language: the Spanish bundle is searched for a tag only where its notes have it.
    page.locator(".cdn-search-both input").check()
    assert "/colas/#kb-3" in search(page, "tag:security")
    assert set(search(page, "tag:aws.s3")) == {"/other/#kb-3", "/tags/aws.s3/"}
