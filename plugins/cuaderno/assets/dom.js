/* cuaderno: making page elements, every string from the notes as text. */

/**
 * Make an element: props are properties (textContent, className, …) or, for names with a dash
 * and `role`, attributes. Children are nodes or strings.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {(Node | string | null | undefined)[]} [children]
 * @returns {HTMLElement}
 */
export function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (name.includes("-") || name === "role") node.setAttribute(name, String(value));
    else /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (node))[name] = value;
  }
  for (const child of children || []) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}
