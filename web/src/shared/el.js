// el builds an element: el("a", {href: "…"}, "text", child). Attributes with
// null or undefined values are skipped. Text is always set as text, never as
// HTML, so values from users or servers cannot inject markup.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}
