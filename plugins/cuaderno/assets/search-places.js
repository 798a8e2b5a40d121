/* cuaderno: what a search result shows: the blocks and sections of a passage that hold its matches.
 *
 * A search record is a passage of a note (search_records.py): its lines as
 * written, the number of its first line, the blocks it holds a line of
 * (`spans`: first and last line, URL, title, chips, tags) and the headings
 * above its lines. Pagefind says which of its words matched; each matched
 * line belongs to the innermost block holding it that meets the tag choices,
 * or, outside any block, to the section under its heading. Without words, the
 * places are the blocks that meet the choices, as the explorer lists them. A
 * topic is a place of its own.
 */
import { meetsChoices, wordLines } from "./search-query.js";

/**
 * @typedef {import("./search-query.js").TagChoice} TagChoice
 */

/**
 * @typedef {object} Place
 * @property {"block" | "section" | "topic"} kind
 * @property {string} url  from the interface's root
 * @property {string} title
 * @property {string} note  the note's title ("" for a topic)
 * @property {string[]} chips  a block's tags, as its note shows them
 * @property {number[]} locations  the passage's matched words that are in this place
 * @property {number} line  the passage's line to show first
 */

/**
 * @typedef {object} Span
 * @property {number} first
 * @property {number} last
 * @property {string} url
 * @property {string} title
 * @property {string[]} chips
 * @property {Set<string>} tags
 */

/**
 * The places of a passage that a search found, in the order of the passage.
 * @param {Record<string, string>} meta  the record's meta
 * @param {number[]} locations  Pagefind's matches: indexes of its words (a tag's word lies past the text)
 * @param {TagChoice[]} choices
 * @param {boolean} words  whether the query had words
 * @returns {Place[]}
 */
export function placesOf(meta, locations, choices, words) {
  if (meta.kind === "topic") {
    const tags = new Set(String(meta.tags || "").split(" "));
    if (!meetsChoices(tags, choices)) return [];
    return [{ kind: "topic", url: meta.url, title: meta.title, note: "", chips: [], locations: [], line: 0 }];
  }
  const text = String(meta.text ?? "");
  const first = Number(meta.first || 1);
  const spans = readSpans(meta.spans);
  /** @type {[number, string, string][]} */
  const headings = parse(meta.headings);
  /** @type {Map<string, Place>} */
  const places = new Map();
  /** @param {Span} span */
  const blockPlace = (span) => ({
    kind: /** @type {const} */ ("block"),
    url: span.url,
    title: span.title,
    note: meta.note,
    chips: span.chips,
    locations: [],
    line: Math.max(0, span.first - first),
  });
  if (!words) {
    for (const span of spans) {
      if (meetsChoices(span.tags, choices) && !places.has(span.url)) places.set(span.url, blockPlace(span));
    }
    return [...places.values()];
  }
  const lineOf = wordLines(text);
  const kept = choices.some((choice) => !choice.negate);
  for (const location of [...locations].sort((a, b) => a - b)) {
    if (location >= lineOf.length) continue; // a tag's word
    const line = first + lineOf[location];
    const holding = spans
      .filter((span) => span.first <= line && line <= span.last)
      .sort((a, b) => b.first - a.first || a.last - b.last); // innermost first
    /** @type {Place | undefined} */
    let place;
    if (holding.length && meetsChoices(holding[0].tags, choices)) place = blockPlace(holding[0]);
    else if (holding.length && kept) {
      const span = holding.find((found) => meetsChoices(found.tags, choices));
      if (span) place = blockPlace(span);
    } else if (!holding.length && !kept) place = sectionPlace(meta, headings, line, lineOf[location]);
    if (!place) continue;
    const known = places.get(place.url);
    if (known) known.locations.push(location);
    else places.set(place.url, { ...place, locations: [location], line: lineOf[location] });
  }
  return [...places.values()];
}

/**
 * The section of the note under the last heading above `line` (the note's page before any).
 * @param {Record<string, string>} meta
 * @param {[number, string, string][]} headings
 * @param {number} line
 * @param {number} shown
 * @returns {Place}
 */
function sectionPlace(meta, headings, line, shown) {
  let heading = null;
  for (const found of headings) if (found[0] <= line) heading = found;
  return {
    kind: "section",
    url: heading ? heading[1] : meta.url,
    title: heading ? heading[2] : meta.title,
    note: meta.note,
    chips: [],
    locations: [],
    line: shown,
  };
}

/**
 * @param {string | undefined} json
 * @returns {Span[]}
 */
function readSpans(json) {
  /** @type {[number, number, string, string, string, string[]][]} */
  const raw = parse(json);
  return raw.map(([first, last, url, title, chips, tags]) => ({
    first,
    last,
    url,
    title,
    chips: String(chips || "").split(" ").filter(Boolean),
    tags: new Set(tags),
  }));
}

/**
 * @param {string | undefined} json
 * @returns {any[]}
 */
function parse(json) {
  try {
    const value = JSON.parse(json || "[]");
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
