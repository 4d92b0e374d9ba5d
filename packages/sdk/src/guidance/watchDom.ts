import { clickTarget } from './clickTarget.js';
import type { Observation } from './matchRules.js';

/** How often (ms) new elements are looked for after the page changed. */
const RESCAN_MS = 250;

/**
 * Reports clicks (capture phase, so host code that stops propagation cannot hide them)
 * and elements that become visible, for the selectors `visible()` lists at the time.
 * Returns a cleanup.
 */
export function watchDom(report: (o: Observation) => void, visible: () => string[]): () => void {
  const onClick = (e: Event) => {
    const target = clickTarget(e);
    if (target) report({ type: 'click', target });
  };
  document.addEventListener('click', onClick, true);
  const watched = new WeakMap<Element, string[]>();
  const seen = new Set<string>();
  const io =
    typeof IntersectionObserver == 'function'
      ? new IntersectionObserver((entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            for (const sel of watched.get(e.target) ?? []) if (!seen.has(sel)) seen.add(sel), report({ type: 'visible', selector: sel });
          }
        })
      : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const scan = () => {
    timer = undefined;
    for (const sel of visible()) {
      if (seen.has(sel)) continue;
      let els: Element[] = [];
      try {
        els = [...document.querySelectorAll(sel)];
      } catch {
        continue; // an invalid selector never matches
      }
      for (const el of els) {
        const sels = watched.get(el) ?? [];
        if (sels.includes(sel)) continue;
        watched.set(el, [...sels, sel]);
        if (io) io.observe(el);
        else if (!seen.has(sel)) seen.add(sel), report({ type: 'visible', selector: sel });
      }
    }
  };
  // Pages whose rules watch no element for visibility pay for no observer.
  const mo = typeof MutationObserver == 'function' && visible().length ? new MutationObserver(() => (timer ??= setTimeout(scan, RESCAN_MS))) : null;
  mo?.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'style'] });
  scan();
  return () => {
    document.removeEventListener('click', onClick, true);
    io?.disconnect();
    mo?.disconnect();
    clearTimeout(timer);
  };
}
