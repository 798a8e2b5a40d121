// The explorer's selection without a page (assets/explorer-query.js): the address, AND/OR, nesting,
// parent depth, remaining counts, the tag tree's order.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BlockShape,
  Marks,
  chunksOf,
  combine,
  fill,
  holdsWords,
  readQuery,
  remainingCounts,
  restoreState,
  showBlocks,
  treeOrder,
  undoGaps,
  words,
  writeQuery,
} from "../../plugins/cuaderno/assets/explorer-query.js";
import { TagIndex, fold } from "../../plugins/cuaderno/assets/tag-index.js";

/*  Blocks (document order), their parents and tags (with ancestors):
 *   0 note A  en   aws.s3
 *   1   └ 0         aws.s3 (inherited), security
 *   2       └ 1     aws.s3, security, aws.iam
 *   3 note A  en   security
 *   4 note B  es   aws.iam
 *   5   └ 4         aws.iam (inherited), aws.s3
 */
const TAGS = new TagIndex({
  languages: ["en", "es"],
  tags: [
    { id: "aws", parent: null, label: { en: "AWS", es: "AWS" } },
    { id: "aws.iam", parent: "aws", label: { en: "IAM", es: "IAM" } },
    { id: "aws.s3", parent: "aws", label: { en: "S3", es: "Almacenamiento S3" } },
    { id: "security", parent: null, label: { en: "Security", es: "Seguridad" } },
  ],
});
const AWS = 0;
const IAM = 1;
const S3 = 2;
const SECURITY = 3;
const SHAPE_DATA = {
  blocks: 6,
  languages: ["en", "es"],
  parents: [0, 1, 1, 0, 0, 1],
  lang_runs: [0, 4, 1, 2],
  note_runs: [0, 4, 1, 2],
  alone: [2, 1, 2, 2],
  posting_shards: [0, 2],
  card_blocks: 2,
  text_blocks: 4,
  forward_blocks: 4,
};
const SHAPE = new BlockShape(SHAPE_DATA);
/** @type {number[][]} own tags of each block */
const OWN = [[S3], [S3, SECURITY], [S3, SECURITY, IAM], [SECURITY], [IAM], [IAM, S3]];
/** @param {number} n */
const tagsOf = (n) => new Set(OWN[n].flatMap((tag) => (tag === SECURITY ? [tag] : [tag, AWS])));
/** @param {number} tag */
const posting = (tag) => [0, 1, 2, 3, 4, 5].filter((n) => tagsOf(n).has(tag));

test("the shape unpacks parents, languages and notes", () => {
  assert.deepEqual(Array.from(SHAPE.parents), [-1, 0, 1, -1, -1, 4]);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => SHAPE.lang(n)), ["en", "en", "en", "en", "es", "es"]);
  assert.deepEqual(Array.from(SHAPE.notes), [0, 0, 0, 0, 1, 1]);
  assert.deepEqual([0, 1, 2, 3].map((tag) => SHAPE.shardOf(tag)), [
    { shard: 0, offset: 0 },
    { shard: 0, offset: 1 },
    { shard: 1, offset: 0 },
    { shard: 1, offset: 1 },
  ]);
});

test("a parent that is not before its block is no parent", () => {
  const shape = new BlockShape({ ...SHAPE_DATA, blocks: 3, parents: [1, 5, 0], lang_runs: [], note_runs: [] });
  assert.deepEqual(Array.from(shape.parents), [-1, -1, -1]);
});

test("gaps, AND and OR", () => {
  assert.deepEqual(undoGaps([3, 1, 4]), [3, 4, 8]);
  assert.deepEqual(combine([posting(S3), posting(SECURITY)], "and"), [1, 2]);
  assert.deepEqual(combine([posting(S3), posting(SECURITY)], "or"), [0, 1, 2, 3, 5]);
  assert.deepEqual(combine([posting(IAM), posting(AWS), posting(S3)], "and"), [2, 5]);
  assert.deepEqual(combine([], "and"), []);
});

test("results are the outermost matches, in document order", () => {
  assert.deepEqual(showBlocks(posting(S3), 0, SHAPE), [0, 5]);
  assert.deepEqual(showBlocks(posting(SECURITY), 0, SHAPE), [1, 3]);
  assert.deepEqual(showBlocks([2, 5], 0, SHAPE), [2, 5]);
});

test("parent depth shows the enclosing block, once, the outermost kept", () => {
  assert.deepEqual(showBlocks([2, 5], 1, SHAPE), [1, 4]);
  assert.deepEqual(showBlocks([2, 5], 2, SHAPE), [0, 4]);
  assert.deepEqual(showBlocks([2, 5], 3, SHAPE), [0, 4]); // no block above 0: it stays
  assert.deepEqual(showBlocks([2, 3], 1, SHAPE), [1, 3]);
  assert.deepEqual(showBlocks([1, 2], 1, SHAPE), [0]); // 2 is inside the match 1, which climbs to 0
});

