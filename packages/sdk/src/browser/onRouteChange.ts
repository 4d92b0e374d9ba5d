/**
 * The route a URL shows, to tell route changes apart. A hash router's empty route (`#/`,
 * `#!/`) and a bare `#` are the page without a hash: Vue Router's and Angular's hash
 * history replace the landing URL `/app/` with `/app/#/`, and an `<a href="#">` click adds
 * `#`; neither is another page view.
 */
const routeOf = (href: string) => href.replace(/#!?\/?$/, '');

/**
 * Calls `cb` whenever the route changes without a page load: `history.pushState` /
 * `replaceState` (patched, never breaking the original), back/forward (`popstate`) and
 * hash routers (`hashchange`). Returns a cleanup that restores `history`.
 */
export function onRouteChange(cb: () => void): () => void {
  let last = routeOf(location.href);
  const check = () => {
    const now = routeOf(location.href);
    if (now != last) {
      last = now;
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
