/**
 * The element a step or hotspot points at: the first match of `selector` in the page, else
 * inside open shadow roots (web-component apps keep their controls there, out of
 * `document.querySelector`'s reach). Null when nothing matches or the selector is invalid.
 * Sabu's own widget host is not searched.
 */
export function findAnchor(selector: string, root: Document | ShadowRoot = document): Element | null {
  try {
    const hit = root.querySelector(selector);
    if (hit) return hit;
  } catch {
    return null; // an invalid selector is never on the page
  }
  for (const el of root.querySelectorAll('*')) {
    const hit = el.shadowRoot && el.localName != 'sabu-ui' && findAnchor(selector, el.shadowRoot);
    if (hit) return hit;
  }
  return null;
}

/** The open shadow roots in the page (observed while an anchor is waited for). */
export function shadowRoots(root: Document | ShadowRoot = document, out: ShadowRoot[] = []): ShadowRoot[] {
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot && el.localName != 'sabu-ui') out.push(el.shadowRoot), shadowRoots(el.shadowRoot, out);
  return out;
}

/**
 * Whether the user can see the element: it has a box and is not `visibility: hidden`
 * (an element under `display: none` has no box). Off-screen counts as visible: the step
 * scrolls it into view.
 */
export function isShown(el: Element): boolean {
  if (!el.isConnected) return false;
  const r = el.getBoundingClientRect();
  return (r.width > 0 || r.height > 0) && getComputedStyle(el).visibility != 'hidden';
}
