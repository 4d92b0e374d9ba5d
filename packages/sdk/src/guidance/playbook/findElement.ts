/**
 * The first element matching `selector` in the page or in an open shadow root (where
 * web-component apps keep their controls), as the UI's findTarget looks for it; null when
 * none matches or the selector is invalid. Sabu's own widget host is not searched.
 */
export function findElement(selector: string, root: Document | ShadowRoot = document): Element | null {
  try {
    const hit = root.querySelector(selector);
    if (hit) return hit;
  } catch {
    return null;
  }
  for (const el of root.querySelectorAll('*')) {
    const hit = el.shadowRoot && el.localName != 'sabu-ui' && findElement(selector, el.shadowRoot);
    if (hit) return hit;
  }
  return null;
}