test("remaining counts: how many results each tag would leave, chosen with AND", () => {
  const matched = posting(SECURITY); // 1, 2, 3
  const counts = remainingCounts(matched, 0, SHAPE, tagsOf);
  for (const tag of [AWS, IAM, S3, SECURITY]) {
    const chosen = showBlocks(combine([matched, posting(tag)], "and"), 0, SHAPE);
    assert.equal(counts.get(tag) || 0, chosen.length, TAGS.tags[tag].id);
  }
  assert.equal(counts.get(IAM), 1);
  assert.equal(counts.get(SECURITY), 2);
  const deeper = remainingCounts(matched, 1, SHAPE, tagsOf, new Marks(SHAPE.count));
  assert.equal(deeper.get(S3), showBlocks([1, 2], 1, SHAPE).length);
});

test("marks forget the last round without clearing", () => {
  const marks = new Marks(4);
  marks.next();
  marks.mark(2);
  assert.ok(marks.has(2));
  marks.next();
  assert.ok(!marks.has(2));
});

test("the address: read, restored, written back, other parameters kept", () => {
  const query = readQuery("?utm=x&tags=aws.s3,Seguridad,nothing&mode=or&depth=2&text=caf%C3%A9+bar&lang=es&q=1");
  assert.deepEqual(query.others, ["utm=x", "q=1"]);
  const resolve = (/** @type {string} */ name) => TAGS.resolve(name);
  const state = restoreState(query.raw, resolve, ["en", "es"]);
  assert.deepEqual(state, { tags: ["aws.s3", "security"], mode: "or", depth: 2, text: "café bar", lang: "es" });
  assert.equal(writeQuery(state, query.others), "?utm=x&q=1&tags=aws.s3,security&mode=or&depth=2&text=caf%C3%A9%20bar&lang=es");
  const fallback = restoreState(readQuery("?depth=9&mode=x&lang=fr&tags=%E0%A4%A").raw, resolve, ["en", "es"]);
  assert.deepEqual(fallback, { tags: [], mode: "and", depth: 0, text: "", lang: "" });
  assert.equal(writeQuery(fallback, []), "");
});

test("a tag id with a comma or a hash survives the address", () => {
  const odd = new TagIndex({ tags: [{ id: "crypto.pkcs#11" }, { id: "a,b" }] });
  const state = { tags: ["crypto.pkcs#11", "a,b"], mode: /** @type {"and"} */ ("and"), depth: 0, text: "", lang: "" };
  const written = writeQuery(state, []);
  assert.equal(written, "?tags=crypto.pkcs%2311,a%2Cb");
  assert.deepEqual(restoreState(readQuery(written).raw, (name) => odd.resolve(name), []).tags, state.tags);
});

test("text filter words: case and accents aside, anywhere in the title or text", () => {
  assert.deepEqual(words("  Cifrado  DE claves "), ["cifrado", "de", "claves"]);
  assert.ok(holdsWords(fold("Buckets\nEl cifrado de claves"), words("CLAVES bucket")));
  assert.ok(holdsWords(fold("bucket"), words("cket")));
  assert.ok(!holdsWords(fold("bucket"), words("bucket policy")));
});

test("fill puts values in templates and leaves unknown names", () => {
  assert.equal(fill("{blocks} from {notes} {x}", { blocks: "3 blocks", notes: 1 }), "3 blocks from 1 {x}");
});

test("chunks of blocks", () => {
  assert.deepEqual(chunksOf([0, 1, 17, 16, 40], 16), [0, 1, 2]);
});

test("tree order: parents first, siblings by id, any depth; a cycle is listed too", () => {
  const index = new TagIndex({
    tags: [
      { id: "b" },
      { id: "a.z" },
      { id: "a" },
      { id: "a.b.c.d" },
      { id: "a.b" },
      { id: "x", parent: "y" },
      { id: "y", parent: "x" },
    ],
  });
  const { order, levels } = treeOrder(index);
  const ids = Array.from(order, (n) => index.tags[n].id);
  assert.deepEqual(ids, ["a", "a.b", "a.b.c.d", "a.z", "b", "x", "y"]);
  assert.deepEqual(Array.from(levels), [0, 1, 2, 1, 0, 0, 1]);
});

test("100,000 tags: tree order and remaining counts stay quick", () => {
  const tags = [];
  for (let i = 0; i < 100000; i++) tags.push({ id: i < 1000 ? `d${i}` : `d${i % 1000}.t${i}` });
  const index = new TagIndex({ tags });
  let started = performance.now();
  const { order } = treeOrder(index);
  assert.equal(order.length, 100000);
  const treeMs = performance.now() - started;
  const blocks = 20000;
  const shape = new BlockShape({ ...SHAPE_DATA, blocks, parents: [], lang_runs: [0, blocks], note_runs: [0, blocks] });
  const matched = Array.from({ length: blocks }, (_, n) => n);
  started = performance.now();
  const counts = remainingCounts(matched, 0, shape, (n) => [n % 1000, 1000 + (n % 99000)]);
  assert.equal(counts.get(7), 20);
  const countMs = performance.now() - started;
  assert.ok(treeMs < 3000 && countMs < 3000, `${treeMs} ms, ${countMs} ms`);
});
