/* cuaderno: the explorer's tag list, drawn lazily: only the rows in view exist, so 100,000 tags
 * cost what thirty do. Rows follow the tag tree (parent links and dotted ids, any depth), each
 * with its count and, once something is chosen, how many results it would leave.
 *
 * Keys: Tab reaches the rows drawn; in the list, arrow keys move between rows (scrolling the
 * list), Home and End go to the first and the last, Space toggles a row.
 */
import { el } from "./dom.js";
import { fill, treeOrder } from "./explorer-query.js";
import { fold } from "./tag-index.js";

export const ROW_PX = 28; // every row has this height, so a row's place is its number times it
const OVERSCAN = 8; // rows drawn above and below the view

export class TagPicker {
  /**
   * @param {import("./tag-index.js").TagIndex} index
   * @param {string} lang
   * @param {Record<string, string>} s
   * @param {(id: string, on: boolean) => void} onToggle
   */
  constructor(index, lang, s, onToggle) {
    this.index = index;
    this.lang = lang;
    this.s = s;
    this.onToggle = onToggle;
    const { order, levels } = treeOrder(index);
    this.order = order;
    this.levels = levels;
    /** @type {number[] | null} rows shown while a filter is typed (places in `order`); null: all */
    this.visible = null;
    /** @type {(string | undefined)[]} each tag's id, labels and aliases, folded, made on the first filter */
    this.searchText = [];
    /** @type {Set<string>} */
    this.selected = new Set();
    /** @type {Map<number, number> | null} tag number -> results it would leave; null: nothing chosen */
    this.counts = null;
    /** @type {number[]} how many results each tag gives alone */
    this.alone = [];
    this.mode = "and";
    /** @type {Map<number, HTMLElement>} place in the list -> its row, for the rows drawn */
    this.rows = new Map();
    this.spacer = el("div", { className: "cdn-x-rows" });
    this.element = el("div", { className: "cdn-x-dimensions", role: "group", "aria-label": s.tags }, [this.spacer]);
    this.element.addEventListener("scroll", () => this.draw(), { passive: true });
    this.element.addEventListener("keydown", (event) => this.key(event));
    this.element.addEventListener("change", (event) => {
      const box = event.target instanceof HTMLInputElement ? event.target : null;
      if (box && box.type === "checkbox") this.onToggle(box.value, box.checked);
    });
    if (typeof ResizeObserver === "function") new ResizeObserver(() => this.draw()).observe(this.element);
    this.resize();
  }

  /** @returns {number} how many rows the list has now */
  get length() {
    return this.visible ? this.visible.length : this.order.length;
  }

  /**
   * The tag number of a row.
   * @param {number} row
   * @returns {number}
   */
  tagAt(row) {
    return this.order[this.visible ? this.visible[row] : row];
  }

  resize() {
    this.spacer.style.height = `${this.length * ROW_PX}px`;
  }

  /**
   * Keep the rows whose id, labels (every language) or aliases hold every word, with their ancestors;
   * "" shows every row.
   * @param {string} text
   * @returns {number} how many rows are left
   */
  filter(text) {
    const wanted = fold(text).split(/\s+/).filter(Boolean);
    if (!wanted.length) {
      this.visible = null;
    } else {
      const keep = new Uint8Array(this.index.tags.length);
      this.index.tags.forEach((tag, n) => {
        let search = this.searchText[n];
        if (search === undefined) search = this.searchText[n] = fold([tag.id, ...Object.values(tag.label || {}), ...(tag.aliases || [])].join(" "));
        if (!wanted.every((word) => /** @type {string} */ (search).includes(word))) return;
        keep[n] = 1;
        for (const up of this.index.ancestors(tag.id)) keep[this.index.number.get(up) ?? n] = 1;
      });
      /** @type {number[]} */
      const visible = [];
      for (let row = 0; row < this.order.length; row++) if (keep[this.order[row]]) visible.push(row);
      this.visible = visible;
    }
    this.clear();
    this.resize();
    this.element.scrollTop = 0;
    this.draw();
    return this.length;
  }

  /**
   * Show a new selection and its counts.
   * @param {Set<string>} selected
   * @param {Map<number, number> | null} counts
   * @param {string} mode
   */
  update(selected, counts, mode) {
    this.selected = selected;
    this.counts = counts;
    this.mode = mode;
    this.element.classList.toggle("cdn-x-active", counts !== null);
    for (const [row, node] of this.rows) this.fillRow(node, this.tagAt(row));
  }

  clear() {
    for (const node of this.rows.values()) node.remove();
    this.rows.clear();
  }

