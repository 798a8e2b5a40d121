/* cuaderno: the tag explorer (explore/), which loads what it shows.
 *
 * It starts from two small files, kb/tags.json and kb/explorer/blocks.json, and fetches the
 * rest as the selection needs it (explorer-data.js): the postings of the chosen tags, the cards
 * of the results on screen, the text a text filter reads, the tags of the matching blocks for
 * the remaining counts. kb.json, the whole knowledge base, is never fetched.
 *
 * The whole selection lives in the page's query string, kept current with history.replaceState,
 * so a view can be bookmarked and shared:
 *
 *   explore/?tags=aws.s3,security&mode=and&depth=0&text=bucket&lang=es
 *
 *   tags   selected tags, comma-separated, each percent-encoded: ids, or labels and aliases in
 *          any language. A tag selects every tag beneath it ("aws" selects "aws.s3").
 *   mode   "and" (a block carries every selected tag; the default) or "or" (at least one).
 *   depth  0-3 (default 0): show the matching block itself (0) or the block that many levels up
 *          that encloses it; duplicates are shown once.
 *   text   every word must occur in the block's title or text (case and accents ignored). Not
 *          "q": Material for MkDocs reads ?q= on every page and opens its search dialog with it.
 *   lang   only blocks in this language; absent means all languages.
 *
 * Parameters at their default are left out; other parameters are kept as they are. When a block
 * and a block enclosing it both match, only the outermost is listed. Beside each tag, once
 * something is chosen: how many results choosing it too (AND) would leave.
 *
 * Timings on the results element: data-ms (from the change to the results drawn, fetching
 * included), data-filter-ms (computing alone); aria-busy while an update (and its counts) runs.
 * The first results drawn set the performance mark "cdn-explorer-results" (the first few of a page
 * are drawn as soon as their cards arrive, then the rest).
 */
import { el } from "./dom.js";
import { blockCard, getPurifier } from "./explorer-cards.js";
import { ExplorerData } from "./explorer-data.js";
import { TagPicker } from "./explorer-picker.js";
import {
  DEPTHS,
  Marks,
  combine,
  fill,
  holdsWords,
  readQuery,
  remainingCounts,
  restoreState,
  showBlocks,
  words,
  writeQuery,
} from "./explorer-query.js";

const PAGE = 40; // results drawn at a time: a page spread over the notes fetches a card file each
const FIRST_DRAW = 8; // results drawn as soon as their cards arrive, before the rest of the page
export const FIRST_RESULTS_MARK = "cdn-explorer-results";

/** @typedef {import("./explorer-query.js").ExplorerState} ExplorerState */
/** @typedef {{matched: number[], shown: number[], filterMs: number}} Selection */

/* Material's language switcher: keep the selection when changing language. Material sends
 * alternate-language clicks to the page it found at load time, without the query; the explorer's
 * own links are followed as written. */
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (link && document.getElementById("cdn-explorer")) event.stopPropagation();
  },
  true
);

