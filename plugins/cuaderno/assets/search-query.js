/* cuaderno: the search box's logic, without a page: reading a query, Pagefind's filters, lines of context.
 *
 * A query is words plus tag terms:
 *
 *   bucket policy tag:seguridad      words, in blocks tagged "security" (or a tag below it)
 *   tag:aws.s3 -tag:price            every block of aws.s3 but those about price
 *   tag:"alta disponibilidad"        a label of several words, quoted
 *
 * A tag term names a tag by id, alias or label in any language (tag-index.js
 * resolves it). Blocks are indexed under their tags and every tag above them,
 * so a tag term keeps the tag's descendants too.
 */
import { fold } from "./tag-index.js";

/**
 * @typedef {object} TagTerm
 * @property {string} term   what the reader wrote after `tag:`
 * @property {boolean} negate  `-tag:`: leave these blocks out
 */

/**
 * @typedef {object} Query
 * @property {string} words  the query without its tag terms
 * @property {TagTerm[]} tags
 */

const TAG_TERM = /(^|\s)([+-]?)tags?:(?:"([^"]*)"?|(\S*))/gi;

/**
 * Split a query into its words and its tag terms.
 * @param {string} text
 * @returns {Query}
 */
export function parseQuery(text) {
  /** @type {TagTerm[]} */
  const tags = [];
  const words = String(text ?? "").replace(TAG_TERM, (_all, space, sign, quoted, bare) => {
    const term = String(quoted ?? bare ?? "").trim();
    if (term) tags.push({ term, negate: sign === "-" });
    return space;
  });
  return { words: words.replace(/\s+/g, " ").trim(), tags };
}

/**
 * The words of a query being typed whose index chunks are worth fetching ahead: its words, but not a last
 * one that may still become a tag term (`t`, `ta`, `tag`, `-tags`: `tag:` is yet to come).
 * @param {string} text
 * @returns {string}
 */
export function wordsAhead(text) {
  const words = parseQuery(text).words.split(" ");
  const last = words[words.length - 1].toLowerCase().replace(/^[+-]/, "");
  if (last && "tags".startsWith(last) && /\S$/.test(String(text))) words.pop();
  return words.join(" ");
}

/**
 * @typedef {object} TagChoice
 * @property {string[]} ids  the tags a term named (any of them will do)
 * @property {boolean} negate
 */

/**
 * Pagefind's filter for tag choices: every kept term (any of its tags), none of the left-out ones.
 * @param {TagChoice[]} choices
 * @returns {Record<string, unknown> | undefined}
 */
export function tagFilters(choices) {
  const kept = choices.filter((choice) => !choice.negate && choice.ids.length);
  const left = choices.filter((choice) => choice.negate).flatMap((choice) => choice.ids);
  /** @type {Record<string, unknown>} */
  const filters = {};
  if (kept.length) filters.all = kept.map((choice) => ({ tag: { any: choice.ids } }));
  if (left.length) filters.none = left.map((id) => ({ tag: id }));
  return Object.keys(filters).length ? filters : undefined;
}

/**
 * The query with a tag term added (to narrow by a facet), unless it already has it.
 * @param {string} text
 * @param {string} id
 * @returns {string}
 */
export function withTag(text, id) {
  const term = /\s/.test(id) ? `tag:"${id}"` : `tag:${id}`;
  const query = parseQuery(text);
  if (query.tags.some((tag) => !tag.negate && tag.term === id)) return text;
  return `${String(text ?? "").trim()} ${term}`.trim();
}

/**
 * The tags of the facet counts worth offering: not already chosen, most blocks first, ties by id.
 * @param {Record<string, number>} counts  blocks per tag among the results
 * @param {Set<string>} chosen
 * @param {number} total  how many results there are: a tag every result has narrows nothing
 * @param {number} limit
 * @returns {[string, number][]}
 */
export function facets(counts, chosen, total, limit) {
  return Object.entries(counts)
    .filter(([id, count]) => count > 0 && count < total && !chosen.has(id))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit);
}

/**
 * The line of each word of `text`. Pagefind keeps a record's text with its spaces collapsed and counts
 * its words from 0 (its match locations index them): the same words, counted the same way here.
 * @param {string} text
 * @returns {number[]}
 */
export function wordLines(text) {
  /** @type {number[]} */
  const lines = [];
  String(text ?? "")
    .split("\n")
    .forEach((line, number) => {
      const words = line.match(/[^\s]+/g) || [];
      for (let word = 0; word < words.length; word++) lines.push(number);
    });
  return lines;
}

/**
 * @typedef {object} Segment
 * @property {string} text
 * @property {boolean} mark  a word the search matched
 */

/**
 * @typedef {object} ContextLines
 * @property {number} first  index of the first line shown
 * @property {number} count  how many lines the text has
 * @property {Segment[][]} lines
 */

const LONG_LINE = 240; // characters: a longer line (a page's text comes as one) is shown around its match
const LONG_LINE_WORDS = 16; // words shown on each side of the match in a long line

/**
 * The lines around the first match, `around` on each side, their matched words marked.
 * @param {string} content  the record's text, as the note has it (its line breaks and spaces)
 * @param {number[]} locations  Pagefind's matches: indexes of the text's words
 * @param {number} around  lines of context on each side
 * @param {number} [at]  the line shown without a match (a block found by its tags: its first line)
 * @returns {ContextLines}
 */
