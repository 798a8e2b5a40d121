/* cuaderno: previews of links to other pages and sections of the site.
 *
 * When the pointer rests on a link in the page content, or the keyboard focus
 * reaches it, a small popup (role="tooltip") shows what the link points to
 * (preview-content.js cuts it out of the target page and cleans it). The target
 * page comes from the same origin with fetch(), so previews work offline; each
 * page is fetched once.
 *
 * Safety: the fetched page is parsed by DOMParser into an inert document (no
 * scripts run there, no images load). Only copies cleaned by DOMPurify (served
 * by the site as a classic script before this module) ever reach the live page,
 * under the rules of preview-rules.js: hovering a link sends no request outside
 * the site. Without DOMPurify a preview shows the target's text only.
 *
 * Listeners sit on the document, so pages swapped in by Material's instant
 * navigation keep their previews. The popup holds no text of its own, so the
 * module needs no translation. Where the popup goes: preview-layout.js.
 */
import { buildPreview, byId, CONTENT, isHeading, SKIPPED } from "./preview-content.js";
import { anchorOf, cornerOf, sideOf } from "./preview-layout.js";
import { TARGET_MARK } from "./preview-rules.js";
import { linkTarget } from "./preview-urls.js";

const SHOW_DELAY = 300; // ms the pointer rests on a link before the preview opens
const HIDE_DELAY = 300; // ms to move the pointer from the link into the popup
const POPUP_ID = "cdn-preview";

/** @typedef {import("./preview-content.js").FetchedPage} FetchedPage */

/** @type {Map<string, Promise<FetchedPage | null>>} page URL (no fragment) -> the page, fetched once */
const pages = new Map();
/** @type {Map<string, HTMLDivElement | null>} full URL -> its preview in an inert document, or null */
const previews = new Map();
/** @type {HTMLDivElement | null} */
let popup = null;
/** @type {HTMLAnchorElement | null} the link whose preview is shown */
let shownFor = null;
/** @type {HTMLAnchorElement | null} the link a preview is being prepared for */
let wanted = null;
let showTimer = 0;
let hideTimer = 0;
/** @type {{ x: number, y: number } | null} where the pointer rested on the link; null when the keyboard opened it */
let pointer = null;

/* ---- which links get a preview ---- */

/**
 * The URL a link previews, or null: same origin, a page (not a file), and for a link within this
 * page only when it points at a heading (other fragments of a page are controls: a topic page's
 * language filter).
 * @param {HTMLAnchorElement} link
 * @returns {URL | null}
 */
function previewURL(link) {
  if (link.hasAttribute("download")) {
    return null;
  }
  const target = linkTarget(link.getAttribute("href"), new URL(location.href));
  if (!target) {
    return null;
  }
  if (target.samePage) {
    const element = byId(document, target.url.hash.slice(1));
    if (!element || !isHeading(element)) {
      return null;
    }
  }
  return target.url;
}

/**
 * The content link `node` is in, when it gets a preview.
 * @param {EventTarget | null} node
 * @returns {HTMLAnchorElement | null}
 */
function linkFrom(node) {
  const link = node instanceof Element ? node.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || !link.closest(CONTENT) || link.matches(SKIPPED)) {
    return null;
  }
  return previewURL(link) ? link : null;
}

/* ---- fetching ---- */

/**
 * @param {string} pageURL
 * @returns {Promise<FetchedPage | null>}
 */
function load(pageURL) {
  let entry = pages.get(pageURL);
  if (!entry) {
    entry = fetch(pageURL, { credentials: "same-origin" })
      .then((response) => {
        const type = response.headers.get("content-type") || "";
        if (!response.ok || !/html/i.test(type)) {
          return null;
        }
        /* After a redirect (…/page → …/page/) relative URLs resolve against the final URL. */
        return response.text().then((text) => ({
          doc: new DOMParser().parseFromString(text, "text/html"),
          base: response.url || pageURL,
        }));
      })
      .catch(() => null);
    pages.set(pageURL, entry);
    entry.then((page) => {
      if (!page) {
        pages.delete(pageURL); // try again next time: the server may be back
      }
    });
  }
  return entry;
}

/**
 * @param {URL} url
 * @returns {Promise<HTMLDivElement | null>}
 */
async function previewOf(url) {
  if (!previews.has(url.href)) {
    const pageURL = new URL(url.href);
    pageURL.hash = "";
    const page = await load(pageURL.href);
    if (!page) {
      return null; // not cached: a failed fetch is tried again later
    }
    previews.set(url.href, buildPreview(page, url));
  }
  return previews.get(url.href) || null;
}

/* ---- the popup ---- */

function ensurePopup() {
  if (!popup || !popup.isConnected) {
    popup = document.createElement("div");
    popup.id = POPUP_ID;
    popup.className = "cdn-preview";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    popup.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    document.body.appendChild(popup);
  }
  return popup;
}

/**
 * Tie the link to the popup for assistive technology, or untie it; its other descriptions stay.
 * @param {Element} link
 * @param {boolean} on
 */
function describe(link, on) {
  const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== POPUP_ID);
  if (on) {
    ids.push(POPUP_ID);
  }
  if (ids.length) {
    link.setAttribute("aria-describedby", ids.join(" "));
  } else {
    link.removeAttribute("aria-describedby");
  }
}

/**
 * Put the shown popup beside `link` (preview-layout.js): measured at its own height, then held to
 * the room of its side.
 * @param {Element} link
 */
