// Which links get a preview and which URLs a preview's copy keeps (assets/preview-urls.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { cleanURL, fragmentIds, linkTarget } from "../../plugins/cuaderno/assets/preview-urls.js";

const HERE = new URL("http://127.0.0.1:8000/es/aws/networking/vpc/?x=1");
const ORIGIN = "http://127.0.0.1:8000";

test("a relative link to another page of the site is previewed, its fragment kept", () => {
  const target = linkTarget("../../../security/iam/#roles", HERE);
  assert.ok(target);
  assert.equal(target.url.href, "http://127.0.0.1:8000/es/security/iam/#roles");
  assert.equal(target.samePage, false);
});

test("pages written as .html or .htm are pages, in any case", () => {
  for (const href of ["/notes/a.html", "/notes/b.HTM", "/notes/c.Html#x", "/tags/aws.s3/"]) {
    assert.ok(linkTarget(href, HERE), href);
  }
});

test("files are not previewed: kb.json, images, downloads with any other extension", () => {
  for (const href of ["/kb.json", "../img/diagram.png", "/files/notes.txt", "/kb/tags.json?v=2", "/a/b.tar.gz"]) {
    assert.equal(linkTarget(href, HERE), null, href);
  }
});

test("a dot in a folder name does not make the page a file", () => {
  assert.ok(linkTarget("/tags/aws.s3/", HERE));
  assert.ok(linkTarget("/v1.2/notes/", HERE));
});

test("other origins, other schemes and empty links are not previewed", () => {
  for (const href of [
    "https://example.org/page/",
    "http://127.0.0.1:9000/es/",
    "https://127.0.0.1:8000/es/",
    "mailto:someone@example.org",
    "javascript:alert(1)",
    "data:text/html,<p>x</p>",
    "#",
    "",
    null,
  ]) {
    assert.equal(linkTarget(href, HERE), null, String(href));
  }
});

test("a link into the page it is on is the same page; another query is another page", () => {
  for (const href of ["#subnets", "?x=1#subnets", "./?x=1#subnets", "/es/aws/networking/vpc/?x=1#subnets"]) {
    assert.equal(linkTarget(href, HERE)?.samePage, true, href);
  }
  for (const href of ["./#subnets", "?x=2#subnets", "../vpc-peering/#subnets"]) {
    assert.equal(linkTarget(href, HERE)?.samePage, false, href);
  }
});

test("an unparsable href is no preview, not an exception", () => {
  assert.equal(linkTarget("http://[::1", HERE), null);
});

test("a fragment names its decoded id first, then the id as written", () => {
  assert.deepEqual(fragmentIds("caf%C3%A9"), ["café", "caf%C3%A9"]);
  assert.deepEqual(fragmentIds("plain-id"), ["plain-id"]);
  assert.deepEqual(fragmentIds(""), []);
});

test("a fragment with a lone % is used as written", () => {
  assert.deepEqual(fragmentIds("50%-off"), ["50%-off"]);
  assert.deepEqual(fragmentIds("%E0%A4%A"), ["%E0%A4%A"]);
});

test("links the copy keeps: http(s), mailto and tel, resolved against the page they came from", () => {
  const base = "http://127.0.0.1:8000/aws/s3/";
  assert.equal(cleanURL("../iam/#roles", base, false, ORIGIN), "http://127.0.0.1:8000/aws/iam/#roles");
  assert.equal(cleanURL("https://docs.example.org/x", base, false, ORIGIN), "https://docs.example.org/x");
  assert.equal(cleanURL("mailto:a@example.org", base, false, ORIGIN), "mailto:a@example.org");
  assert.equal(cleanURL("tel:+34600000000", base, false, ORIGIN), "tel:+34600000000");
});

test("links that run script or hold documents are dropped, however they are spelled", () => {
  const base = "http://127.0.0.1:8000/aws/s3/";
  for (const value of [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    "ftp://example.org/",
    "http://[::1",
  ]) {
    assert.equal(cleanURL(value, base, false, ORIGIN), null, value);
  }
});

test("media load only from this site or as data: images", () => {
  const base = "http://127.0.0.1:8000/aws/s3/";
  assert.equal(cleanURL("../img/a.png", base, true, ORIGIN), "http://127.0.0.1:8000/aws/img/a.png");
  assert.equal(cleanURL("data:image/png;base64,iVBORw0KGgo=", base, true, ORIGIN), "data:image/png;base64,iVBORw0KGgo=");
  for (const value of [
    "https://tracker.example.org/pixel.gif",
    "//tracker.example.org/pixel.gif",
    "http://127.0.0.1:9000/a.png",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@example.org",
    "javascript:alert(1)",
  ]) {
    assert.equal(cleanURL(value, base, true, ORIGIN), null, value);
  }
});

test("a link to another site is kept where a picture from it is not", () => {
  const base = "http://127.0.0.1:8000/aws/s3/";
  assert.equal(cleanURL("https://example.org/a.png", base, false, ORIGIN), "https://example.org/a.png");
  assert.equal(cleanURL("https://example.org/a.png", base, true, ORIGIN), null);
});

test("a page fetched after a redirect resolves its media against the final URL", () => {
  assert.equal(cleanURL("a.png", "http://127.0.0.1:8000/aws/s3/", true, ORIGIN), "http://127.0.0.1:8000/aws/s3/a.png");
  assert.equal(cleanURL("a.png", "http://127.0.0.1:8000/aws/s3", true, ORIGIN), "http://127.0.0.1:8000/aws/a.png");
});
