/* cuaderno: the explorer's result cards, a block each, shown as its note shows it.
 *
 * Text from the knowledge base reaches the page through textContent and attribute setters;
 * links are relative to the site or http(s). A block's `html` (its first lines as its note page
 * shows them) is cleaned by DOMPurify in a document of its own, where no script runs and nothing
 * loads, then by the site's rules (cleanBlock), and only content crosses over; without DOMPurify
 * a card shows the block's text.
 */
import { el } from "./dom.js";
import { fill } from "./explorer-query.js";

/**
 * @typedef {object} CardBlock a block as kb/explorer/cards/<n>.json has it
 * @property {string} id
 * @property {string} [note]
 * @property {string} [url]
 * @property {string} [lang]
 * @property {string} [title]
 * @property {number[]} [lines]
 * @property {string} [html]
 * @property {number} [more_lines]
 * @property {string[]} [tags]
 */

/**
 * @typedef {object} CardContext
 * @property {Record<string, string>} s the page's strings
 * @property {string} root the interface's root, relative to this page
 * @property {string} prefix the interface's folder ("es/"), "" for the default one
 * @property {(id: string) => string} label a tag's label in this page's language
 * @property {(id: string) => string | undefined} tagUrl a tag's page, from the site root
 * @property {{title?: string, url?: string} | undefined} note the block's note
 * @property {string | undefined} text the block's text, when loaded
 */

export const MAX_LINES = 40; // lines of a block's text shown before "show all"

/**
 * A link target from the knowledge base: http(s) as is, site-relative paths under `root` (URLs
 * already in this interface, `prefix`, lose it); anything else (javascript:, data:, //host) is null.
 * @param {unknown} url
 * @param {string} root
 * @param {string} prefix
 * @returns {string | null}
 */
export function safeHref(url, root, prefix) {
  if (typeof url !== "string") return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return /^https?:\/\//i.test(url) ? url : null;
  if (/^[/\\]/.test(url)) return null;
  if (prefix && url.indexOf(prefix) === 0) url = url.slice(prefix.length);
  return root + url;
}

/* A block's HTML, safe to show: content elements, a few harmless attributes, links through
 * safeHref, images from the site itself. Everything else is dropped: scripts, styles, frames,
 * forms, embedded objects, event handlers, ids, inline styles (but table cells' alignment), the
 * note page's diagram controls. */
const DROP_ELEMENTS =
  /^(script|style|link|meta|base|template|noscript|iframe|frame|frameset|object|embed|applet|portal|form|input|button|select|option|textarea|dialog|audio|video|source|track|canvas|foreignobject|use|animate|animatemotion|animatetransform|set|discard)$/i;
const KEEP_ATTRIBUTES = [
  "class", "lang", "title", "alt", "colspan", "rowspan", "start", "open", "data-tag", "data-lang",
  "aria-hidden", "aria-label", "width", "height",
];
const SAFE_STYLE = /^\s*text-align:\s*(left|right|center);?\s*$/i;

/**
 * @param {Element} node
 * @param {string} base
 * @param {string} prefix
 * @param {(id: string) => string} label
 */
function cleanElement(node, base, prefix, label) {
  if (DROP_ELEMENTS.test(node.localName) || node.classList.contains("cdn-diagram-bar")) {
    node.remove();
    return;
  }
  for (const attribute of Array.from(node.attributes)) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value;
    if (name === "href" && node.localName === "a") {
      const href = safeHref(value.charAt(0) === "#" ? null : value, base, prefix);
      if (href) node.setAttribute("href", href);
      else node.removeAttribute("href");
    } else if (name === "href" || name === "xlink:href" || name === "src") {
      // An <img>, SVG <image> or <feImage> loads what it names: only pictures of the site itself.
      const source = /^data:image\//i.test(value) ? value : safeHref(value, base, prefix);
      if (source && !/^https?:/i.test(source)) node.setAttribute(attribute.name, source);
      else if (name === "src") node.replaceWith(document.createTextNode(node.getAttribute("alt") || ""));
      else node.removeAttribute(attribute.name);
    } else if (!(KEEP_ATTRIBUTES.includes(name) || (name === "style" && SAFE_STYLE.test(value)))) {
      node.removeAttribute(attribute.name);
    }
  }
  if (node.localName === "img" && !node.getAttribute("src")) {
    node.replaceWith(document.createTextNode(node.getAttribute("alt") || "")); // nothing to show of it here
    return;
  }
  if (node.localName === "a" && node.classList.contains("cdn-tag") && node.getAttribute("data-tag")) {
    node.textContent = label(node.getAttribute("data-tag") || ""); // chips in this page's language
  }
}

