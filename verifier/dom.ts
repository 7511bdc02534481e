/** The only way this page makes elements: text goes in through textContent, never as markup. */
export function el(tag: string, className = '', text: string | number | null = null): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = String(text);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}
