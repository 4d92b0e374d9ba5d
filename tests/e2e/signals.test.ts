import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clicks, sleep, useE2E } from './utils/fixture';

const env = useE2E();

const app = (config: Record<string, unknown> = {}) => 'signals-app.html?config=' + encodeURIComponent(JSON.stringify(config));
const tracked = (name: string) => env.collector.stored().filter((m) => m.type == 'track' && m.event == name);
const props = (name: string) => tracked(name).map((m) => m.properties);

/** Waits out the detectors' windows, then for a marker event: whatever they emitted is in by then. */
async function settle(page: Page, ms = 1300) {
  await sleep(ms);
  const id = Math.random().toString(36).slice(2);
  await page.evaluate((id) => sabu.track('Marker', { id }), id);
  await env.collector.waitFor(() => props('Marker').some((p) => p.id == id), 10_000, 'marker');
}


describe('friction signals in real Chromium', () => {
  it('a rage burst on a dead button yields one Rage Click (and one Dead Click)', async () => {
    env.collector.requests = [];
    const { page, ctx, logs } = await env.open(app({ signals: { webVitals: false } }));
    await clicks(page, '#broken', 4);
    await settle(page);
    expect(props('Rage Click')).toEqual([
      { selector: '#broken', text: 'Save changes', x: expect.any(Number), y: expect.any(Number), count: 4, page: '/signals-app.html' },
    ]);
    expect(props('Dead Click')).toHaveLength(1);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('a stepper and a pagination arrow clicked fast yield no Rage Click and no Dead Click', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await clicks(page, '#plus', 6, 60);
    await clicks(page, '#next', 5, 60);
    expect(await page.textContent('#count')).toBe('6');
    // A text field clicked repeatedly and a paragraph triple-clicked to select it are not rage either.
    await clicks(page, '#email', 4, 50);
    await page.click('#para', { clickCount: 3 });
    expect(await page.evaluate(() => String(getSelection()).length)).toBeGreaterThan(20);
    await settle(page);
    expect(tracked('Rage Click')).toEqual([]);
    expect(tracked('Dead Click')).toEqual([]);
    await ctx.close();
  });

  it('a click on a dead button or a pointer-styled div yields Dead Click; on working ones none', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    for (const sel of ['#works', '#fetcher', '#broken', '#card', '#export']) {
      await page.click(sel);
      await sleep(1300); // one click at a time: a newer click cuts the older one's window short
    }
    await settle(page, 0);
    expect(props('Dead Click').map((p) => p.selector)).toEqual(['#broken', '#card']);
    expect(props('Dead Click')[0]).toEqual({ selector: '#broken', text: 'Save changes', x: expect.any(Number), y: expect.any(Number), page: '/signals-app.html' });
    await ctx.close();
  });

  it('attributes clicks inside open shadow roots to the real target, masks text, honours data-sabu-ignore', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await page.locator('#widget').locator('button.inner').click(); // Playwright pierces open shadow roots
    await sleep(1300);
    await page.click('#masked');
    await sleep(1300);
    await clicks(page, '#ignored', 4);
    await settle(page);
    expect(props('Dead Click').map((p) => [p.selector, p.text])).toEqual([
      ['#widget >>> div > button.inner', 'Inner action'],
      ['#masked', '***'],
    ]);
    expect(tracked('Rage Click')).toEqual([]);
    expect(JSON.stringify(env.collector.all())).not.toContain('Alice');
    await ctx.close();
  });

  it('an uncaught error right after a click yields Error Click and Error', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await page.click('#boom');
    await env.collector.waitFor(() => tracked('Error').length > 0);
    expect(props('Error Click')).toEqual([{ selector: '#boom', text: 'Pay now', message: expect.stringContaining('Payment failed: card declined'), page: '/signals-app.html' }]);
    expect(props('Error')[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('Payment failed'), source: expect.stringContaining('/signals-app.html'), line: expect.any(Number) });
    // The same error again within a minute is not sent twice (rate bound), but the click is still blamed.
    await page.click('#boom');
    await settle(page, 300);
    expect(tracked('Error')).toHaveLength(1);
    expect(tracked('Error Click')).toHaveLength(2);
    await ctx.close();
  });
});

