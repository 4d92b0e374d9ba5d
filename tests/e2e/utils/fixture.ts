import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { Collector, startPages } from './server';

/**
 * Shared set-up for an e2e file: one browser, one test collector, one page server.
 * Each test opens its own context (fresh profile: its own IndexedDB and localStorage).
 */
export function useE2E(headers: Record<string, string> = {}) {
  const env = {} as {
    browser: Browser;
    collector: Collector;
    pages: Awaited<ReturnType<typeof startPages>>;
    /** Opens a page of a new (or given) context, with [sabu] console lines collected. */
    open(path: string, ctx?: BrowserContext): Promise<{ page: Page; ctx: BrowserContext; logs: string[] }>;
  };
  beforeAll(async () => {
    env.browser = await launchBrowser();
    env.collector = await new Collector().start();
    env.pages = await startPages(() => env.collector.url, headers);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.collector?.stop();
    await env.pages?.close();
  });
  env.open = async (path, ctx) => {
    ctx ??= await env.browser.newContext();
    const page = await ctx.newPage();
    const logs: string[] = [];
    page.on('console', (m) => m.text().includes('[sabu]') && logs.push(m.text()));
    page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
    await page.goto(env.pages.url(path));
    return { page, ctx, logs };
  };
  return env;
}

/** `manual.html` with a config merged over its defaults. */
export const manual = (config: Record<string, unknown> = {}) => 'manual.html?config=' + encodeURIComponent(JSON.stringify(config));

/** Number of records in the page's IndexedDB queue (not entries: see idbStore.ts). */
export const storedCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('sabu-wk_test');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('q')) return resolve(0);
          // Records are stored in entries of many (an array each); a store written before entries has one per key.
          const r = db.transaction('q').objectStore('q').getAll();
          r.onsuccess = () => (resolve(r.result.reduce((n: number, v: unknown) => n + (Array.isArray(v) ? v.length : 1), 0)), db.close());
        };
        req.onerror = () => resolve(-1);
      }),
  );

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Real mouse clicks at the centre of an element (a pixel apart), `gap` ms apart. */
export async function clicks(page: Page, selector: string, n: number, gap = 80) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = (await page.locator(selector).boundingBox())!;
  for (let i = 0; i < n; i++) {
    await page.mouse.click(box.x + box.width / 2 + i, box.y + box.height / 2);
    if (gap) await sleep(gap);
  }
}
