import { findAnchor, isShown, shadowRoots } from './findAnchor.js';

/** How often (ms) at most the page is searched again while it changes. */
const RECHECK_MS = 100;
/** The changes that can add an element or show a hidden one. */
const CHANGES: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'style', 'open'] };

export type AnchorFailure = 'anchor_missing' | 'anchor_hidden';

/**
 * Calls `found(el)` once the element matching `selector` is on the page and shown, or
 * `failed(reason)` after `timeoutMs`: `anchor_hidden` when it was there but never shown,
 * else `anchor_missing`. A MutationObserver (on the document and the open shadow roots)
 * runs only while waiting, and searches at most every {@link RECHECK_MS}. Returns a
 * cancel.
 */
export function waitForAnchor(selector: string, timeoutMs: number, found: (el: Element) => void, failed: (reason: AnchorFailure) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let mo: MutationObserver | undefined;
  let seen = false;
  const observed = new WeakSet<Node>();
  const stop = () => {
    mo?.disconnect();
    clearTimeout(timer);
    clearTimeout(deadline);
    timer = undefined;
  };
  const check = (): boolean => {
    timer = undefined;
    const el = findAnchor(selector);
    seen ||= !!el;
    if (el && isShown(el)) return stop(), found(el), true;
    // Roots that appeared since (a web component rendered) are watched too.
    if (mo) for (const r of shadowRoots()) if (!observed.has(r)) observed.add(r), mo.observe(r, CHANGES);
    return false;
  };
  const deadline = setTimeout(() => (stop(), failed(seen ? 'anchor_hidden' : 'anchor_missing')), timeoutMs);
  mo = typeof MutationObserver == 'function' ? new MutationObserver(() => (timer ??= setTimeout(check, RECHECK_MS))) : undefined;
  mo?.observe(document.documentElement, CHANGES);
  check();
  return stop;
}
