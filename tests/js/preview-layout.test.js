// Where a preview's popup goes (assets/preview-layout.js): below or above the link, inside the viewport.
import assert from "node:assert/strict";
import { test } from "node:test";

import { anchorOf, cornerOf, GAP, MARGIN, MIN_ROOM, sideOf } from "../../plugins/cuaderno/assets/preview-layout.js";

/** @param {number} left @param {number} top @param {number} right @param {number} bottom */
const box = (left, top, right, bottom) => ({ left, top, right, bottom });

// A link wrapped over two lines: the end of one line, the start of the next.
const FIRST_LINE = box(600, 100, 780, 120);
const SECOND_LINE = box(40, 120, 130, 140);
const WHOLE = box(40, 100, 780, 140);

test("the popup starts at the line under the pointer and clears the whole link", () => {
  assert.deepEqual(anchorOf([FIRST_LINE, SECOND_LINE], WHOLE, { x: 60, y: 130 }), { left: 40, top: 100, bottom: 140 });
  assert.deepEqual(anchorOf([FIRST_LINE, SECOND_LINE], WHOLE, { x: 700, y: 110 }), { left: 600, top: 100, bottom: 140 });
});

test("opened by the keyboard, or with the pointer between lines, the popup starts at the first line", () => {
  assert.equal(anchorOf([FIRST_LINE, SECOND_LINE], WHOLE, null).left, 600);
  assert.equal(anchorOf([FIRST_LINE, SECOND_LINE], WHOLE, { x: 300, y: 110 }).left, 600);
});

test("a link without line boxes anchors on its bounding box", () => {
  assert.deepEqual(anchorOf([], WHOLE, null), { left: 40, top: 100, bottom: 140 });
});

test("a popup that fits below goes below at its own height", () => {
  assert.deepEqual(sideOf({ left: 0, top: 100, bottom: 120 }, 300, 800), { below: true, maxHeight: null });
});

test("near the bottom, the popup goes above when there is more room there", () => {
  const anchor = { left: 0, top: 600, bottom: 620 };
  assert.deepEqual(sideOf(anchor, 300, 700), { below: false, maxHeight: null });
});

test("a popup taller than both sides takes the larger and is held to it", () => {
  const anchor = { left: 0, top: 500, bottom: 520 };
  const above = 500 - GAP - MARGIN;
  assert.deepEqual(sideOf(anchor, 2000, 700), { below: false, maxHeight: above });
  const high = { left: 0, top: 100, bottom: 120 };
  assert.deepEqual(sideOf(high, 2000, 700), { below: true, maxHeight: 700 - 120 - GAP - MARGIN });
});

test("with equal room on both sides the popup goes below", () => {
  const anchor = { left: 0, top: 340, bottom: 360 };
  assert.equal(sideOf(anchor, 1000, 700).below, true);
});

test("in a tiny viewport the popup keeps MIN_ROOM", () => {
  assert.deepEqual(sideOf({ left: 0, top: 30, bottom: 50 }, 500, 100), { below: true, maxHeight: MIN_ROOM });
});

test("below, the popup's top is GAP under the link; above, its bottom is GAP over it", () => {
  const anchor = { left: 100, top: 400, bottom: 420 };
  assert.deepEqual(cornerOf(anchor, { width: 300, height: 200 }, true, 1200), { left: 100, top: 420 + GAP });
  assert.deepEqual(cornerOf(anchor, { width: 300, height: 200 }, false, 1200), { left: 100, top: 400 - GAP - 200 });
});

test("the popup stays MARGIN inside the viewport's left and right edges", () => {
  assert.equal(cornerOf({ left: 1100, top: 0, bottom: 20 }, { width: 300, height: 50 }, true, 1200).left, 1200 - 300 - MARGIN);
  assert.equal(cornerOf({ left: 2, top: 0, bottom: 20 }, { width: 300, height: 50 }, true, 1200).left, MARGIN);
  assert.equal(cornerOf({ left: 500, top: 0, bottom: 20 }, { width: 2000, height: 50 }, true, 1200).left, MARGIN, "wider than the viewport: its left edge shows");
});

test("corners are whole pixels", () => {
  assert.deepEqual(cornerOf({ left: 100.4, top: 10.2, bottom: 30.6 }, { width: 300, height: 50 }, true, 1200), { left: 100, top: 37 });
});
