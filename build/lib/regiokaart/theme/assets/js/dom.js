/* Small DOM helpers shared by the features. */

/** A new element with attributes and, if given, text (never parsed as HTML). */
export function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** The elements under root that match selector, as an array. */
export function all(root, selector) {
  return Array.from(root.querySelectorAll(selector));
}
