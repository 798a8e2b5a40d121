/* cuaderno: the search box in Material's header, on the site's Pagefind bundles.
 *
 * Each interface has a bundle per language its notes are written in
 * (`pagefind/en/`, `es/pagefind/es/`…, listed in `bundles.json`). The box
 * searches the interface's language first; "notes in every language" adds the
 * others, and when the interface's language has nothing they are searched
 * anyway, with a line saying so. A bundle is loaded on the first search and
 * fetches only the chunks each query needs.
 *
 * Pagefind finds passages of notes (and topics); search-places.js turns each
 * into the blocks and sections that hold its matches, which are the results:
 * blocks with their note and chips, sections of note pages and topics (all
 * in one row, the first time one is found), each with `data-search-result`. Tag terms (`tag:seguridad`) are read by
 * search-query.js and resolved with the tag index (kb/tags.json). The facets
 * under the box, loaded once the first results are drawn, narrow by the tags
 * of the passages found. Every string from the notes is written as text.
 */
import { el } from "./dom.js";
import { fetchJson } from "./fetch-json.js";
import { placesOf } from "./search-places.js";
import { contextLines, facets, matchesWords, parseQuery, tagTerms, withTag, wordsAhead } from "./search-query.js";
import { TagIndex } from "./tag-index.js";

/**
 * @typedef {object} Settings
 * @property {string} lang
 * @property {string} prefix  the interface's folder from the site root: result URLs are relative to it
 * @property {string} interface  this interface, as the records' `hidden` filter names it ("" on a one-language site)
 * @property {string} dir
 * @property {string} manifest
 * @property {string} tags
 * @property {Record<string, string>} languages  language names in the interface's language
 * @property {Record<string, string>} strings
 */

/**
 * @typedef {object} PagefindResult
 * @property {string} id
 * @property {number} score
 * @property {() => Promise<PagefindData>} data
 */

/**
 * @typedef {object} PagefindData
 * @property {string} url  Pagefind's name for the record (where it leads is meta.url)
 * @property {string} content
 * @property {number[]} locations
 * @property {Record<string, string>} meta
 */

/**
 * @typedef {object} PagefindSearch
 * @property {PagefindResult[]} results
 * @property {Record<string, Record<string, number>>} filters
 */

/**
 * @typedef {object} PagefindScript  pagefind.js, the same file in every bundle
 * @property {(options: Record<string, unknown>) => Pagefind} createInstance  a search of the bundle at `basePath`
 */

/**
 * @typedef {object} Pagefind
 * @property {(options: Record<string, unknown>) => Promise<void>} options
 * @property {(term: string | null, options?: Record<string, unknown>) => Promise<PagefindSearch | null>} search
 * @property {() => Promise<void>} init
 * @property {(term: string, options?: Record<string, unknown>) => Promise<void>} preload
 */

const PAGE = 10; // results drawn at a time
const READ = 4; // passages read at a time to draw them
const FIRST = 2; // passages read before the first results are drawn
const SCROLL_MARGIN = 40; // pixels from the panel's end at which more results are read
const FACETS = 12;
const DEBOUNCE_MS = 80; // after the last keystroke: a word being typed is not searched letter by letter
const PRELOAD_FROM = 3; // letters before the index chunks of a word are fetched while it is typed
const STORE = "cuaderno.search";

const root = /** @type {HTMLElement | null} */ (document.querySelector("[data-cuaderno-search]"));
if (root) start(root);

/**
 * Best first.
 * @param {{result: PagefindResult}} a
 * @param {{result: PagefindResult}} b
 */
function byScore(a, b) {
  return b.result.score - a.result.score;
}

