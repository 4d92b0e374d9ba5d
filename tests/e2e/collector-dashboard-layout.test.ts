import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './utils/browser';
import { axeViolations } from './utils/axe';
import { collectorConfigSchema, createDuckDBStore, generateDemoData, startCollector } from '../../packages/collector/dist/index.js';

/**
 * Every dashboard view with demo data, on a laptop and on a phone: screenshots (in a temp
 * dir, printed, not in the repository), no horizontal scrolling, no text cut off, and no
 * WCAG 2.2 AA violation axe-core can find (the live view included).
 */
const READ_KEY = 'rk_layout_0001_secret';
const WRITE_KEY = 'wk_layout_0001_public';
const VIEWS = [
  ['ttv', 1],
  ['checklists', 0],
  ['tours', 0],
  ['voice', 1],
  ['friction', 0],
  ['health', 0],
  ['experiments', 1],
  ['live', 0],
] as const;
const WIDTHS = [1280, 390];

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let dir: string;
let shots: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-dash-layout-'));
  shots = mkdtempSync(join(tmpdir(), 'sabu-dashboard-screenshots-'));
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'layout.duckdb'),
    projects: [{ id: 'demo', name: 'Layout demo', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] }],
  });
  const store = await createDuckDBStore(config.database);
  await store.insertEvents(generateDemoData({ projectId: 'demo', users: 1000, weeks: 8, now: Date.parse('2026-03-02T12:00:00Z') }));
  collector = await startCollector(config, { store });
  // A live event with long values, as real apps send.
  const long = 'x'.repeat(120);
  await fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      writeKey: WRITE_KEY,
      batch: [{ type: 'track', event: 'Very Long Event Name For Layout Checks', userId: `user-${long}`, anonymousId: 'anon-layout', messageId: randomUUID(), timestamp: new Date().toISOString(), properties: { url: `https://example.com/${long}`, nested: { a: [1, 2, 3] } }, context: { page: { path: `/app/${long}`, url: `http://127.0.0.1/app/${long}` } } }],
    }),
  });
  browser = await launchBrowser();
  console.log(`dashboard screenshots: ${shots}`);
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Elements whose content is wider than their box, or that stick out of the window. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page: ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    for (const e of document.body.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(e);
      if (style.display == 'none' || style.visibility == 'hidden' || e.closest('.u-over, .u-under, canvas')) continue;
      const hasText = [...e.childNodes].some((n) => n.nodeType == 3 && n.textContent!.trim());
      const rect = e.getBoundingClientRect();
      if (!rect.width) continue;
      const name = `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
      if (rect.right > root.clientWidth + 1 || rect.left < -1) out.push(`${name}: outside the window (${Math.round(rect.left)}–${Math.round(rect.right)})`);
      else if (hasText && style.display != 'inline' && e.scrollWidth > e.clientWidth + 1) out.push(`${name}: text cut (${e.scrollWidth} > ${e.clientWidth})`);
    }
    return out;
  });
}

describe('dashboard layout', () => {
  for (const width of WIDTHS) {
    it(`fits every view in ${width} px, with no text cut, and passes axe`, async () => {
      // bypassCSP lets axe-core be injected; collector-dashboard.test.ts checks the CSP.
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${collector.url}/dashboard/?key=${READ_KEY}&asOf=2026-03-03#/ttv`);
      for (const [view, charts] of VIEWS) {
        await page.click(`nav a[href="#/${view}"]`);
        await page.waitForSelector(`main[data-ready="${view}"]`, { timeout: 20_000 });
        await page.waitForFunction((n) => document.querySelectorAll('main .uplot canvas').length >= n, charts);
        if (view == 'live') await page.locator('main table.live tbody tr').first().waitFor();
        await page.screenshot({ path: join(shots, `${view}-${width}.png`), fullPage: true });
        expect([view, await overflowing(page)]).toEqual([view, []]);
        expect([view, await axeViolations(page, 'body')]).toEqual([view, []]);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});
