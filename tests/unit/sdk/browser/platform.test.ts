import { afterEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { createBrowserPlatform } from '../../../../packages/sdk/src/browser/platform';
import type { OutgoingRequest } from '../../../../packages/sdk/src/core/platform';

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

  it('sends a batch gzipped, and lets go of its text once compressed (a batch in flight holds its gzip bytes only)', async () => {
    const got: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => (got.push(init), new Response('{"success":true}', { status: 200 })));
    const text = JSON.stringify({ batch: Array.from({ length: 50 }, (_, i) => ({ event: 'E' + i })) });
    const req: OutgoingRequest = { url: 'http://127.0.0.1:9/v1/batch', body: text, headers: {}, compress: true, read: true };
    const res = await createBrowserPlatform().send(req);
    expect(res).toMatchObject({ status: 200, body: '{"success":true}' });
    expect((got[0]!.headers as Record<string, string>)['Content-Encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(got[0]!.body as ArrayBuffer)).toString()).toBe(text);
    expect(req.body).toBe('');
  });

  it('an exit request goes as text/plain with keepalive, never compressed, and keeps its body', async () => {
    const got: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => (got.push(init), new Response('', { status: 200 })));
    const req: OutgoingRequest = { url: 'http://127.0.0.1:9/v1/batch', body: '{"batch":[]}', headers: {}, exit: true };
    await createBrowserPlatform().send(req);
    expect(got[0]).toMatchObject({ body: '{"batch":[]}', keepalive: true });
    expect((got[0]!.headers as Record<string, string>)['Content-Type']).toBe('text/plain');
    expect(req.body).toBe('{"batch":[]}');
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
