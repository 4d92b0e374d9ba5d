import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from '../../../../packages/sdk/src/browser/platform';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('browser platform', () => {
  it('opens the cross-tab channel when the page is idle, not while starting, and hears other tabs from then on', async () => {
    vi.useFakeTimers();
    const made: EventTarget[] = [];
    class FakeChannel extends EventTarget {
      constructor(readonly name: string) {
        super();
        made.push(this);
      }
      postMessage() {}
      close() {}
    }
    vi.stubGlobal('BroadcastChannel', FakeChannel);
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => setTimeout(fn, 50));
    const heard: string[][] = [];
    const off = createBrowserPlatform().onBroadcast((keys) => heard.push(keys));
    expect(made).toHaveLength(0); // a first BroadcastChannel costs 1-8 ms in Chromium
    vi.advanceTimersByTime(50);
    expect(made).toHaveLength(1);
    made[0]!.dispatchEvent(new MessageEvent('message', { data: ['k1'] }));
    expect(heard).toEqual([['k1']]);
    off();
    made[0]!.dispatchEvent(new MessageEvent('message', { data: ['k2'] }));
    expect(heard).toEqual([['k1']]);
  });

  it('stopped before the idle moment, it never opens the channel', () => {
    vi.useFakeTimers();
    const ctor = vi.fn();
    vi.stubGlobal('BroadcastChannel', class { constructor() { ctor(); } addEventListener() {} removeEventListener() {} });
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => setTimeout(fn, 50));
    createBrowserPlatform().onBroadcast(() => {})();
    vi.advanceTimersByTime(100);
    expect(ctor).not.toHaveBeenCalled();
  });
});
