/**
 * The element a click really happened on. Seen from the document, `event.target` is the
 * outermost shadow host (a whole Lit app is one `<acme-app>`), so a rule naming a control
 * inside a web component would never match; the composed path starts at the control
 * itself (inside open shadow roots; closed ones stay closed, as the spec intends).
 */
export function clickTarget(e: Event): Element | null {
  const t = (e.composedPath?.()[0] ?? e.target) as Node | null;
  return t && t.nodeType == 1 ? (t as Element) : null;
}