/**
 * @param {Element} root
 * @param {string} base
 * @param {string} prefix
 * @param {(id: string) => string} label
 * @returns {Element}
 */
export function cleanBlock(root, base, prefix, label) {
  const elements = Array.from(root.querySelectorAll("*")).reverse(); // children before parents
  for (const node of elements) cleanElement(node, base, prefix, label);
  return root;
}

/** DOMPurify cleans a block's HTML first, in place, in a document of its own. */
const PURIFY_CONFIG = {
  FORBID_TAGS: [
    "style", "form", "input", "button", "select", "option", "textarea", "audio", "video", "source", "track",
    "canvas", "use", "foreignobject", "animate", "animatemotion", "animatetransform", "set",
  ],
  FORBID_ATTR: ["id", "name", "srcset", "sizes", "ping", "action", "formaction", "autofocus", "tabindex"],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ["data-tag", "data-lang"],
  IN_PLACE: true,
};
/** @type {import("dompurify").DOMPurify | null | undefined} */
let purifier;
/** @type {Document | null} one document where no script runs and nothing loads, for every card */
let inert = null;

/** @returns {import("dompurify").DOMPurify | null} the site's DOMPurify, or null without it */
export function getPurifier() {
  if (purifier === undefined) {
    const factory = window.DOMPurify;
    purifier = typeof factory === "function" ? factory(window) : null;
    if (purifier && !purifier.isSupported) purifier = null;
  }
  return purifier;
}

/**
 * A block's HTML cleaned, as the children of a new element; null without DOMPurify.
 * @param {string} html
 * @param {string} base
 * @param {string} prefix
 * @param {(id: string) => string} label
 * @returns {HTMLElement | null}
 */
export function blockBody(html, base, prefix, label) {
  const dompurify = getPurifier();
  if (!dompurify) return null;
  inert = inert || new DOMParser().parseFromString("<!DOCTYPE html><html><body></body></html>", "text/html");
  const box = inert.createElement("div");
  box.innerHTML = String(html); // in the inert document: nothing runs, nothing loads
  dompurify.sanitize(box, PURIFY_CONFIG); // in place: one document for all cards, not one per card
  cleanBlock(box, base, prefix, label);
  const body = el("div", { className: "cdn-block-body" });
  body.appendChild(document.importNode(box, true));
  return body;
}

/* A card's body is cleaned and drawn when it comes near the screen: drawing every card of a broad
 * selection at once (DOMPurify on each block's HTML) took a third of a second. Until then the card
 * keeps its place with an empty body of about its height. */
/** @type {WeakMap<Element, () => HTMLElement | null>} */
const pendingBodies = new WeakMap();
/** @type {IntersectionObserver | null} */
let bodyObserver = null;

/** @param {Element} holder */
function fillBody(holder) {
  const draw = pendingBodies.get(holder);
  if (!draw) return;
  pendingBodies.delete(holder);
  const body = draw();
  if (body) holder.replaceChildren(...Array.from(body.childNodes));
  holder.classList.remove("cdn-x-pending");
}

/**
 * @param {() => HTMLElement | null} draw
 * @returns {HTMLElement}
 */
