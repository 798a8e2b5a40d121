/* cuaderno: what a link preview shows, cut out of the target page and cleaned (preview.js shows it).
 *
 * The target section (its heading and what follows, up to the next heading of the same or a higher
 * level), the target element's block and what follows it, or, without a fragment, the page's first
 * blocks. The page is parsed by DOMParser into an inert document (no scripts run there, no images
 * load); only copies cleaned by DOMPurify (preview-rules.js) are built, in that same document, and
 * preview.js imports them into the live page. Without DOMPurify a copy is the block's text only.
 * Nothing runs on import.
 */
import { attributeVerdict, PURIFY_CONFIG, TARGET_MARK } from "./preview-rules.js";
import { cutAtWord, fitBlock, MAX_BLOCKS, PRE_LIMIT, textCost } from "./preview-text.js";
import { fragmentIds } from "./preview-urls.js";

/** The page's content: links elsewhere (the header, the navigation) get no preview. */
export const CONTENT = "article.md-content__inner";
/** Parts of a page that are controls or decoration, not content. */
export const SKIPPED = ".headerlink, .cdn-lang-filter, .cdn-diagram-bar, .md-content__button, .md-source-file";

const HEADINGS = "h1, h2, h3, h4, h5, h6";
const BLOCKS = "p, pre, figure, table, ul, ol, dl, blockquote, details, article, section, div";
/* Containers whose children are the blocks to weigh (a topic page's list of blocks). */
const GROUPS = ".cdn-blocks";
const MAX_CANDIDATES = 40; // blocks looked at, some of which sanitizing may empty

/** @typedef {{ doc: Document, base: string }} FetchedPage a page parsed into an inert document, and its final URL */

/**
 * The element a fragment names, or null.
 * @param {Document} doc
 * @param {string} fragment without its "#"
 * @returns {HTMLElement | null}
 */
export function byId(doc, fragment) {
  for (const id of fragmentIds(fragment)) {
    const found = doc.getElementById(id);
    if (found) {
      return found;
    }
  }
  return null;
}

/**
 * @param {Element} element
 * @returns {boolean}
 */
export function isHeading(element) {
  return /^H[1-6]$/.test(element.tagName);
}

/** @param {Element} element */
function headingLevel(element) {
  return isHeading(element) ? Number(element.tagName[1]) : 0;
}

/** @param {Element} heading */
function headingText(heading) {
  const copy = /** @type {Element} */ (heading.cloneNode(true));
  copy.querySelectorAll(SKIPPED).forEach((element) => element.remove());
  return (copy.textContent || "").trim();
}

/**
 * The element after `node` in reading order, climbing out of wrappers, never out of `root`.
 * @param {Element} node
 * @param {Element} root
 * @returns {Element | null}
 */
function following(node, root) {
  for (let at = /** @type {Element | null} */ (node); at && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) {
      return at.nextElementSibling;
    }
  }
  return null;
}

/**
 * A heading of this level or higher ends the section; so does a wrapper holding one.
 * @param {Element} element
 * @param {number} level 0 for a page preview, cut by length only
 */
function endsSection(element, level) {
  if (level < 1) {
    return false;
  }
  const stop = [1, 2, 3, 4, 5, 6]
    .filter((n) => n <= level)
    .map((n) => "h" + n)
    .join(", ");
  return element.matches(stop) || element.querySelector(stop) !== null;
}

/**
 * The heading that opens the section holding `element`, or null.
 * @param {Element} element
 * @param {Element} root
 * @returns {Element | null}
 */
function sectionHeading(element, root) {
  let found = null;
  for (const heading of root.querySelectorAll(HEADINGS)) {
    if (heading === element || heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
      found = heading;
    } else {
      break;
    }
  }
  return found;
}

/**
 * @param {Element} element
 * @param {Element} root
 */
function nearestBlock(element, root) {
  let at = element;
  while (at.parentElement && at.parentElement !== root && !at.matches(BLOCKS)) {
    at = at.parentElement;
  }
  return at;
}

/** @param {Element} element */
function hasContent(element) {
  return (
    (element.textContent || "").trim() !== "" ||
    element.matches("img, svg") ||
    element.querySelector("img, svg") !== null
  );
}

/**
 * @typedef {object} Selection what a preview shows, before cleaning
 * @property {Element} root the page's content
 * @property {string} title the page's title
 * @property {Element[]} blocks the original elements, in order
 * @property {Element | null} marked the element the fragment names, inside a block
 * @property {boolean} showTitle the title is not among the blocks already
 */

