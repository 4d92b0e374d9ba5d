import { listen } from './guard.js';

/** Set while a click is watched; the patched `fetch`/`XMLHttpRequest.send` call it. */
let onRequest: (() => void) | null = null;

/**
 * Notices requests the page starts (a click that fetches is not dead). `fetch` and
 * `XMLHttpRequest.prototype.send` are wrapped once, passing every call through untouched;
 * requests to Sabu's own collector (`skip`) do not count. Returns the restore.
 */
export function watchRequests(skip: string): () => void {
  const w = window as unknown as { fetch?: (...a: unknown[]) => unknown };
  const fetch0 = w.fetch;
  const send0 = typeof XMLHttpRequest == 'function' ? XMLHttpRequest.prototype.send : null;
  const seen = (url?: unknown) => {
    try {
      if (onRequest && !String((url as Request)?.url ?? url ?? '').startsWith(skip)) onRequest();
    } catch {
      /* never in the way of the request */
    }
  };
  const fetch1 = function (this: unknown, ...a: unknown[]) {
    seen(a[0]);
    return fetch0!.apply(this, a);
  };
  const send1 = function (this: XMLHttpRequest, ...a: unknown[]) {
    seen();
    return send0!.apply(this, a as [Document]);
  };
  if (fetch0) w.fetch = fetch1;
  if (send0) XMLHttpRequest.prototype.send = send1;
  return () => {
    if (w.fetch === fetch1) w.fetch = fetch0;
    if (send0 && XMLHttpRequest.prototype.send === send1) XMLHttpRequest.prototype.send = send0;
  };
}

/**
 * Watches the page briefly after a click for any sign that it answered: a DOM change
 * (document and the open shadow roots on the click's path), a scroll, a focus or
 * visibility change, a navigation starting, a form submitted, a request started. Calls
 * `alive` at the first sign and stops; returns the stop. No observer runs between clicks.
 */
export function watchClick(path: Element[], alive: () => void): () => void {
  let stopped = false;
  const mo = typeof MutationObserver == 'function' ? new MutationObserver(() => fire()) : null;
  const opts = { subtree: true, childList: true, attributes: true, characterData: true };
  mo?.observe(document, opts);
  for (const el of path) {
    const root = el.getRootNode();
    if (root != document && (root as ShadowRoot).host) mo?.observe(root, opts);
  }
  const sx = scrollX;
  const sy = scrollY;
  const offs = [
    // A page scroll that happened before the click reports its event a frame later: only a
    // position that changed since the click counts.
    listen(document, 'scroll', (e) => (e.target != document || scrollX != sx || scrollY != sy) && fire()),
    ...['focusin', 'submit', 'visibilitychange'].map((t) => listen(document, t, () => fire())),
    ...['blur', 'beforeunload', 'popstate', 'hashchange'].map((t) => listen(window, t, () => fire(), false)),
  ];
  onRequest = () => fire();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    mo?.disconnect();
    offs.forEach((off) => off());
    onRequest = null;
  };
  function fire() {
    if (stopped) return;
    stop();
    alive();
  }
  return stop;
}
