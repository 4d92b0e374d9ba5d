import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../../../packages/sdk/src/guidance/shared/matchRules';
import { watchDom } from '../../../../../packages/sdk/src/guidance/shared/watchDom';

/** An IntersectionObserver that sees every observed element as on screen, at once. */
class SeeAll {
  constructor(private cb: (e: { isIntersecting: boolean; target: Element }[]) => void) {}
  observe(target: Element) {
    this.cb([{ isIntersecting: true, target }]);
  }
  disconnect() {}
}

describe('watching the page for rules', () => {
  let seen: Observation[];
  let stop: () => void;
  beforeEach(() => {
    seen = [];
    vi.useFakeTimers();
    vi.stubGlobal('IntersectionObserver', SeeAll);
    document.body.innerHTML = '<button id="connect"><b>Connect</b></button>';
  });
  afterEach(() => {
    stop?.();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('reports clicks with their target, even when the host stops propagation', () => {
    document.body.addEventListener('click', (e) => e.stopPropagation());
    stop = watchDom((o) => seen.push(o), () => []);
    document.querySelector('b')!.click();
    expect(seen).toEqual([{ type: 'click', target: document.querySelector('b') }]);
  });

  it('reports an element once when it is on screen, also when it appears later', async () => {
    stop = watchDom((o) => seen.push(o), () => ['#report']);
    expect(seen).toEqual([]);
    const el = document.createElement('section');
    el.id = 'report';
    document.body.append(el);
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual([{ type: 'visible', selector: '#report' }]);
    document.body.append(el.cloneNode());
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toHaveLength(1);
  });

  it('sees elements inside web components\' open shadow roots, also when they appear there later', async () => {
    const app = document.createElement('acme-app');
    app.attachShadow({ mode: 'open' }).innerHTML = '<acme-card></acme-card>';
    document.body.append(app);
    const card = app.shadowRoot!.querySelector('acme-card')!.attachShadow({ mode: 'open' });
    stop = watchDom((o) => seen.push(o), () => ['#report', '#chart']);
    card.innerHTML = '<section id="report">Report</section>'; // drawn by the component, not in the document's tree
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual([{ type: 'visible', selector: '#report' }]);
  });

  it('ignores invalid selectors, and observes no mutations when no rule needs it', () => {
    const made = vi.fn();
    vi.stubGlobal(
      'MutationObserver',
      class {
        constructor() {
          made();
        }
        observe() {}
        disconnect() {}
      },
    );
    stop = watchDom((o) => seen.push(o), () => []);
    expect(made).not.toHaveBeenCalled();
    expect(() => (stop(), (stop = watchDom((o) => seen.push(o), () => ['##bad'])))).not.toThrow();
  });
});
