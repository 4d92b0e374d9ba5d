import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onVitals } from '../../../../packages/sdk/src/signals/vitals';
import { fakePerformance } from './fakePerformance';

let perf: ReturnType<typeof fakePerformance>;
let sent: Record<string, any>[];
let stop: () => void;

const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};
const byName = () => Object.fromEntries(sent.map((p) => [p.name, p]));
const el = (html: string) => {
  document.body.insertAdjacentHTML('beforeend', html);
  return document.body.lastElementChild!;
};

beforeEach(() => {
  perf = fakePerformance();
  vi.stubGlobal('PerformanceObserver', perf.PerformanceObserver);
  vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type: 'navigate', responseStart: 120, activationStart: 0 } as any]);
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  document.body.innerHTML = '';
  sent = [];
});
afterEach(() => {
  stop?.();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  delete (performance as any).interactionCount;
});

const start = () => (stop = onVitals((p) => sent.push(p)));

describe('web vitals in the core', () => {
  it('sends nothing while the page is visible; when hidden, all five with ratings, ids and what they are attributed to', () => {
    const hero = el('<h1 id="hero">Hi</h1>');
    const a = el('<button id="a">A</button>');
    const b = el('<button id="b">B</button>');
    // Before init(): buffered entries count.
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 900 });
    perf.emit('largest-contentful-paint', { startTime: 1000, element: el('<p>x</p>') });
    start();
    perf.emit('largest-contentful-paint', { startTime: 2600, element: hero });
    perf.emit('layout-shift', { startTime: 3000, value: 0.05, hadRecentInput: false, sources: [{ node: hero }] });
    perf.emit('layout-shift', { startTime: 3500, value: 0.06, hadRecentInput: false, sources: [{ node: a }] });
    perf.emit('layout-shift', { startTime: 10_000, value: 0.2, hadRecentInput: false, sources: [{ node: null }, { node: b }] });
    perf.emit('first-input', { startTime: 11_000, duration: 16, interactionId: 7, target: a });
    perf.emit('event', { startTime: 11_000, duration: 80, interactionId: 7, target: a });
    perf.emit('event', { startTime: 12_000, duration: 120, interactionId: 14, target: b });
    perf.emit('event', { startTime: 12_000, duration: 304, interactionId: 14, target: b });
    perf.emit('event', { startTime: 13_000, duration: 24, interactionId: 21, target: a }); // under 40 ms: not observed
    perf.deliver();
    expect(sent).toEqual([]);
    setVisibility('hidden');
    const m = byName();
    expect(Object.keys(m).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    expect(m.TTFB).toMatchObject({ value: 120, rating: 'good', delta: 120, navigationType: 'navigate' });
    expect(m.FCP).toMatchObject({ value: 900, rating: 'good' });
    expect(m.LCP).toMatchObject({ value: 2600, rating: 'needs-improvement', selector: '#hero' });
    expect(m.CLS).toMatchObject({ value: 0.2, rating: 'needs-improvement', selector: '#b' }); // the larger of the two session windows
    expect(m.INP).toMatchObject({ value: 304, rating: 'needs-improvement', selector: '#b' });
    expect(new Set(sent.map((p) => p.id)).size).toBe(5);
    // pagehide right after: nothing changed, nothing sent twice.
    dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(5);
  });

  it('ends LCP at the first click; paints after the page was first hidden do not count', () => {
    start();
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 500 });
    perf.emit('largest-contentful-paint', { startTime: 800, element: null });
    document.body.click();
    perf.emit('largest-contentful-paint', { startTime: 1500, element: null });
    setVisibility('hidden');
    expect(byName().LCP).toMatchObject({ value: 800, rating: 'good' });
    expect(byName().LCP.selector).toBeUndefined();
  });

  it('a page loaded in a background tab has no FCP or LCP (TTFB still)', () => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    start();
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 500 });
    perf.emit('largest-contentful-paint', { startTime: 800 });
    dispatchEvent(new Event('pagehide'));
    expect(sent.map((p) => p.name)).toEqual(['TTFB']);
  });

  it('sends CLS and INP again, with the delta, when they grew after the user came back; the rest once', () => {
    start();
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 500 });
    perf.emit('event', { startTime: 1000, duration: 48, interactionId: 7 });
    setVisibility('hidden');
    expect(byName().CLS).toMatchObject({ value: 0, delta: 0 }); // no shift: CLS is 0 once there was a paint
    const first = byName();
    sent = [];
    setVisibility('visible');
    perf.emit('layout-shift', { startTime: 20_000, value: 0.3, hadRecentInput: false });
    perf.emit('layout-shift', { startTime: 20_100, value: 0.5, hadRecentInput: true }); // right after input: expected
    perf.emit('event', { startTime: 21_000, duration: 600, interactionId: 14 });
    setVisibility('hidden');
    expect(sent.map((p) => p.name).sort()).toEqual(['CLS', 'INP']);
    expect(byName().CLS).toMatchObject({ value: 0.3, delta: 0.3, rating: 'poor', id: first.CLS.id });
    expect(byName().INP).toMatchObject({ value: 600, delta: 552, rating: 'poor', id: first.INP.id });
  });

  it('INP is the 98th percentile: with 120 interactions, the third longest', () => {
    start();
    for (const [i, d] of [400, 350, 300, 250, 200].entries()) perf.emit('event', { startTime: i * 1000, duration: d, interactionId: 7 * (i + 1) });
    (performance as any).interactionCount = 120;
    setVisibility('hidden');
    expect(byName().INP.value).toBe(300);
  });

  it('counts interactions from their ids where interactionCount is missing (ids step by 7)', () => {
    start();
    // 101 interactions between ids 7 and 707, only two of them slow enough to be observed.
    perf.emit('event', { startTime: 1, duration: 500, interactionId: 7 });
    perf.emit('event', { startTime: 2, duration: 100, interactionId: 707 });
    setVisibility('hidden');
    expect(byName().INP.value).toBe(100); // index floor(101 / 50) = 2, capped at the last kept
  });

  it('without PerformanceObserver: nothing measured, nothing thrown', () => {
    vi.stubGlobal('PerformanceObserver', undefined);
    start();
    setVisibility('hidden');
    expect(sent).toEqual([]);
  });

  it('cleans up: observers disconnected, nothing sent after', () => {
    start();
    perf.emit('paint', { name: 'first-contentful-paint', startTime: 500 });
    stop();
    expect(perf.live.size).toBe(0);
    setVisibility('hidden');
    expect(sent).toEqual([]);
  });
});
