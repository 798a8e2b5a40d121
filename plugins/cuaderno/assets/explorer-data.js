/* cuaderno: the explorer's data, fetched as the selection needs it (render/explorer_data.py writes it).
 *
 * First kb/tags.json and kb/explorer/blocks.json (small: the tags, the blocks' nesting, languages
 * and notes); then, on demand, the postings of the chosen tags, the cards of the results drawn,
 * the text of the blocks a text filter reads, and the tags of the matching blocks for the
 * remaining counts. Each file is fetched once; kb.json itself never is.
 */
import { BlockShape, chunksOf, undoGaps } from "./explorer-query.js";
import { fetchJson } from "./fetch-json.js";
import { TagIndex, fold } from "./tag-index.js";

/** @typedef {import("./explorer-cards.js").CardBlock} CardBlock */

/**
 * @typedef {object} CardFile what kb/explorer/cards/<n>.json holds
 * @property {Record<string, {title?: string, url?: string}>} notes
 * @property {Record<string, string>} tags each chip's topic page, from the site root
 * @property {CardBlock[]} blocks
 */

const PARALLEL = 6; // files fetched at once (a browser opens about six connections to a host)

export class ExplorerData {
  /**
   * Fetch the tag index and the blocks' shape.
   * @param {string} indexUrl kb/tags.json, relative to the page
   * @param {string} filesUrl kb/explorer/, relative to the page
   * @returns {Promise<ExplorerData>}
   */
  static async load(indexUrl, filesUrl) {
    const [tags, shape] = await Promise.all([
      TagIndex.load(indexUrl),
      fetchJson(filesUrl + "blocks.json"),
    ]);
    return new ExplorerData(filesUrl, tags, new BlockShape(/** @type {import("./explorer-query.js").ShapeData} */ (shape)));
  }

  /**
   * @param {string} filesUrl
   * @param {TagIndex} tags
   * @param {BlockShape} shape
   */
  constructor(filesUrl, tags, shape) {
    this.filesUrl = filesUrl;
    this.tags = tags;
    this.shape = shape;
    /** @type {Map<string, Promise<unknown>>} */
    this.files = new Map();
    /** @type {Map<number, number[]>} tag number -> the blocks under it */
    this.postings = new Map();
    /** @type {(CardBlock | undefined)[]} */
    this.cards = new Array(shape.count);
    /** @type {Map<string, {title?: string, url?: string}>} */
    this.notes = new Map();
    /** @type {Map<string, string>} */
    this.tagUrls = new Map();
    /** @type {(string | undefined)[]} each block's title and text, folded */
    this.haystacks = new Array(shape.count);
    /** @type {(string | undefined)[]} each block's text as written */
    this.texts = new Array(shape.count);
    /** @type {(number[] | undefined)[]} each block's tags, ancestors left out */
    this.own = new Array(shape.count);
    /** @type {(number[] | undefined)[]} each tag's number with its ancestors' */
    this.closures = new Array(tags.tags.length);
  }

  /**
   * A file of kb/explorer/, fetched once.
   * @param {string} path
   * @returns {Promise<unknown>}
   */
  file(path) {
    let found = this.files.get(path);
    if (!found) {
      found = fetchJson(this.filesUrl + path);
      this.files.set(path, found);
      found.catch(() => this.files.delete(path)); // a failed fetch may be tried again
    }
    return found;
  }

  /**
   * Fetch files a few at a time, each handed to `use` as it arrives.
   * @param {string[]} paths
   * @param {(data: unknown, path: string) => void} use
   * @returns {Promise<void>}
   */
  async each(paths, use) {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const path = paths[next++];
        use(await this.file(path), path);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, paths.length) }, worker));
  }

  /**
   * The blocks under each of these tags (the tag or one below it).
   * @param {string[]} ids
   * @returns {Promise<number[][]>}
   */
  async postingsOf(ids) {
    const numbers = ids.map((id) => this.tags.number.get(id) ?? -1);
    const wanted = numbers.filter((n) => n >= 0 && !this.postings.has(n));
    const shards = Array.from(new Set(wanted.map((n) => this.shape.shardOf(n).shard)));
    await this.each(
      shards.map((shard) => `postings/${shard}.json`),
      (data, path) => {
        const shard = Number(path.slice(9, -5));
        const first = this.shape.postingShards[shard] || 0;
        /** @type {number[][]} */ (data).forEach((gaps, offset) => {
          if (!this.postings.has(first + offset)) this.postings.set(first + offset, undoGaps(gaps));
        });
      }
    );
    return numbers.map((n) => this.postings.get(n) || []);
  }

  /**
   * Make sure the cards of these blocks are here.
   * @param {number[]} blocks
   * @returns {Promise<void>}
   */
  async loadCards(blocks) {
    const size = this.shape.cardBlocks;
    const missing = chunksOf(blocks.filter((n) => !this.cards[n]), size);
    await this.each(
      missing.map((chunk) => `cards/${chunk}.json`),
      (data, path) => {
        const file = /** @type {CardFile} */ (data);
        const first = Number(path.slice(6, -5)) * size;
        (file.blocks || []).forEach((card, i) => {
          this.cards[first + i] = card;
        });
        for (const [path, note] of Object.entries(file.notes || {})) this.notes.set(path, note);
        for (const [id, url] of Object.entries(file.tags || {})) this.tagUrls.set(id, url);
      }
    );
  }

  /**
   * Make sure the text of these blocks is here (for the text filter and cards without HTML).
   * @param {number[]} blocks
   * @returns {Promise<void>}
   */
  async loadTexts(blocks) {
    const size = this.shape.textBlocks;
    const missing = chunksOf(blocks.filter((n) => this.haystacks[n] === undefined), size);
    await this.each(
      missing.map((chunk) => `text/${chunk}.json`),
      (data, path) => {
        const first = Number(path.slice(5, -5)) * size;
        /** @type {string[][]} */ (data).forEach(([title, text], i) => {
          this.texts[first + i] = String(text || "");
          this.haystacks[first + i] = fold(`${title || ""}\n${text || ""}`);
        });
      }
    );
  }

  /**
   * Make sure the tags of these blocks are here (for the remaining counts).
   * @param {number[]} blocks
   * @returns {Promise<void>}
   */
  async loadTags(blocks) {
    const size = this.shape.forwardBlocks;
    const missing = chunksOf(blocks.filter((n) => !this.own[n]), size);
    await this.each(
      missing.map((chunk) => `forward/${chunk}.json`),
      (data, path) => {
        const first = Number(path.slice(8, -5)) * size;
        /** @type {number[][]} */ (data).forEach((tags, i) => {
          this.own[first + i] = tags;
        });
      }
    );
  }

  /**
   * A tag's number with its ancestors', by number.
   * @param {number} tag
   * @returns {number[]}
   */
  closure(tag) {
    let found = this.closures[tag];
    if (!found) {
      const id = this.tags.tags[tag]?.id;
      found = [tag];
      if (id !== undefined) {
        for (const up of this.tags.ancestors(id)) {
          const n = this.tags.number.get(up);
          if (n !== undefined) found.push(n);
        }
      }
      this.closures[tag] = found;
    }
    return found;
  }

  /**
   * A block's tags with their ancestors, by number (once `loadTags` has its file).
   * @param {number} block
   * @returns {Set<number>}
   */
  tagsOf(block) {
    const out = new Set();
    for (const tag of this.own[block] || []) for (const up of this.closure(tag)) out.add(up);
    return out;
  }
}
