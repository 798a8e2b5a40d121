/* cuaderno: what survives in a link preview's copy of another page, as DOMPurify's configuration
 * and the verdict of its attribute hook. No DOM here: preview-content.js applies the rules, node's
 * unit tests (tests/js/preview-rules.test.js) check them.
 *
 * No script, style, frame, object or form elements, no event-handler attributes (DOMPurify's own
 * rules), no ids (they would clash with the page's), no URL that runs script or loads from another
 * origin (preview-urls.js), no inline style but the alignment of table cells.
 */
import { cleanURL } from "./preview-urls.js";

/** Marks the element a link's fragment points at, so the popup can scroll it into view. */
export const TARGET_MARK = "data-cdn-preview-target";

export const DROP_ELEMENTS = Object.freeze([
  "script", "style", "link", "meta", "base", "template", "noscript",
  "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
  "form", "input", "button", "select", "option", "textarea", "dialog",
  "audio", "video", "source", "track", "canvas",
  /* SVG parts that can load other documents or rewrite attributes (href) over time */
  "foreignobject", "use", "animate", "animatemotion", "animatetransform", "set", "discard",
]);

export const DROP_ATTRIBUTES = Object.freeze([
  "id", "name", "srcset", "sizes", "ping", "action", "formaction", "autofocus", "tabindex",
  "contenteditable", "accesskey", "form", "popover", "popovertarget", "popovertargetaction",
  "is", "nonce", "slot", "role", "for", "headers", "usemap",
  /* they point at ids, which the copy no longer has */
  "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "aria-activedescendant",
  "aria-details", "aria-errormessage", "aria-flowto",
]);

/** Attributes followed when clicked (on an <a>; anywhere else an href loads, as an SVG <image>'s). */
const LINK_ATTRIBUTES = new Set(["href", "xlink:href", "cite", "longdesc"]);
/** Attributes that load what they name as soon as the element is shown. */
const MEDIA_ATTRIBUTES = new Set(["src", "poster", "background", "data", "lowsrc", "dynsrc", "codebase"]);
/** The data attributes a copy keeps: a chip's tag and language, and the target's mark. */
const KEEP_DATA = Object.freeze(["data-tag", "data-lang", TARGET_MARK]);
/** Python-Markdown writes this on aligned table cells; any other inline style is dropped. */
const SAFE_STYLE = /^\s*text-align:\s*(left|right|center);?\s*$/i;

/** DOMPurify's configuration for a preview's copy (RETURN_DOM is added where it is called). */
export const PURIFY_CONFIG = Object.freeze({
  FORBID_TAGS: [...DROP_ELEMENTS],
  FORBID_ATTR: [...DROP_ATTRIBUTES],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: [...KEEP_DATA],
});

/**
 * @typedef {object} Verdict
 * @property {boolean} keep whether the attribute stays
 * @property {string} value its value if it stays (a URL resolved against the page it came from)
 */

/**
 * What happens to an attribute DOMPurify would keep: null leaves it to DOMPurify; otherwise
 * styles stay only aligning cells, and URLs only as cleanURL allows them.
 * @param {string} element the element's local name, e.g. "a", "img", "image"
 * @param {string} name the attribute's name, lowercased
 * @param {string} value
 * @param {string} base the URL of the page the copy came from
 * @param {string} origin this site's origin
 * @returns {Verdict | null}
 */
export function attributeVerdict(element, name, value, base, origin) {
  if (name === "style") {
    return { keep: SAFE_STYLE.test(value), value };
  }
  const media = MEDIA_ATTRIBUTES.has(name);
  if (!media && !LINK_ATTRIBUTES.has(name)) {
    return null;
  }
  const url = cleanURL(value, base, media || element !== "a", origin);
  return url === null ? { keep: false, value } : { keep: true, value: url };
}
