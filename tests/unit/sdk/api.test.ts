import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../packages/sdk/src/api';
import { fakePlatform } from './fakePlatform';

let fake: ReturnType<typeof fakePlatform>;
beforeEach(() => {
  fake = fakePlatform();
  api._reset(() => fake.platform);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  api._reset();
  vi.restoreAllMocks();
});

describe('public API', () => {
  it('keeps calls made before init() and replays them in call order', async () => {
    api.track('First');
    api.identify('u1');
    api.track('Second');
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    api.track('Third');
    await api.flush();
    const msgs = fake.sent.flatMap((s) => s.messages);
    expect(msgs.map((m) => m.event ?? m.type)).toEqual(['First', 'identify', 'Second', 'Third']);
    expect(msgs[0].userId).toBeUndefined();
    expect(msgs[2].userId).toBe('u1');
  });

  it('never throws into the host, even when the platform fails', async () => {
    api._reset(() => ({ ...fake.platform, context: () => { throw new Error('broken DOM'); } }));
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    expect(() => api.track('A')).not.toThrow();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('[sabu] internal error'));
    await expect(api.flush()).resolves.toBeUndefined();
  });

  it('warns once when init() is called twice and keeps the first config', () => {
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    api.init({ writeKey: 'other', endpoint: '/x' });
    api.init({ writeKey: 'other', endpoint: '/x' });
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it('flush() before init resolves; status() before init is undefined', async () => {
    await expect(api.flush()).resolves.toBeUndefined();
    expect(api.status()).toBeUndefined();
  });

  it('exports exactly the documented functions', async () => {
    const index = await import('../../../packages/sdk/src/index');
    expect(Object.keys(index).sort()).toEqual(
      ['checklist', 'consent', 'feature', 'flush', 'group', 'identify', 'init', 'optIn', 'optOut', 'page', 'playbook', 'reset', 'startOnce', 'status', 'survey', 'tour', 'track'].sort(),
    );
  });
});

describe('the first automatic page view', () => {
  it('carries the user when identify() was called before init()', async () => {
    api.identify('u1');
    api.init({ writeKey: 'wk', endpoint: '/v1/batch' });
    await api.flush();
    const msgs = fake.sent.flatMap((s) => s.messages);
    expect(msgs.map((m) => m.type)).toEqual(['identify', 'page']);
    expect(msgs[1].userId).toBe('u1');
  });

  it('comes after every call the snippet queued (init first, identify after), with their own times', async () => {
    const t0 = Date.now() - 3000;
    api._replay(
      [
        ['init', [{ writeKey: 'wk', endpoint: '/v1/batch' }], t0],
        ['identify', ['u1', { plan: 'pro' }], t0 + 1],
        ['feature', ['export-csv'], t0 + 2],
      ],
      api as unknown as Record<string, unknown>,
    );
    await api.flush();
    const msgs = fake.sent.flatMap((s) => s.messages);
    expect(msgs.map((m) => m.event ?? m.type)).toEqual(['identify', 'Feature Used', 'page']);
    expect(msgs.map((m) => m.userId)).toEqual(['u1', 'u1', 'u1']);
    expect(Date.parse(msgs[1].timestamp)).toBe(t0 + 2);
    expect(msgs[1].properties).toEqual({ feature: 'export-csv' });
  });
});

describe('two copies of Sabu on one page', () => {
  const RUNNING = Symbol.for('sabu');
  afterEach(() => delete (window as any)[RUNNING]);

  it('the second stands down with a warning and passes its calls to the first', () => {
    const run = vi.fn(() => 'from the first');
    (window as any)[RUNNING] = { version: '0.0.9', run };
    api.init({ writeKey: 'wk', endpoint: '/v1/batch' });
    api.track('A', { n: 1 });
    expect(api.status()).toBe('from the first');
    expect(run.mock.calls.map((c: any[]) => [c[0], c[1]])).toEqual([
      ['track', ['A', { n: 1 }]],
      ['status', []],
    ]);
    expect(fake.sent).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^\[sabu\] Sabu 0\.0\.9 already runs on this page; this copy stands down/));
  });

  it('the first announces itself, so a later copy finds it', () => {
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    const first = (window as any)[RUNNING];
    expect(first.version).toEqual(expect.any(String));
    first.run('track', ['Through the second copy']);
    expect(api.status()!.queued).toBe(1);
  });
});

describe('hostile values never reach the host as errors (found by the API property test at 2,000 runs)', () => {
  it('feature() with a throwing getter in its properties, or a name that cannot become text', async () => {
    api.init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false });
    const hostile = { get boom() {
      throw new Error('getter');
    } };
    expect(() => api.feature('export', hostile as never)).not.toThrow();
    expect(() => api.feature(Object.assign(Object.create(null), { n: 1n }) as never)).not.toThrow();
    api.feature('after', { ok: 1 });
    await api.flush();
    expect(fake.sent.flatMap((s) => s.messages).map((m) => m.properties.feature)).toEqual(['after']);
  });
});
