import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../../packages/sdk/src/core/createClient';
import { validateConfig } from '../../../../packages/sdk/src/core/validateConfig';
import * as flowsAndValue from '../../../../packages/sdk/src/signals/flowsAndValue';
import { createSignals } from '../../../../packages/sdk/src/signals/createSignals';
import { TRIGGERS as GROUPS } from '../../../../packages/sdk/src/signals/whenNeeded';
import type { SabuMessage, SabuPlugin } from '../../../../packages/sdk/src/types';
import { fakePlatform } from '../fakePlatform';
import { fakePerformance } from './fakePerformance';

/** One [on document, type, capture] per trigger. */
const TRIGGERS = GROUPS.flatMap(([d, types, c]) => types.split(' ').map((t) => [d, t, c] as [boolean, string, boolean]));

type Msg = SabuMessage & { event?: string; properties?: Record<string, any> };

/** The first idle moment comes only when the test says so. */
let idle: (() => void)[] = [];
const runIdle = () => idle.splice(0).forEach((f) => f());
let clients: ReturnType<typeof createClient>[] = [];
let perf: ReturnType<typeof fakePerformance>;

function start(config: Record<string, unknown> = {}) {
  const seen: Msg[] = [];
  const spy: SabuPlugin = { name: 'spy', setup: (api) => void api.onMessage((m) => seen.push(m as Msg)) };
  const cfg = validateConfig({ writeKey: 'wk', endpoint: 'https://collector.test/v1/batch', trackPages: false, ...config, plugins: [spy] })!;
  cfg.plugins.unshift(createSignals(undefined, { flows: async () => flowsAndValue }));
  const client = createClient(cfg, fakePlatform().platform);
  clients.push(client);
  return { client, tracked: (name: string) => seen.filter((m) => m.type == 'track' && m.event == name).map((m) => m.properties!) };
}

/** Every addEventListener on window and document while `fn` runs: [on document, type, capture]. */
function listenersAdded(fn: () => void) {
  const added: [boolean, string, boolean][] = [];
  const spies = [window, document].map((t) => {
    const add = t.addEventListener.bind(t);
    return vi.spyOn(t, 'addEventListener').mockImplementation((type, l, o) => {
      added.push([t == document, type, typeof o == 'boolean' ? o : !!o?.capture]);
      return add(type, l, o);
    });
  });
  try {
    fn();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return added;
}

const click = (el: Element, x = 10, y = 10) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y, detail: 1 }));

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
  idle = [];
  vi.stubGlobal('requestIdleCallback', (f: () => void) => idle.push(f));
  perf = fakePerformance();
  vi.stubGlobal('PerformanceObserver', perf.PerformanceObserver);
});
afterEach(() => {
  clients.forEach((c) => c._teardown());
  clients = [];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('signals start-up: detectors are set up at the first idle moment or the first event they need', () => {
  it('init() adds only one listener per trigger and no observer; the detectors come when idle', () => {
    const atInit = listenersAdded(() => start());
    expect(atInit.sort()).toEqual([...TRIGGERS].sort());
    expect(perf.live.size).toBe(0);
    const atIdle = listenersAdded(runIdle);
    expect(atIdle.length).toBeGreaterThan(0);
    expect(perf.live.size).toBeGreaterThan(0);
  });

  it('every listener a detector keeps for the page is one of the triggers (so no event it needs can come first)', () => {
    start({ signals: { features: true, rageClicks: true, deadClicks: true, errors: true, forms: true, webVitals: true } });
    const kept = listenersAdded(runIdle);
    const key = ([d, t, c]: [boolean, string, boolean]) => `${d ? 'document' : 'window'} ${t} ${c ? 'capture' : 'bubble'}`;
    expect(new Set(kept.map(key))).toEqual(new Set(TRIGGERS.map(key)));
  });

  it('a rage burst before the idle moment is reported, its first click included', () => {
    const { tracked } = start();
    document.body.innerHTML = '<button id="b">Save</button>';
    const b = document.getElementById('b')!;
    for (let i = 0; i < 3; i++) click(b);
    window.dispatchEvent(new Event('pagehide')); // a burst is reported when it ends
    expect(tracked('Rage Click')).toEqual([expect.objectContaining({ count: 3, selector: '#b' })]);
  });

  it('an error right after the first click is an Error Click', () => {
    const { tracked } = start();
    document.body.innerHTML = '<button id="pay">Pay</button>';
    click(document.getElementById('pay')!);
    window.dispatchEvent(new ErrorEvent('error', { message: 'boom', error: new Error('boom') }));
    expect(tracked('Error Click')).toEqual([expect.objectContaining({ selector: '#pay', message: 'boom' })]);
    expect(tracked('Error').map((p) => p.message)).toEqual(['boom']);
  });

  it('a first error, before any click, is reported (the bubble-phase trigger)', () => {
    const { tracked } = start();
    window.dispatchEvent(new ErrorEvent('error', { message: 'early', error: new Error('early') }));
    expect(tracked('Error').map((p) => p.message)).toEqual(['early']);
  });

  it('the first click on a feature counts once', () => {
    const { tracked } = start();
    document.body.innerHTML = '<div data-sabu-feature="export"><button id="b">Export</button></div>';
    click(document.getElementById('b')!);
    expect(tracked('Feature Used').map((p) => p.feature)).toEqual(['export']);
  });

  it('a form typed in and left before the idle moment is reported at pagehide', () => {
    const { tracked } = start();
    document.body.innerHTML = '<form name="signup"><input name="email" id="e"></form>';
    document.getElementById('e')!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked('Form Abandoned')).toEqual([expect.objectContaining({ form: 'signup', fields_touched: 1, last_field: 'email' })]);
  });

  it('web vitals set up when idle report the paints from before, exactly (buffered entries)', () => {
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 812.4 });
    perf.emit('largest-contentful-paint', { startTime: 1234.6 });
    const { tracked } = start();
    runIdle();
    perf.deliver();
    window.dispatchEvent(new Event('pagehide'));
    const vitals = Object.fromEntries(tracked('Web Vital').map((p) => [p.name, p.value]));
    expect(vitals).toMatchObject({ FCP: 812, LCP: 1235, CLS: 0 });
  });

  it('a page hidden before the idle moment reports its web vitals then', () => {
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 500 });
    const { tracked } = start();
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked('Web Vital').map((p) => [p.name, p.value])).toEqual(expect.arrayContaining([['FCP', 500]]));
  });

  it('stopped before the idle moment, it sets nothing up', () => {
    start();
    clients.pop()!._teardown();
    const added = listenersAdded(runIdle);
    expect(added).toEqual([]);
    expect(perf.live.size).toBe(0);
  });
});
