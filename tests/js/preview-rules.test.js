// What survives in a preview's copy (assets/preview-rules.js): DOMPurify's configuration and the hook's verdicts.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  attributeVerdict,
  DROP_ATTRIBUTES,
  DROP_ELEMENTS,
  PURIFY_CONFIG,
  TARGET_MARK,
} from "../../plugins/cuaderno/assets/preview-rules.js";

const BASE = "http://127.0.0.1:8000/aws/s3/";
const ORIGIN = "http://127.0.0.1:8000";

test("elements that run, load or take input are forbidden", () => {
  for (const name of ["script", "style", "iframe", "object", "embed", "form", "input", "button", "video", "base", "meta"]) {
    assert.ok(PURIFY_CONFIG.FORBID_TAGS.includes(name), name);
  }
});

test("SVG parts that load documents or rewrite attributes over time are forbidden, lowercased as DOMPurify compares", () => {
  for (const name of ["foreignobject", "use", "animate", "set"]) {
    assert.ok(DROP_ELEMENTS.includes(name), name);
  }
  assert.ok(DROP_ELEMENTS.every((name) => name === name.toLowerCase()));
});

test("ids and what points at ids are dropped: the copy lives inside another page", () => {
  for (const name of ["id", "name", "for", "aria-labelledby", "aria-describedby", "headers", "usemap"]) {
    assert.ok(PURIFY_CONFIG.FORBID_ATTR.includes(name), name);
  }
  assert.deepEqual(PURIFY_CONFIG.FORBID_ATTR, [...DROP_ATTRIBUTES]);
});

test("data attributes are dropped but a chip's tag and language and the target's mark", () => {
  assert.equal(PURIFY_CONFIG.ALLOW_DATA_ATTR, false);
  assert.deepEqual(PURIFY_CONFIG.ADD_ATTR, ["data-tag", "data-lang", TARGET_MARK]);
});

test("the configuration cannot be changed by whoever imports it", () => {
  assert.throws(() => {
    // @ts-expect-error: the configuration is frozen
    PURIFY_CONFIG.ALLOW_DATA_ATTR = true;
  }, TypeError);
});

test("a table cell's alignment is the only style kept", () => {
  for (const style of ["text-align: left;", "text-align:center", "  TEXT-ALIGN: right;"]) {
    assert.deepEqual(attributeVerdict("td", "style", style, BASE, ORIGIN), { keep: true, value: style }, style);
  }
  for (const style of [
    "text-align: left; background: url(https://tracker.example.org/x.gif)",
    "background-image: url(/a.png)",
    "position: fixed; inset: 0",
    "text-align: justify",
    "",
  ]) {
    assert.equal(attributeVerdict("td", "style", style, BASE, ORIGIN)?.keep, false, style);
  }
});

test("a link's href is resolved against the page it came from", () => {
  assert.deepEqual(attributeVerdict("a", "href", "../iam/", BASE, ORIGIN), {
    keep: true,
    value: "http://127.0.0.1:8000/aws/iam/",
  });
  assert.deepEqual(attributeVerdict("a", "href", "https://example.org/", BASE, ORIGIN), {
    keep: true,
    value: "https://example.org/",
  });
});

test("a script URL in any URL attribute is dropped", () => {
  for (const [element, name] of [["a", "href"], ["a", "xlink:href"], ["blockquote", "cite"], ["img", "src"], ["img", "longdesc"]]) {
    assert.equal(attributeVerdict(element, name, "javascript:alert(1)", BASE, ORIGIN)?.keep, false, `${element} ${name}`);
  }
});

test("an href on anything but a link loads what it names: only from this site", () => {
  const outside = "https://tracker.example.org/x.svg";
  assert.equal(attributeVerdict("image", "href", outside, BASE, ORIGIN)?.keep, false);
  assert.equal(attributeVerdict("image", "xlink:href", outside, BASE, ORIGIN)?.keep, false);
  assert.equal(attributeVerdict("feimage", "href", outside, BASE, ORIGIN)?.keep, false);
  assert.equal(attributeVerdict("a", "href", outside, BASE, ORIGIN)?.keep, true);
  assert.deepEqual(attributeVerdict("image", "href", "pic.svg", BASE, ORIGIN), {
    keep: true,
    value: "http://127.0.0.1:8000/aws/s3/pic.svg",
  });
});

test("sources of media come only from this site, even on a link element", () => {
  for (const name of ["src", "poster", "background", "data", "lowsrc", "dynsrc", "codebase"]) {
    assert.equal(attributeVerdict("a", name, "https://tracker.example.org/x.gif", BASE, ORIGIN)?.keep, false, name);
    assert.equal(attributeVerdict("img", name, "/x.gif", BASE, ORIGIN)?.value, "http://127.0.0.1:8000/x.gif", name);
  }
});

test("other attributes are left to DOMPurify", () => {
  for (const name of ["class", "title", "alt", "lang", "colspan", "onerror", "data-tag"]) {
    assert.equal(attributeVerdict("img", name, "javascript:alert(1)", BASE, ORIGIN), null, name);
  }
});
