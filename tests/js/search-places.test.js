// What a search result shows (assets/search-places.js): a record's matches as the blocks and sections holding them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { placesOf } from "../../plugins/cuaderno/assets/search-places.js";

// A record of two passages: lines 10-16 of the S3 note (a block 11-15 with a nested one 13-14, then text
// outside any block), and lines 1-2 of another note.
const s3 = [
  "## Buckets", // 10: words 0-1
  "A bucket holds objects.", // 11: 2-5
  "Names are global.", // 12: 6-8
  "### Policies", // 13: 9-10
  "A policy grants access to a bucket.", // 14: 11-17
  "Versioning keeps every bucket object.", // 15: 18-22
  "Loose text about buckets.", // 16: 23-26
];
const other = ["# Other", "Another bucket here."]; // words 27-28, 29-31
const spans = [
  [11, 15, "aws/s3/#buckets", "Buckets", "aws.s3", ["aws", "aws.s3"]],
  [13, 14, "aws/s3/#policies", "Policies", "security", ["aws", "aws.s3", "security"]],
];
const headings = [
  [10, "aws/s3/#buckets-h", "Buckets"],
  [16, "aws/s3/#loose", "Loose"],
];
const meta = {
  kind: "note",
  url: "aws/s3/",
  title: "S3",
  text: [...s3, ...other].join("\n"),
  passages: JSON.stringify([
    [0, "aws/s3/", "S3", 10, spans, headings],
    [7, "other/", "Other", 1, [], []],
  ]),
};

test("each match belongs to the innermost block holding its line, or to the section under its heading", () => {
  const places = placesOf(meta, [3, 16, 21, 25, 30, 40], [], true); // 40: a tag's word, past the text
  assert.deepEqual(
    places.map((place) => [place.kind, place.url, place.locations, place.line]),
    [
      ["block", "aws/s3/#buckets", [3, 21], 1],
      ["block", "aws/s3/#policies", [16], 4],
      ["section", "aws/s3/#loose", [25], 6],
      ["section", "other/", [3], 1], // the other note's words, counted from its passage's first
    ],
  );
  assert.deepEqual(places[0].chips, ["aws.s3"]);
  assert.equal(places[0].text, s3.join("\n"));
  assert.equal(places[2].title, "Loose");
  assert.equal(places[3].title, "Other");
  assert.equal(places[3].text, other.join("\n"));
});

test("with tags, a match counts in the innermost block meeting them; text outside blocks does not", () => {
  const security = [{ ids: ["security"], negate: false }];
  assert.deepEqual(
    placesOf(meta, [3, 16, 25, 30], security, true).map((place) => place.url),
    ["aws/s3/#policies"],
  );
  const notSecurity = [{ ids: ["security"], negate: true }];
  assert.deepEqual(
    placesOf(meta, [3, 16, 25, 30], notSecurity, true).map((place) => place.url),
    ["aws/s3/#buckets", "aws/s3/#loose", "other/"],
  );
});

test("without words, every block meeting the tags, shown from its first line", () => {
  const places = placesOf(meta, [], [{ ids: ["aws.s3"], negate: false }], false);
  assert.deepEqual(
    places.map((place) => [place.url, place.line]),
    [
      ["aws/s3/#buckets", 1],
      ["aws/s3/#policies", 3],
    ],
  );
  assert.deepEqual(placesOf(meta, [], [{ ids: ["price"], negate: false }], false), []);
});

test("a topic is a place of its own when its tags meet the choices", () => {
  const topic = { kind: "topic", url: "tags/security/", title: "Security", tags: "security" };
  assert.equal(placesOf(topic, [0], [], true)[0].kind, "topic");
  assert.deepEqual(placesOf(topic, [], [{ ids: ["aws"], negate: false }], false), []);
});

test("unreadable passages find nothing; unreadable spans leave the matches in the note's page", () => {
  assert.deepEqual(placesOf({ ...meta, passages: "{oops" }, [3], [], true), []);
  const plain = { ...meta, passages: JSON.stringify([[0, "aws/s3/", "S3", 10, "oops", null]]) };
  assert.deepEqual(
    placesOf(plain, [3], [], true).map((place) => [place.kind, place.url, place.title]),
    [["section", "aws/s3/", "S3"]],
  );
});