/** @param {string} query */
function keepQueryInLanguageLinks(query) {
  for (const link of Array.from(document.querySelectorAll("a[hreflang].md-select__link"))) {
    const href = link.getAttribute("href") || "";
    link.setAttribute("href", href.split(/[?#]/)[0] + query);
  }
}

class Explorer {
  /**
   * @param {HTMLElement} container
   * @param {ExplorerData} data
   * @param {Record<string, string>} strings
   */
  constructor(container, data, strings) {
    this.container = container;
    this.data = data;
    this.shape = data.shape;
    this.lang = container.getAttribute("data-lang") || "en";
    this.root = container.getAttribute("data-root") || "../";
    this.prefix = container.getAttribute("data-prefix") || "";
    this.s = strings;
    this.marks = new Marks(this.shape.count);
    /** @type {Map<number, {card: HTMLElement, chips: import("./explorer-cards.js").Chip[]}>} */
    this.cards = new Map();
    this.limit = PAGE;
    this.generation = 0;
    this.firstDrawn = false;
    this.query = readQuery(window.location.search);
    this.state = restoreState(this.query.raw, (name) => this.resolve(name), this.shape.languages);
    /** @param {string} id */
    this.label = (id) => data.tags.label(id, this.lang);
    this.picker = new TagPicker(data.tags, this.lang, strings, (id, on) => {
      const tags = this.state.tags.filter((other) => other !== id);
      if (on) tags.push(id);
      this.set({ tags });
    });
    this.picker.alone = this.shape.alone;
    this.build();
    this.sync();
  }

  /**
   * The tags a name in the address stands for: an id, else a label or alias in any language.
   * @param {string} name
   * @returns {string[]}
   */
  resolve(name) {
    return this.data.tags.number.has(name) ? [name] : this.data.tags.resolve(name);
  }

  build() {
    const s = this.s;
    const uid = "cdn-x";
    this.andBox = /** @type {HTMLInputElement} */ (el("input", { type: "radio", name: `${uid}-mode`, value: "and", id: `${uid}-and` }));
    this.orBox = /** @type {HTMLInputElement} */ (el("input", { type: "radio", name: `${uid}-mode`, value: "or", id: `${uid}-or` }));
    const mode = el("fieldset", { className: "cdn-x-mode" }, [
      el("legend", { textContent: s.mode }),
      el("span", { className: "cdn-x-options" }, [
        this.andBox,
        el("label", { htmlFor: `${uid}-and`, textContent: s.mode_and }),
        this.orBox,
        el("label", { htmlFor: `${uid}-or`, textContent: s.mode_or }),
      ]),
    ]);
    const depths = DEPTHS.map((depth) => el("option", { value: String(depth), textContent: s[`depth_${depth}`] || String(depth) }));
    this.depthSelect = /** @type {HTMLSelectElement} */ (el("select", { id: `${uid}-depth` }, depths));
    this.textBox = /** @type {HTMLInputElement} */ (
      el("input", { type: "search", id: `${uid}-text`, placeholder: s.text_placeholder, autocomplete: "off", spellcheck: false })
    );
    const names = /** @type {{languages?: Record<string, string>}} */ (/** @type {unknown} */ (s)).languages || {};
    const languages = [el("option", { value: "", textContent: s.language_all })].concat(
      this.shape.languages.map((code) => el("option", { value: code, textContent: names[code] || code }))
    );
    this.langSelect = /** @type {HTMLSelectElement} */ (el("select", { id: `${uid}-lang` }, languages));
    const field = (/** @type {string} */ id, /** @type {string} */ text, /** @type {HTMLElement} */ control, grow = false) =>
      el("div", { className: grow ? "cdn-x-field cdn-x-field--grow" : "cdn-x-field" }, [el("label", { htmlFor: id, textContent: text }), control]);
    const controls = el("div", { className: "cdn-x-controls" }, [
      mode,
      field(`${uid}-depth`, s.depth, this.depthSelect),
      field(`${uid}-text`, s.text, this.textBox, true),
      field(`${uid}-lang`, s.language, this.langSelect),
    ]);

    this.chosen = el("span", { className: "cdn-x-chosen" });
    const clear = el("button", { type: "button", className: "md-button cdn-x-clear", textContent: s.clear });
    this.selection = el("div", { className: "cdn-x-selection" }, [
      el("span", { className: "cdn-x-selection-label", textContent: s.selected }),
      this.chosen,
      clear,
    ]);

    this.tagFilter = /** @type {HTMLInputElement} */ (
      el("input", { type: "search", id: `${uid}-tag-filter`, placeholder: s.filter_tags_placeholder, autocomplete: "off", spellcheck: false })
    );
    this.noTag = el("p", { className: "cdn-x-note", textContent: s.no_tag_matches, hidden: true });
    const picker = el("div", { className: "cdn-x-picker" }, [
      field(`${uid}-tag-filter`, s.filter_tags, this.tagFilter),
      this.noTag,
      this.picker.element,
    ]);
    this.count = el("p", { className: "cdn-x-count", role: "status" });
    this.list = el("div", { className: "cdn-x-list" });
    this.results = el("section", { className: "cdn-x-results", id: `${uid}-results`, "aria-label": s.title }, [this.count, this.list]);
    this.container.replaceChildren(controls, this.selection, el("div", { className: "cdn-x-body" }, [picker, this.results]));
    this.picker.draw();

    this.andBox.addEventListener("change", () => this.set({ mode: "and" }));
    this.orBox.addEventListener("change", () => this.set({ mode: "or" }));
    const depthSelect = this.depthSelect;
    depthSelect.addEventListener("change", () => this.set({ depth: parseInt(depthSelect.value, 10) || 0 }));
    const textBox = this.textBox;
    textBox.addEventListener("input", () => this.set({ text: textBox.value }));
    const langSelect = this.langSelect;
    langSelect.addEventListener("change", () => this.set({ lang: langSelect.value }));
    const tagFilter = this.tagFilter;
    const noTag = this.noTag;
    tagFilter.addEventListener("input", () => {
      noTag.hidden = this.picker.filter(tagFilter.value) > 0;
    });
    clear.addEventListener("click", () => {
      textBox.value = "";
      this.set({ tags: [], text: "" });
    });
  }

  /** @param {Partial<ExplorerState>} change */
  set(change) {
    this.state = { ...this.state, ...change };
    this.limit = PAGE;
    return this.update(true);
  }

  /** Put the controls in line with the state (after loading or clearing). */
  sync() {
    const state = this.state;
    if (!this.andBox || !this.orBox || !this.depthSelect || !this.textBox || !this.langSelect) return;
    this.andBox.checked = state.mode !== "or";
    this.orBox.checked = state.mode === "or";
    this.depthSelect.value = String(state.depth);
    if (this.textBox.value !== state.text) this.textBox.value = state.text;
    this.langSelect.value = state.lang;
  }

  /**
   * Show the state: selection at once, then results as their data arrives, then the counts.
   * @param {boolean} remember whether to write the state in the address
   * @returns {Promise<void>}
   */
  async update(remember) {
    const generation = ++this.generation;
    const started = performance.now();
    const results = /** @type {HTMLElement} */ (this.results);
    results.setAttribute("aria-busy", "true");
    this.showSelection();
    const selected = new Set(this.state.tags);
    this.picker.update(selected, this.picker.counts, this.state.mode);
    if (remember) {
      const url = window.location.pathname + writeQuery(this.state, this.query.others) + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }
    keepQueryInLanguageLinks(window.location.search);
    try {
      const selection = await this.select();
      if (generation !== this.generation) return;
      await this.showResults(selection, generation);
      if (generation !== this.generation) return;
      results.setAttribute("data-ms", (performance.now() - started).toFixed(2));
      results.setAttribute("data-filter-ms", (selection ? selection.filterMs : 0).toFixed(2));
      results.setAttribute("data-count", String(selection ? selection.shown.length : 0));
      const counts = selection ? await this.counts(selection) : null;
      if (generation !== this.generation) return;
      this.picker.update(selected, counts, this.state.mode);
    } catch (error) {
      if (generation !== this.generation) return;
      const message = error instanceof Error ? error.message : String(error);
      /** @type {HTMLElement} */ (this.count).textContent = fill(this.s.load_error, { error: message });
    }
    results.removeAttribute("aria-busy");
  }

  /**
   * The blocks the state selects, fetching the postings and text it needs; null when nothing is chosen.
   * @returns {Promise<Selection | null>}
   */
  async select() {
    const state = this.state;
    const wanted = words(state.text);
    if (!state.tags.length && !wanted.length) return null;
    const shape = this.shape;
    const lists = state.tags.length ? await this.data.postingsOf(state.tags) : null;
    let started = performance.now();
    let matched = lists ? combine(lists, state.mode) : Array.from({ length: shape.count }, (_, n) => n);
    if (state.lang) matched = matched.filter((n) => shape.lang(n) === state.lang);
    let filterMs = performance.now() - started;
    if (wanted.length) {
      await this.data.loadTexts(matched);
      started = performance.now();
      const haystacks = this.data.haystacks;
      matched = matched.filter((n) => holdsWords(haystacks[n] || "", wanted));
      filterMs += performance.now() - started;
    }
    started = performance.now();
    const shown = showBlocks(matched, state.depth, shape, this.marks);
    return { matched, shown, filterMs: filterMs + performance.now() - started };
  }

  /**
   * How many results each tag would leave, fetching the matching blocks' tags.
   * @param {Selection} selection
   * @returns {Promise<Map<number, number>>}
   */
  async counts(selection) {
    await this.data.loadTags(selection.matched);
    return remainingCounts(selection.matched, this.state.depth, this.shape, (n) => this.data.tagsOf(n), this.marks);
  }

  showSelection() {
    const chips = this.state.tags.map((id) => {
      const label = this.label(id);
      const button = el(
        "button",
        { type: "button", className: "cdn-x-chip", title: id, "aria-label": fill(this.s.remove_tag, { tag: label }), "data-tag": id },
        [label, el("span", { className: "cdn-x-x", "aria-hidden": "true", textContent: "×" })]
      );
      button.addEventListener("click", () => {
        this.set({ tags: this.state.tags.filter((other) => other !== id) });
        this.picker.focusTag(id);
      });
      return button;
    });
    /** @type {HTMLElement} */ (this.chosen).replaceChildren(...chips);
    /** @type {HTMLElement} */ (this.selection).hidden = !chips.length && !this.state.text;
  }

  /**
   * Draw the first `limit` results, once their cards (and, without HTML, their text) are here: the
   * first few as soon as theirs arrive, then the rest of the page.
   * @param {Selection | null} selection
   * @param {number} generation the update drawing them; a later one stops this one
   * @returns {Promise<void>}
   */
  async showResults(selection, generation) {
    const s = this.s;
    const count = /** @type {HTMLElement} */ (this.count);
    const list = /** @type {HTMLElement} */ (this.list);
    if (!selection) {
      count.textContent = s.start;
      list.replaceChildren();
      return;
    }
    const shown = selection.shown;
    const notes = new Set(shown.map((n) => this.shape.notes[n]));
    const end = Math.min(shown.length, this.limit);
    const head = shown.slice(0, Math.min(end, FIRST_DRAW));
    await this.loadCards(head);
    if (generation !== this.generation) return;
    count.textContent = shown.length
      ? fill(s.count, {
          blocks: shown.length === 1 ? s.blocks_one : fill(s.blocks_many, { count: shown.length }),
          notes: notes.size === 1 ? s.notes_one : fill(s.notes_many, { count: notes.size }),
        })
      : s.no_results;
    this.drawCards(head, shown.length, end);
    if (head.length && !this.firstDrawn) {
      this.firstDrawn = true;
      performance.mark(FIRST_RESULTS_MARK);
    }
    if (end > head.length) {
      const page = shown.slice(0, end);
      await this.loadCards(page);
      if (generation !== this.generation) return;
      this.drawCards(page, shown.length, end);
    }
  }

  /**
   * Fetch what the cards of these blocks show.
   * @param {number[]} blocks
   * @returns {Promise<void>}
   */
  async loadCards(blocks) {
    await this.data.loadCards(blocks);
    const textual = blocks.filter((n) => !getPurifier() || typeof this.data.cards[n]?.html !== "string");
    if (textual.length) await this.data.loadTexts(textual);
  }

  /**
   * Put these results' cards in the list, with a button for the rest when the page is complete.
   * @param {number[]} blocks
   * @param {number} total how many results there are
   * @param {number} end how many this page shows
   */
  drawCards(blocks, total, end) {
    const list = /** @type {HTMLElement} */ (this.list);
    const selected = new Set(this.state.tags);
    const fragment = document.createDocumentFragment();
    for (const n of blocks) fragment.appendChild(this.card(n, selected));
    if (blocks.length === end && end < total) {
      const more = el("button", {
        type: "button",
        className: "md-button cdn-x-more-results",
        textContent: fill(this.s.more_results, { count: total - end }),
      });
      more.addEventListener("click", async () => {
        this.limit += PAGE;
        await this.update(false);
        const first = list.children[end];
        const link = first && first.querySelector("a, strong");
        if (link instanceof HTMLElement) link.focus();
      });
      fragment.appendChild(more);
    }
    list.replaceChildren(fragment);
  }

  /**
   * A block's card, made once and reused; only its chips follow the selection.
   * @param {number} n
   * @param {Set<string>} selected
   * @returns {HTMLElement}
   */
  card(n, selected) {
    let made = this.cards.get(n);
    if (!made) {
      const block = this.data.cards[n] || { id: String(n) };
      const tagUrl = (/** @type {string} */ id) => this.data.tagUrls.get(id);
      const context = {
        s: this.s,
        root: this.root,
        prefix: this.prefix,
        label: this.label,
        tagUrl,
        note: block.note === undefined ? undefined : this.data.notes.get(block.note),
        text: this.data.texts[n],
      };
      made = blockCard(block, context, (id) => this.data.tags.ancestors(id));
      this.cards.set(n, made);
    }
    for (const chip of made.chips) chip.node.classList.toggle("cdn-x-hit", chip.ups.some((up) => selected.has(up)));
    return made.card;
  }
}

function start() {
  const container = document.getElementById("cdn-explorer");
  if (!container || container.getAttribute("data-ready")) return;
  container.setAttribute("data-ready", "loading");
  /** @type {Record<string, string>} */
  let strings = {};
  try {
    strings = JSON.parse(container.getAttribute("data-strings") || "{}");
  } catch {
    strings = {};
  }
  container.replaceChildren(el("p", { className: "cdn-x-note", textContent: strings.loading || "…" }));
  const index = container.getAttribute("data-index") || "../kb/tags.json.gz";
  const files = container.getAttribute("data-files") || "../kb/explorer/";
  ExplorerData.load(index, files)
    .then((data) => new Explorer(container, data, strings).update(false))
    .then(() => container.setAttribute("data-ready", "true"))
    .catch((error) => {
      container.setAttribute("data-ready", "error");
      const message = fill(strings.load_error || "{error}", { error: error instanceof Error ? error.message : String(error) });
      container.replaceChildren(el("p", { className: "cdn-x-note cdn-x-error", textContent: message }));
    });
}

// A module runs once the page is parsed: start at once, without waiting for Material. Its instant
// navigation swaps pages without reloading scripts: it announces each page on document$.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
