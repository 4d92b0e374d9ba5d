/**
 * Calls `cb` whenever the URL changes without a page load: `history.pushState` /
 * `replaceState` (patched, never breaking the original), back/forward (`popstate`) and
 * hash routers (`hashchange`). Returns a cleanup that restores `history`.
 */
export function onRouteChange(cb: () => void): () => void {
  let last = location.href;
  const check = () => {
    if (location.href != last) {
      last = location.href;
      cb();
    }
  };
  const originals: [string, unknown][] = [];
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    originals.push([name, original]);
    const patched = function (this: History, ...args: Parameters<History['pushState']>) {
      const out = original.apply(this, args);
      try {
        check();
      } catch {
        /* never break navigation */
      }
      return out;
    };
    history[name] = patched;
  }
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  return () => {
    for (const [name, fn] of originals) (history as any)[name] = fn;
    removeEventListener('popstate', check);
    removeEventListener('hashchange', check);
  };
}
