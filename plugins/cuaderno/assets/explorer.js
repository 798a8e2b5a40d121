/* cuaderno: the tag explorer (explore/), filled from the site's static kb.json.
 *
 * The whole selection lives in the page's query string, kept current with
 * history.replaceState, so a view can be bookmarked and shared:
 *
 *   explore/?tags=aws.s3,security&mode=and&depth=0&text=bucket&lang=es
 *
 *   tags   selected tag ids, comma-separated, each percent-encoded. A tag
 *          selects every tag beneath it ("aws" selects "aws.s3").
 *   mode   "and" (a block carries every selected tag; the default) or "or"
 *          (at least one).
 *   depth  0-3 (default 0): show the matching block itself (0) or the block
 *          that many levels up that encloses it; duplicates are shown once.
 *   text   text filter: every word must occur in the block's title or text
 *          (case and accents ignored). Not "q": Material for MkDocs reads
 *          ?q= on every page and opens its search dialog with it.
 *   lang   only blocks in this language; absent means all languages.
 *
 * Parameters at their default are left out; other parameters are kept as
 * they are. A block matches a tag when the tag or one beneath it is among the
 * block's tags, inherited tags or automatic tags. When a block and a block
 * enclosing it both match, only the outermost is listed.
 *
 * Speed: each block's tag set (with every ancestor) and folded text are
 * computed once; results are drawn PAGE at a time and each card is built once.
 * The last update's duration is on the results as data-ms (filtering and
 * drawing) and data-filter-ms (filtering alone).
 *
 * The only request made is for kb.json (the relative URL in data-kb). Text
 * from kb.json reaches the page through textContent and attribute setters;
 * links are relative or http(s). A block's `html` (its first lines as its
 * note page shows them: Markdown rendered, chips for markers) is cleaned by
 * DOMPurify in a document of its own, where no script runs and nothing loads,
 * and only content crosses over (see cleanBlock); without DOMPurify a card
 * shows the block's text.
 */
