/* cuaderno: the two actions of a diagram block, copy as text and full-screen view with zoom.
 *
 * The drawing itself is plain HTML (a <pre> in a <figure class="cdn-diagram">); this module
 * only wires the buttons, through one listener on the document (pages may be swapped in
 * without a reload). Labels come from the figure's data attributes, in the page's language.
 * The rules (what is copied, the zoom steps, the keys) are in diagram-view.js.
 */
import { ACTUAL_SIZE, drawingText, keyAction, nextFocus, wheelStep, zoomAt } from "./diagram-view.js";

const COPIED_FOR = 1500; // ms the copy button shows that it copied

/**
 * Copy through a hidden <textarea>: pages served over plain http have no navigator.clipboard.
 * @param {string} text
 */
function copyFallback(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    document.execCommand("copy");
  } finally {
    document.body.removeChild(area);
  }
}

/**
 * @param {HTMLElement} figure the diagram's <figure>
 * @param {HTMLElement} button its copy button, which says for a moment that it copied
 */
function copy(figure, button) {
  const pre = figure.querySelector("pre");
  if (!pre) {
    return;
  }
  const text = drawingText(pre.textContent || "");
  const done = () => {
    const title = button.getAttribute("title") || "";
    button.setAttribute("data-copied", "");
    button.setAttribute("title", figure.dataset.copied || title);
    setTimeout(() => {
      button.removeAttribute("data-copied");
      button.setAttribute("title", title);
    }, COPIED_FOR);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => {
      copyFallback(text);
      done();
    });
  } else {
    copyFallback(text);
    done();
  }
}

/**
 * @param {string} className
 * @param {string | undefined} label its title and accessible name, from the figure's data attributes
 * @param {string} content what the button shows
 * @returns {HTMLButtonElement}
 */
function button(className, label, content) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.title = label || "";
  element.setAttribute("aria-label", label || "");
  element.textContent = content;
  return element;
}

/**
 * Open the full-screen view of `figure`'s drawing; closing it gives the focus back to `opener`.
 * @param {HTMLElement} figure
 * @param {HTMLElement} opener
 */
function openView(figure, opener) {
  const source = figure.querySelector("pre");
  if (!source) {
    return;
  }
  const baseSize = parseFloat(getComputedStyle(source).fontSize);
  let step = ACTUAL_SIZE;

  const view = document.createElement("div");
  view.className = "cdn-diagram-view";
  view.setAttribute("role", "dialog");
  view.setAttribute("aria-modal", "true");
  view.setAttribute("aria-label", figure.getAttribute("aria-label") || "");

  const bar = document.createElement("div");
  bar.className = "cdn-diagram-view-bar";
  const zoomOut = button("cdn-diagram-zoom-out", figure.dataset.zoomOut, "\u2212");
  const level = document.createElement("output");
  const zoomIn = button("cdn-diagram-zoom-in", figure.dataset.zoomIn, "+");
  const reset = button("cdn-diagram-zoom-reset", figure.dataset.zoomReset, "1:1");
  const close = button("cdn-diagram-close", figure.dataset.close, "\u00d7");
  bar.append(zoomOut, level, zoomIn, reset, close);

  const body = document.createElement("div");
  body.className = "cdn-diagram-view-body";
  body.tabIndex = 0; // scrollable with the keyboard
  const pre = /** @type {HTMLPreElement} */ (source.cloneNode(true));
  body.appendChild(pre);
  view.append(bar, body);

  /** @param {number} to */
  function zoom(to) {
    const shown = zoomAt(to);
    step = shown.step;
    pre.style.fontSize = baseSize * shown.scale + "px";
    level.textContent = shown.label;
    zoomOut.disabled = shown.smallest;
    zoomIn.disabled = shown.largest;
  }

  function shut() {
    view.remove();
    document.body.classList.remove("cdn-diagram-viewing");
    document.removeEventListener("keydown", onKey, true);
    opener.focus();
  }

  /** @param {KeyboardEvent} event */
  function onKey(event) {
    const action = keyAction(event.key);
    if (action === "close") {
      shut();
    } else if (action === "zoom-in") {
      zoom(step + 1);
    } else if (action === "zoom-out") {
      zoom(step - 1);
    } else if (action === "actual-size") {
      zoom(ACTUAL_SIZE);
    } else if (action === "cycle-focus") {
      /* Keep the focus inside the dialog. */
      const stops = Array.from(view.querySelectorAll("button, [tabindex]")).filter(
        (element) => !(element instanceof HTMLButtonElement && element.disabled),
      );
      const at = document.activeElement ? stops.indexOf(document.activeElement) : -1;
      const next = stops[nextFocus(at, stops.length, event.shiftKey)];
      if (next instanceof HTMLElement) {
        next.focus();
      }
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // Material's own shortcuts stay quiet while the view is open
  }

  zoomOut.addEventListener("click", () => zoom(step - 1));
  zoomIn.addEventListener("click", () => zoom(step + 1));
  reset.addEventListener("click", () => zoom(ACTUAL_SIZE));
  close.addEventListener("click", shut);
  body.addEventListener(
    "wheel",
    (event) => {
      if (event.ctrlKey) {
        event.preventDefault();
        zoom(wheelStep(step, event.deltaY));
      }
    },
    { passive: false },
  );
  document.addEventListener("keydown", onKey, true);

  zoom(step);
  document.body.classList.add("cdn-diagram-viewing");
  document.body.appendChild(view);
  close.focus();
}

document.addEventListener("click", (event) => {
  const clicked = event.target instanceof Element ? event.target : null;
  const target = clicked ? clicked.closest(".cdn-diagram-copy, .cdn-diagram-full") : null;
  const figure = target ? target.closest("figure.cdn-diagram") : null;
  if (!(target instanceof HTMLElement) || !(figure instanceof HTMLElement)) {
    return;
  }
  if (target.classList.contains("cdn-diagram-copy")) {
    copy(figure, target);
  } else {
    openView(figure, target);
  }
});
