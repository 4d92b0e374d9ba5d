import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSdk } from '../react/setup';

beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const config = { writeKey: 'wk_test_0001_public', endpoint: '/v1/first', trackPages: false };

describe('startOnce(config)', () => {
  it('starts the SDK with the first config; later calls do nothing and warn nothing', async () => {
    const { api, fake } = await freshSdk();
    const { startOnce } = await import('@sabu/sdk');
    expect(api.status()).toBeUndefined();
    startOnce(config);
    expect(api.status()).toBeDefined();
    startOnce({ ...config, writeKey: 'wk_other_0001_public', endpoint: '/v1/second' });
    api.track('Started');
    await api.flush();
    expect(fake.sent.map((s) => s.url)).toEqual(['/v1/first']);
    expect(fake.sent[0]!.messages.map((m: { event: string }) => m.event)).toEqual(['Started']);
    expect(console.warn).not.toHaveBeenCalled(); // no "init() called twice"
  });

  it('is the same once for every caller of the page: init() itself after it is the misuse that warns', async () => {
    const { api } = await freshSdk();
    const { startOnce } = await import('@sabu/sdk');
    startOnce(config);
    api.init(config);
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it('registers config.playbooks with playbook() before init(), once', async () => {
    const { api } = await freshSdk();
    const registered = vi.fn();
    vi.doMock('../../../packages/sdk/src/guidance/playbook/playbookEsm', () => ({ playbook: (d: unknown) => registered(d, api.status()) }));
    const { startOnce } = await import('@sabu/sdk');
    startOnce({ ...config, playbooks: '/playbooks.json' });
    startOnce({ ...config, playbooks: '/other.json' });
    expect(registered.mock.calls).toEqual([['/playbooks.json', undefined]]); // before init(): no status yet
    expect(api.status()).toBeDefined();
    vi.doUnmock('../../../packages/sdk/src/guidance/playbook/playbookEsm');
  });
});
