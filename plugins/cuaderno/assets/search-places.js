/* cuaderno: what a search result shows: the blocks and sections of a record's passages that hold its matches.
 *
 * A search record packs passages of notes (search_records.py): their lines as
 * written, one after the other (`text`), and for each passage the line of
 * `text` it begins at, its note's URL and title, the number of its first line
 * in the note, the blocks it holds a line of (first and last line, URL, title,
 * chips, tags) and the headings above its lines. Pagefind says which of the
 * record's words matched; each matched
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
 * @property {string[]} tags  every tag it is found under (a block's own, inherited and those above them)
 * @property {string} text  the passage it is in, its lines as written
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
 * @typedef {object} Passage
 * @property {string} url  its note's page
 * @property {string} note  its note's title
 * @property {number} first  the number of its first line in the note
 * @property {string} text
 * @property {Span[]} spans
 * @property {[number, string, string][]} headings
 * @property {number[]} lineOf  the line of each of its words, in its text
 */

/**
 * The places of a record that a search found, passage after passage.
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
    return [{ kind: "topic", url: meta.url, title: meta.title, note: "", chips: [], tags: [...tags], text: "", locations: [], line: 0 }];
  }
  const text = String(meta.text ?? "");
  const lines = text.split("\n");
  const lineOf = wordLines(text);
  /** @type {[number, string, string, number, any[], [number, string, string][]][]} */
  const listed = parse(meta.passages);
  /** @type {Place[]} */
  const places = [];
  listed.forEach(([offset, url, note, first, spans, headings], index) => {
    const end = index + 1 < listed.length ? listed[index + 1][0] : lines.length;
    // The passage's words are those of its lines: their indexes in the record, from its first word.
    const from = lineOf.findIndex((line) => line >= offset);
    const to = lineOf.findIndex((line) => line >= end);
    const start = from < 0 ? lineOf.length : from;
    const stop = to < 0 ? lineOf.length : to;
    const own = locations.filter((location) => location >= start && location < stop).map((location) => location - start);
    if (words && !own.length) return;
    /** @type {Passage} */
    const passage = {
      url,
      note,
      first,
      text: lines.slice(offset, end).join("\n"),
      spans: readSpans(spans),
      headings: Array.isArray(headings) ? headings : [],
      lineOf: lineOf.slice(start, stop).map((line) => line - offset),
    };
    places.push(...passagePlaces(passage, own, choices, words));
  });
  return places;
}

/**
 * The places of one passage.
 * @param {Passage} passage
 * @param {number[]} locations  its matched words (indexes of its words)
 * @param {TagChoice[]} choices
 * @param {boolean} words
 * @returns {Place[]}
 */
function passagePlaces(passage, locations, choices, words) {
  const { text, first, spans, lineOf } = passage;
  /** @type {Map<string, Place>} */
  const places = new Map();
  /** @param {Span} span */
  const blockPlace = (span) => ({
    kind: /** @type {const} */ ("block"),
    url: span.url,
    title: span.title,
    note: passage.note,
    chips: span.chips,
    tags: [...span.tags],
    text,
    locations: [],
    line: Math.max(0, span.first - first),
  });
  if (!words) {
    for (const span of spans) {
      if (meetsChoices(span.tags, choices) && !places.has(span.url)) places.set(span.url, blockPlace(span));
    }
    return [...places.values()];
  }
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
    } else if (!holding.length && !kept) place = sectionPlace(passage, line, lineOf[location]);
    if (!place) continue;
    const known = places.get(place.url);
    if (known) known.locations.push(location);
    else places.set(place.url, { ...place, locations: [location], line: lineOf[location] });
  }
  return [...places.values()];
}

/**
 * The section of the note under the last heading above `line` (the note's page before any).
 * @param {Passage} passage
 * @param {number} line
 * @param {number} shown
 * @returns {Place}
 */
function sectionPlace(passage, line, shown) {
  let heading = null;
  for (const found of passage.headings) if (found[0] <= line) heading = found;
  return {
    kind: "section",
    url: heading ? heading[1] : passage.url,
    title: heading ? heading[2] : passage.note,
    note: passage.note,
    chips: [],
    tags: [],
    text: passage.text,
    locations: [],
    line: shown,
  };
}

/**
 * @param {unknown} raw
 * @returns {Span[]}
 */
function readSpans(raw) {
  if (!Array.isArray(raw)) return [];
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
