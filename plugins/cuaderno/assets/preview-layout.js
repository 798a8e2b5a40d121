/* cuaderno: where a link preview's popup goes, without a DOM (preview.js measures and applies it).
 *
 * Below the link, or above it when there is more room there; never over the link, always inside
 * the viewport. Node's unit tests (tests/js/preview-layout.test.js) import it as it is.
 */

export const GAP = 6; // px between the link and the popup
export const MARGIN = 8; // px kept free at the viewport's edges
export const MIN_ROOM = 80; // px the popup keeps even where less room is left

/**
 * @typedef {object} Box
 * @property {number} left
 * @property {number} right
 * @property {number} top
 * @property {number} bottom
 */

/**
 * @typedef {object} Anchor
 * @property {number} left where the popup's left edge starts
 * @property {number} top the link's top: the popup above stays clear of it
 * @property {number} bottom the link's bottom: the popup below stays clear of it
 */

/**
 * The part of the link to attach the popup to. A link that wraps has one box per line: the line under
 * the pointer, else the first. Vertically the whole link stays uncovered.
 * @param {readonly Box[]} lines the link's client rects, one per line
 * @param {Box} whole its bounding rect
 * @param {{ x: number, y: number } | null} pointer where the pointer rested; null when the keyboard opened it
 * @returns {Anchor}
 */
export function anchorOf(lines, whole, pointer) {
  let line = lines[0] || whole;
  if (pointer) {
    line =
      lines.find((r) => pointer.x >= r.left && pointer.x <= r.right && pointer.y >= r.top && pointer.y <= r.bottom) ||
      line;
  }
  return { left: line.left, top: whole.top, bottom: whole.bottom };
}

/**
 * @typedef {object} Side
 * @property {boolean} below the popup goes below the link
 * @property {number | null} maxHeight the height to hold the popup to (it scrolls), or null for its own
 */

/**
 * Which side of the link the popup goes: below when it fits there or there is at least as much room
 * as above; held to the room of its side when it is taller.
 * @param {Anchor} anchor
 * @param {number} natural the popup's own height
 * @param {number} viewportHeight
 * @returns {Side}
 */
export function sideOf(anchor, natural, viewportHeight) {
  const roomBelow = viewportHeight - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const below = natural <= roomBelow || roomBelow >= roomAbove;
  const room = Math.max(MIN_ROOM, below ? roomBelow : roomAbove);
  return { below, maxHeight: natural > room ? room : null };
}

/**
 * The popup's top-left corner, in whole pixels, once its height is settled.
 * @param {Anchor} anchor
 * @param {{ width: number, height: number }} popup the popup's size
 * @param {boolean} below
 * @param {number} viewportWidth
 * @returns {{ left: number, top: number }}
 */
export function cornerOf(anchor, popup, below, viewportWidth) {
  const left = Math.max(MARGIN, Math.min(anchor.left, viewportWidth - popup.width - MARGIN));
  const top = below ? anchor.bottom + GAP : anchor.top - GAP - popup.height;
  return { left: Math.round(left), top: Math.round(top) };
}
