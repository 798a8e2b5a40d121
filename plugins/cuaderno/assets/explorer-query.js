/* cuaderno: the explorer's selection, without a page: the query string, the blocks' shape,
 * tag postings combined with AND/OR, results with their nesting and parent depth, and the
 * remaining counts (how many results each tag would leave).
 *
 * Blocks are numbers (their place in kb.json, which is document order); tags are numbers too
 * (their place in kb/tags.json). A tag's posting lists the blocks under it: the tag or one
 * below it, written, inherited or automatic (render/explorer_data.py makes them).
 */
import { fold } from "./tag-index.js";

export const DEPTHS = [0, 1, 2, 3];
export const PARAMS = ["tags", "mode", "depth", "text", "lang"];

/**
 * @typedef {object} ExplorerState
 * @property {string[]} tags selected tag ids, in the order chosen
 * @property {"and" | "or"} mode
 * @property {number} depth 0-3: show the matching block, or the block that many levels up
 * @property {string} text words every result holds in its title or text (case and accents aside)
 * @property {string} lang only blocks in this language; "" for all
 */

/**
 * @typedef {object} Query
 * @property {Record<string, string>} raw the explorer's parameters, still encoded
 * @property {string[]} others every other parameter, as written
 */

/**
 * @param {string} text
 * @returns {string}
 */
export function decode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * The explorer's parameters of a query string, and the others kept as they are.
 * @param {string} search
 * @returns {Query}
 */
export function readQuery(search) {
  /** @type {Record<string, string>} */
  const raw = {};
  /** @type {string[]} */
  const others = [];
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const key = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? "" : pair.slice(at + 1);
    if (PARAMS.includes(key)) raw[key] = value;
    else others.push(pair);
  }
  return { raw, others };
}

/**
 * The query string of a state: parameters at their default are left out, the others kept.
 * @param {ExplorerState} state
 * @param {string[]} others
 * @returns {string}
 */
export function writeQuery(state, others) {
  const parts = others.slice();
  if (state.tags.length) parts.push("tags=" + state.tags.map(encodeURIComponent).join(","));
  if (state.mode !== "and") parts.push("mode=" + state.mode);
  if (state.depth) parts.push("depth=" + state.depth);
  if (state.text) parts.push("text=" + encodeURIComponent(state.text));
  if (state.lang) parts.push("lang=" + encodeURIComponent(state.lang));
  return parts.length ? "?" + parts.join("&") : "";
}

/**
 * The state a query names. A tag is kept if `resolve` knows it: an id, or a label or alias
 * in any language (a shared link may say `tags=seguridad`).
 * @param {Record<string, string>} raw
 * @param {(name: string) => string[]} resolve tag ids a name stands for
 * @param {string[]} languages
 * @returns {ExplorerState}
 */
export function restoreState(raw, resolve, languages) {
  /** @type {string[]} */
  const tags = [];
  for (const part of (raw.tags || "").split(",")) {
    const name = decode(part).trim();
    for (const id of name ? resolve(name) : []) if (!tags.includes(id)) tags.push(id);
  }
  const depth = parseInt(raw.depth || "0", 10);
  const lang = decode(raw.lang || "");
  return {
    tags,
    mode: raw.mode === "or" ? "or" : "and",
    depth: DEPTHS.includes(depth) ? depth : 0,
    text: decode(raw.text || ""),
    lang: languages.includes(lang) ? lang : "",
  };
}

/**
 * The words of a text filter, folded.
 * @param {string} text
 * @returns {string[]}
 */
export function words(text) {
  return fold(text).split(/\s+/).filter(Boolean);
}

/**
 * Whether a block's folded title and text hold every word (anywhere: `cket` finds `bucket`).
 * @param {string} folded
 * @param {string[]} wanted
 * @returns {boolean}
 */
export function holdsWords(folded, wanted) {
  return wanted.every((word) => folded.includes(word));
}

/**
 * A message template filled in: `{name}` by `values.name`.
 * @param {string} template
 * @param {Record<string, string | number>} values
 * @returns {string}
 */
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole
  );
}

