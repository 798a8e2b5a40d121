// What a search result shows (assets/search-places.js): a passage's matches as the blocks and sections holding them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { placesOf } from "../../plugins/cuaderno/assets/search-places.js";

// A passage of lines 10-16 of a note: a block (11-15) with a nested one (13-14), text outside after it.
const text = [
  "## Buckets", // 10: words 0-1
  "A bucket holds objects.", // 11: 2-5
  "Names are global.", // 12: 6-8
  "### Policies", // 13: 9-10
  "A policy grants access to a bucket.", // 14: 11-17
  "Versioning keeps every bucket object.", // 15: 18-22
  "Loose text about buckets.", // 16: 23-26
].join("\n");
const meta = {
  kind: "note",
  url: "aws/s3/",
  title: "S3",
  note: "S3",
  text,
  first: "10",
  spans: JSON.stringify([
    [11, 15, "aws/s3/#buckets", "Buckets", "aws.s3", ["aws", "aws.s3"]],
    [13, 14, "aws/s3/#policies", "Policies", "security", ["aws", "aws.s3", "security"]],
  ]),
  headings: JSON.stringify([
    [10, "aws/s3/#buckets-h", "Buckets"],
    [16, "aws/s3/#loose", "Loose"],
  ]),
};

test("each match belongs to the innermost block holding its line, or to the section under its heading", () => {
  const places = placesOf(meta, [3, 16, 21, 25, 30], [], true); // 30: a tag's word, past the text
  assert.deepEqual(
    places.map((place) => [place.kind, place.url, place.locations, place.line]),
    [
      ["block", "aws/s3/#buckets", [3, 21], 1],
      ["block", "aws/s3/#policies", [16], 4],
      ["section", "aws/s3/#loose", [25], 6],
    ],
  );
  assert.deepEqual(places[0].chips, ["aws.s3"]);
  assert.equal(places[2].title, "Loose");
});

test("with tags, a match counts in the innermost block meeting them; text outside blocks does not", () => {
  const security = [{ ids: ["security"], negate: false }];
  assert.deepEqual(
    placesOf(meta, [3, 16, 25], security, true).map((place) => place.url),
    ["aws/s3/#policies"],
  );
  const notSecurity = [{ ids: ["security"], negate: true }];
  assert.deepEqual(
    placesOf(meta, [3, 16, 25], notSecurity, true).map((place) => place.url),
    ["aws/s3/#buckets", "aws/s3/#loose"],
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

test("unreadable spans or headings leave the passage's matches in its page", () => {
  const places = placesOf({ ...meta, spans: "{oops", headings: "" }, [3], [], true);
  assert.deepEqual(
    places.map((place) => [place.kind, place.url, place.title]),
    [["section", "aws/s3/", "S3"]],
  );
});