/** @param {HTMLElement} box */
function start(box) {
  /** @type {Settings} */
  const settings = JSON.parse(box.dataset.cuadernoSearch || "{}");
  if (!settings.dir) return;
  const input = /** @type {HTMLInputElement} */ (box.querySelector("input[name=query]"));
  const form = /** @type {HTMLFormElement} */ (box.querySelector("form"));
  const meta = /** @type {HTMLElement} */ (box.querySelector(".md-search-result__meta"));
  const tools = /** @type {HTMLElement} */ (box.querySelector(".cdn-search-tools"));
  const list = /** @type {HTMLOListElement} */ (box.querySelector(".md-search-result__list"));
  const toggle = /** @type {HTMLInputElement | null} */ (document.getElementById("__search"));
  const strings = settings.strings || {};
  const site = siteRoot();
  const bundles = new URL(`${settings.dir}/`, site);
  const interfaceRoot = new URL(settings.prefix, site);
  const stored = readStore();
  const state = { both: Boolean(stored.both), context: Number(stored.context ?? 1), run: 0 };

  /** @type {Promise<{languages: string[], tagged: string[]}> | null} */
  let manifest = null;
  /** @type {Promise<PagefindScript> | null} */
  let script = null;
  /** @type {Map<string, Promise<Pagefind>>} */
  const engines = new Map();
  /** @type {Promise<TagIndex> | null} */
  let tagIndex = null;
  /** @type {(() => void) | null} */
  let more = null;
  /** @type {Map<string, Promise<boolean>>} */
  const known = new Map();
  meta.textContent = strings.hint || "";

  const bundleList = () =>
    (manifest ??= fetchJson(new URL(settings.manifest, bundles)).then((data) => ({
      languages: data.languages || [],
      tagged: data.tagged || [],
    })));
  /** @returns {Promise<string[]>} */
  const languages = () => bundleList().then((data) => data.languages);
  const tagsOf = () => (tagIndex ??= TagIndex.load(new URL(settings.tags, site).href));

  /**
   * Filters that keep to the records this interface shows, besides `filters`.
   * @param {Record<string, unknown>} [filters]
   * @returns {Record<string, unknown>}
   */
  function shownHere(filters = {}) {
    if (!settings.interface) return { ...filters };
    return { ...filters, none: [...(/** @type {unknown[]} */ (filters.none) || []), { hidden: settings.interface }] };
  }

  /** @param {string} lang */
  function engine(lang) {
    let found = engines.get(lang);
    if (!found) {
      // Every bundle ships the same pagefind.js: the first loaded serves them all, an instance per bundle.
      script ??= import(/* @vite-ignore */ new URL(`${lang}/pagefind.js`, bundles).href);
      found = script.then(async (/** @type {PagefindScript} */ pagefind) => {
        const instance = pagefind.createInstance({ basePath: new URL(`${lang}/`, bundles).pathname, excerptLength: 30 });
        await instance.init(); // its entry, metadata and WebAssembly start loading now, not at the first query
        return instance;
      });
      engines.set(lang, found);
    }
    return found;
  }

  /** @param {string} text */
  async function run(text) {
    const ticket = ++state.run;
    const started = performance.now();
    const query = parseQuery(text);
    if (!query.words && !query.tags.length) {
      clear(strings.hint || "");
      return;
    }
    meta.textContent = strings.searching || "";
    try {
      const tags = query.tags.length ? await tagsOf() : null;
      const choices = query.tags.map((tag) => ({ ids: tags ? tags.resolve(tag.term) : [], negate: tag.negate }));
      const unknown = query.tags.filter((_tag, index) => !choices[index].ids.length);
      if (unknown.length) {
        if (ticket === state.run) {
          clear(format(strings.unknown_tag, { tag: unknown[0].term }));
          done(text, started);
        }
        return;
      }
      const all = await languages();
      const first = all.includes(settings.lang) ? [settings.lang] : all.slice(0, 1);
      const terms = tagTerms(choices);
      /** @type {Record<string, unknown>} */
      const filters = shownHere(terms.filters);
      const ask = { words: query.words, tagWords: terms.words, filters, choices };
      let found = await searchIn(state.both ? all : first, ask);
      let elsewhere = false;
      if (!found.notes && !state.both && all.length > first.length) {
        // No note of the interface's language has it (topics may): the notes of the others are searched.
        const others = await searchIn(
          all.filter((lang) => !first.includes(lang)),
          ask,
        );
        elsewhere = others.notes > 0;
        found = { results: [...found.results, ...others.results].sort(byScore), notes: others.notes };
      }
      if (ticket !== state.run) return;
      const chosen = new Set(choices.filter((choice) => !choice.negate).flatMap((choice) => choice.ids));
      await draw(found, elsewhere, ask, chosen, ticket);
      if (ticket === state.run) done(text, started);
    } catch (error) {
      if (ticket === state.run) {
        clear(format(strings.unavailable, { error: String(error) }));
        done(text, started);
      }
    }
  }

  /**
   * @typedef {object} Ask
   * @property {string} words  the query's words
   * @property {string[]} tagWords  the words of its kept tags
   * @property {Record<string, unknown>} filters
   * @property {import("./search-query.js").TagChoice[]} choices
   */

  /**
   * @typedef {object} Found
   * @property {{result: PagefindResult, lang: string}[]} results  passages and topics, best first
   * @property {number} notes  how many of them are passages of notes
   */

  /**
   * Search each language's bundle; passages merged by score.
   * @param {string[]} langs
   * @param {Ask} ask
   * @returns {Promise<Found>}
   */
  async function searchIn(langs, ask) {
    const ticket = state.run;
    const searches = await Promise.all(langs.map(async (lang) => ({ lang, search: await searchOne(lang, ask, ticket) })));
    /** @type {{result: PagefindResult, lang: string}[]} */
    const results = [];
    let notes = 0;
    for (const { lang, search } of searches) {
      if (!search) continue;
      for (const result of search.results) results.push({ result, lang });
      notes += search.filters?.kind?.note ?? 0;
    }
    results.sort(byScore);
    return { results, notes };
  }

  /**
   * One bundle's answer, or null when it has none: a stale query, a tag none of its records hold (Pagefind
   * would search without a word it does not know), or only ever shorter beginnings of the words found.
   * @param {string} lang
   * @param {Ask} ask
   * @param {number} ticket
   */
  async function searchOne(lang, ask, ticket) {
    const pagefind = await engine(lang);
    if (ticket !== state.run) return null; // the reader typed on: this query is stale
    const term = [ask.words, ...ask.tagWords].join(" ").trim();
    const { tagged } = await bundleList();
    // Every record is a note's or a topic's: asking for either narrows nothing, and the answer counts each.
    const filters = { ...ask.filters, kind: { any: ["note", "topic"] } };
    const [held, search] = await Promise.all([
      // A bundle with topic records holds every tag's word; another is asked whether it has each.
      Promise.all(ask.tagWords.map((word) => tagged.includes(lang) || holdsWord(lang, pagefind, word))),
      pagefind.search(term || null, { filters }),
    ]);
    if (!held.every(Boolean)) return null;
    if (search && search.results.length) {
      // The first passages are fetched now, while the best one is checked: they are drawn next.
      const first = search.results.slice(0, FIRST).map(dataOf);
      const best = await first[0];
      if (ask.words && !matchesWords(best.content, best.locations, ask.words)) return null;
    }
    return search;
  }

  /**
   * Whether a bundle has a word (a tag's): asked once per bundle and word.
   * @param {string} lang
   * @param {Pagefind} pagefind
   * @param {string} word
   */
  function holdsWord(lang, pagefind, word) {
    const key = `${lang} ${word}`;
    let found = known.get(key);
    if (!found) {
      found = pagefind.search(word).then((search) => Boolean(search && search.results.length));
      known.set(key, found);
    }
    return found;
  }

  /**
   * @param {Found} found
   * @param {boolean} elsewhere
   * @param {Ask} ask
   * @param {Set<string>} chosen  the tags the query keeps: not offered as facets
   * @param {number} ticket
   */
  async function draw(found, elsewhere, ask, chosen, ticket) {
    const total = found.results.length;
    const language = settings.languages[settings.lang] || settings.lang;
    const note = elsewhere ? ` ${format(strings.other_languages, { language })}` : "";
    const tags = await tagsOf().catch(() => null);
    /** @type {Set<string>} */
    const drawn = new Set();
    /** @type {Record<string, number>} */
    const counts = {}; // the results drawn under each tag: the facets
    let next = 0;
    /** @type {HTMLElement | null} */
    let topicRow = null; // every topic found, in one row: a word that names many tags would fill a page with them
    // The panel counts the results drawn ("10+" while passages are left) and offers their tags.
    const say = () => {
      const shown = drawn.size;
      const all = next >= total;
      const count = !all
        ? format(strings.result_more, { count: shown })
        : shown === 1
          ? strings.result_one
          : format(strings.result_other, { count: shown });
      meta.textContent = (shown || !all ? count : strings.none) + note;
      drawFacets(counts, chosen, shown);
    };
    // Passages are read a few at a time until `least` places are drawn: a passage may hold several
    // places, or none (its tags were in another of its blocks than its words).
    /** @param {number} least */
    const page = async (least) => {
      /** @type {HTMLElement[]} */
      const items = [];
      while (items.length < least && next < total) {
        const batch = found.results.slice(next, next + (items.length || least > 1 ? READ : FIRST));
        next += batch.length;
        const read = await Promise.all(batch.map(async ({ result, lang }) => ({ data: await dataOf(result), lang })));
        for (const { data, lang } of read) {
          for (const place of placesOf(data.meta, data.locations, ask.choices, Boolean(ask.words))) {
            if (drawn.has(place.url)) continue;
            drawn.add(place.url);
            for (const tag of place.tags) counts[tag] = (counts[tag] || 0) + 1;
            if (place.kind !== "topic") {
              items.push(item(place, lang, tags));
            } else if (topicRow) {
              topicRow.append(" ", topicLink(place));
            } else {
              topicRow = el("p", { className: "cdn-tags cdn-search-topics" }, [topicLink(place)]);
              items.push(topicsItem(topicRow));
            }
          }
        }
      }
      return items;
    };
    const items = await page(1); // the first passages' places at once (fetched while the best was checked)
    if (ticket !== state.run) return;
    list.replaceChildren(...items);
    drawTools();
    say();
    let loading = false; // one page at a time
    /** @param {number} least */
    const fill = (least) => {
      if (next >= total || loading) return;
      loading = true;
      page(least).then((drawnItems) => {
        loading = false;
        if (ticket !== state.run) return;
        list.append(...drawnItems);
        say();
        if (!overflows()) fill(1); // a panel the reader cannot scroll yet: until it can, or all is drawn
      });
    };
    more = () => fill(PAGE); // as the reader scrolls to the end
    if (!overflows()) fill(1);
  }

  /** Whether the results reach below the panel's end: the reader can scroll to ask for more. */
  function overflows() {
    const panel = /** @type {HTMLElement | null} */ (scroller);
    return !panel || !panel.clientHeight || panel.scrollHeight > panel.clientHeight + SCROLL_MARGIN;
  }

  /** The options under the box: notes in every language, lines of context. */
  function drawTools() {
    const row = el("div", { className: "cdn-search-options" });
    const both = el("label", { className: "cdn-search-both" });
    const check = /** @type {HTMLInputElement} */ (el("input"));
    check.type = "checkbox";
    check.checked = state.both;
    check.addEventListener("change", () => {
      state.both = check.checked;
      writeStore();
      run(input.value);
    });
    both.append(check, ` ${strings.both || ""}`);
    const context = el("label", { className: "cdn-search-context" });
    const select = /** @type {HTMLSelectElement} */ (el("select"));
    for (const value of [0, 1, 2, 3]) {
      const option = /** @type {HTMLOptionElement} */ (el("option"));
      option.value = option.textContent = String(value);
      option.selected = value === state.context;
      select.append(option);
    }
    select.addEventListener("change", () => {
      state.context = Number(select.value);
      writeStore();
      run(input.value);
    });
    context.append(`${strings.context || ""} `, select);
    row.append(both, context);
    tools.replaceChildren(row);
  }

  /**
   * The tags that would narrow the results, with how many of the results drawn have each.
   * @param {Record<string, number>} counts
   * @param {Set<string>} chosen
   * @param {number} total
   */
  function drawFacets(counts, chosen, total) {
    const offered = facets(counts, chosen, total, FACETS);
    tagsOf().then((tags) => {
      tools.querySelector(".cdn-search-facets")?.remove(); // those of fewer results
      if (!offered.length) return;
      const chips = el("div", { className: "cdn-search-facets" });
      chips.append(el("span", { className: "cdn-search-facets__title" }, [strings.facets || ""]));
      for (const [id, count] of offered) {
        const chip = /** @type {HTMLButtonElement} */ (el("button", { className: "cdn-tag cdn-search-facet" }));
        chip.type = "button";
        chip.dataset.tag = id;
        chip.title = id;
        chip.append(tags.label(id, settings.lang), el("span", { className: "cdn-search-facet__count" }, [String(count)]));
        chip.addEventListener("click", () => {
          input.value = withTag(input.value, id);
          run(input.value);
          input.focus();
        });
        chips.append(chip);
      }
      tools.append(chips);
    });
  }

  /**
   * One result: a block (its note, its chips) or a section of a note's page.
   * @param {import("./search-places.js").Place} place
   * @param {string} lang
   * @param {TagIndex | null} tags
   */
  function item(place, lang, tags) {
    const li = el("li", { className: "md-search-result__item" });
    li.dataset.searchResult = place.kind;
    const link = /** @type {HTMLAnchorElement} */ (el("a", { className: "md-search-result__link" }));
    link.href = new URL(place.url || "", interfaceRoot).href;
    link.addEventListener("click", () => {
      if (toggle) toggle.checked = false;
    });
    const article = el("article", { className: "md-search-result__article md-typeset" });
    article.lang = lang;
    article.append(el("h1", {}, [place.title || place.url]));
    if (place.note && place.note !== place.title) article.append(el("p", { className: "cdn-search-note" }, [place.note]));
    if (place.chips.length) {
      const chips = el("p", { className: "cdn-tags cdn-search-chips" });
      for (const id of place.chips) {
        const chip = el("span", { className: "cdn-tag" }, [tags ? tags.label(id, settings.lang) : id]);
        chip.dataset.tag = chip.title = id;
        chips.append(chip, " ");
      }
      article.append(chips);
    }
    article.append(context(place.text, place.locations, place.line));
    link.append(article);
    li.append(link);
    return li;
  }

  /**
   * The row of the topics found: their links, a result each.
   * @param {HTMLElement} row
   */
  function topicsItem(row) {
    const li = el("li", { className: "md-search-result__item" });
    const article = el("article", { className: "md-search-result__article md-typeset" });
    article.append(el("h1", {}, [strings.topics || ""]), row);
    li.append(article);
    return li;
  }

  /**
   * A topic found: a link to its page, labelled in the interface's language.
   * @param {import("./search-places.js").Place} place
   */
  function topicLink(place) {
    const link = /** @type {HTMLAnchorElement} */ (el("a", { className: "cdn-tag" }, [place.title || place.url]));
    link.href = new URL(place.url || "", interfaceRoot).href;
    link.addEventListener("click", () => {
      if (toggle) toggle.checked = false;
    });
    const result = el("span", {}, [link]);
    result.dataset.searchResult = "topic";
    return result;
  }

  /**
   * The lines around the match, as the note has them.
   * @param {string} content
   * @param {number[]} locations
   * @param {number} line  the line to show without a match
   */
  function context(content, locations, line) {
    const shown = contextLines(content, locations, state.context, line);
    const pre = el("pre", { className: "cdn-search-context" });
    shown.lines.forEach((segments, index) => {
      if (index) pre.append("\n");
      for (const segment of segments) pre.append(segment.mark ? el("mark", {}, [segment.text]) : segment.text);
    });
    return pre;
  }

  /**
   * Say which query the panel shows and how long it took (tests and the benchmark wait for it).
   * @param {string} text
   * @param {number} started
   */
  function done(text, started) {
    box.dataset.searched = text;
    box.dataset.searchMs = String(Math.round(performance.now() - started));
  }

  /** @param {string} text */
  function clear(text) {
    meta.textContent = text;
    list.replaceChildren();
    tools.replaceChildren();
    more = null;
  }

  /** @type {Set<Pagefind>} */
  const warmed = new Set();
  /**
   * Search once while the reader is still typing, with the chunks just fetched: a bundle's first search
   * costs about twice the next ones (its WebAssembly warming up), and the reader should not wait for that.
   * @param {Pagefind} pagefind
   */
  function warm(pagefind) {
    if (warmed.has(pagefind)) return;
    warmed.add(pagefind);
    const words = wordsAhead(input.value);
    if (words) pagefind.search(words, { filters: shownHere() }).catch(() => null);
  }

  input.addEventListener("focus", () => {
    if (toggle && !toggle.checked) toggle.checked = true;
    // Ready before the first word is typed: the bundle of the interface's language and the tag index.
    languages()
      .then((all) => engine(all.includes(settings.lang) ? settings.lang : all[0]))
      .catch(() => null);
    tagsOf().catch(() => null);
  });
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    // While the reader types, the index chunks of the words so far are fetched.
    const words = wordsAhead(input.value);
    if (words.length >= PRELOAD_FROM) {
      languages()
        .then((all) => Promise.all((state.both ? all : all.filter((lang) => lang === settings.lang)).map(engine)))
        .then((loaded) => Promise.all(loaded.map((pagefind) => pagefind.preload(words).then(() => warm(pagefind)))))
        .catch(() => null);
    }
    timer = window.setTimeout(() => run(input.value), DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = /** @type {HTMLAnchorElement | null} */ (list.querySelector("a.md-search-result__link"));
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    clear(strings.hint || "");
    input.focus();
  });
  toggle?.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  const scroller = box.querySelector(".md-search__scrollwrap");
  scroller?.addEventListener("scroll", () => {
    const el = /** @type {HTMLElement} */ (scroller);
    if (more && el.scrollTop + el.clientHeight >= el.scrollHeight - SCROLL_MARGIN) more();
  });
  document.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target instanceof HTMLElement ? event.target : null);
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "Escape" && toggle?.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      if (toggle) toggle.checked = true;
      input.focus();
    }
  });

  function readStore() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE) || "{}");
    } catch {
      return {};
    }
  }

  function writeStore() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify({ both: state.both, context: state.context }));
    } catch {
      /* private windows may refuse storage: the choice lasts for this page */
    }
  }
}

/** @type {WeakMap<PagefindResult, Promise<PagefindData>>} */
const read = new WeakMap();

/**
 * A result's data (its fragment), fetched once.
 * @param {PagefindResult} result
 */
function dataOf(result) {
  let found = read.get(result);
  if (!found) {
    found = result.data();
    read.set(result, found);
  }
  return found;
}

/** The site's root, from Material's configuration (`base`), as an absolute URL. */
function siteRoot() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent || "{}").base || "." : ".";
  return new URL(base.endsWith("/") ? base : `${base}/`, window.location.href);
}

/**
 * A template's `{name}` filled with values.
 * @param {string | undefined} template
 * @param {Record<string, string | number>} values
 */
function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}
