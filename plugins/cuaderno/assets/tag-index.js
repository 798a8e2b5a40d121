/* cuaderno: the site's tags (kb/tags.json), for the explorer and the search box.
 *
 * kb/tags.json lists every tag once: id, parent, label in every language of the
 * site, the ids merged into it (aliases) and how many blocks carry it. A tag
 * lies under its parent and under the dotted ids before it ("aws" > "aws.s3"),
 * so selecting a tag selects both kinds of descendants. Names are compared
 * without case or accents: "seguridad", "Seguridad" and "SEGURIDAD" all name
 * the tag whose Spanish label is "Seguridad".
 */
import { fetchJson } from "./fetch-json.js";

/**
 * @typedef {object} TagEntry
 * @property {string} id
 * @property {string | null} [parent]
 * @property {Record<string, string>} [label]
 * @property {string[]} [aliases]
 * @property {number} [count]
 */

/**
 * @typedef {object} TagIndexData
 * @property {number} [version]
 * @property {string[]} [languages]
 * @property {TagEntry[]} tags
 */

/**
 * Text as compared: decomposed, accents dropped, lower case.
 * @param {unknown} text
 * @returns {string}
 */
export function fold(text) {
  return String(text ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * @param {Map<string, string[]>} map
 * @param {string} key
 * @param {string} id
 */
function add(map, key, id) {
  const found = map.get(key);
  if (!found) map.set(key, [id]);
  else if (found[found.length - 1] !== id) found.push(id); // a tag's names are added one after another
}

export class TagIndex {
  /**
   * Fetch kb/tags.json and index it.
   * @param {string} url
   * @returns {Promise<TagIndex>}
   */
  static async load(url) {
    return new TagIndex(/** @type {TagIndexData} */ (await fetchJson(url)));
  }

  /** @param {TagIndexData} data */
  constructor(data) {
    /** @type {string[]} */
    this.languages = Array.isArray(data.languages) ? data.languages.map(String) : [];
    /** @type {TagEntry[]} */
    this.tags = Array.isArray(data.tags) ? data.tags.filter((tag) => tag && typeof tag.id === "string") : [];
    /** @type {Map<string, number>} tag id -> its place in kb/tags.json (the explorer's files number tags so) */
    this.number = new Map();
    this.tags.forEach((tag, n) => {
      if (!this.number.has(tag.id)) this.number.set(tag.id, n);
    });
    /** @type {Map<string, string[]> | null} folded id, alias or label -> tag ids, made on first use */
    this.names = null;
    /** @type {Map<string, string[]>} tag id -> the tags directly below it */
    this.children = new Map();
    /** @type {Map<string, string[]>} tag id -> the tags directly above it */
    this.parents = new Map();
    /** @type {Map<string, string[]> | null} folded segment of an id -> tag ids, made on first use */
    this.segments = null;
    for (const tag of this.tags) {
      for (const up of this.directParents(tag)) {
        add(this.children, up, tag.id);
        add(this.parents, tag.id, up);
      }
    }
  }

  /**
   * The tags right above `tag`: its parent and its nearest dotted prefix that is a tag.
   * @param {TagEntry} tag
   * @returns {string[]}
   */
  directParents(tag) {
    /** @type {string[]} */
    const found = [];
    if (typeof tag.parent === "string" && tag.parent !== tag.id && this.number.has(tag.parent)) found.push(tag.parent);
    let cut = tag.id.lastIndexOf(".");
    while (cut > 0) {
      const prefix = tag.id.slice(0, cut);
      if (this.number.has(prefix)) {
        if (!found.includes(prefix)) found.push(prefix);
        break;
      }
      cut = prefix.lastIndexOf(".");
    }
    return found;
  }

  /**
   * @param {string} id
   * @returns {TagEntry | undefined}
   */
  get(id) {
    const n = this.number.get(id);
    return n === undefined ? undefined : this.tags[n];
  }

  /**
   * The tags a reader may mean by `term`: those whose id, alias or label (any language) equals it,
   * case and accents aside; failing that, those with a `.`/`_`-separated segment equal to it (`s3`: `aws.s3`).
   * @param {string} term
   * @returns {string[]}
   */
  resolve(term) {
    const key = fold(term).trim();
    if (!key) return [];
    if (!this.names) {
      this.names = new Map();
      for (const tag of this.tags) {
        add(this.names, fold(tag.id), tag.id);
        for (const alias of tag.aliases || []) add(this.names, fold(alias), tag.id);
        for (const label of Object.values(tag.label || {})) if (label) add(this.names, fold(label), tag.id);
      }
    }
    const exact = this.names.get(key);
    if (exact) return exact.slice();
    if (!this.segments) {
      this.segments = new Map();
      for (const tag of this.tags) {
        for (const segment of fold(tag.id).split(/[._]/)) if (segment) add(this.segments, segment, tag.id);
      }
    }
    return (this.segments.get(key) || []).slice();
  }

  /**
   * The tag and every tag below it, at any depth (parent links and dotted ids), each once.
   * @param {string} id
   * @returns {string[]}
   */
  descendants(id) {
    const out = [id];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const child of this.children.get(out[i]) || []) {
        if (!seen.has(child)) {
          seen.add(child);
          out.push(child);
        }
      }
    }
    return out;
  }

  /**
   * Every tag above `id`, nearest first, each once (`id` itself left out).
   * @param {string} id
   * @returns {string[]}
   */
  ancestors(id) {
    /** @type {string[]} */
    const out = [];
    const seen = new Set([id]);
    for (let i = -1; i < out.length; i++) {
      for (const up of this.parents.get(i < 0 ? id : out[i]) || []) {
        if (!seen.has(up)) {
          seen.add(up);
          out.push(up);
        }
      }
    }
    return out;
  }

  /**
   * The tag's label in `lang`, else in another language, else its id.
   * @param {string} id
   * @param {string} lang
   * @returns {string}
   */
  label(id, lang) {
    const labels = this.get(id)?.label || {};
    if (labels[lang]) return labels[lang];
    for (const other of [...this.languages, ...Object.keys(labels)]) if (labels[other]) return labels[other];
    return id;
  }
}
