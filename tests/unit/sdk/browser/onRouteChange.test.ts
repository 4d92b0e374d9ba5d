import { afterEach, describe, expect, it, vi } from 'vitest';
import { onRouteChange } from '../../../../packages/sdk/src/browser/onRouteChange';

let stop = () => {};
afterEach(() => {
  stop();
  history.replaceState({}, '', '/');
});

/** Watches route changes from `start`; returns the URLs seen, one per change. */
function watch(start: string) {
  history.replaceState({}, '', start);
  const seen: string[] = [];
  stop = onRouteChange(() => seen.push(location.pathname + location.search + location.hash));
  return seen;
}

describe('onRouteChange', () => {
  it('reports each pushState, replaceState and back/forward to another URL once', () => {
    const seen = watch('/a');
    history.pushState({}, '', '/b');
    history.replaceState({ idx: 1 }, '', '/b'); // a router's bookkeeping: same URL
    history.replaceState({}, '', '/c?tab=2');
    history.replaceState({}, '', '/c?tab=2');
    dispatchEvent(new PopStateEvent('popstate')); // URL unchanged: nothing
    expect(seen).toEqual(['/b', '/c?tab=2']);
  });

  it('reports hash routes (#/projects) as routes', () => {
    const seen = watch('/app/#/');
    history.pushState({}, '', '/app/#/projects');
    history.pushState({}, '', '/app/#/settings');
    expect(seen).toEqual(['/app/#/projects', '/app/#/settings']);
  });

  it("does not count a hash router's empty route (#/, #!/, #) as another page than no hash", () => {
    // Vue Router's and Angular's hash history replace the landing URL /app/ with /app/#/;
    // an <a href="#"> click adds "#".
    const seen = watch('/app/');
    history.replaceState({}, '', '/app/#/');
    history.replaceState({}, '', '/app/#!/');
    history.pushState({}, '', '/app/#');
    history.pushState({}, '', '/app/');
    expect(seen).toEqual([]);
    history.pushState({}, '', '/app/#/projects');
    history.pushState({}, '', '/app/#/');
    expect(seen).toEqual(['/app/#/projects', '/app/#/']);
  });

  it('does not count a jump to an in-page anchor as a page view, but counts a hash route without a slash', () => {
    document.body.innerHTML = '<h2 id="install">Install</h2><a name="faq"></a>';
    const seen = watch('/docs');
    history.pushState({}, '', '/docs#install'); // <a href="#install">
    dispatchEvent(new HashChangeEvent('hashchange'));
    history.pushState({}, '', '/docs#faq');
    history.pushState({}, '', '/docs#top');
    history.pushState({}, '', '/docs');
    expect(seen).toEqual([]);
    history.pushState({}, '', '/docs#projects'); // Backbone-style route: no element named so
    history.pushState({}, '', '/guide#install'); // another page, its anchor: one page view
    expect(seen).toEqual(['/docs#projects', '/guide#install']);
    document.body.innerHTML = '';
  });

  it('restores history and stops listening on cleanup', () => {
    const original = history.pushState;
    const cb = vi.fn();
    stop = onRouteChange(cb);
    expect(history.pushState).not.toBe(original);
    stop();
    expect(history.pushState).toBe(original);
    history.pushState({}, '', '/elsewhere');
    expect(cb).not.toHaveBeenCalled();
  });
});
