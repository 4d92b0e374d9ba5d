import { clickTarget } from './clickTarget.js';
import type { Observation } from './matchRules.js';

/** How often (ms) new elements are looked for after the page changed. */
const RESCAN_MS = 250;
/** The changes that can make an element appear. */
const CHANGES: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'style'] };

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
  const observed = new WeakSet<ShadowRoot>();
  /**
   * The document and the open shadow roots in it: web-component apps (Lit, Shoelace...)
   * draw their content there, out of `document.querySelectorAll`'s reach and of a
   * document observer's sight, so each root found is observed too.
   */
  const roots = () => {
    const out: ParentNode[] = [document];
    for (let i = 0; i < out.length; i++)
      for (const el of out[i]!.querySelectorAll('*')) {
        const root = el.shadowRoot;
        if (!root || el.localName == 'sabu-ui') continue;
        out.push(root);
        if (mo && !observed.has(root)) observed.add(root), mo.observe(root, CHANGES);
      }
    return out;
  };
  const scan = () => {
    timer = undefined;
    const wanted = visible().filter((sel) => !seen.has(sel));
    const where = wanted.length ? roots() : [];
    for (const sel of wanted) {
      let els: Element[] = [];
      try {
        els = where.flatMap((root) => [...root.querySelectorAll(sel)]);
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
  mo?.observe(document.documentElement, CHANGES);
  scan();
  return () => {
    document.removeEventListener('click', onClick, true);
    io?.disconnect();
    mo?.disconnect();
    clearTimeout(timer);
  };
}