  /** Draw the rows in view (and a few around them); drop the others, but a focused one. */
  draw() {
    const height = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_PX) - OVERSCAN);
    const last = Math.min(this.length, Math.ceil((this.element.scrollTop + height) / ROW_PX) + OVERSCAN);
    for (const [row, node] of this.rows) {
      if ((row < first || row >= last) && !node.contains(document.activeElement)) {
        node.remove();
        this.rows.delete(row);
      }
    }
    for (let row = first; row < last; row++) {
      if (this.rows.has(row)) continue;
      const node = this.makeRow(row);
      this.rows.set(row, node);
      this.spacer.appendChild(node);
    }
  }

  /**
   * @param {number} row
   * @returns {HTMLElement}
   */
  makeRow(row) {
    const n = this.tagAt(row);
    const tag = this.index.tags[n];
    const label = this.index.label(tag.id, this.lang);
    const level = this.visible ? this.levels[this.visible[row]] : this.levels[row];
    const domId = `cdn-x-tag-${n}`;
    const node = el("div", { className: level ? "cdn-x-tag" : "cdn-x-tag cdn-x-top", "data-tag": tag.id, "data-row": row }, [
      el("input", { type: "checkbox", id: domId, value: tag.id }),
      el("label", { htmlFor: domId }, [
        el("span", { className: "cdn-x-name" }, [
          el("span", { className: "cdn-x-label", textContent: label }),
          label !== tag.id ? " " : null,
          label !== tag.id ? el("code", { textContent: tag.id }) : null,
        ]),
        el("span", { className: "cdn-count" }),
        el("span", { className: "cdn-x-cooccur" }),
      ]),
    ]);
    node.style.top = `${row * ROW_PX}px`;
    node.style.height = `${ROW_PX}px`;
    node.style.setProperty("--cdn-x-level", String(level));
    node.title = tag.id;
    this.fillRow(node, n);
    return node;
  }

  /**
   * A row's state: checked, its count, what it would leave.
   * @param {HTMLElement} node
   * @param {number} n
   */
  fillRow(node, n) {
    const id = this.index.tags[n].id;
    const on = this.selected.has(id);
    const box = /** @type {HTMLInputElement} */ (node.querySelector("input"));
    const count = /** @type {HTMLElement} */ (node.querySelector(".cdn-count"));
    const left = /** @type {HTMLElement} */ (node.querySelector(".cdn-x-cooccur"));
    const alone = this.alone[n] ?? this.index.tags[n].count ?? 0;
    box.checked = on;
    node.classList.toggle("cdn-x-selected", on);
    count.textContent = String(alone);
    count.title = fill(this.s.tag_count, { count: alone });
    const remaining = this.counts ? this.counts.get(n) || 0 : 0;
    node.classList.toggle("cdn-related", remaining > 0 && !on);
    node.classList.toggle("cdn-x-none", this.counts !== null && !remaining && !on);
    left.textContent = this.counts && !on && remaining ? String(remaining) : "";
    left.title = left.textContent ? fill(this.mode === "or" ? this.s.related : this.s.remaining, { count: remaining }) : "";
    node.setAttribute("data-remaining", this.counts ? String(remaining) : "");
  }

  /**
   * Bring a tag's row into view and focus its box; false when the list does not show it.
   * @param {string} id
   * @returns {boolean}
   */
  focusTag(id) {
    const n = this.index.number.get(id);
    if (n === undefined) return false;
    for (let row = 0; row < this.length; row++) if (this.tagAt(row) === n) return this.focusRow(row);
    return false;
  }

  /**
   * @param {number} row
   * @returns {boolean}
   */
  focusRow(row) {
    if (row < 0 || row >= this.length) return false;
    const top = row * ROW_PX;
    const view = this.element.clientHeight || 600;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_PX > this.element.scrollTop + view) this.element.scrollTop = top + ROW_PX - view;
    this.draw();
    const box = this.rows.get(row)?.querySelector("input");
    if (box) box.focus({ preventScroll: true });
    return Boolean(box);
  }

  /** @param {KeyboardEvent} event */
  key(event) {
    const row = event.target instanceof Element ? Number(event.target.closest(".cdn-x-tag")?.getAttribute("data-row")) : NaN;
    if (Number.isNaN(row)) return;
    const page = Math.max(1, Math.floor((this.element.clientHeight || 600) / ROW_PX) - 1);
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: row + 1, ArrowUp: row - 1, PageDown: row + page, PageUp: row - page, Home: 0, End: this.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.focusRow(Math.max(0, Math.min(this.length - 1, moves[event.key])));
  }
}