export function contextLines(content, locations, around, at = 0) {
  const text = String(content ?? "");
  const lines = text.split("\n");
  const lineOf = wordLines(text);
  const marked = new Set(locations);
  const hits = locations.map((word) => lineOf[word]).filter((line) => line !== undefined);
  const hit = hits.length ? Math.min(...hits) : Math.max(0, at);
  const first = Math.max(0, hit - Math.max(0, around));
  const last = Math.min(lines.length - 1, hit + Math.max(0, around));
  // The index of the first word of each line, counted as wordLines counts them.
  /** @type {Map<number, number>} */
  const firstWord = new Map();
  lineOf.forEach((line, index) => {
    if (!firstWord.has(line)) firstWord.set(line, index);
  });
  /** @type {Segment[][]} */
  const shown = [];
  for (let number = first; number <= last; number++) {
    shown.push(lineSegments(lines[number], firstWord.get(number) ?? -1, marked));
  }
  return { first, count: lines.length, lines: shown };
}

/**
 * One line cut into plain and matched pieces; a long line only around its first match.
 * @param {string} line
 * @param {number} start  the index of the line's first word (-1: none)
 * @param {Set<number>} marked
 * @returns {Segment[]}
 */
function lineSegments(line, start, marked) {
  /** @type {{from: number, to: number, mark: boolean}[]} */
  const tokens = [];
  const word = /[^\s]+/g;
  let index = start;
  for (let found = word.exec(line); found; found = word.exec(line)) {
    tokens.push({ from: found.index, to: found.index + found[0].length, mark: start >= 0 && marked.has(index) });
    index++;
  }
  let from = 0;
  let to = line.length;
  if (line.length > LONG_LINE && tokens.length) {
    const at = Math.max(0, tokens.findIndex((token) => token.mark));
    const low = tokens[Math.max(0, at - LONG_LINE_WORDS)];
    const high = tokens[Math.min(tokens.length - 1, at + LONG_LINE_WORDS)];
    from = low.from;
    to = high.to;
  }
  /** @type {Segment[]} */
  const segments = [];
  let done = from;
  if (from > 0) segments.push({ text: "… ", mark: false });
  for (const token of tokens) {
    if (!token.mark || token.from < from || token.to > to) continue;
    if (token.from > done) segments.push({ text: line.slice(done, token.from), mark: false });
    segments.push({ text: line.slice(token.from, token.to), mark: true });
    done = token.to;
  }
  if (to > done) segments.push({ text: line.slice(done, to), mark: false });
  if (to < line.length) segments.push({ text: " …", mark: false });
  return segments;
}

const SAME_START = 3; // first letters a matched word shares with a query word (all of a shorter query word)

/**
 * Whether a result really matched the words: a matched word begins like a query word (stems differ in
 * their ends: "almacenar" finds "almacenamiento", "running" finds "run"). When no word of an index begins
 * with the query word, Pagefind retries with ever shorter beginnings, down to one letter, and returns what
 * those find ("acceleration" finds every "a"): such results are no match.
 * @param {string} content  the record's text as Pagefind keeps it
 * @param {number[]} locations  Pagefind's matches: indexes of the text's words
 * @param {string} words  the query's words
 * @returns {boolean}
 */
export function matchesWords(content, locations, words) {
  const wanted = fold(words).split(/\s+/).map(bare).filter(Boolean);
  if (!wanted.length) return true;
  const text = String(content ?? "").match(/[^\s]+/g) || [];
  return locations.some((location) => {
    // Pagefind finds the parts of a word joined by punctuation too (`runtimes` in `containerization.runtimes`).
    const whole = fold(text[location] ?? "");
    const parts = [bare(whole), ...whole.split(/[^\p{L}\p{N}]+/u)].filter(Boolean);
    return parts.some((found) =>
      wanted.some((word) => {
        let shared = 0;
        while (shared < word.length && shared < found.length && word[shared] === found[shared]) shared++;
        return shared > 0 && shared >= Math.min(SAME_START, word.length);
      }),
    );
  });
}

/**
 * A word without the punctuation around it.
 * @param {string} word
 */
function bare(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

const TAG_WORD = "qxq";

/**
 * The word every record holding a tag has for it (search_records.tag_word writes the same):
 * letters a-y as they are, the rest written with a `z` and letters, `zz` at the end.
 * @param {string} id
 * @returns {string}
 */
export function tagWord(id) {
  let word = TAG_WORD;
  for (const char of String(id).toLowerCase()) {
    if (char >= "a" && char <= "y") word += char;
    else if (char === "z") word += "zy";
    else if (char === ".") word += "zw";
    else if (char >= "0" && char <= "9") word += `zx${String.fromCharCode(97 + Number(char))}`;
    else {
      const hex = (char.codePointAt(0) ?? 0).toString(16);
      word += `zv${[...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join("")}zu`;
    }
  }
  return `${word}zz`;
}

/**
 * @typedef {object} TagTerms
 * @property {string[]} words  a word per kept tag naming one tag: Pagefind finds it from its own chunks
 * @property {Record<string, unknown> | undefined} filters  the rest: a term naming several tags, the left-out ones
 */

/**
 * How Pagefind is asked for tag choices: a kept term naming one tag is a word every record under it holds
 * (fast: a filter reads every record's tags); a kept term naming several, and the left-out ones, are filters.
 * @param {TagChoice[]} choices
 * @returns {TagTerms}
 */
export function tagTerms(choices) {
  const single = choices.filter((choice) => !choice.negate && choice.ids.length === 1);
  const rest = choices.filter((choice) => !single.includes(choice));
  return { words: single.map((choice) => tagWord(choice.ids[0])), filters: tagFilters(rest) };
}

/**
 * Whether tags meet the choices: some tag of each kept term, none of the left-out ones.
 * @param {Set<string>} tags
 * @param {TagChoice[]} choices
 * @returns {boolean}
 */
export function meetsChoices(tags, choices) {
  return choices.every((choice) => choice.negate !== choice.ids.some((id) => tags.has(id)));
}
