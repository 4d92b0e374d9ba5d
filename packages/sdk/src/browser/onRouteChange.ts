/**
 * The route a URL shows, to tell route changes apart. The hash is dropped when it is no
 * route: a hash router's empty route (`#/`, `#!/`) and a bare `#` (Vue Router's and
 * Angular's hash history replace `/app/` with `/app/#/`; an `<a href="#">` click adds `#`),
 * and an in-page anchor (`/docs#install` where an element has that id or name, or `#top`):
 * a jump within the page is no page view. Any other hash (`#/projects`, Backbone's
 * `#projects`) is a route.
 */
function routeOf(href: string): string {
  const [page, fragment] = href.split('#', 2) as [string, string?];
  if (fragment == null) return href;
  try {
    const id = decodeURIComponent(fragment);
    // An empty route, #top, or an element the fragment names: the same page.
    if (/^!?\/?$|^top$/.test(id) || document.getElementById(id) || document.getElementsByName(id)[0]) return page;
  } catch {
    /* a malformed fragment is a route */
  }
  return href;
}

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
