const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select,textarea,[tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside `box` (a modal dialog, WAI-ARIA APG dialog pattern):
 * from the last control back to the first and the other way round. Call it from the
 * dialog's keydown handler.
 */
export function trapFocus(e: KeyboardEvent, box: HTMLElement): void {
  if (e.key != 'Tab') return;
  const all = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (!all.length) return e.preventDefault();
  const active = (box.getRootNode() as ShadowRoot).activeElement;
  const first = all[0]!;
  const last = all[all.length - 1]!;
  if (e.shiftKey && (active == first || active == box)) e.preventDefault(), last.focus();
  else if (!e.shiftKey && active == last) e.preventDefault(), first.focus();
}

/** The element that has focus, looking into shadow roots (the page's own web components). */
export function deepActive(): HTMLElement | null {
  let el = document.activeElement as HTMLElement | null;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
  return el;
}