describe('feature usage, forms and web vitals in real Chromium', () => {
  it('tracks Feature Used from data-sabu-feature (click and keyboard) and feature(), with first_use persisted', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await page.click('#export');
    await page.click('#export');
    await page.focus('#kbd');
    await page.keyboard.press('Enter');
    await page.evaluate(() => sabu.feature('bulk-edit', { rows: 2 }));
    await page.reload();
    await page.click('#export');
    await env.collector.waitFor(() => tracked('Feature Used').length >= 5);
    await settle(page, 200);
    expect(props('Feature Used')).toEqual([
      { feature: 'export-csv', first_use: true },
      { feature: 'export-csv', first_use: false },
      { feature: 'keyboard-shortcuts', first_use: true },
      { rows: 2, feature: 'bulk-edit', first_use: true },
      { feature: 'export-csv', first_use: false },
    ]);
    await ctx.close();
  });

  it('reports a started form left without submit as Form Abandoned, with field names and never values', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await page.fill('#email', 'alice@example.com');
    await page.fill('#password', 'hunter2secret');
    await page.goto(env.pages.url(app({ signals: { webVitals: false } }))); // leave the page
    await env.collector.waitFor(() => tracked('Form Abandoned').length > 0);
    expect(props('Form Abandoned')).toEqual([{ form: 'signup', fields_touched: 2, last_field: 'password', page: '/signals-app.html' }]);
    // A submitted form is not abandoned.
    await page.fill('#email', 'bob@example.com');
    await page.click('#submit');
    await page.goto(env.pages.url(app({ signals: { webVitals: false } })));
    await settle(page, 500);
    expect(tracked('Form Abandoned')).toHaveLength(1);
    const wire = JSON.stringify(env.collector.all());
    expect(wire).not.toContain('alice@example.com');
    expect(wire).not.toContain('hunter2secret');
    await ctx.close();
  });

  it('reports a started form that an SPA route change removed', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app({ signals: { webVitals: false } }));
    await page.fill('#email', 'carol@example.com');
    await page.evaluate(() => {
      history.pushState({}, '', '/app/projects'); // the router navigates, then renders the next view
      setTimeout(() => document.getElementById('signup')!.remove(), 100);
    });
    await env.collector.waitFor(() => tracked('Form Abandoned').length > 0, 5000);
    // `page` is where the form was, not the route the user went to.
    expect(props('Form Abandoned')).toEqual([{ form: 'signup', fields_touched: 1, last_field: 'email', page: '/signals-app.html' }]);
    await ctx.close();
  });

  it('measures web vitals in sabu.min.js itself: no other file while the page is visible; when it is left, all five arrive with sane values', async () => {
    env.collector.requests = [];
    const { page, ctx } = await env.open(app());
    // A slow click handler: the interaction's latency (INP) is at least this.
    await page.evaluate(() =>
      document.getElementById('works')!.addEventListener('click', () => {
        const t = performance.now();
        while (performance.now() - t < 150);
      }),
    );
    await page.click('#works');
    await settle(page);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    expect(scripts).toEqual(['/dist/sabu.min.js']); // start-up JS is the script tag's file alone
    expect(props('Web Vital')).toEqual([]); // sent when the page is hidden
    await page.goto('about:blank'); // hidden, then pagehide: no Sabu page after this one
    await env.collector.waitFor(() => ['TTFB', 'FCP', 'LCP', 'CLS', 'INP'].every((n) => props('Web Vital').some((p) => p.name == n)), 10_000, 'five web vitals');
    const m: Record<string, any> = Object.fromEntries(props('Web Vital').map((p) => [p!.name, p]));
    expect(props('Web Vital')).toHaveLength(5); // each once
    for (const p of Object.values(m)) {
      expect(p).toMatchObject({ value: expect.any(Number), id: expect.any(String), navigationType: 'navigate' });
      expect(p.delta).toBe(p.value);
      expect(['good', 'needs-improvement', 'poor']).toContain(p.rating);
    }
    expect(m.TTFB.value).toBeGreaterThanOrEqual(0);
    expect(m.FCP.value).toBeGreaterThanOrEqual(m.TTFB.value);
    expect(m.LCP.value).toBeGreaterThanOrEqual(m.FCP.value);
    expect(m.LCP.value).toBeLessThan(10_000);
    expect(typeof m.LCP.selector).toBe('string');
    expect(m.CLS.value).toBeGreaterThanOrEqual(0);
    expect(m.CLS.value).toBeLessThan(1);
    expect(m.INP.value).toBeGreaterThanOrEqual(150);
    expect(m.INP.value).toBeLessThan(2000);
    expect(m.INP.selector).toBe('#works');
    await ctx.close();
  });
});
