// The search box's logic (assets/search-query.js): queries, Pagefind filters, facets, lines of context.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  contextLines,
  facets,
  matchesWords,
  meetsChoices,
  parseQuery,
  tagFilters,
  tagTerms,
  tagWord,
  wordsAhead,
  wordLines,
  withTag,
} from "../../plugins/cuaderno/assets/search-query.js";

test("a query splits into words and tag terms, signs and quotes read", () => {
  assert.deepEqual(parseQuery("bucket tag:seguridad policy"), {
    words: "bucket policy",
    tags: [{ term: "seguridad", negate: false }],
  });
  assert.deepEqual(parseQuery('-tag:price TAGS:aws.s3 tag:"alta disponibilidad"'), {
    words: "",
    tags: [
      { term: "price", negate: true },
      { term: "aws.s3", negate: false },
      { term: "alta disponibilidad", negate: false },
    ],
  });
});

test("a word that merely contains tag: is a word, and an empty term is dropped", () => {
  assert.deepEqual(parseQuery("hashtag:x tag:"), { words: "hashtag:x", tags: [] });
  assert.deepEqual(parseQuery(""), { words: "", tags: [] });
});

test("kept terms are all required, any of a term's tags will do; left-out terms exclude", () => {
  assert.deepEqual(
    tagFilters([
      { ids: ["security"], negate: false },
      { ids: ["aws.s3", "gcp.storage"], negate: false },
      { ids: ["price"], negate: true },
    ]),
    { all: [{ tag: { any: ["security"] } }, { tag: { any: ["aws.s3", "gcp.storage"] } }], none: [{ tag: "price" }] },
  );
  assert.equal(tagFilters([]), undefined);
});

test("narrowing by a facet adds its term once", () => {
  assert.equal(withTag("bucket", "aws.s3"), "bucket tag:aws.s3");
  assert.equal(withTag("bucket tag:aws.s3", "aws.s3"), "bucket tag:aws.s3");
  assert.equal(withTag("", "two words"), 'tag:"two words"');
});

test("facets leave out chosen tags and tags every result has, most blocks first", () => {
  const counts = { aws: 10, "aws.s3": 4, security: 4, price: 0, iam: 7 };
  assert.deepEqual(facets(counts, new Set(["iam"]), 10, 5), [
    ["aws.s3", 4],
    ["security", 4],
  ]);
});

test("each word's line is counted as Pagefind counts words, spaces and blank lines aside", () => {
  assert.deepEqual(wordLines("a b\nc\n\nd"), [0, 0, 1, 3]);
  assert.deepEqual(wordLines("   a\n  b  c"), [0, 1, 1]); // a diagram's indentation is no word
});

test("context shows the first matching line and its neighbours, the matched words marked", () => {
  const content = "one\ntwo bucket here\nthree\nfour";
  const shown = contextLines(content, [2], 1);
  assert.equal(shown.first, 0);
  assert.equal(shown.count, 4);
  assert.deepEqual(shown.lines, [
    [{ text: "one", mark: false }],
    [
      { text: "two ", mark: false },
      { text: "bucket", mark: true },
      { text: " here", mark: false },
    ],
    [{ text: "three", mark: false }],
  ]);
});

test("the spacing of a diagram's line is kept", () => {
  const content = "  +---+\n  | s3 |   <-- bucket\n  +---+";
  const shown = contextLines(content, [5], 0); // +---+ | s3 | <-- bucket
  assert.equal(shown.lines.length, 1);
  assert.equal(shown.lines[0].map((segment) => segment.text).join(""), "  | s3 |   <-- bucket");
});

test("a long line is cut around its match", () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
  words[120] = "needle";
  const shown = contextLines(words.join(" "), [120], 2);
  const text = shown.lines[0].map((segment) => segment.text).join("");
  assert.ok(text.startsWith("… w104 "), text);
  assert.ok(text.endsWith("w136 …"), text);
  assert.ok(shown.lines[0].some((segment) => segment.mark && segment.text === "needle"));
});