/**
 * @param {number[]} runs value, run length, value, run length, …
 * @param {number} count
 * @returns {Int32Array}
 */
function unrun(runs, count) {
  const out = new Int32Array(count);
  let at = 0;
  for (let i = 0; i + 1 < runs.length && at < count; i += 2) {
    out.fill(runs[i], at, Math.min(count, at + runs[i + 1]));
    at += runs[i + 1];
  }
  return out;
}

/**
 * @typedef {object} ShapeData what kb/explorer/blocks.json holds
 * @property {number} blocks
 * @property {string[]} languages
 * @property {number[]} parents each block's distance back to its parent, 0 for none
 * @property {number[]} lang_runs
 * @property {number[]} note_runs
 * @property {number[]} alone how many results each tag gives alone
 * @property {number[]} posting_shards the first tag of each postings file
 * @property {number} card_blocks
 * @property {number} text_blocks
 * @property {number} forward_blocks
 */

/** The blocks' nesting, languages and notes, and where the other files split. */
export class BlockShape {
  /** @param {ShapeData} data */
  constructor(data) {
    this.count = Math.max(0, data.blocks | 0);
    this.languages = Array.isArray(data.languages) ? data.languages : [];
    this.parents = new Int32Array(this.count);
    for (let n = 0; n < this.count; n++) {
      const back = (data.parents || [])[n] | 0;
      this.parents[n] = back > 0 && back <= n ? n - back : -1;
    }
    this.langs = unrun(data.lang_runs || [], this.count);
    this.notes = unrun(data.note_runs || [], this.count);
    this.alone = data.alone || [];
    this.postingShards = data.posting_shards || [];
    this.cardBlocks = data.card_blocks || 16;
    this.textBlocks = data.text_blocks || 256;
    this.forwardBlocks = data.forward_blocks || 2048;
  }

  /**
   * @param {number} n
   * @returns {string}
   */
  lang(n) {
    return this.languages[this.langs[n]] || "";
  }

  /**
   * The postings file of a tag and the tag's place in it.
   * @param {number} tag
   * @returns {{shard: number, offset: number}}
   */
  shardOf(tag) {
    let low = 0;
    let high = this.postingShards.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.postingShards[middle] <= tag) low = middle;
      else high = middle - 1;
    }
    return { shard: low, offset: tag - (this.postingShards[low] || 0) };
  }
}

/**
 * Gaps back to numbers: `[3, 1, 4]` -> `[3, 4, 8]`.
 * @param {number[]} gaps
 * @returns {number[]}
 */
export function undoGaps(gaps) {
  const out = new Array(gaps.length);
  let total = 0;
  for (let i = 0; i < gaps.length; i++) out[i] = total += gaps[i];
  return out;
}

/**
 * Sorted lists combined: every number in all of them (AND) or in any (OR), sorted, once each.
 * @param {number[][]} lists
 * @param {"and" | "or"} mode
 * @returns {number[]}
 */
export function combine(lists, mode) {
  if (!lists.length) return [];
  if (mode === "or") {
    const all = new Set();
    for (const list of lists) for (const n of list) all.add(n);
    return Array.from(all).sort((a, b) => a - b);
  }
  const ordered = lists.slice().sort((a, b) => a.length - b.length);
  let out = ordered[0];
  for (const other of ordered.slice(1)) {
    const keep = new Set(other);
    out = out.filter((n) => keep.has(n));
  }
  return out.slice();
}

/** Block numbers marked in rounds; a new round forgets the last without clearing. */
export class Marks {
  /** @param {number} size */
  constructor(size) {
    this.stamps = new Int32Array(size);
    this.round = 0;
  }

  next() {
    this.round += 1;
    if (this.round > 2e9) {
      this.stamps.fill(0);
      this.round = 1;
    }
  }

  /** @param {number} n */
  mark(n) {
    this.stamps[n] = this.round;
  }

  /**
   * @param {number} n
   * @returns {boolean}
   */
  has(n) {
    return this.stamps[n] === this.round;
  }
}