(function () {
  "use strict";

  var MAX_LINES = 40; // lines of a block shown before "show all"
  var PAGE = 100; // results added to the page at a time, so a broad selection stays fast
  var DEPTHS = [0, 1, 2, 3];
  var PARAMS = ["tags", "mode", "depth", "text", "lang"];

  /* Small helpers ---------------------------------------------------------- */

  function fold(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Make an element: props are properties (textContent, className, …) or,
   * for names with a dash, attributes. Children are nodes or strings. */
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === undefined || value === null) return;
      if (name.indexOf("-") >= 0 || name === "role") node.setAttribute(name, String(value));
      else node[name] = value;
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* "a.b.c" -> ["a", "a.b", "a.b.c"] */
  function selfAndAncestors(id) {
    var parts = String(id).split(".");
    var out = [];
    for (var i = 1; i <= parts.length; i++) out.push(parts.slice(0, i).join("."));
    return out;
  }

  /* A link target from kb.json: http(s) as is, site-relative paths under
   * `root` (the interface's root; kb.json URLs already in this interface,
   * `prefix`, lose it); anything else (javascript:, data:, //host) gives null. */
  function safeHref(url, root, prefix) {
    if (typeof url !== "string") return null;
    if (/^[a-z][a-z0-9+.\-]*:/i.test(url)) return /^https?:\/\//i.test(url) ? url : null;
    if (/^[\/\\]/.test(url)) return null;
    if (prefix && url.indexOf(prefix) === 0) url = url.slice(prefix.length);
    return root + url;
  }

  /* A block's HTML, safe to show ---------------------------------------------
   * Allowed: content elements, a few harmless attributes, links through
   * safeHref, images from the site itself. Everything else is dropped: scripts,
   * styles, frames, forms, embedded objects, event handlers, ids, inline styles
   * (but table cells' alignment), the note page's diagram controls. */
  var DROP_ELEMENTS = /^(script|style|link|meta|base|template|noscript|iframe|frame|frameset|object|embed|applet|portal|form|input|button|select|option|textarea|dialog|audio|video|source|track|canvas|foreignobject|use|animate|animatemotion|animatetransform|set|discard)$/i;
  var KEEP_ATTRIBUTES = ["class", "lang", "title", "alt", "colspan", "rowspan", "start", "open", "data-tag", "data-lang", "aria-hidden", "aria-label", "width", "height"];
  var SAFE_STYLE = /^\s*text-align:\s*(left|right|center);?\s*$/i;

  function cleanBlock(root, base, prefix, label) {
    var elements = Array.prototype.slice.call(root.querySelectorAll("*")).reverse(); // children before parents
    elements.forEach(function (node) {
      if (DROP_ELEMENTS.test(node.localName) || node.classList.contains("cdn-diagram-bar")) {
        node.remove();
        return;
      }
      Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
        var name = attribute.name.toLowerCase();
        var value = attribute.value;
        if (name === "href" && node.localName === "a") {
          var href = safeHref(value.charAt(0) === "#" ? null : value, base, prefix);
          if (href) node.setAttribute("href", href);
          else node.removeAttribute("href");
        } else if ((name === "href" || name === "xlink:href") && node.localName !== "a") {
          /* An SVG <image> or <feImage> loads what it names: only pictures of the site itself. */
          var source = /^data:image\//i.test(value) ? value : safeHref(value, base, prefix);
          if (source && !/^https?:/i.test(source)) node.setAttribute(attribute.name, source);
          else node.removeAttribute(attribute.name);
        } else if (name === "src") {
          /* Only pictures of the site itself (or inline ones): showing a card requests nothing elsewhere. */
          var src = /^data:image\//i.test(value) ? value : safeHref(value, base, prefix);
          if (src && !/^https?:/i.test(src)) node.setAttribute("src", src);
          else node.replaceWith(document.createTextNode(node.getAttribute("alt") || ""));
        } else if (!(KEEP_ATTRIBUTES.indexOf(name) >= 0 || (name === "style" && SAFE_STYLE.test(value)))) {
          node.removeAttribute(attribute.name);
        }
      });
      if (node.localName === "img" && !node.getAttribute("src")) {
        node.replaceWith(document.createTextNode(node.getAttribute("alt") || "")); // nothing to show of it here
        return;
      }
      if (node.localName === "a" && node.classList.contains("cdn-tag") && node.getAttribute("data-tag")) {
        node.textContent = label(node.getAttribute("data-tag")); // chips in this page's language
      }
    });
    return root;
  }

  /* DOMPurify (served by the site before this script) cleans a block's HTML first, in a document of
   * its own; cleanBlock then applies the site's rules. Without DOMPurify, cards show the block's text. */
  var PURIFY_CONFIG = {
    FORBID_TAGS: ["style", "form", "input", "button", "select", "option", "textarea", "audio", "video", "source", "track", "canvas", "use", "foreignobject", "animate", "animatemotion", "animatetransform", "set"],
    FORBID_ATTR: ["id", "name", "srcset", "sizes", "ping", "action", "formaction", "autofocus", "tabindex"],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ["data-tag", "data-lang"],
    IN_PLACE: true,
  };
  var purifier;
  var inert = null; // one document where no script runs and nothing loads, for every card

  function getPurifier() {
    if (purifier === undefined) {
      var factory = window.DOMPurify;
      purifier = typeof factory === "function" ? factory(window) : null;
      if (purifier && !purifier.isSupported) purifier = null;
    }
    return purifier;
  }

  function blockBody(html, base, prefix, label) {
    var dompurify = getPurifier();
    if (!dompurify) return null;
    inert = inert || new DOMParser().parseFromString("<!DOCTYPE html><html><body></body></html>", "text/html");
    var box = inert.createElement("div");
    box.innerHTML = String(html); // in the inert document: nothing runs, nothing loads
    dompurify.sanitize(box, PURIFY_CONFIG); // in place: one document for all cards, not one per card
    cleanBlock(box, base, prefix, label);
    var body = el("div", { className: "cdn-block-body" });
    body.appendChild(document.importNode(box, true));
    return body;
  }

  /* A card's body is cleaned and drawn when it comes near the screen: drawing every card of a broad
   * selection at once (DOMPurify on each block's HTML) took a third of a second. Until then the card
   * keeps its place with an empty body of about its height. */
  var pendingBodies = new WeakMap();
  var bodyObserver = null;

  function fillBody(holder) {
    var pending = pendingBodies.get(holder);
    if (!pending) return;
    pendingBodies.delete(holder);
    var body = blockBody(pending.html, pending.base, pending.prefix, pending.label);
    if (body) holder.replaceChildren.apply(holder, Array.prototype.slice.call(body.childNodes));
    holder.classList.remove("cdn-x-pending");
  }

  function lazyBody(html, base, prefix, label) {
    var holder = el("div", { className: "cdn-block-body cdn-x-pending" });
    pendingBodies.set(holder, { html: html, base: base, prefix: prefix, label: label });
    if (typeof IntersectionObserver !== "function") {
      fillBody(holder);
      return holder;
    }
    bodyObserver = bodyObserver || new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        bodyObserver.unobserve(entry.target);
        fillBody(entry.target);
      });
    }, { rootMargin: "600px 0px" });
    bodyObserver.observe(holder);
    return holder;
  }

  /* Material's language switcher: keep the selection when changing language.
   * Material sends alternate-language clicks to the page it found at load
   * time, without the query; the explorer's own links are followed as written. */
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (link && document.getElementById("cdn-explorer")) event.stopPropagation();
  }, true);

  function keepQueryInLanguageLinks(query) {
    var links = document.querySelectorAll("a[hreflang].md-select__link");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      links[i].setAttribute("href", href.split(/[?#]/)[0] + query);
    }
  }

  /* The query string --------------------------------------------------------- */

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return text;
    }
  }

  function readQuery(search) {
    var raw = {};
    var others = [];
    search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var key = decode(at < 0 ? pair : pair.slice(0, at));
      var value = at < 0 ? "" : pair.slice(at + 1);
      if (PARAMS.indexOf(key) >= 0) raw[key] = value;
      else others.push(pair);
    });
    return { raw: raw, others: others };
  }

  function writeQuery(state, others) {
    var parts = others.slice();
    if (state.tags.length) parts.push("tags=" + state.tags.map(encodeURIComponent).join(","));
    if (state.mode !== "and") parts.push("mode=" + state.mode);
    if (state.depth) parts.push("depth=" + state.depth);
    if (state.text) parts.push("text=" + encodeURIComponent(state.text));
    if (state.lang) parts.push("lang=" + encodeURIComponent(state.lang));
    return parts.length ? "?" + parts.join("&") : "";
  }

  /* The index, computed once --------------------------------------------- */

  function buildIndex(kb, lang) {
    var tags = new Map();
    (kb.tags || []).forEach(function (tag) {
      tags.set(tag.id, tag);
    });
    var notes = new Map();
    (kb.notes || []).forEach(function (note) {
      notes.set(note.path, note);
    });
    var blocks = (kb.blocks || []).map(function (block, position) {
      var expanded = new Set();
      [].concat(block.tags || [], block.inherited_tags || [], block.auto_tags || []).forEach(function (tag) {
        selfAndAncestors(tag).forEach(function (id) {
          expanded.add(id);
        });
      });
      var note = notes.get(block.note) || {};
      return {
        raw: block,
        position: position,
        id: block.id,
        parent: block.parent,
        lang: block.lang,
        note: note,
        expanded: expanded,
        own: [].concat(block.tags || [], block.auto_tags || []),
        haystack: fold((block.title || "") + "\n" + (block.text || "")),
      };
    });
    var byId = new Map();
    blocks.forEach(function (block) {
      byId.set(block.id, block);
    });
    function label(id) {
      var tag = tags.get(id);
      var labels = (tag && tag.label) || {};
      return labels[lang] || labels.en || id;
    }
    return { tags: tags, blocks: blocks, byId: byId, label: label, languages: kb.languages || [] };
  }

  function hasAncestorIn(block, ids, byId) {
    var seen = 0;
    var parent = block.parent;
    while (parent && seen++ < 64) {
      if (ids.has(parent)) return true;
      var up = byId.get(parent);
      parent = up ? up.parent : null;
    }
    return false;
  }

  function climb(block, depth, byId) {
    var current = block;
    for (var i = 0; i < depth; i++) {
      var up = current.parent ? byId.get(current.parent) : null;
      if (!up) break;
      current = up;
    }
    return current;
  }

  /* The selection as results: matching blocks, shown blocks, related tags. */
  function select(index, state) {
    var words = fold(state.text).split(/\s+/).filter(Boolean);
    if (!state.tags.length && !words.length) return null;
    var wanted = state.tags;
    var all = state.mode !== "or";
    var matched = index.blocks.filter(function (block) {
      if (state.lang && block.lang !== state.lang) return false;
      if (wanted.length) {
        var hit = all
          ? wanted.every(function (tag) { return block.expanded.has(tag); })
          : wanted.some(function (tag) { return block.expanded.has(tag); });
        if (!hit) return false;
      }
      return words.every(function (word) { return block.haystack.indexOf(word) >= 0; });
    });
    var matchedIds = new Set(matched.map(function (block) { return block.id; }));
    var shownIds = new Set();
    var shown = [];
    matched.forEach(function (block) {
      if (hasAncestorIn(block, matchedIds, index.byId)) return; // its enclosing match is listed
      var target = climb(block, state.depth, index.byId);
      if (!shownIds.has(target.id)) {
        shownIds.add(target.id);
        shown.push(target);
      }
    });
    // Climbing can land one result inside another: keep the outer one.
    shown = shown
      .filter(function (block) { return !hasAncestorIn(block, shownIds, index.byId); })
      .sort(function (a, b) { return a.position - b.position; });
    var excluded = new Set();
    wanted.forEach(function (tag) {
      selfAndAncestors(tag).forEach(function (id) { excluded.add(id); });
    });
    var related = new Map();
    matched.forEach(function (block) {
      block.expanded.forEach(function (tag) {
        if (!excluded.has(tag)) related.set(tag, (related.get(tag) || 0) + 1);
      });
    });
    return { matched: matched, shown: shown, related: related };
  }

  /* The page ---------------------------------------------------------------- */

  function Explorer(container, kb, strings) {
    this.container = container;
    this.lang = container.getAttribute("data-lang") || "en";
    this.root = container.getAttribute("data-root") || "../";
    this.prefix = container.getAttribute("data-prefix") || "";
    this.s = strings;
    this.index = buildIndex(kb, this.lang);
    this.items = new Map(); // tag id -> {item, box, cooccur}
    this.cards = new Map(); // block id -> its result card, built the first time it is shown
    this.limit = PAGE;
    this.query = readQuery(window.location.search);
    this.state = this.restore(this.query.raw);
    this.build();
    this.sync();
    this.update(false);
  }

  Explorer.prototype.restore = function (raw) {
    var index = this.index;
    var tags = [];
    (raw.tags || "").split(",").forEach(function (part) {
      var id = decode(part).trim();
      if (id && index.tags.has(id) && tags.indexOf(id) < 0) tags.push(id);
    });
    var depth = parseInt(raw.depth || "0", 10);
    var lang = decode(raw.lang || "");
    return {
      tags: tags,
      mode: raw.mode === "or" ? "or" : "and",
      depth: DEPTHS.indexOf(depth) >= 0 ? depth : 0,
      text: decode(raw.text || ""),
      lang: index.languages.indexOf(lang) >= 0 ? lang : "",
    };
  };

  Explorer.prototype.build = function () {
    var self = this;
    var s = this.s;
    var uid = "cdn-x";

    this.andBox = el("input", { type: "radio", name: uid + "-mode", value: "and", id: uid + "-and" });
    this.orBox = el("input", { type: "radio", name: uid + "-mode", value: "or", id: uid + "-or" });
    var mode = el("fieldset", { className: "cdn-x-mode" }, [
      el("legend", { textContent: s.mode }),
      el("span", { className: "cdn-x-options" }, [
        this.andBox,
        el("label", { htmlFor: uid + "-and", textContent: s.mode_and }),
        this.orBox,
        el("label", { htmlFor: uid + "-or", textContent: s.mode_or }),
      ]),
    ]);
    this.depthSelect = el(
      "select",
      { id: uid + "-depth" },
      DEPTHS.map(function (depth) {
        return el("option", { value: String(depth), textContent: s["depth_" + depth] || String(depth) });
      })
    );
    this.textBox = el("input", {
      type: "search",
      id: uid + "-text",
      placeholder: s.text_placeholder,
      autocomplete: "off",
      spellcheck: false,
    });
    var languages = s.languages || {};
    this.langSelect = el(
      "select",
      { id: uid + "-lang" },
      [el("option", { value: "", textContent: s.language_all })].concat(
        this.index.languages.map(function (code) {
          return el("option", { value: code, textContent: languages[code] || code });
        })
      )
    );
    var controls = el("div", { className: "cdn-x-controls" }, [
      mode,
      el("div", { className: "cdn-x-field" }, [
        el("label", { htmlFor: uid + "-depth", textContent: s.depth }),
        this.depthSelect,
      ]),
      el("div", { className: "cdn-x-field cdn-x-field--grow" }, [
        el("label", { htmlFor: uid + "-text", textContent: s.text }),
        this.textBox,
      ]),
      el("div", { className: "cdn-x-field" }, [
        el("label", { htmlFor: uid + "-lang", textContent: s.language }),
        this.langSelect,
      ]),
    ]);

    this.chosen = el("span", { className: "cdn-x-chosen" });
    this.clearButton = el("button", { type: "button", className: "md-button cdn-x-clear", textContent: s.clear });
    this.selection = el("div", { className: "cdn-x-selection" }, [
      el("span", { className: "cdn-x-selection-label", textContent: s.selected }),
      this.chosen,
      this.clearButton,
    ]);

    this.tagFilter = el("input", {
      type: "search",
      id: uid + "-tag-filter",
      placeholder: s.filter_tags_placeholder,
      autocomplete: "off",
      spellcheck: false,
    });
    this.noTag = el("p", { className: "cdn-x-note", textContent: s.no_tag_matches, hidden: true });
    this.dimensions = el("div", { className: "cdn-x-dimensions" }, this.buildDimensions());
    this.picker = el("div", { className: "cdn-x-picker", role: "group", "aria-label": s.tags }, [
      el("div", { className: "cdn-x-field" }, [
        el("label", { htmlFor: uid + "-tag-filter", textContent: s.filter_tags }),
        this.tagFilter,
      ]),
      this.noTag,
      this.dimensions,
    ]);

    this.count = el("p", { className: "cdn-x-count", role: "status" });
    this.list = el("div", { className: "cdn-x-list" });
    this.results = el("section", { className: "cdn-x-results", id: uid + "-results", "aria-label": s.title }, [
      this.count,
      this.list,
    ]);

    this.container.replaceChildren(
      controls,
      this.selection,
      el("div", { className: "cdn-x-body" }, [this.picker, this.results])
    );

    this.andBox.addEventListener("change", function () { self.set({ mode: "and" }); });
    this.orBox.addEventListener("change", function () { self.set({ mode: "or" }); });
    this.depthSelect.addEventListener("change", function () {
      self.set({ depth: parseInt(self.depthSelect.value, 10) || 0 });
    });
    this.textBox.addEventListener("input", function () { self.set({ text: self.textBox.value }); });
    this.langSelect.addEventListener("change", function () { self.set({ lang: self.langSelect.value }); });
    this.tagFilter.addEventListener("input", function () { self.filterPicker(); });
    this.clearButton.addEventListener("click", function () {
      self.textBox.value = "";
      self.set({ tags: [], text: "" });
    });
  };

  /* One fieldset per dimension (first segment of the id), tags in tree order. */
  Explorer.prototype.buildDimensions = function () {
    var self = this;
    var index = this.index;
    var children = new Map();
    var roots = [];
    index.tags.forEach(function (tag, id) {
      var parent = id.lastIndexOf(".") > 0 ? id.slice(0, id.lastIndexOf(".")) : null;
      while (parent && !index.tags.has(parent)) {
        parent = parent.lastIndexOf(".") > 0 ? parent.slice(0, parent.lastIndexOf(".")) : null;
      }
      if (parent) {
        if (!children.has(parent)) children.set(parent, []);
        children.get(parent).push(id);
      } else {
        roots.push(id);
      }
    });
    roots.sort();
    var counter = 0;
    function walk(id, level, out) {
      out.push(self.tagItem(id, level, "cdn-x-tag-" + counter++));
      (children.get(id) || []).slice().sort().forEach(function (child) {
        walk(child, level + 1, out);
      });
      return out;
    }
    return roots.map(function (root) {
      var items = walk(root, 0, []);
      var head = items.shift();
      var fieldset = el("fieldset", { className: "cdn-x-dim" }, [
        el("legend", {}, [head]),
        items.length ? el("ul", {}, items) : null,
      ]);
      self.items.get(root).dimension = fieldset;
      return fieldset;
    });
  };

  Explorer.prototype.tagItem = function (id, level, domId) {
    var self = this;
    var tag = this.index.tags.get(id);
    var label = this.index.label(id);
    var box = el("input", { type: "checkbox", id: domId, value: id });
    var cooccur = el("span", { className: "cdn-x-cooccur" });
    var count = el("span", {
      className: "cdn-count",
      textContent: String(tag.count),
      title: fill(this.s.tag_count, { count: tag.count }),
    });
    var text = el("label", { htmlFor: domId }, [
      el("span", { className: "cdn-x-name" }, [
        el("span", { className: "cdn-x-label", textContent: label }),
        label !== id ? " " : null,
        label !== id ? el("code", { textContent: id }) : null,
      ]),
      count,
      cooccur,
    ]);
    var item = el(level ? "li" : "span", { className: "cdn-x-tag", "data-tag": id }, [box, text]);
    item.style.setProperty("--cdn-x-level", String(Math.max(0, level - 1)));
    box.addEventListener("change", function () {
      var tags = self.state.tags.filter(function (other) { return other !== id; });
      if (box.checked) tags.push(id);
      self.set({ tags: tags });
    });
    this.items.set(id, { item: item, box: box, cooccur: cooccur, search: fold(label + " " + id) });
    return item;
  };

  Explorer.prototype.filterPicker = function () {
    var words = fold(this.tagFilter.value).split(/\s+/).filter(Boolean);
    var visible = new Set();
    this.items.forEach(function (entry, id) {
      var hit = words.every(function (word) { return entry.search.indexOf(word) >= 0; });
      if (hit) selfAndAncestors(id).forEach(function (up) { visible.add(up); });
    });
    var any = false;
    this.items.forEach(function (entry, id) {
      var show = visible.has(id);
      any = any || show;
      if (entry.dimension) entry.dimension.hidden = !show;
      else entry.item.hidden = !show;
    });
    this.noTag.hidden = any;
  };

  Explorer.prototype.set = function (change) {
    var self = this;
    Object.keys(change).forEach(function (key) {
      self.state[key] = change[key];
    });
    this.limit = PAGE;
    this.update(true);
  };

  /* Put the controls in line with the state (after loading or clearing). */
  Explorer.prototype.sync = function () {
    var state = this.state;
    this.andBox.checked = state.mode !== "or";
    this.orBox.checked = state.mode === "or";
    this.depthSelect.value = String(state.depth);
    if (this.textBox.value !== state.text) this.textBox.value = state.text;
    this.langSelect.value = state.lang;
  };

  Explorer.prototype.update = function (remember) {
    var started = performance.now();
    var state = this.state;
    var result = select(this.index, state);
    var filtered = performance.now();
    this.showPicker(result);
    this.showSelection();
    this.showResults(result);
    var elapsed = performance.now() - started;
    this.results.setAttribute("data-ms", elapsed.toFixed(2)); // filtering and drawing
    this.results.setAttribute("data-filter-ms", (filtered - started).toFixed(2));
    this.results.setAttribute("data-count", result ? String(result.shown.length) : "0");
    if (remember) {
      var url = window.location.pathname + writeQuery(state, this.query.others) + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }
    keepQueryInLanguageLinks(window.location.search);
  };

  Explorer.prototype.showPicker = function (result) {
    var selected = new Set(this.state.tags);
    var related = result ? result.related : new Map();
    var s = this.s;
    this.picker.classList.toggle("cdn-x-active", Boolean(result));
    this.items.forEach(function (entry, id) {
      var on = selected.has(id);
      var times = related.get(id) || 0;
      entry.box.checked = on;
      entry.item.classList.toggle("cdn-x-selected", on);
      entry.item.classList.toggle("cdn-related", times > 0);
      entry.cooccur.textContent = times ? String(times) : "";
      entry.cooccur.title = times ? fill(s.related, { count: times }) : "";
    });
  };

  Explorer.prototype.showSelection = function () {
    var self = this;
    var chips = this.state.tags.map(function (id) {
      var label = self.index.label(id);
      var button = el("button", {
        type: "button",
        className: "cdn-x-chip",
        title: id,
        "aria-label": fill(self.s.remove_tag, { tag: label }),
        "data-tag": id,
      }, [label, el("span", { className: "cdn-x-x", "aria-hidden": "true", textContent: "×" })]);
      button.addEventListener("click", function () {
        self.set({ tags: self.state.tags.filter(function (other) { return other !== id; }) });
        var entry = self.items.get(id);
        if (entry) entry.box.focus();
      });
      return button;
    });
    this.chosen.replaceChildren.apply(this.chosen, chips);
    this.selection.hidden = !chips.length && !this.state.text;
  };

  Explorer.prototype.showResults = function (result) {
    var s = this.s;
    if (!result) {
      this.count.textContent = s.start;
      this.list.replaceChildren();
      return;
    }
    var shown = result.shown;
    var notes = new Set(shown.map(function (block) { return block.raw.note; }));
    this.count.textContent = shown.length
      ? fill(s.count, {
          blocks: shown.length === 1 ? s.blocks_one : fill(s.blocks_many, { count: shown.length }),
          notes: notes.size === 1 ? s.notes_one : fill(s.notes_many, { count: notes.size }),
        })
      : s.no_results;
    var self = this;
    var fragment = document.createDocumentFragment();
    var selected = new Set(this.state.tags);
    var end = Math.min(shown.length, this.limit);
    for (var i = 0; i < end; i++) fragment.appendChild(this.card(shown[i], selected));
    if (end < shown.length) {
      var next = end;
      var more = el("button", {
        type: "button",
        className: "md-button cdn-x-more-results",
        textContent: fill(s.more_results, { count: shown.length - end }),
      });
      more.addEventListener("click", function () {
        self.limit += PAGE;
        self.update(false);
        var first = self.list.children[next];
        var link = first && first.querySelector("a, strong");
        if (link && link.focus) link.focus();
      });
      fragment.appendChild(more);
    }
    this.list.replaceChildren(fragment);
  };

  /* A block's card, made once and reused; only its chips follow the selection. */
  Explorer.prototype.card = function (block, selected) {
    var card = this.cards.get(block.id);
    if (!card) {
      card = this.blockCard(block);
      this.cards.set(block.id, card);
    }
    card.cdnChips.forEach(function (chip) {
      chip.node.classList.toggle(
        "cdn-x-hit",
        chip.ups.some(function (up) { return selected.has(up); })
      );
    });
    return card;
  };

  Explorer.prototype.blockCard = function (block) {
    var self = this;
    var s = this.s;
    var raw = block.raw;
    var note = block.note;
    var title = raw.title || note.title || raw.note;
    var href = safeHref(raw.url, this.root, this.prefix);
    var noteHref = safeHref(note.url, this.root, this.prefix);
    var chips = block.own.map(function (id) {
      /* kb.json gives each tag its topic page's link, encoded (a long id has a short page name). */
      var tag = self.index.tags.get(id);
      var tagHref = tag ? safeHref(tag.url, self.root, self.prefix) : null;
      return el(tagHref ? "a" : "span", {
        className: "cdn-tag",
        href: tagHref || undefined,
        title: id,
        textContent: self.index.label(id),
        "data-tag": id,
      });
    });
    var source = el("span", { className: "cdn-source" }, [
      noteHref
        ? el("a", { href: noteHref, textContent: fill(s.from_note, { title: note.title || raw.note }) })
        : fill(s.from_note, { title: note.title || raw.note }),
      " · " + ((s.languages || {})[block.lang] || block.lang),
    ]);
    var body = null;
    var toggle = null;
    if (typeof raw.html === "string" && getPurifier()) {
      body = lazyBody(raw.html, this.root, this.prefix, this.index.label);
      if (raw.more_lines > 0 && href) {
        var total = Array.isArray(raw.lines) ? raw.lines[1] - raw.lines[0] + 1 : raw.more_lines;
        toggle = el("p", { className: "cdn-more" }, [
          el("a", { href: href, textContent: fill(s.show_more, { count: total }) }),
        ]);
      }
    }
    var lines = String(raw.text || "").split("\n");
    var short = lines.slice(0, MAX_LINES).join("\n");
    var pre = body ? null : el("pre", { className: "cdn-text", textContent: short });
    if (!body && lines.length > MAX_LINES) {
      toggle = el("button", {
        type: "button",
        className: "cdn-x-more",
        textContent: fill(s.show_more, { count: lines.length }),
        "aria-expanded": "false",
      });
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        pre.textContent = open ? raw.text : short;
        toggle.textContent = open ? s.show_less : fill(s.show_more, { count: lines.length });
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    var card = el("article", { className: "cdn-block cdn-x-result", lang: block.lang, "data-block": block.id }, [
      el("p", { className: "cdn-block-head" }, [
        href ? el("a", { href: href, className: "cdn-x-title", textContent: title }) : el("strong", { textContent: title }),
        " ",
        source,
        " ",
        chips.length ? el("span", { className: "cdn-tags" }, chips) : null,
      ]),
      body || pre,
      toggle,
    ]);
    card.cdnChips = chips.map(function (node, n) {
      return { node: node, ups: selfAndAncestors(block.own[n]) };
    });
    return card;
  };

  /* Start ------------------------------------------------------------------ */

  function start() {
    var container = document.getElementById("cdn-explorer");
    if (!container || container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "loading");
    var strings = {};
    try {
      strings = JSON.parse(container.getAttribute("data-strings") || "{}");
    } catch (error) {
      strings = {};
    }
    container.replaceChildren(el("p", { className: "cdn-x-note", textContent: strings.loading || "…" }));
    fetch(container.getAttribute("data-kb") || "../kb.json", { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (kb) {
        new Explorer(container, kb, strings);
        container.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        container.setAttribute("data-ready", "error");
        container.replaceChildren(
          el("p", { className: "cdn-x-note cdn-x-error", textContent: fill(strings.load_error || "{error}", { error: error.message }) })
        );
      });
  }

  // Material's instant navigation swaps pages without reloading scripts: it announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
