/* cuaderno: previews of links to other pages and sections of the site.
 *
 * When the pointer rests on a link in the page content, or the keyboard focus
 * reaches it, a small popup (role="tooltip") shows what the link points to: the
 * target section (its heading and what follows, up to the next heading of the
 * same or a higher level), the target element's block and what follows it, or,
 * without a fragment, the page's first blocks. The target page comes from the
 * same origin with fetch(), so previews work offline; each page is fetched once.
 *
 * Safety: the fetched page is parsed by DOMParser into an inert document (no
 * scripts run there, no images load). Only copies that went through sanitize()
 * ever reach the live page, cleaned by DOMPurify (served by the site, beside
 * this script): no script, style, frame, object or form elements, no
 * event-handler attributes, no javascript: URLs, no ids (they would clash with
 * the page's own), nothing loaded from other origins (an <img>, an SVG <image>:
 * hovering a link sends no request outside the site). Without DOMPurify a
 * preview shows the target's text only, never its markup.
 *
 * Listeners sit on the document, so pages swapped in by Material's instant
 * navigation keep their previews. The popup holds no text of its own, so the
 * script needs no translation.
 */
(function () {
  "use strict";

  const SHOW_DELAY = 300;      // ms the pointer rests on a link before the preview opens
  const HIDE_DELAY = 300;      // ms to move the pointer from the link into the popup
  const TEXT_BUDGET = 1200;    // characters of prose shown at most
  const PRE_COST = 300;        // a <pre> scrolls inside the popup: it costs at most this much
  const PRE_LIMIT = 4000;      // characters kept of one <pre>
  const MAX_BLOCKS = 8;        // blocks shown at most (a heading is a block)
  const MAX_CANDIDATES = 40;   // blocks looked at, some of which sanitizing may empty
  const GAP = 6;               // px between the link and the popup
  const MARGIN = 8;            // px kept free at the viewport's edges
  const CONTENT = "article.md-content__inner";
  const POPUP_ID = "cdn-preview";
  const TARGET_MARK = "data-cdn-preview-target";

  const HEADINGS = "h1, h2, h3, h4, h5, h6";
  const BLOCKS = "p, pre, figure, table, ul, ol, dl, blockquote, details, article, section, div";
  /* Containers whose children are the blocks to weigh (a topic page's list of blocks). */
  const GROUPS = ".cdn-blocks";
  /* Parts of a page that are controls or decoration, not content. */
  const SKIPPED = ".headerlink, .cdn-lang-filter, .cdn-diagram-bar, .md-content__button, .md-source-file";

  const DROP_ELEMENTS = new Set([
    "script", "style", "link", "meta", "base", "template", "noscript",
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
    "form", "input", "button", "select", "option", "textarea", "dialog",
    "audio", "video", "source", "track", "canvas",
    /* SVG parts that can load other documents or rewrite attributes (href) over time */
    "foreignobject", "use", "animate", "animatemotion", "animatetransform", "set", "discard",
  ]);
  const DROP_ATTRIBUTES = new Set([
    "id", "name", "srcset", "sizes", "ping", "action", "formaction", "autofocus", "tabindex",
    "contenteditable", "accesskey", "form", "popover", "popovertarget", "popovertargetaction",
    "is", "nonce", "slot", "role", "for", "headers", "usemap",
    /* they point at ids, which the copy no longer has */
    "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "aria-activedescendant",
    "aria-details", "aria-errormessage", "aria-flowto",
  ]);
  const LINK_ATTRIBUTES = new Set(["href", "xlink:href", "cite", "longdesc"]);
  const MEDIA_ATTRIBUTES = new Set(["src", "poster", "background", "data", "lowsrc", "dynsrc", "codebase"]);
  const KEEP_DATA = new Set(["data-tag", "data-lang", TARGET_MARK]);
  /* Python-Markdown writes this on aligned table cells; any other inline style is dropped. */
  const SAFE_STYLE = /^\s*text-align:\s*(left|right|center);?\s*$/i;

  const pages = new Map();     // page URL (no fragment) -> Promise<{doc, base} | null>
  const previews = new Map();  // full URL -> sanitized preview in an inert document, or null
  let popup = null;
  let shownFor = null;         // the link whose preview is shown
  let wanted = null;           // the link a preview is being prepared for
  let showTimer = 0;
  let hideTimer = 0;
  let pointer = null;          // where the pointer rested on the link; null when the keyboard opened it

  /* ---- which links get a preview ---- */

  function byId(doc, fragment) {
    if (!fragment) {
      return null;
    }
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch (error) {
      /* a lone "%": use the fragment as written */
    }
    return doc.getElementById(id) || doc.getElementById(fragment);
  }

  function isHeading(element) {
    return /^H[1-6]$/.test(element.tagName);
  }

  /* The URL a link previews, or null: same origin, a page (not a file), and for a
     link within this page only when it points at a heading. */
  function previewURL(link) {
    const raw = link.getAttribute("href");
    if (!raw || raw === "#" || link.hasAttribute("download")) {
      return null;
    }
    let url;
    try {
      url = new URL(raw, location.href);
    } catch (error) {
      return null;
    }
    if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) {
      return null;
    }
    const last = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
    if (last.includes(".") && !/\.html?$/i.test(last)) {
      return null;  // kb.json, an image, a download
    }
    const samePage = url.pathname === location.pathname && url.search === location.search;
    if (samePage) {
      /* Other fragments of this page are controls (the topic pages' language filter). */
      const target = byId(document, url.hash.slice(1));
      if (!target || !isHeading(target)) {
        return null;
      }
    }
    return url;
  }

  function linkFrom(node) {
    const link = node instanceof Element ? node.closest("a[href]") : null;
    if (!link || !link.closest(CONTENT) || link.matches(SKIPPED)) {
      return null;
    }
    return previewURL(link) ? link : null;
  }

  /* ---- fetching and cutting out the preview ---- */

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
          pages.delete(pageURL);  // try again next time: the server may be back
        }
      });
    }
    return entry;
  }

  function headingLevel(element) {
    return isHeading(element) ? Number(element.tagName[1]) : 0;
  }

  function headingText(heading) {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(SKIPPED).forEach((element) => element.remove());
    return copy.textContent.trim();
  }

  /* The element after `node` in reading order, climbing out of wrappers, never out of `root`. */
  function following(node, root) {
    for (let at = node; at && at !== root; at = at.parentElement) {
      if (at.nextElementSibling) {
        return at.nextElementSibling;
      }
    }
    return null;
  }

  /* A heading of this level or higher ends the section; so does a wrapper holding one. */
  function endsSection(element, level) {
    if (level < 1) {
      return false;
    }
    const stop = [1, 2, 3, 4, 5, 6].filter((n) => n <= level).map((n) => "h" + n).join(", ");
    return element.matches(stop) || element.querySelector(stop) !== null;
  }

  /* The heading that opens the section holding `element`, or null. */
  function sectionHeading(element, root) {
    const headings = Array.from(root.querySelectorAll(HEADINGS));
    let found = null;
    for (const heading of headings) {
      if (heading === element || heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = heading;
      } else {
        break;
      }
    }
    return found;
  }

  function nearestBlock(element, root) {
    let at = element;
    while (at.parentElement && at.parentElement !== root && !at.matches(BLOCKS)) {
      at = at.parentElement;
    }
    return at;
  }

  function hasContent(element) {
    return element.textContent.trim() !== "" || element.matches("img, svg") || element.querySelector("img, svg") !== null;
  }

  /* What the preview shows: the original elements, in order, and the page title. */
  function select(doc, url) {
    const root = doc.querySelector(CONTENT);
    if (!root) {
      return null;
    }
    const h1 = root.querySelector("h1");
    const title = h1 ? headingText(h1) : doc.title;
    const target = byId(doc, url.hash.slice(1));
    let heading = h1;
    let start = h1 ? following(h1, root) : root.firstElementChild;
    let level = 0;  // a page preview is cut by length only
    let marked = null;
    let first = null;  // the target's own block: shown even if it holds a heading
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
        at = at.firstElementChild;  // a topic page's blocks: each one is shown or left out on its own
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
    return { root, title, heading, blocks, marked, showTitle: heading !== h1 };
  }

  /* ---- sanitizing a copy: DOMPurify, with cuaderno's rules as its configuration and hooks ---- */

  const PURIFY_CONFIG = {
    FORBID_TAGS: Array.from(DROP_ELEMENTS),
    FORBID_ATTR: Array.from(DROP_ATTRIBUTES),
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: Array.from(KEEP_DATA),
    RETURN_DOM: true,
  };
  let purifier;          // this script's own DOMPurify, null without the script (previews are then plain text)
  let purifyBase = "";   // the URL the copy being cleaned came from: its relative URLs resolve against it

  function cleanURL(value, base, media) {
    let url;
    try {
      url = new URL(value, base);
    } catch (error) {
      return null;
    }
    if (media) {
      if (url.protocol === "data:") {
        return /^data:image\//i.test(url.href) ? url.href : null;
      }
      /* Media from elsewhere would send a request outside the site on hover. */
      return /^https?:$/.test(url.protocol) && url.origin === location.origin ? url.href : null;
    }
    return /^(https?|mailto|tel):$/.test(url.protocol) ? url.href : null;
  }

  /* Each attribute DOMPurify keeps: URLs resolved against the fetched page; anything that loads (src,
     and href on all but links: an SVG <image>, <feImage>) only from this site; styles only aligning cells. */
  function checkAttribute(node, data) {
    const name = data.attrName;
    if (name === "style") {
      data.keepAttr = SAFE_STYLE.test(data.attrValue);
    } else if (LINK_ATTRIBUTES.has(name) || MEDIA_ATTRIBUTES.has(name)) {
      const media = MEDIA_ATTRIBUTES.has(name) || node.localName !== "a";
      const url = cleanURL(data.attrValue, purifyBase, media);
      if (url) {
        data.attrValue = url;
      } else {
        data.keepAttr = false;
      }
    }
  }

  function getPurifier() {
    if (purifier === undefined) {
      const factory = window.DOMPurify;
      purifier = typeof factory === "function" ? factory(window) : null;
      if (purifier && purifier.isSupported) {
        purifier.addHook("uponSanitizeAttribute", checkAttribute);
      } else {
        purifier = null;
      }
    }
    return purifier;
  }

  function removeComments(root) {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
    const dead = [];
    while (walker.nextNode()) {
      dead.push(walker.currentNode);
    }
    dead.forEach((node) => node.remove());
  }

  /* A clean copy of `block` for the inert document `doc`, or null. Controls of the page are left out;
     DOMPurify cleans the rest. Without DOMPurify the copy is the block's text, never its markup. */
  function sanitize(block, base, doc) {
    if (block.matches(SKIPPED)) {
      return null;
    }
    const copy = block.cloneNode(true);
    copy.querySelectorAll(SKIPPED + ", script, style, template, noscript").forEach((element) => element.remove());
    removeComments(copy);
    const dompurify = getPurifier();
    if (!dompurify) {
      const text = copy.textContent.trim();
      /* A fresh element of the page's own making: a heading keeps its level, code its line breaks. */
      const kind = isHeading(copy) ? copy.localName : copy.matches("pre") || copy.querySelector("pre") ? "pre" : "p";
      const plain = doc.createElement(kind);
      plain.textContent = text;
      return plain;
    }
    purifyBase = base;
    const clean = dompurify.sanitize(copy.outerHTML, PURIFY_CONFIG).firstElementChild;
    if (!clean) {
      return null;
    }
    const result = doc.importNode(clean, true);  // into the inert document: nothing loads there
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
      result.setAttribute("tabindex", "-1");  // the keyboard stays on the page, not in the tooltip
    }
    return result;
  }

  /* ---- trimming ---- */

  function cost(element) {
    const pres = element.matches("pre") ? [element] : Array.from(element.querySelectorAll("pre"));
    let total = element.textContent.length;
    for (const pre of pres) {
      total -= pre.textContent.length - Math.min(pre.textContent.length, PRE_COST);
    }
    return total;
  }

  /* Cut `element` after `budget` characters of text, at a word, and mark the cut with "…". */
  function trim(element, budget) {
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let used = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (used + node.data.length > budget) {
        const cut = node.data.slice(0, Math.max(0, budget - used));
        node.data = cut.replace(/\s+\S*$/, "").replace(/\s+$/, "") + "\u2026";
        for (let at = node; at && at !== element; at = at.parentNode) {
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

  /* A heading in the popup is shown as a heading but is not one: the page's outline stays the page's. */
  function demote(heading) {
    const line = heading.ownerDocument.createElement("p");
    line.className = "cdn-preview-heading";
    line.setAttribute("data-level", heading.tagName[1]);
    while (heading.firstChild) {
      line.appendChild(heading.firstChild);
    }
    return line;
  }

  /* The preview of `url`, built in an inert document: a <div> ready to be imported, or null. */
  function build(page, url) {
    const chosen = select(page.doc, url);
    if (!chosen) {
      return null;
    }
    const doc = page.doc;
    const box = doc.createElement("div");
    const language = chosen.root.closest("[lang]");  // a note's article carries its own language
    box.setAttribute("lang", language ? language.getAttribute("lang") : "");
    if (chosen.showTitle && chosen.title) {
      const title = doc.createElement("p");
      title.className = "cdn-preview-title";
      title.textContent = chosen.title;
      box.appendChild(title);
    }
    const body = doc.createElement("div");
    body.className = "cdn-preview-body md-typeset";
    box.appendChild(body);
    if (chosen.marked) {
      chosen.marked.setAttribute(TARGET_MARK, "");
    }
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
        copy.querySelectorAll("pre").forEach((pre) => trim(pre, PRE_LIMIT));
        if (copy.matches("pre")) {
          trim(copy, PRE_LIMIT);
        }
        const price = cost(copy);
        if (used + price > TEXT_BUDGET && body.childElementCount > 0) {
          const room = TEXT_BUDGET - used;
          if (room >= 160 && !copy.querySelector("pre") && !copy.matches("pre")) {
            trim(copy, room);
            body.appendChild(copy);
          }
          body.appendChild(ellipsis(doc));
          break;
        }
        if (price > TEXT_BUDGET && trim(copy, TEXT_BUDGET)) {
          body.appendChild(copy);
          break;
        }
        body.appendChild(copy);
        used += price;
      }
    } finally {
      if (chosen.marked) {
        chosen.marked.removeAttribute(TARGET_MARK);
      }
    }
    return hasContent(body) ? box : null;
  }

  function ellipsis(doc) {
    const more = doc.createElement("p");
    more.className = "cdn-preview-more";
    more.setAttribute("aria-hidden", "true");
    more.textContent = "\u2026";
    return more;
  }

  async function previewOf(url) {
    if (!previews.has(url.href)) {
      const pageURL = new URL(url.href);
      pageURL.hash = "";
      const page = await load(pageURL.href);
      if (!page) {
        return null;  // not cached: a failed fetch is tried again later
      }
      previews.set(url.href, build(page, url));
    }
    return previews.get(url.href);
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

  /* The part of the link to attach the popup to: a link that wraps has one box per line; take
     the line under the pointer, else the first. Vertically, the whole link stays uncovered. */
  function anchorBox(link) {
    const rects = Array.from(link.getClientRects());
    const whole = link.getBoundingClientRect();
    let line = rects[0] || whole;
    if (pointer) {
      line = rects.find((r) => pointer.x >= r.left && pointer.x <= r.right &&
        pointer.y >= r.top && pointer.y <= r.bottom) || line;
    }
    return { left: line.left, top: whole.top, bottom: whole.bottom };
  }

  /* Below the link, or above it when there is more room there; always inside the viewport. */
  function place(link) {
    if (!popup || popup.hidden) {
      return;
    }
    const rect = anchorBox(link);
    const width = document.documentElement.clientWidth;
    const height = window.innerHeight;
    popup.style.maxHeight = "";
    popup.style.left = "0px";
    popup.style.top = "0px";
    const natural = popup.offsetHeight;
    const below = height - rect.bottom - GAP - MARGIN;
    const above = rect.top - GAP - MARGIN;
    const downwards = natural <= below || below >= above;
    const room = Math.max(80, downwards ? below : above);
    if (natural > room) {
      popup.style.maxHeight = room + "px";
    }
    const box = popup.offsetHeight;
    const left = Math.max(MARGIN, Math.min(rect.left, width - popup.offsetWidth - MARGIN));
    const top = downwards ? rect.bottom + GAP : rect.top - GAP - box;
    popup.style.left = Math.round(left) + "px";
    popup.style.top = Math.round(top) + "px";
    popup.dataset.side = downwards ? "below" : "above";
  }

  /* Scroll a long <pre> (or the popup) so the element the link points at is in view. */
  function revealTarget() {
    const target = popup.querySelector("[" + TARGET_MARK + "]");
    if (!target) {
      return;
    }
    for (const scroller of [target.closest("pre"), popup]) {
      if (scroller && scroller.scrollHeight > scroller.clientHeight) {
        const offset = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
        scroller.scrollTop += offset - scroller.clientHeight / 3;
      }
    }
  }

  function show(link, preview) {
    ensurePopup();
    if (shownFor && shownFor !== link) {
      describe(shownFor, false);
    }
    popup.replaceChildren(document.importNode(preview, true));
    popup.setAttribute("lang", preview.getAttribute("lang") || document.documentElement.lang || "");
    popup.scrollTop = 0;
    popup.hidden = false;
    shownFor = link;
    describe(link, true);
    place(link);
    revealTarget();
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
      popup.replaceChildren();  // nothing of another page stays in this one, even hidden
    }
  }

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
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  /* ---- events, all delegated to the document ---- */

  function inPopup(node) {
    return Boolean(popup && node instanceof Node && popup.contains(node));
  }

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") {
      return;  // a tap follows the link; a preview would only flash
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
    showTimer = setTimeout(() => open(link), SHOW_DELAY);
  });

  document.addEventListener("pointerout", (event) => {
    const to = event.relatedTarget;
    const link = linkFrom(event.target);
    const leavingLink = link && !(to instanceof Node && link.contains(to));
    const leavingPopup = inPopup(event.target) && !inPopup(to);
    if (leavingLink && wanted === link) {
      clearTimeout(showTimer);
      wanted = null;
    }
    if ((leavingLink && link === shownFor && !inPopup(to)) ||
        (leavingPopup && !(shownFor && to instanceof Node && shownFor.contains(to)))) {
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
    } catch (error) {
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
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => {
      cancel();
      hide();
    });
  }
})();
