// The rules of a diagram block's actions (assets/diagram-view.js): what is copied, zoom, keys, focus.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ACTUAL_SIZE,
  ZOOM_STEPS,
  drawingText,
  keyAction,
  nextFocus,
  wheelStep,
  zoomAt,
} from "../../plugins/cuaderno/assets/diagram-view.js";

test("the copied drawing keeps every line and column, trailing blanks dropped", () => {
  const drawing = "  +-----+   \n  | db  |\t\n\n  +--+--+ \n     |";
  assert.equal(drawingText(drawing), "  +-----+\n  | db  |\n\n  +--+--+\n     |");
});

test("the copied drawing keeps leading blanks, inner runs and non-ASCII box glyphs", () => {
  assert.equal(drawingText("    ┌─  ─┐  \n  └→ ñ ←┘"), "    ┌─  ─┐\n  └→ ñ ←┘");
  assert.equal(drawingText(""), "");
  assert.equal(drawingText("\n\n"), "\n\n");
});

test("the view opens at 100 %", () => {
  assert.equal(ZOOM_STEPS[ACTUAL_SIZE], 1);
  assert.deepEqual(zoomAt(ACTUAL_SIZE), { step: ACTUAL_SIZE, scale: 1, label: "100 %", smallest: false, largest: false });
});

test("zoom levels read as whole percentages", () => {
  assert.deepEqual(
    ZOOM_STEPS.map((_, step) => zoomAt(step).label),
    ["50 %", "67 %", "80 %", "100 %", "125 %", "150 %", "200 %", "250 %", "300 %", "400 %"],
  );
});

test("zoom stops at either end and says so", () => {
  const last = ZOOM_STEPS.length - 1;
  assert.deepEqual(zoomAt(-1), zoomAt(0));
  assert.equal(zoomAt(-5).smallest, true);
  assert.equal(zoomAt(0).largest, false);
  assert.deepEqual(zoomAt(last + 3), zoomAt(last));
  assert.equal(zoomAt(last + 1).largest, true);
  assert.equal(zoomAt(last).scale, 4);
});

test("keys: Escape closes, + and = zoom in, - zooms out, 0 resets, Tab stays in the view", () => {
  assert.equal(keyAction("Escape"), "close");
  assert.equal(keyAction("+"), "zoom-in");
  assert.equal(keyAction("="), "zoom-in");
  assert.equal(keyAction("-"), "zoom-out");
  assert.equal(keyAction("0"), "actual-size");
  assert.equal(keyAction("Tab"), "cycle-focus");
});

test("other keys are left to the page", () => {
  for (const key of ["Enter", " ", "ArrowDown", "1", "a", "Shift", "_"]) {
    assert.equal(keyAction(key), null, key);
  }
});

test("Ctrl + wheel away zooms in, towards the reader zooms out", () => {
  assert.equal(wheelStep(3, -120), 4);
  assert.equal(wheelStep(3, 120), 2);
  assert.equal(wheelStep(3, 0), 2);
});

test("Tab goes round the view's stops in both directions", () => {
  assert.deepEqual([0, 1, 2, 3].map((at) => nextFocus(at, 4, false)), [1, 2, 3, 0]);
  assert.deepEqual([0, 1, 2, 3].map((at) => nextFocus(at, 4, true)), [3, 0, 1, 2]);
});

test("Tab from outside the view's stops lands on the first, Shift+Tab on the last", () => {
  assert.equal(nextFocus(-1, 5, false), 0);
  assert.equal(nextFocus(-1, 5, true), 4);
  assert.equal(nextFocus(0, 1, false), 0);
  assert.equal(nextFocus(0, 1, true), 0);
});
