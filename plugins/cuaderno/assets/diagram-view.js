/* cuaderno: the rules of a diagram block's two actions, without a DOM (diagram.js wires them).
 *
 * What "copy as text" copies, the zoom levels of the full-screen view, what each key does there,
 * and where Tab moves the focus inside it. Nothing here touches the page, so node's unit tests
 * (tests/js/diagram-view.test.js) import it as it is.
 */

/** The view's zoom levels, as multiples of the page's font size; 1 is where the view opens. */
export const ZOOM_STEPS = Object.freeze([0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4]);

/** The index of 100 % in ZOOM_STEPS. */
export const ACTUAL_SIZE = ZOOM_STEPS.indexOf(1);

/**
 * The drawing as the note wrote it: every line, trailing spaces dropped (the page may pad them).
 * @param {string} text the <pre>'s textContent
 * @returns {string}
 */
export function drawingText(text) {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n");
}

/**
 * @typedef {object} Zoom
 * @property {number} step index in ZOOM_STEPS, within its bounds
 * @property {number} scale the font size's multiple at that step
 * @property {string} label what the view's level shows, e.g. "125 %"
 * @property {boolean} smallest no step below: zooming out is disabled
 * @property {boolean} largest no step above: zooming in is disabled
 */

/**
 * The view at step `wanted`, kept within the steps there are (a key held down goes past the ends).
 * @param {number} wanted
 * @returns {Zoom}
 */
export function zoomAt(wanted) {
  const step = Math.max(0, Math.min(ZOOM_STEPS.length - 1, wanted));
  const scale = ZOOM_STEPS[step];
  return {
    step,
    scale,
    label: Math.round(scale * 100) + " %",
    smallest: step === 0,
    largest: step === ZOOM_STEPS.length - 1,
  };
}

/** @typedef {"close" | "zoom-in" | "zoom-out" | "actual-size" | "cycle-focus"} ViewAction */

/**
 * What a key does while the view is open, or null when the view leaves it to the page.
 * @param {string} key KeyboardEvent.key
 * @returns {ViewAction | null}
 */
export function keyAction(key) {
  switch (key) {
    case "Escape":
      return "close";
    case "+":
    case "=": // + without Shift on most layouts
      return "zoom-in";
    case "-":
      return "zoom-out";
    case "0":
      return "actual-size";
    case "Tab":
      return "cycle-focus";
    default:
      return null;
  }
}

/**
 * The step a Ctrl + wheel turn leads to: away from the reader (deltaY < 0) zooms in.
 * @param {number} step the current step
 * @param {number} deltaY WheelEvent.deltaY
 * @returns {number}
 */
export function wheelStep(step, deltaY) {
  return step + (deltaY < 0 ? 1 : -1);
}

/**
 * Where Tab moves the focus among the view's `count` stops, so it never leaves the dialog:
 * forwards from the last goes to the first, backwards from the first (or from outside, -1) to the last.
 * @param {number} at index of the focused stop, -1 when the focus is on none of them
 * @param {number} count how many stops there are (at least one: the close button)
 * @param {boolean} backwards Shift was held
 * @returns {number}
 */
export function nextFocus(at, count, backwards) {
  if (backwards) {
    return at <= 0 ? count - 1 : at - 1;
  }
  return (at + 1) % count;
}