function lazyBody(draw) {
  const holder = el("div", { className: "cdn-block-body cdn-x-pending" });
  pendingBodies.set(holder, draw);
  if (typeof IntersectionObserver !== "function") {
    fillBody(holder);
    return holder;
  }
  bodyObserver =
    bodyObserver ||
    new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting || !bodyObserver) continue;
          bodyObserver.unobserve(entry.target);
          fillBody(entry.target);
        }
      },
      { rootMargin: "600px 0px" }
    );
  bodyObserver.observe(holder);
  return holder;
}

/**
 * The chips of a card, each remembering the tags it stands for (its own and its ancestors).
 * @typedef {{node: HTMLElement, ups: string[]}} Chip
 */

/**
 * A block's card: title linking to the block, its note, its language, chips for its tags, and its
 * body (rendered HTML, or text when there is no HTML or no DOMPurify).
 * @param {CardBlock} block
 * @param {CardContext} context
 * @param {(id: string) => string[]} ancestors a tag's ancestors
 * @returns {{card: HTMLElement, chips: Chip[]}}
 */
export function blockCard(block, context, ancestors) {
  const { s, root, prefix } = context;
  const note = context.note || {};
  const title = block.title || note.title || block.note || "";
  const href = safeHref(block.url, root, prefix);
  const noteHref = safeHref(note.url, root, prefix);
  const own = Array.isArray(block.tags) ? block.tags.map(String) : [];
  const chips = own.map((id) => {
    // The knowledge base gives each tag its topic page's link, encoded (a long id has a short page name).
    const tagHref = safeHref(context.tagUrl(id), root, prefix);
    return el(tagHref ? "a" : "span", {
      className: "cdn-tag",
      href: tagHref || undefined,
      title: id,
      textContent: context.label(id),
      "data-tag": id,
    });
  });
  const noteTitle = note.title || block.note || "";
  const lang = String(block.lang || "");
  const source = el("span", { className: "cdn-source" }, [
    noteHref ? el("a", { href: noteHref, textContent: fill(s.from_note, { title: noteTitle }) }) : fill(s.from_note, { title: noteTitle }),
    " · " + ((/** @type {Record<string, Record<string, string>>} */ (/** @type {unknown} */ (s)).languages || {})[lang] || lang),
  ]);
  /** @type {HTMLElement | null} */
  let body = null;
  /** @type {HTMLElement | null} */
  let toggle = null;
  if (typeof block.html === "string" && getPurifier()) {
    const html = block.html;
    body = lazyBody(() => blockBody(html, root, prefix, context.label));
    if ((block.more_lines || 0) > 0 && href) {
      const lines = block.lines;
      const total = Array.isArray(lines) ? lines[1] - lines[0] + 1 : block.more_lines || 0;
      toggle = el("p", { className: "cdn-more" }, [el("a", { href, textContent: fill(s.show_more, { count: total }) })]);
    }
  }
  /** @type {HTMLElement | null} */
  let pre = null;
  if (!body) {
    const text = context.text || "";
    const lines = text.split("\n");
    const short = lines.slice(0, MAX_LINES).join("\n");
    const shown = el("pre", { className: "cdn-text", textContent: short });
    pre = shown;
    if (lines.length > MAX_LINES) {
      const button = el("button", {
        type: "button",
        className: "cdn-x-more",
        textContent: fill(s.show_more, { count: lines.length }),
        "aria-expanded": "false",
      });
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        shown.textContent = open ? text : short;
        button.textContent = open ? s.show_less : fill(s.show_more, { count: lines.length });
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
      toggle = button;
    }
  }
  const card = el("article", { className: "cdn-block cdn-x-result", lang, "data-block": block.id }, [
    el("p", { className: "cdn-block-head" }, [
      href ? el("a", { href, className: "cdn-x-title", textContent: title }) : el("strong", { textContent: title }),
      " ",
      source,
      " ",
      chips.length ? el("span", { className: "cdn-tags" }, chips) : null,
    ]),
    body || pre,
    toggle,
  ]);
  return { card, chips: chips.map((node, n) => ({ node, ups: [own[n], ...ancestors(own[n])] })) };
}