function place(link) {
  if (!popup || popup.hidden) {
    return;
  }
  const anchor = anchorOf(Array.from(link.getClientRects()), link.getBoundingClientRect(), pointer);
  popup.style.maxHeight = "";
  popup.style.left = "0px";
  popup.style.top = "0px";
  const side = sideOf(anchor, popup.offsetHeight, window.innerHeight);
  if (side.maxHeight !== null) {
    popup.style.maxHeight = side.maxHeight + "px";
  }
  const size = { width: popup.offsetWidth, height: popup.offsetHeight };
  const corner = cornerOf(anchor, size, side.below, document.documentElement.clientWidth);
  popup.style.left = corner.left + "px";
  popup.style.top = corner.top + "px";
  popup.dataset.side = side.below ? "below" : "above";
}

/**
 * Scroll a long <pre> (or the popup) so the element the link points at is in view.
 * @param {HTMLElement} shown the popup
 */
function revealTarget(shown) {
  const target = shown.querySelector("[" + TARGET_MARK + "]");
  if (!target) {
    return;
  }
  for (const scroller of [target.closest("pre"), shown]) {
    if (scroller && scroller.scrollHeight > scroller.clientHeight) {
      const offset = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop += offset - scroller.clientHeight / 3;
    }
  }
}

/**
 * @param {HTMLAnchorElement} link
 * @param {HTMLDivElement} preview
 */
function show(link, preview) {
  const shown = ensurePopup();
  if (shownFor && shownFor !== link) {
    describe(shownFor, false);
  }
  shown.replaceChildren(document.importNode(preview, true));
  shown.setAttribute("lang", preview.getAttribute("lang") || document.documentElement.lang || "");
  shown.scrollTop = 0;
  shown.hidden = false;
  shownFor = link;
  describe(link, true);
  place(link);
  revealTarget(shown);
}

/* Forget the preview being prepared (Escape, a click, a new page). */
function cancel() {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  wanted = null;
}

/* Hide the popup; a preview being prepared for another link still opens. */
function hide() {
  clearTimeout(hideTimer);
  if (shownFor) {
    describe(shownFor, false);
    shownFor = null;
  }
  if (popup) {
    popup.hidden = true;
    popup.replaceChildren(); // nothing of another page stays in this one, even hidden
  }
}

/** @param {HTMLAnchorElement} link */
async function open(link) {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  if (shownFor === link) {
    return;
  }
  wanted = link;
  const url = previewURL(link);
  const preview = url ? await previewOf(url) : null;
  /* The pointer or the focus may have moved on while the page was fetched. */
  if (wanted !== link || !link.isConnected) {
    return;
  }
  wanted = null;
  if (preview) {
    show(link, preview);
  } else {
    hide();
  }
}

function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, HIDE_DELAY);
}

/* ---- events, all delegated to the document ---- */

/** @param {EventTarget | null} node */
function inPopup(node) {
  return Boolean(popup && node instanceof Node && popup.contains(node));
}

document.addEventListener("pointerover", (event) => {
  if (event.pointerType === "touch") {
    return; // a tap follows the link; a preview would only flash
  }
  if (inPopup(event.target)) {
    clearTimeout(hideTimer);
    return;
  }
  const link = linkFrom(event.target);
  if (!link) {
    return;
  }
  if (link === shownFor) {
    clearTimeout(hideTimer);
    return;
  }
  clearTimeout(showTimer);
  wanted = link;
  pointer = { x: event.clientX, y: event.clientY };
  showTimer = window.setTimeout(() => open(link), SHOW_DELAY);
});

document.addEventListener("pointerout", (event) => {
  const to = event.relatedTarget;
  const link = linkFrom(event.target);
  const leavingLink = link !== null && !(to instanceof Node && link.contains(to));
  const leavingPopup = inPopup(event.target) && !inPopup(to);
  if (leavingLink && wanted === link) {
    clearTimeout(showTimer);
    wanted = null;
  }
  if (
    (leavingLink && link === shownFor && !inPopup(to)) ||
    (leavingPopup && !(shownFor && to instanceof Node && shownFor.contains(to)))
  ) {
    hideSoon();
  }
});

document.addEventListener("focusin", (event) => {
  const link = linkFrom(event.target);
  if (!link) {
    return;
  }
  /* A click focuses the link too; the pointer's own preview (or the navigation) handles that case. */
  let keyboard = true;
  try {
    keyboard = link.matches(":focus-visible");
  } catch {
    /* a browser without :focus-visible: treat every focus as the keyboard's */
  }
  if (keyboard) {
    pointer = null;
    open(link);
  }
});

document.addEventListener("focusout", (event) => {
  if (shownFor && event.target === shownFor) {
    hide();
  } else if (wanted && event.target === wanted && !wanted.matches(":hover")) {
    wanted = null;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && (shownFor || wanted)) {
    cancel();
    hide();
  }
});

document.addEventListener("click", (event) => {
  if (!inPopup(event.target)) {
    cancel();
    hide();
  }
});

/* The popup is fixed to the viewport: follow the link when the page scrolls. */
window.addEventListener("scroll", () => shownFor && place(shownFor), { passive: true });
window.addEventListener("resize", () => {
  cancel();
  hide();
});

/* Material's instant navigation swaps the page without a reload and announces it on document$. */
const documents = window.document$;
if (documents && typeof documents.subscribe === "function") {
  documents.subscribe(() => {
    cancel();
    hide();
  });
}
