import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { clicks, sleep, useE2E } from './utils/fixture';

const env = useE2E();

const app = (config: Record<string, unknown> = {}) => 'signals-app.html?config=' + encodeURIComponent(JSON.stringify(config));
const tracked = (name: string) => env.collector.stored().filter((m) => m.type == 'track' && m.event == name);
const props = (name: string) => tracked(name).map((m) => m.properties);

/**
 * A page whose first idle moment never comes (a busy page, at its worst): what init()
 * leaves for that moment (the queue, the stored state, the detectors) must be made at the
 * first need instead, without losing anything.
 */
async function openBusy(path: string): Promise<{ page: Page; ctx: BrowserContext; logs: string[] }> {
  const ctx = await env.browser.newContext();
  await ctx.addInitScript(() => {
    (window as any).requestIdleCallback = () => 0;
  });
  return env.open(path, ctx);
}


describe('start-up work left for the first idle moment, in real Chromium', () => {
  it('before that moment, a rage burst, its dead click and an error click are all reported', async () => {
    env.collector.requests = [];
    const { page, ctx } = await openBusy(app({ signals: { webVitals: false } }));
    await clicks(page, '#broken', 4);
    await sleep(1300);
    await page.click('#boom');
    await sleep(700);
    await page.evaluate(() => sabu.track('Marker'));
    await env.collector.waitFor(() => tracked('Marker').length == 1, 10_000, 'marker');
    expect(props('Rage Click')).toEqual([expect.objectContaining({ selector: '#broken', count: 4 })]);
    // (#boom, which throws and changes nothing, may be called dead too once its window passed.)
    expect(props('Dead Click').filter((p) => p.selector == '#broken')).toHaveLength(1);
    expect(props('Error Click')).toEqual([expect.objectContaining({ selector: '#boom', message: expect.stringContaining('Payment failed: card declined') })]);
    await ctx.close();
  });

  it('a page left before that moment delivers its page view, an event tracked at once, a form left and its web vitals, exactly', async () => {
    env.collector.requests = [];
    const { page, ctx } = await openBusy(app({ flushInterval: 60_000, batchSize: 100 }));
    await page.evaluate(() => sabu.track('Early'));
    await page.fill('#email', 'someone@example.com');
    // The browser's own figures, to compare with what Sabu reports.
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime);
    await page.goto('about:blank'); // hidden, then pagehide
    await env.collector.waitFor(() => props('Web Vital').some((p) => p.name == 'FCP') && tracked('Form Abandoned').length > 0, 10_000, 'exit events');
    const types = env.collector.stored().map((m) => (m.type == 'track' ? m.event : m.type));
    expect(types.filter((t) => t == 'page' || t == 'Early')).toEqual(['page', 'Early']);
    expect(props('Form Abandoned')).toEqual([expect.objectContaining({ form: 'signup', last_field: 'email' })]);
    expect(props('Web Vital').find((p) => p.name == 'FCP')!.value).toBe(Math.round(fcp));
    await ctx.close();
  });

  it('init() itself adds no detector and opens no IndexedDB: they come when idle', async () => {
    const ctx = await env.browser.newContext();
    await ctx.addInitScript(() => {
      const w = window as any;
      w.added = [];
      w.opened = 0;
      const add = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: any[]) {
        if (this === window || this === document) w.added.push(type);
        return add.call(this, type, ...(rest as [any]));
      };
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, ...a: any[]) {
        w.opened++;
        return open.apply(this, a as [string]);
      };
      // Holds the idle moment until the test lets it come.
      w.idle = [];
      w.requestIdleCallback = (f: () => void) => w.idle.push(f);
    });
    const { page } = await env.open(app(), ctx);
    const atStart = await page.evaluate(() => ({ added: (window as any).added.length, opened: (window as any).opened }));
    expect(atStart.opened).toBe(0);
    await page.evaluate(() => (window as any).idle.splice(0).forEach((f: () => void) => f()));
    const afterIdle = await page.evaluate(() => ({ added: (window as any).added.length, opened: (window as any).opened }));
    expect(afterIdle.opened).toBe(1);
    expect(afterIdle.added).toBeGreaterThan(atStart.added);
    await ctx.close();
  });
});
