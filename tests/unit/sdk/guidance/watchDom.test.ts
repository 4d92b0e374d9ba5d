import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../../packages/sdk/src/guidance/matchRules';
import { watchDom } from '../../../../packages/sdk/src/guidance/watchDom';

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
