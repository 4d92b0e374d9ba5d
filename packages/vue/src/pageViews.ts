import { page } from '@sabu/sdk';
import { getCurrentScope, onScopeDispose } from 'vue';
import { installed } from './plugin.js';

/** What is used of a Vue Router instance (`createRouter()`), so vue-router is not a dependency. */
export interface RouterLike {
  afterEach(guard: (to: { fullPath: string }, from: unknown, failure?: unknown) => unknown): () => void;
}

/** The last route counted, page-wide: two calls for one router count a route once. */
let last: string | undefined;

/**
 * Counts a page view per route Vue Router confirms (the first navigation included); failed
 * or aborted navigations and hash-only changes are not pages. It counts in `afterEach`,
 * when the URL is the new route's (later, a quick second navigation may already have
 * changed it): call it after registering a hook that sets `document.title`, and the page
 * view carries that title. Returns a cleanup, run for you when called in `setup`.
 *
 * The SDK counts route changes itself too (`trackPages`, on by default, watching
 * `history`): this counts only when `app.use(sabu, config)` said `trackPages: false`, so a
 * page view is never counted twice; otherwise it stays inert and says so once.
 * @example sabuPageViews(router) // in main.ts, after app.use(sabu, { ..., trackPages: false })
 */
export function useSabuPageViews(router: RouterLike): () => void {
  let warned = false;
  const off = router.afterEach((to, _from, failure) => {
    if (typeof window == 'undefined') return; // server rendering: no page views
    if (installed?.trackPages !== false) {
      if (!warned) console.warn('[sabu] useSabuPageViews: the SDK counts route changes itself; set trackPages: false in app.use(sabu, config) to count them from the router (docs/frameworks.md).');
      warned = true;
      return;
    }
    const route = to.fullPath.split('#')[0];
    if (failure || route == last) return;
    last = route;
    page();
  });
  if (getCurrentScope()) onScopeDispose(off);
  return off;
}
