import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sleep, useE2E } from './utils/fixture';

/**
 * Product tours and guides in real Chromium on the built sabu.min.js, sabu-tours.js and
 * sabu-guides.js (fixture: tour-app.html with tours-e2e.json; its page CSS is hostile).
 */
const env = useE2E();
const tip = (page: Page) => page.locator('sabu-ui .tip');
const run = () => Math.random().toString(36).slice(2, 10);
/** The Tour and Guide events the page with `?r=<id>` sent, as [event, properties]. */
const sent = (r: string) =>
  env.collector
    .stored()
    .filter((m) => m.type == 'track' && /^(Tour|Guide) /.test(String(m.event)) && String(m.context?.page?.url).includes('r=' + r))
    .map((m) => [m.event, m.properties] as [string, Record<string, unknown>]);

async function arrived(page: Page, pred: () => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${env.collector.events().join(', ')}`);
    await page.evaluate(() => (window as any).sabu.flush()).catch(() => {});
    await sleep(150);
  }
}

describe('product tours (real Chromium, sabu.min.js + sabu-tours.js + sabu-guides.js)', () => {
  it('runs a requested tour end to end: modal step, click on the anchor, a step far down the page scrolled into view, an anchor in an open shadow root; events in order', async () => {
    const r = run();
    const { page, ctx, logs } = await env.open(`tour-app.html?show=e2e-basic&r=${r}`);
    await tip(page).waitFor();
    // Step 1: a centred modal dialog, its hostile text shown as text.
    expect(await tip(page).getAttribute('aria-modal')).toBe('true');
    expect(await page.locator('sabu-ui .txt').innerText()).toBe('A short tour. <img src=x onerror="window.__xss=1"> [bad](javascript:alert(1))');
    expect(await page.locator('sabu-ui .txt strong').innerText()).toBe('short');
    expect(await page.locator('sabu-ui .txt img, sabu-ui .txt a').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await page.locator('sabu-ui .prog').innerText()).toBe('1 of 5');
    await page.locator('sabu-ui .next').click();
    // Step 2 waits for a click on its anchor: no Next button; the spotlight lets the click through to the app.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('2 of 5');
    expect(await page.locator('sabu-ui .next').count()).toBe(0);
    expect(await page.locator('sabu-ui .spot').count()).toBe(1);
    await page.locator('#create-project').click();
    expect(await page.evaluate(() => (window as any).created)).toBe(1);
    // Step 3: the anchor is 2400 px down; it is scrolled into view and the tip is beside it, inside the viewport.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('3 of 5');
    await expect.poll(() => page.locator('#far').evaluate((el) => { const b = el.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; })).toBe(true);
    await expect.poll(async () => {
      const [a, t] = [await page.locator('#far').boundingBox(), await tip(page).boundingBox()];
      return !!a && !!t && t.y + t.height <= a.y + 1 && t.y >= 0; // placement "top"
    }).toBe(true);
    await page.locator('sabu-ui .next').click();
    // Step 4: the anchor is inside <acme-toolbar>'s open shadow root; its condition is a click on it.
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('4 of 5');
    await page.locator('#shadow-btn').click();
    await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('5 of 5');
    await page.locator('sabu-ui .next').click(); // "Done"
    await tip(page).waitFor({ state: 'detached' });
    await arrived(page, () => sent(r).some(([e]) => e == 'Tour Completed'), 'Tour Completed');
    await sleep(300);
    const tour = 'e2e-basic';
    expect(sent(r)).toEqual([
      ['Tour Started', { tour, steps: 5, trigger: 'requested' }],
      ...['hello', 'create', 'far', 'shadow', 'done'].map((step, index) => ['Tour Step Viewed', { tour, step, index, steps: 5 }]),
      ['Tour Completed', { tour, steps: 5 }],
    ]);
    expect(logs).toEqual([]);
    await ctx.close();
  });
});