/**
 * @param {BlockShape} shape
 * @param {number} n
 * @param {Marks} marks
 * @returns {boolean} whether a block enclosing `n` is marked
 */
function enclosedByMarked(shape, n, marks) {
  for (let up = shape.parents[n], steps = 0; up >= 0 && steps < 4096; up = shape.parents[up], steps++) {
    if (marks.has(up)) return true;
  }
  return false;
}

/**
 * The results of matching blocks: each match no other match encloses, taken `depth` levels up,
 * once each, the outermost kept when one lands inside another; in document order.
 * @param {number[]} matched sorted block numbers
 * @param {number} depth
 * @param {BlockShape} shape
 * @param {Marks} [marks] scratch marks sized to the blocks, reused across calls
 * @returns {number[]}
 */
export function showBlocks(matched, depth, shape, marks = new Marks(shape.count)) {
  marks.next();
  for (const n of matched) marks.mark(n);
  /** @type {number[]} */
  const climbed = [];
  for (const n of matched) {
    if (enclosedByMarked(shape, n, marks)) continue; // its enclosing match is listed
    let target = n;
    for (let i = 0; i < depth && shape.parents[target] >= 0; i++) target = shape.parents[target];
    climbed.push(target);
  }
  if (!depth) return climbed; // already sorted, once each, none inside another
  marks.next();
  for (const n of climbed) marks.mark(n);
  const unique = Array.from(new Set(climbed)).sort((a, b) => a - b);
  return unique.filter((n) => !enclosedByMarked(shape, n, marks));
}

/**
 * For each tag carried by a matching block, how many results the matches carrying it would give:
 * after choosing it with AND, the count of results.
 * @param {number[]} matched sorted block numbers
 * @param {number} depth
 * @param {BlockShape} shape
 * @param {(block: number) => Iterable<number>} tagsOf a block's tags with their ancestors, as numbers
 * @param {Marks} [marks]
 * @returns {Map<number, number>}
 */
export function remainingCounts(matched, depth, shape, tagsOf, marks = new Marks(shape.count)) {
  /** @type {Map<number, number[]>} */
  const byTag = new Map();
  for (const n of matched) {
    for (const tag of tagsOf(n)) {
      const list = byTag.get(tag);
      if (list) list.push(n);
      else byTag.set(tag, [n]);
    }
  }
  /** @type {Map<number, number>} */
  const counts = new Map();
  for (const [tag, list] of byTag) counts.set(tag, showBlocks(list, depth, shape, marks).length);
  return counts;
}

/**
 * The files that hold some blocks, when each file holds `size` blocks in a row.
 * @param {Iterable<number>} blocks
 * @param {number} size
 * @returns {number[]}
 */
export function chunksOf(blocks, size) {
  const chunks = new Set();
  for (const n of blocks) chunks.add(Math.floor(n / size));
  return Array.from(chunks).sort((a, b) => a - b);
}

/**
 * The tags in tree order (each parent before its children, siblings by id), with their depth.
 * @param {import("./tag-index.js").TagIndex} index
 * @returns {{order: Int32Array, levels: Uint16Array}}
 */
export function treeOrder(index) {
  const count = index.tags.length;
  const order = new Int32Array(count);
  const levels = new Uint16Array(count);
  const placed = new Uint8Array(count);
  let at = 0;
  /** @param {string[]} ids */
  const sorted = (ids) => ids.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  /** @param {string} id */
  const walk = (id) => {
    /** @type {[string, number][]} */
    const stack = [[id, 0]];
    while (stack.length) {
      const [next, level] = /** @type {[string, number]} */ (stack.pop());
      const n = index.number.get(next);
      if (n === undefined || placed[n]) continue; // a tag under two parents is listed under the first
      placed[n] = 1;
      order[at] = n;
      levels[at++] = Math.min(level, 65535);
      const children = sorted(index.children.get(next) || []);
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], level + 1]);
    }
  };
  for (const id of sorted(index.tags.filter((tag) => !index.parents.has(tag.id)).map((tag) => tag.id))) walk(id);
  for (const tag of index.tags) walk(tag.id); // tags in a parent cycle, reached from no root
  return { order, levels };
}
