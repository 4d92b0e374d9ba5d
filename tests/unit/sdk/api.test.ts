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
      ['checklist', 'consent', 'feature', 'flush', 'group', 'identify', 'init', 'optIn', 'optOut', 'page', 'reset', 'status', 'survey', 'track'].sort(),
    );
  });
});