/**
 * @param {Document} doc
 * @param {URL} url
 * @returns {Selection | null}
 */
function select(doc, url) {
  const root = doc.querySelector(CONTENT);
  if (!root) {
    return null;
  }
  const h1 = root.querySelector("h1");
  const title = h1 ? headingText(h1) : doc.title;
  const target = byId(doc, url.hash.slice(1));
  /** @type {Element | null} */
  let heading = h1;
  let start = h1 ? following(h1, root) : root.firstElementChild;
  let level = 0; // a page preview is cut by length only
  let marked = null;
  let first = null; // the target's own block: shown even if it holds a heading
  if (target && root.contains(target) && target !== root) {
    const inHeading = target.closest(HEADINGS);
    if (inHeading && root.contains(inHeading)) {
      heading = inHeading;
      level = headingLevel(inHeading);
      start = following(inHeading, root);
    } else {
      start = nearestBlock(target, root);
      heading = sectionHeading(start, root);
      level = heading ? headingLevel(heading) : 0;
      marked = target;
      first = start;
    }
  }
  const blocks = [];
  if (heading) {
    blocks.push(heading);
  }
  let at = start;
  while (at && blocks.length < MAX_CANDIDATES) {
    if (at !== first && endsSection(at, level)) {
      break;
    }
    if (at.matches(GROUPS) && at.firstElementChild) {
      at = at.firstElementChild; // a topic page's blocks: each one is shown or left out on its own
      continue;
    }
    if (!at.matches(SKIPPED) && !at.closest("script, style, template") && hasContent(at)) {
      blocks.push(at);
    }
    at = following(at, root);
  }
  if (blocks.length === 0) {
    return null;
  }
  return { root, title, blocks, marked, showTitle: heading !== h1 };
}

/* ---- cleaning a copy: DOMPurify, with preview-rules.js as its configuration and hook ---- */

/** @type {import("dompurify").DOMPurify | null | undefined} this module's own DOMPurify; null without the script */
let purifier;
let purifyBase = ""; // the URL the copy being cleaned came from: its relative URLs resolve against it

/** @type {import("dompurify").UponSanitizeAttributeHook} */
function checkAttribute(node, data) {
  const verdict = attributeVerdict(node.localName, data.attrName, data.attrValue, purifyBase, location.origin);
  if (verdict) {
    data.keepAttr = verdict.keep;
    data.attrValue = verdict.value;
  }
}

function getPurifier() {
  if (purifier === undefined) {
    const factory = window.DOMPurify;
    const made = typeof factory === "function" ? factory(window) : null;
    purifier = made && made.isSupported ? made : null;
    purifier?.addHook("uponSanitizeAttribute", checkAttribute);
  }
  return purifier;
}

/** @param {Element} root */
function removeComments(root) {
  const walker = root.ownerDocument.createTreeWalker(
    root,
    NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION,
  );
  const dead = [];
  while (walker.nextNode()) {
    dead.push(walker.currentNode);
  }
  dead.forEach((node) => node.parentNode?.removeChild(node));
}

/**
 * A clean copy of `block` for the inert document `doc`, or null. Controls of the page are left out;
 * DOMPurify cleans the rest. Without DOMPurify the copy is the block's text, never its markup.
 * @param {Element} block
 * @param {string} base the URL of the page it came from
 * @param {Document} doc
 * @returns {Element | null}
 */
function sanitize(block, base, doc) {
  if (block.matches(SKIPPED)) {
    return null;
  }
  const copy = /** @type {Element} */ (block.cloneNode(true));
  copy.querySelectorAll(SKIPPED + ", script, style, template, noscript").forEach((element) => element.remove());
  removeComments(copy);
  const dompurify = getPurifier();
  if (!dompurify) {
    const text = (copy.textContent || "").trim();
    /* A fresh element of the page's own making: a heading keeps its level, code its line breaks. */
    const kind = isHeading(copy) ? copy.localName : copy.matches("pre") || copy.querySelector("pre") ? "pre" : "p";
    const plain = doc.createElement(kind);
    plain.textContent = text;
    return plain;
  }
  purifyBase = base;
  const clean = dompurify.sanitize(copy.outerHTML, { ...PURIFY_CONFIG, RETURN_DOM: true }).firstElementChild;
  if (!clean) {
    return null;
  }
  const result = doc.importNode(clean, true); // into the inert document: nothing loads there
  for (const image of result.matches("img") ? [result] : Array.from(result.querySelectorAll("img"))) {
    if (!image.hasAttribute("src")) {
      /* A picture that may not be shown (another origin, a script URL) leaves its description. */
      const alt = doc.createElement("span");
      alt.textContent = image.getAttribute("alt") || "";
      if (image === result) {
        return alt;
      }
      image.replaceWith(alt);
    }
  }
  result.querySelectorAll("a, summary").forEach((element) => element.setAttribute("tabindex", "-1"));
  if (result.matches("a, summary")) {
    result.setAttribute("tabindex", "-1"); // the keyboard stays on the page, not in the tooltip
  }
  return result;
}

