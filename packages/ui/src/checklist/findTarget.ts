/**
 * The element an item's action points at: the first match of `selector` in the page, else
 * inside open shadow roots (apps built from web components, such as Lit, Shoelace or
 * Ionic, keep their controls there, out of `document.querySelector`'s reach). Null when
 * nothing matches or the selector is invalid. Sabu's own widget host is not searched.
 */
export function findTarget(selector: string, root: Document | ShadowRoot = document): Element | null {
  try {
    const hit = root.querySelector(selector);
    if (hit) return hit;
  } catch {
    return null; // invalid selector: treated as not on this page
  }
  for (const el of root.querySelectorAll('*')) {
    const hit = el.shadowRoot && el.localName != 'sabu-ui' && findTarget(selector, el.shadowRoot);
    if (hit) return hit;
  }
  return null;
}
