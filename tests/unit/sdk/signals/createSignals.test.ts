import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../../packages/sdk/src/core/createClient';
import { validateConfig } from '../../../../packages/sdk/src/core/validateConfig';
import * as flowsAndValue from '../../../../packages/sdk/src/signals/flowsAndValue';
import { createSignals, type SignalsLoaders } from '../../../../packages/sdk/src/signals/createSignals';
import type { SabuMessage, SabuPlugin } from '../../../../packages/sdk/src/types';
import { fakePlatform } from '../fakePlatform';
import { fakePerformance } from './fakePerformance';

type Msg = SabuMessage & { event?: string; properties?: Record<string, any> };

const loaders = (o: Partial<SignalsLoaders> = {}): SignalsLoaders => ({ flows: async () => flowsAndValue, ...o });

let clients: ReturnType<typeof createClient>[] = [];

/** A real client (fake platform) with signals and a spy plugin that sees every accepted message. */
function start(config: Record<string, unknown>, load = loaders(), fake = fakePlatform()) {
  const seen: Msg[] = [];
  const spy: SabuPlugin = { name: 'spy', setup: (api) => void api.onMessage((m) => seen.push(m as Msg)) };
  const cfg = validateConfig({ writeKey: 'wk', endpoint: 'https://collector.test/v1/batch', trackPages: false, ...config, plugins: [spy] })!;
  cfg.plugins.unshift(createSignals(undefined, load));
  const client = createClient(cfg, fake.platform);
  clients.push(client);
  const tracked = (name: string) => seen.filter((m) => m.type == 'track' && m.event == name).map((m) => m.properties!);
  return { client, seen, fake, tracked };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => {
  clients.forEach((c) => c._teardown());
  clients = [];
  vi.restoreAllMocks();
});

describe('signals plugin', () => {
  it('adds no listener, observer or loader at all when signals are off', () => {
    const perf = fakePerformance();
    vi.stubGlobal('PerformanceObserver', perf.PerformanceObserver);
    const add = [vi.spyOn(window, 'addEventListener'), vi.spyOn(document, 'addEventListener')];
    const flows = vi.fn(async () => flowsAndValue);
    start({ signals: false }, { flows });
    const fromSignals = add.flatMap((s) => s.mock.calls.map((c) => c[0])).filter((t) => ['click', 'keydown', 'input', 'error', 'unhandledrejection'].includes(t as string));
    expect(fromSignals).toEqual([]);
    expect(flows).not.toHaveBeenCalled();
    expect(perf.live.size).toBe(0);
    vi.unstubAllGlobals();
  });

  it('watches no click when rage and dead clicks are off', async () => {
    const MO = vi.spyOn(window, 'MutationObserver');
    start({ signals: { rageClicks: false, deadClicks: false } });
    document.body.innerHTML = '<button id="b">B</button>';
    document.getElementById('b')!.click();
    await tick();
    expect(MO).not.toHaveBeenCalled();
  });

  it('measures web vitals in the core (nothing loaded) and sends each as a Web Vital when the page is hidden', async () => {
    const perf = fakePerformance();
    vi.stubGlobal('PerformanceObserver', perf.PerformanceObserver);
    const flows = vi.fn(async () => flowsAndValue);
    const { tracked } = start({}, { flows });
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 700 });
    perf.deliver();
    dispatchEvent(new Event('pagehide'));
    expect(tracked('Web Vital').map((p) => [p.name, p.value])).toEqual(expect.arrayContaining([['FCP', 700], ['CLS', 0]]));
    expect(flows).not.toHaveBeenCalled(); // the only on-demand part, and not configured
    vi.unstubAllGlobals();
  });

  it('with webVitals: false, observes no performance entry', () => {
    const perf = fakePerformance();
    vi.stubGlobal('PerformanceObserver', perf.PerformanceObserver);
    start({ signals: { webVitals: false } });
    expect(perf.live.size).toBe(0);
    vi.unstubAllGlobals();
  });

  it('gives flows the events that happened while their code was loading', async () => {
    let release!: () => void;
    const flows = () => new Promise<typeof flowsAndValue>((r) => (release = () => r(flowsAndValue)));
    const flow = { id: 'f', name: 'F', steps: [{ id: 'a', event: 'A' }, { id: 'b', event: 'B' }] };
    const { client, tracked } = start({ flows: [flow] }, loaders({ flows }));
    client.track('A');
    expect(tracked('Flow Started')).toEqual([]);
    release();
    await tick();
    client.track('B');
    expect(tracked('Flow Step Completed').map((p) => p.step)).toEqual(['a', 'b']);
    expect(tracked('Flow Completed')).toHaveLength(1);
  });

  it('adds first_use to Feature Used however it was made, per user, without touching the caller’s object', () => {
    const { client, tracked } = start({});
    const props = { feature: 'export-csv' };
    client.track('Feature Used', props);
    client.track('Feature Used', { feature: 'export-csv' });
    document.body.innerHTML = '<div data-sabu-feature="bulk-edit"><button><span id="s">Edit</span></button></div>';
    document.getElementById('s')!.click();
    client.identify('someone-else');
    client.reset();
    client.track('Feature Used', { feature: 'export-csv' });
    expect(tracked('Feature Used')).toEqual([
      { feature: 'export-csv', first_use: true },
      { feature: 'export-csv', first_use: false },
      { feature: 'bulk-edit', first_use: true },
      { feature: 'export-csv', first_use: true }, // a new (anonymous) user after reset()
    ]);
    expect(props).toEqual({ feature: 'export-csv' });
  });

  it('emits First Value Reached once per user across reloads, with a messageId derived from the user id', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 24, 12), toFake: ['Date'] });
    try {
      const value = { event: 'Report Created' };
      const first = start({ value });
      await tick();
      first.client.identify('u-1');
      vi.setSystemTime(Date.UTC(2026, 10, 24, 12, 0, 30));
      first.client.track('Report Created');
      expect(first.tracked('First Value Reached')).toEqual([{ ttv_ms: 30_000, from: 'first_seen', cohort: '2026-W48', value_event: 'Report Created' }]);
      const id = first.seen.find((m) => m.event == 'First Value Reached')!.messageId;
      expect(id).toMatch(/^fv-[0-9a-f]{28}$/);
      first.client._teardown();
      const again = start({ value }, loaders(), first.fake); // a reload: same storage
      await tick();
      again.client.track('Report Created');
      expect(again.tracked('First Value Reached')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a form left unsubmitted at pagehide, with names only', () => {
    const { tracked } = start({});
    document.body.innerHTML = '<form name="billing"><input name="card" id="card"><input name="zip"></form>';
    const card = document.getElementById('card') as HTMLInputElement;
    card.value = '4242424242424242';
    card.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked('Form Abandoned')).toEqual([{ form: 'billing', fields_touched: 1, last_field: 'card', page: location.pathname }]);
  });
});