/* ---- trimming ---- */

/** @param {Element} element */
function pres(element) {
  return element.matches("pre") ? [element] : Array.from(element.querySelectorAll("pre"));
}

/** @param {Element} element */
function cost(element) {
  return textCost((element.textContent || "").length, pres(element).map((pre) => (pre.textContent || "").length));
}

/**
 * Cut `element` after `budget` characters of text, at a word, and mark the cut with "…".
 * @param {Element} element
 * @param {number} budget
 * @returns {boolean} whether anything was cut
 */
function trim(element, budget) {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let used = 0;
  while (walker.nextNode()) {
    const node = /** @type {Text} */ (walker.currentNode);
    if (used + node.data.length > budget) {
      node.data = cutAtWord(node.data, budget - used);
      for (let at = /** @type {Node | null} */ (node); at && at !== element; at = at.parentNode) {
        while (at.nextSibling) {
          at.nextSibling.remove();
        }
      }
      return true;
    }
    used += node.data.length;
  }
  return false;
}

/**
 * A heading in the popup is shown as a heading but is not one: the page's outline stays the page's.
 * @param {Element} heading
 * @returns {HTMLParagraphElement}
 */
function demote(heading) {
  const line = heading.ownerDocument.createElement("p");
  line.className = "cdn-preview-heading";
  line.setAttribute("data-level", heading.tagName[1]);
  while (heading.firstChild) {
    line.appendChild(heading.firstChild);
  }
  return line;
}

/** @param {Document} doc */
function ellipsis(doc) {
  const more = doc.createElement("p");
  more.className = "cdn-preview-more";
  more.setAttribute("aria-hidden", "true");
  more.textContent = "\u2026";
  return more;
}

/**
 * The preview of `url`, built in the page's inert document: a <div> ready to be imported, or null.
 * @param {FetchedPage} page
 * @param {URL} url
 * @returns {HTMLDivElement | null}
 */
export function buildPreview(page, url) {
  const chosen = select(page.doc, url);
  if (!chosen) {
    return null;
  }
  const doc = page.doc;
  const box = doc.createElement("div");
  const language = chosen.root.closest("[lang]"); // a note's article carries its own language
  box.setAttribute("lang", (language && language.getAttribute("lang")) || "");
  if (chosen.showTitle && chosen.title) {
    const title = doc.createElement("p");
    title.className = "cdn-preview-title";
    title.textContent = chosen.title;
    box.appendChild(title);
  }
  const body = doc.createElement("div");
  body.className = "cdn-preview-body md-typeset";
  box.appendChild(body);
  chosen.marked?.setAttribute(TARGET_MARK, "");
  let used = 0;
  try {
    for (const block of chosen.blocks) {
      if (body.childElementCount >= MAX_BLOCKS) {
        body.appendChild(ellipsis(doc));
        break;
      }
      let copy = sanitize(block, page.base, doc);
      if (!copy || !hasContent(copy)) {
        continue;
      }
      if (isHeading(copy)) {
        copy = demote(copy);
      }
      copy.querySelectorAll(HEADINGS).forEach((heading) => heading.replaceWith(demote(heading)));
      pres(copy).forEach((pre) => trim(pre, PRE_LIMIT));
      const price = cost(copy);
      const fit = fitBlock(used, price, body.childElementCount, pres(copy).length > 0);
      if (fit.kind === "left-out") {
        body.appendChild(ellipsis(doc));
        break;
      }
      if (fit.kind === "cut") {
        const cut = trim(copy, fit.room);
        if (fit.more) {
          body.append(copy, ellipsis(doc));
          break;
        }
        if (cut) {
          body.appendChild(copy);
          break;
        }
      }
      body.appendChild(copy);
      used += price;
    }
  } finally {
    chosen.marked?.removeAttribute(TARGET_MARK);
  }
  return hasContent(body) ? box : null;
}
