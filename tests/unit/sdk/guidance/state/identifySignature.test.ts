import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../../../packages/sdk/src/api';
import { setStateLoader, type StateModule } from '../../../../../packages/sdk/src/guidance/state/loadState';
import { syncState } from '../../../../../packages/sdk/src/guidance/state/syncState';
import { progressKey } from '../../../../../packages/sdk/src/guidance/checklist/createProgress';
import { fakePlatform } from '../../fakePlatform';

let fake: ReturnType<typeof fakePlatform>;
let calls: unknown[][];
beforeEach(() => {
  localStorage.clear();
  fake = fakePlatform();
  api._reset(() => fake.platform);
  calls = [];
  setStateLoader(async () => ({ syncState: async (...a: unknown[]) => void calls.push(a) }) as StateModule);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  api._reset();
  vi.restoreAllMocks();
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('identify(userId, traits, { signature })', () => {
  it('fetches the state after identifying, without delaying identify()', async () => {
    api.init({ writeKey: 'wk', endpoint: 'https://c.example/v1/batch', trackPages: false });
    api.identify('u1', { plan: 'pro' }, { signature: 'ab'.repeat(32) });
    expect(calls).toEqual([]); // asynchronous: identify() has returned first
    await settle();
    expect(calls).toHaveLength(1);
    const [cfg, userId, anon, signature] = calls[0]!;
    expect([(cfg as any).endpoint, (cfg as any).writeKey, userId, typeof anon, signature]).toEqual(['https://c.example/v1/batch', 'wk', 'u1', 'string', 'ab'.repeat(32)]);
    await api.flush();
    expect(fake.sent.flatMap((s) => s.messages).map((m) => [m.type, m.userId, m.traits])).toEqual([['identify', 'u1', { plan: 'pro' }]]);
  });

  it('also from the snippet queue (identify before init)', async () => {
    api.identify('u1', {}, { signature: 'cd'.repeat(32) });
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    await settle();
    expect(calls.map((c) => c[1])).toEqual(['u1']);
  });

  it('stays as before without a signature, with traits only, or when the user opted out', async () => {
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    api.identify('u1', { plan: 'pro' });
    api.identify({ plan: 'team' } as never, undefined, { signature: 'ab'.repeat(32) });
    api.identify('u1', {}, { signature: 42 } as never);
    api.optOut();
    api.identify('u1', {}, { signature: 'ab'.repeat(32) });
    await settle();
    expect(calls).toEqual([]);
  });

  it('never throws into the host when the state chunk cannot load', async () => {
    setStateLoader(() => Promise.reject(new Error('404')));
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    expect(() => api.identify('u1', {}, { signature: 'ab'.repeat(32) })).not.toThrow();
    await settle();
    expect(console.error).not.toHaveBeenCalled();
  });
});

describe('syncState (the chunk)', () => {
  const cfg = { endpoint: 'https://c.example/v1/batch', writeKey: 'wk_1', debug: true };
  it('POSTs writeKey, user and signature beside the batch endpoint as text/plain, and merges the answer', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ checklists: { onb: { start: 1, done: { a: 2 } } } }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await syncState(cfg, 'u1', 'anon', 'sig');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://c.example/v1/state');
    expect(init).toMatchObject({ method: 'POST', headers: { 'content-type': 'text/plain' }, credentials: 'omit' });
    expect(JSON.parse(String(init.body))).toEqual({ writeKey: 'wk_1', userId: 'u1', signature: 'sig' });
    expect(JSON.parse(localStorage.getItem(progressKey('onb', 'u1'))!).done).toEqual({ a: 2 });
    vi.unstubAllGlobals();
  });

  it('merges nothing and throws nothing on a refusal or a network error (one [sabu] line with debug)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":"invalid_signature"}', { status: 401 })));
    await expect(syncState(cfg, 'u1', 'anon', 'bad')).resolves.toBeUndefined();
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(syncState({ ...cfg, debug: false }, 'u1', 'anon', 'bad')).resolves.toBeUndefined();
    expect(localStorage.length).toBe(0);
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^\[sabu\] identify\(\)/), expect.any(Error));
    vi.unstubAllGlobals();
  });
});