test("no match shows the first lines", () => {
  assert.deepEqual(contextLines("a\nb\nc", [], 1).first, 0);
  assert.equal(contextLines("a\nb\nc", [], 1).lines.length, 2);
});

test("a match is a word that begins like a query word, not Pagefind's last-resort letter", () => {
  const content = "Las **cuentas** de almacenamiento, a 12 horas";
  assert.ok(matchesWords(content, [3], "almacenar")); // the stem: almacen…
  assert.ok(matchesWords(content, [1], "cuenta"));
  assert.ok(!matchesWords(content, [4], "acceleration")); // "a": one letter in common
  assert.ok(matchesWords("it runs", [1], "running")); // "run…"
  assert.ok(matchesWords("es esto", [0], "es")); // a short query word, whole
  assert.ok(matchesWords("anything", [], "")); // no words: a tag-only search
  assert.ok(matchesWords("Él CAMIÓN", [1], "camion")); // case and accents aside
  // A part of a word joined by punctuation, as Pagefind indexes it: a topic's dotted id, a path.
  assert.ok(matchesWords("containerization.runtimes · runtimes", [0], "runtime"));
  assert.ok(matchesWords("see /etc/docker/daemon.json", [1], "daemon"));
  assert.ok(!matchesWords("containerization.runtimes", [0], "acceleration"));
});

test("a tag's word is search_records.tag_word's: the same words for the same ids", () => {
  // tests/test_search_index.py asserts these very words from Python.
  assert.equal(tagWord("aws.s3"), "qxqawszwszxdzz");
  assert.equal(tagWord("1_price"), "qxqzxbzvfpzupricezz");
  assert.equal(tagWord("arch.lazy"), "qxqarchzwlazyyzz");
  assert.equal(tagWord("seguridad.cifrado-ñ"), "qxqseguridadzwcifradozvcnzuzvpbzuzz");
  assert.equal(tagWord("AWS.S3"), tagWord("aws.s3"));
});

test("a kept tag naming one tag is a word; several tags and left-out ones are filters", () => {
  const terms = tagTerms([
    { ids: ["aws.s3"], negate: false },
    { ids: ["security", "seguridad.x"], negate: false },
    { ids: ["price"], negate: true },
  ]);
  assert.deepEqual(terms.words, ["qxqawszwszxdzz"]);
  assert.deepEqual(terms.filters, { all: [{ tag: { any: ["security", "seguridad.x"] } }], none: [{ tag: "price" }] });
  assert.deepEqual(tagTerms([{ ids: ["aws"], negate: false }]), { words: ["qxqawszz"], filters: undefined });
});

test("tags meet choices: some tag of each kept term, none of a left-out one", () => {
  const tags = new Set(["aws", "aws.s3", "security"]);
  assert.equal(meetsChoices(tags, []), true);
  assert.equal(meetsChoices(tags, [{ ids: ["aws.s3"], negate: false }]), true);
  assert.equal(meetsChoices(tags, [{ ids: ["price", "security"], negate: false }]), true);
  assert.equal(meetsChoices(tags, [{ ids: ["price"], negate: false }]), false);
  assert.equal(meetsChoices(tags, [{ ids: ["security"], negate: true }]), false);
  assert.equal(meetsChoices(tags, [{ ids: ["aws"], negate: false }, { ids: ["price"], negate: true }]), true);
});

test("the words fetched ahead leave out a last word that may still become a tag term", () => {
  assert.equal(wordsAhead("lambda"), "lambda");
  assert.equal(wordsAhead("tag"), "");
  assert.equal(wordsAhead("lambda -ta"), "lambda");
  assert.equal(wordsAhead("tag:aws lam"), "lam");
  assert.equal(wordsAhead("tag "), "tag"); // a word of its own: the reader went on
  assert.equal(wordsAhead("tagging"), "tagging");
});
