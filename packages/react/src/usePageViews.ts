import { page } from '@sabu/sdk';
import { useContext, useEffect } from 'react';
import { SabuContext } from './SabuProvider.js';

/** The parts of a router's location that make a page: React Router's `useLocation()`, Next.js `usePathname()`. */
export type RouteLocation = string | { pathname: string; search?: string };

/** The last route counted, page-wide: StrictMode's second effect, or two components using the hook, count it once. */
let last: string | undefined;
let warned = false;

/**
 * Counts a page view per route the router shows, after it rendered (so the page view
 * carries the new page's title). Pass the router's location:
 * `useSabuPageViews(useLocation())`. A change of hash alone is not a new page.
 *
 * The SDK counts route changes by itself too (`trackPages`, on by default, watching
 * `history`): this hook counts only when the provider's config says `trackPages: false`,
 * so a page view is never counted twice; otherwise it stays inert and says so once.
 */
export function useSabuPageViews(location: RouteLocation): void {
  const config = useContext(SabuContext);
  const route = typeof location == 'string' ? location : location.pathname + (location.search ?? '');
  const on = config?.trackPages === false;
  useEffect(() => {
    if (!on) {
      if (!warned) console.warn('[sabu] useSabuPageViews: the SDK counts route changes itself; set trackPages: false in <SabuProvider config> to count them from the router (docs/frameworks.md).');
      warned = true;
    } else if (route != last) {
      last = route;
      page();
    }
  }, [on, route]);
}
