import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from '../utils/browser';
import { Collector } from '../utils/server';
import { buildHostApps } from './buildHosts';
import { startHostPages } from './hostServer';

/** An open host page, with the `[sabu]` console lines and uncaught page errors it printed. */
export interface Opened {
  page: Page;
  ctx: BrowserContext;
  logs: string[];
}

/**
 * Set-up for a host-matrix file: builds the host apps from their npm packages (cached),
 * starts one Chromium, the recording collector and the host page server. Each test opens
 * its own context (a fresh profile: its own IndexedDB, localStorage and prompt budget).
 */
export function useHost(...apps: string[]) {
  const env = {} as {
    browser: Browser;
    collector: Collector;
    pages: Awaited<ReturnType<typeof startHostPages>>;
    open(path: string, options?: BrowserContextOptions): Promise<Opened>;
  };
  beforeAll(async () => {
    const built = await buildHostApps(apps);
    env.browser = await launchBrowser();
    env.collector = await new Collector().start();
    env.pages = await startHostPages(() => env.collector.url, built);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.collector?.stop();
    await env.pages?.close();
  });
  env.open = async (path, options = {}) => {
    const ctx = await env.browser.newContext({ viewport: { width: 1024, height: 760 }, ...options });
    const page = await ctx.newPage();
    const logs: string[] = [];
    page.on('console', (m) => m.text().includes('[sabu]') && logs.push(m.text()));
    page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
    await page.goto(env.pages.url(path));
    return { page, ctx, logs };
  };
  return env;
}
