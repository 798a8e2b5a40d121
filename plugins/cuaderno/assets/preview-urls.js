/* cuaderno: the URL rules of link previews, without a DOM (preview.js and preview-content.js use them).
 *
 * Which links get a preview (same origin, a page rather than a file), the ids a fragment may name,
 * and which URLs a preview's copy may keep: links to http(s), mailto and tel; anything that loads
 * (an image, an SVG <image>) only from this site or as a data: image, so hovering a link sends no
 * request outside the site. Node's unit tests (tests/js/preview-urls.test.js) import it as it is.
 */

/**
 * @typedef {object} LinkTarget
 * @property {URL} url the absolute URL the link points at
 * @property {boolean} samePage it points into the page it is on (only its headings are previewed)
 */

/**
 * Where a link's href leads, when that is a page of this site that a preview can show; else null:
 * another origin, a scheme other than http(s), a file (kb.json, an image, a download), a bare "#".
 * @param {string | null} href the link's href attribute as written
 * @param {URL} here the page the link is on (location)
 * @returns {LinkTarget | null}
 */
export function linkTarget(href, here) {
  if (!href || href === "#") {
    return null;
  }
  let url;
  try {
    url = new URL(href, here);
  } catch {
    return null;
  }
  if (url.origin !== here.origin || !/^https?:$/.test(url.protocol)) {
    return null;
  }
  const last = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  if (last.includes(".") && !/\.html?$/i.test(last)) {
    return null;
  }
  return { url, samePage: url.pathname === here.pathname && url.search === here.search };
}

/**
 * The ids a URL fragment (without its "#") may name, best first: percent-decoded, then as written
 * (an id may itself hold a "%"; a lone "%" does not decode). None for an empty fragment.
 * @param {string} fragment
 * @returns {string[]}
 */
export function fragmentIds(fragment) {
  if (!fragment) {
    return [];
  }
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    /* a lone "%": the fragment as written */
  }
  return decoded === fragment ? [fragment] : [decoded, fragment];
}

/**
 * A URL from the fetched page, resolved against it, that the preview may keep; null to drop it.
 * @param {string} value the attribute's value
 * @param {string} base the URL of the page it came from
 * @param {boolean} media it loads something when shown (src, an SVG href) rather than being followed
 * @param {string} origin this site's origin: the only one media may come from
 * @returns {string | null}
 */
export function cleanURL(value, base, media, origin) {
  let url;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (media) {
    if (url.protocol === "data:") {
      return /^data:image\//i.test(url.href) ? url.href : null;
    }
    /* Media from elsewhere would send a request outside the site on hover. */
    return /^https?:$/.test(url.protocol) && url.origin === origin ? url.href : null;
  }
  return /^(https?|mailto|tel):$/.test(url.protocol) ? url.href : null;
}
