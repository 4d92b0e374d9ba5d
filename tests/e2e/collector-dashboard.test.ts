import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './utils/browser';
// The built collector, as `npm start` and `sabu start` run it.
import { collectorConfigSchema, createDuckDBStore, generateDemoData, startCollector } from '../../packages/collector/dist/index.js';

const READ_KEY = 'rk_dash_0001_secret';
const ARTIFACTS = 'tests/e2e/artifacts';
const NOW = Date.parse('2026-03-02T12:00:00Z');

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let dir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'sabu-dash-'));
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'dash.duckdb'),
    projects: [{ id: 'demo', writeKeys: ['wk_dash_0001_public'], readKeys: [READ_KEY] }],
  });
  const store = await createDuckDBStore(config.database);
  // 400 synthetic users over 4 weekly cohorts: enough for every chart, fast to load.
  await store.insertEvents(generateDemoData({ projectId: 'demo', users: 400, weeks: 4, now: NOW }));
  collector = await startCollector(config, { store });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(hash: string, query = ''): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${collector.url}/dashboard/?key=${READ_KEY}${query}${hash}`);
  return page;
}

/** Waits for a report page to render and its charts to be drawn by uPlot. */
async function ready(page: Page, name: string, charts: number) {
  await page.waitForSelector(`main[data-ready="${name}"]`, { timeout: 20_000 });
  await page.waitForFunction((n) => document.querySelectorAll('main .uplot canvas').length >= n, charts);
}

describe('dashboard', () => {
  it('shows the TTV survival curve per cohort and a table that exports to CSV', async () => {
    const page = await open('#/ttv');
    await page.fill('input[name=to]', '2026-03-03');
    await page.fill('input[name=asOf]', '2026-03-03');
    await page.click('#filters button[type=submit]');
    await ready(page, 'ttv', 1);
    // Synthetic data is labelled as such.
    expect(await page.textContent('#synthetic')).toMatch(/^Includes [\d,]+ synthetic demo events/);
    // The read key left the address bar.
    expect(page.url()).not.toContain(READ_KEY);
    // One legend entry per weekly cohort, drawn by uPlot on a canvas.
    const legend = await page.$$eval('main .u-legend .u-series th .u-label', (els) => els.map((e) => e.textContent));
    const rows = await page.$$eval('main table.report tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(legend).toEqual(expect.arrayContaining(rows.map((r) => r[0])));
    const canvas = await page.$('main .uplot canvas');
    const box = await canvas!.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    // The table agrees with the API.
    const api = await (await fetch(`${collector.url}/v1/reports/ttv?to=2026-03-03&asOf=2026-03-03`, { headers: { authorization: `Bearer ${READ_KEY}` } })).json();
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual(api.cohorts.map((c: any) => [c.cohort, c.users]));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv="sabu-ttv"]')]);
    expect(download.suggestedFilename()).toBe('sabu-ttv.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('cohort,users,reached,censored,within 1 d,within 7 d,within 14 d,within 30 d,median (days),p75 (days)');
    expect(csv.length).toBe(rows.length + 1);
    await page.screenshot({ path: `${ARTIFACTS}/collector-dashboard-ttv.png`, fullPage: true });
    await page.context().close();
  });

  it('renders every other report page with charts and tables', async () => {
    const page = await open('#/checklists', '&asOf=2026-03-03');
    expect(await page.inputValue('input[name=asOf]')).toBe('2026-03-03');
    await ready(page, 'checklists', 1);
    expect(await page.textContent('main')).toContain('create_project');
    await page.screenshot({ path: `${ARTIFACTS}/collector-dashboard-checklists.png`, fullPage: true });
    for (const [name, charts, text] of [
      ['voice', 1, 'NPS'],
      ['friction', 1, '#export-btn'],
      ['health', 2, 'demo-account-'],
    ] as const) {
      await page.click(`nav a[href="#/${name}"]`);
      await ready(page, name, charts);
      expect(await page.textContent('main')).toContain(text);
      await page.screenshot({ path: `${ARTIFACTS}/collector-dashboard-${name}.png`, fullPage: true });
    }
    expect(await page.getAttribute('nav a[href="#/health"]', 'aria-current')).toBe('page');
    await page.context().close();
  });

  it('asks for a read key and refuses a wrong one', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${collector.url}/dashboard/#/ttv`);
    await page.waitForSelector('#key-form:not([hidden])');
    await page.fill('#key-form input[name=key]', 'rk_wrong_000');
    await page.click('#key-form button');
    await page.waitForSelector('main .error');
    expect(await page.textContent('main .error')).toContain('read key');
    await page.fill('#key-form input[name=key]', READ_KEY);
    await page.click('#key-form button');
    await ready(page, 'ttv', 1);
    await ctx.close();
  });

  it('ran without console errors or CSP violations', () => {
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
