/* cuaderno: how much of the target a link preview shows, without a DOM (preview-content.js applies it).
 *
 * A preview holds about TEXT_BUDGET characters of prose in at most MAX_BLOCKS blocks; a <pre>
 * scrolls inside the popup, so it costs at most PRE_COST however long it is. A cut falls at a
 * word and ends with "…". Node's unit tests (tests/js/preview-text.test.js) import it as it is.
 */

export const TEXT_BUDGET = 1200; // characters of prose shown at most
export const PRE_COST = 300; // what a <pre> costs at most
export const PRE_LIMIT = 4000; // characters kept of one <pre>
export const MAX_BLOCKS = 8; // blocks shown at most (a heading is a block)
export const MIN_CUT = 160; // a later block is cut to fit only when this much room is left

/**
 * The start of `text` that fits in `room` characters, cut at a word, with "…" after it.
 * @param {string} text
 * @param {number} room
 * @returns {string}
 */
export function cutAtWord(text, room) {
  const start = text.slice(0, Math.max(0, room));
  return start.replace(/\s+\S*$/, "").replace(/\s+$/, "") + "\u2026";
}

/**
 * What a block costs of the budget: its text, each <pre> in it counting at most PRE_COST.
 * @param {number} length the length of the block's whole text
 * @param {readonly number[]} preLengths the text length of each <pre> in it (itself if it is one)
 * @returns {number}
 */
export function textCost(length, preLengths) {
  let total = length;
  for (const pre of preLengths) {
    total -= pre - Math.min(pre, PRE_COST);
  }
  return total;
}

/**
 * @typedef {{ kind: "whole" }
 *   | { kind: "cut", room: number, more: boolean }
 *   | { kind: "left-out" }} Fit
 * whole: the block is shown and its cost counted; cut: it is cut to `room` characters and is the last
 * one shown, with "…" after it when `more`; left-out: it is not shown, and "…" ends the preview.
 */

/**
 * How the next block fits in the preview: the first is always shown (cut when it alone passes the
 * budget); a later one that passes it is cut to the room left when that is at least MIN_CUT and it
 * holds no code (half a program reads worse than none), else left out.
 * @param {number} used the cost of the blocks shown so far
 * @param {number} price the block's cost (textCost)
 * @param {number} shown how many blocks are shown so far
 * @param {boolean} code the block is or holds a <pre>
 * @returns {Fit}
 */
export function fitBlock(used, price, shown, code) {
  if (shown > 0 && used + price > TEXT_BUDGET) {
    const room = TEXT_BUDGET - used;
    return room >= MIN_CUT && !code ? { kind: "cut", room, more: true } : { kind: "left-out" };
  }
  if (price > TEXT_BUDGET) {
    return { kind: "cut", room: TEXT_BUDGET, more: false };
  }
  return { kind: "whole" };
}
