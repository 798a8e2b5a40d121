// How much of the target a preview shows (assets/preview-text.js): cuts at words, costs, the budget.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cutAtWord,
  fitBlock,
  MIN_CUT,
  PRE_COST,
  textCost,
  TEXT_BUDGET,
} from "../../plugins/cuaderno/assets/preview-text.js";

test("a cut falls at the last whole word and ends with an ellipsis", () => {
  assert.equal(cutAtWord("the bucket policy denies public reads", 20), "the bucket policy\u2026");
  assert.equal(cutAtWord("the bucket policy denies", 17), "the bucket\u2026", "a word cut in its middle is left out");
  assert.equal(cutAtWord("the bucket policy denies", 18), "the bucket policy\u2026");
});

test("blanks before the cut are not kept before the ellipsis", () => {
  assert.equal(cutAtWord("one two   \n  three", 12), "one two\u2026");
  assert.equal(cutAtWord("line one\n    indented", 9), "line one\u2026");
});

test("a cut of one long word keeps its start; no room keeps nothing but the ellipsis", () => {
  assert.equal(cutAtWord("arn:aws:iam::123456789012:role/admin", 10), "arn:aws:ia\u2026");
  assert.equal(cutAtWord("some text", 0), "\u2026");
  assert.equal(cutAtWord("some text", -5), "\u2026");
});

test("a cut counts UTF-16 units as the page's text does, accents included", () => {
  assert.equal(cutAtWord("política de retención de datos", 19), "política de\u2026");
});

test("prose costs its length; a <pre> costs at most PRE_COST", () => {
  assert.equal(textCost(500, []), 500);
  assert.equal(textCost(5000, [5000]), PRE_COST);
  assert.equal(textCost(200, [120]), 200, "a short <pre> costs its own length");
  assert.equal(textCost(100 + 2000 + 3000, [2000, 3000]), 100 + 2 * PRE_COST);
});

test("blocks that fit are shown whole", () => {
  assert.deepEqual(fitBlock(0, 300, 0, false), { kind: "whole" });
  assert.deepEqual(fitBlock(900, TEXT_BUDGET - 900, 3, false), { kind: "whole" }, "exactly the budget fits");
});

test("the first block is always shown, cut to the budget when it alone passes it", () => {
  assert.deepEqual(fitBlock(0, TEXT_BUDGET + 1, 0, false), { kind: "cut", room: TEXT_BUDGET, more: false });
  assert.deepEqual(fitBlock(0, 5000, 0, true), { kind: "cut", room: TEXT_BUDGET, more: false });
});

test("a later prose block that passes the budget is cut to the room left, and more follows", () => {
  assert.deepEqual(fitBlock(TEXT_BUDGET - 500, 800, 2, false), { kind: "cut", room: 500, more: true });
  assert.deepEqual(fitBlock(TEXT_BUDGET - MIN_CUT, 800, 2, false), { kind: "cut", room: MIN_CUT, more: true });
});

test("a later block is left out when less than MIN_CUT is left, or when it holds code", () => {
  assert.deepEqual(fitBlock(TEXT_BUDGET - MIN_CUT + 1, 800, 2, false), { kind: "left-out" });
  assert.deepEqual(fitBlock(TEXT_BUDGET - 500, 800, 2, true), { kind: "left-out" });
});
