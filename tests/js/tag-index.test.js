// The site's tag index (assets/tag-index.js): names in either language, segments, the tag tree, labels.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

import { TagIndex, fold } from "../../plugins/cuaderno/assets/tag-index.js";

const DATA = {
  version: 1,
  languages: ["en", "es"],
  tags: [
    { id: "aws", parent: null, label: { en: "Amazon Web Services", es: "Amazon Web Services" }, count: 9 },
    { id: "aws.s3", parent: "aws", label: { en: "S3 storage", es: "Almacenamiento S3" }, count: 4 },
    { id: "aws.s3.glacier", parent: "aws.s3", label: { en: "aws.s3.glacier", es: "aws.s3.glacier" }, count: 1 },
    { id: "security", parent: null, label: { en: "Security", es: "Seguridad" }, aliases: ["securty", "seg"], count: 5 },
    // A taxonomy parent that is not a dotted prefix, and a dotted id whose direct prefix is no tag.
    { id: "encryption", parent: "security", label: { en: "Encryption", es: "Cifrado" }, count: 2 },
    { id: "security.x.keys", parent: "security.x", label: { en: "Keys", es: "" }, count: 1 },
    { id: "doc_has.diagram", parent: "doc_has", label: { en: "Diagram", es: "Diagrama" }, count: 3 },
    { id: "doc_has", parent: null, label: { en: "Contents", es: "Contenido" }, count: 3 },
  ],
};

test("fold drops case and accents", () => {
  assert.equal(fold("Él CAMIÓN Ñandú"), "el camion nandu");
  assert.equal(fold(undefined), "");
});

test("a Spanish label finds its tag whatever the case and accents", () => {
  const index = new TagIndex(DATA);
  for (const term of ["seguridad", "Seguridad", "SEGURIDAD", " seguridad "]) {
    assert.deepEqual(index.resolve(term), ["security"], term);
  }
  assert.deepEqual(index.resolve("almacenamiento s3"), ["aws.s3"]);
  assert.deepEqual(index.resolve("ALMACENAMIENTO S3"), ["aws.s3"]);
  assert.deepEqual(index.resolve("cifrádo"), ["encryption"]);
});

test("ids, aliases and English labels resolve; an alias names the tag it is merged into", () => {
  const index = new TagIndex(DATA);
  assert.deepEqual(index.resolve("AWS.S3"), ["aws.s3"]);
  assert.deepEqual(index.resolve("securty"), ["security"]);
  assert.deepEqual(index.resolve("S3 Storage"), ["aws.s3"]);
  assert.deepEqual(index.resolve(""), []);
  assert.deepEqual(index.resolve("nothing"), []);
});

test("without an exact name, a segment of an id matches (dots and underscores separate)", () => {
  const index = new TagIndex(DATA);
  assert.deepEqual(index.resolve("s3"), ["aws.s3", "aws.s3.glacier"]);
  assert.deepEqual(index.resolve("glacier"), ["aws.s3.glacier"]);
  assert.deepEqual(index.resolve("has"), ["doc_has.diagram", "doc_has"]);
  // An exact name wins over segments: "diagram" is a label's word only through its id.
  assert.deepEqual(index.resolve("diagram"), ["doc_has.diagram"]);
});

test("descendants follow parent links and dotted ids, at any depth, each once", () => {
  const index = new TagIndex(DATA);
  assert.deepEqual(index.descendants("aws"), ["aws", "aws.s3", "aws.s3.glacier"]);
  assert.deepEqual(new Set(index.descendants("security")), new Set(["security", "encryption", "security.x.keys"]));
  assert.deepEqual(index.descendants("doc_has"), ["doc_has", "doc_has.diagram"]);
  assert.deepEqual(index.descendants("aws.s3.glacier"), ["aws.s3.glacier"]);
  assert.deepEqual(index.descendants("unknown"), ["unknown"]);
});

test("ancestors, nearest first", () => {
  const index = new TagIndex(DATA);
  assert.deepEqual(index.ancestors("aws.s3.glacier"), ["aws.s3", "aws"]);
  assert.deepEqual(index.ancestors("encryption"), ["security"]);
  assert.deepEqual(index.ancestors("security.x.keys"), ["security"]);
  assert.deepEqual(index.ancestors("aws"), []);
});

test("a parent cycle in the data ends the walks", () => {
  const index = new TagIndex({
    tags: [
      { id: "a", parent: "b" },
      { id: "b", parent: "a" },
    ],
  });
  assert.deepEqual(new Set(index.descendants("a")), new Set(["a", "b"]));
  assert.deepEqual(index.ancestors("a"), ["b"]);
});

test("labels fall back to the other language, then to the id", () => {
  const index = new TagIndex(DATA);
  assert.equal(index.label("security", "es"), "Seguridad");
  assert.equal(index.label("security", "en"), "Security");
  assert.equal(index.label("security", "fr"), "Security");
  assert.equal(index.label("security.x.keys", "es"), "Keys");
  assert.equal(index.label("nowhere", "es"), "nowhere");
});

test("100,000 tags index and resolve quickly", () => {
  const tags = [];
  for (let i = 0; i < 100000; i++) {
    const id = i < 100 ? `d${i}` : `d${i % 100}.t${i}`;
    tags.push({ id, parent: i < 100 ? null : `d${i % 100}`, label: { en: `Tag ${i}`, es: `Etiqueta ${i}` }, count: 1 });
  }
  const started = performance.now();
  const index = new TagIndex({ languages: ["en", "es"], tags });
  assert.deepEqual(index.resolve("etiqueta 99999"), ["d99.t99999"]);
  assert.equal(index.descendants("d7").length, 1000);
  assert.ok(performance.now() - started < 5000);
});

test("load fetches and indexes the file, gzipped or not, whether or not the host unzipped it", async () => {
  const server = createServer((request, response) => {
    if (request.url === "/kb/tags.json") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(DATA));
    } else if (request.url === "/kb/tags.json.gz") {
      response.writeHead(200, { "content-type": "application/gzip" });
      response.end(gzipSync(JSON.stringify(DATA)));
    } else if (request.url === "/unzipped/tags.json.gz") {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync(JSON.stringify(DATA)));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", () => done(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  try {
    for (const path of ["/kb/tags.json", "/kb/tags.json.gz", "/unzipped/tags.json.gz"]) {
      const index = await TagIndex.load(`http://127.0.0.1:${port}${path}`);
      assert.deepEqual(index.resolve("seguridad"), ["security"], path);
    }
    await assert.rejects(TagIndex.load(`http://127.0.0.1:${port}/missing.json`), /404/);
  } finally {
    server.close();
  }
});
