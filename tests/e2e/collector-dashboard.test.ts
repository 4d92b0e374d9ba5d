import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './utils/browser';
// The built collector, as `npm start` and `sabu start` run it.
import { collectorConfigSchema, createDuckDBStore, generateDemoData, startCollector } from '../../packages/collector/dist/index.js';

const READ_KEY = 'rk_dash_0001_secret';
const WRITE_KEY = 'wk_dash_0001_public';
const EMPTY_READ_KEY = 'rk_dash_empty_secret';
const ODD_WRITE_KEY = 'wk_dash_oddtimes_public';
const ODD_READ_KEY = 'rk_dash_oddtimes_secret';
const NOW = Date.parse('2026-03-02T12:00:00Z');

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let dir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-dash-'));
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'dash.duckdb'),
    projects: [
      { id: 'demo', name: 'Demo project', writeKeys: [WRITE_KEY], readKeys: [READ_KEY] },
      { id: 'empty', name: 'Empty project', writeKeys: ['wk_dash_empty_public'], readKeys: [EMPTY_READ_KEY] },
      { id: 'odd', name: 'Odd times', writeKeys: [ODD_WRITE_KEY], readKeys: [ODD_READ_KEY] },
    ],
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

async function open(hash: string, query = '', key = READ_KEY): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${collector.url}/dashboard/?key=${key}${query}${hash}`);
  return page;
}

/** Waits for a view to render and its uPlot charts (if any) to be drawn. */
async function ready(page: Page, name: string, charts = 0) {
  await page.waitForSelector(`main[data-ready="${name}"]`, { timeout: 20_000 });
  await page.waitForFunction((n) => document.querySelectorAll('main .uplot canvas').length >= n, charts);
}

async function api(path: string, key = READ_KEY) {
  const res = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
}

const rowsOf = (page: Page, table: string) =>
  page.$$eval(`main section:has(h2:text-is("${table}")) table tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!)));

describe('dashboard', () => {
  it('shows the TTV curve per cohort, a table that agrees with the API, and exports the API CSV', async () => {
    const page = await open('#/ttv', '&to=2026-03-03&asOf=2026-03-03');
    await ready(page, 'ttv', 1);
    expect(await page.textContent('#synthetic')).toMatch(/^Includes [\d,]+ synthetic demo events/);
    expect(page.url()).not.toContain(READ_KEY);
    const rows = await rowsOf(page, 'TTV per cohort');
    const report = await api('/v1/reports/ttv?to=2026-03-03&asOf=2026-03-03');
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual(report.cohorts.map((c: any) => [c.cohort, c.users]));
    // The legend names each cohort, with no "--" placeholder values.
    const legend = await page.$$eval('main .u-legend .u-series', (els) => els.map((e) => e.textContent!.trim()));
    expect(legend).toEqual(rows.map((r) => r[0]));
    expect(await page.textContent('main .u-legend')).not.toContain('--');
    // Durations read in hours or days, shares in %.
    for (const r of rows) {
      expect(r.slice(4, 8).every((v) => /^\d+(\.\d)? %$/.test(v))).toBe(true);
      expect(r.slice(8).every((v) => v == '–' || /^\d+(\.\d)? (s|min|h|days)$/.test(v))).toBe(true);
    }
    // The CSV is the API's, byte for byte, for the same filters.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv="ttv"]')]);
    expect(download.suggestedFilename()).toBe('sabu-ttv.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(await api('/v1/reports/ttv.csv?to=2026-03-03&asOf=2026-03-03'));
    await page.context().close();
  });

  it('renders every other report with human labels, one convention for shares, and all rows in its chart', async () => {
    const page = await open('#/checklists', '&asOf=2026-03-03');
    await ready(page, 'checklists');
    expect(await page.inputValue('input[name=asOf]')).toBe('2026-03-03');
    expect(await page.textContent('main')).toContain('create_project');
    // Median time to complete: hours or days, never thousands of minutes.
    expect(await page.textContent('main')).not.toMatch(/\d{3,} min/);

    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/reports/') && asked.push(new URL(r.url()).pathname));
    await page.click('nav a[href="#/voice"]');
    await ready(page, 'voice', 1);
    await page.waitForTimeout(300);
    expect(asked).toEqual(['/v1/reports/voice']); // once, though a link fires hashchange and popstate
    const voice = await page.textContent('main');
    expect(voice).toContain('not easy');
    expect(voice).not.toContain('notEasy');

    await page.click('nav a[href="#/friction"]');
    await ready(page, 'friction');
    const friction = await api('/v1/reports/friction?asOf=2026-03-03');
    const bars = await page.$$eval('main .bars li', (lis) => lis.map((li) => li.querySelector('.bar-value')!.textContent));
    expect(bars.length).toBe(friction.clicks.length); // every row of the table, not the first 12
    expect(bars).toEqual(friction.clicks.map((c: any) => String(c.count)));
    expect((await rowsOf(page, 'Abandoned forms by last field')).length).toBe(friction.forms.length);
    expect(friction.forms.length).toBeGreaterThan(0);

    await page.click('nav a[href="#/health"]');
    await ready(page, 'health');
    const health = await page.textContent('main');
    expect(health).toMatch(/Score = 100 × \(0\.3 × activity \+ 0\.2 × breadth/);
    expect(health).not.toMatch(/\/ 1\b/);
    // Shares in the chart are percentages, as in the table.
    const adoption = await page.$$eval('main section:has(h2:text-is("Feature adoption (share of active people)")) .bar-value', (els) => els.map((e) => e.textContent));
    expect(adoption.length).toBeGreaterThan(0);
    expect(adoption.every((v) => /^\d+(\.\d)? %$/.test(v!))).toBe(true);
    expect(await page.getAttribute('nav a[href="#/health"]', 'aria-current')).toBe('page');
    await page.context().close();
  });

  it('shows each experiment arm against control with intervals and plain verdicts, agreeing with the API and its CSV', async () => {
    const page = await open('#/experiments', '&asOf=2026-03-03');
    await ready(page, 'experiments', 1);
    const report = await api('/v1/reports/experiments?asOf=2026-03-03');
    const e = report.experiments.find((x: any) => x.experiment == 'guided-setup');
    const arms = await rowsOf(page, 'guided-setup: arms');
    expect(arms.map((r) => [r[0], Number(r[1]!.replace(/,/g, ''))])).toEqual(e.arms.map((a: any) => [a.variant == e.control ? `${a.variant} (control)` : a.variant, a.users]));
    // A share reads with its interval and n: "62.5 % (41.2–79.9 %), n=24".
    expect(arms.every((r) => /^\d+(\.\d)? % \(\d+(\.\d)?–\d+(\.\d)? %\), n=[\d,]+$/.test(r[5]!))).toBe(true);
    const legend = await page.$$eval('main .u-legend .u-series', (els) => els.map((el) => el.textContent!.trim()));
    expect(legend).toEqual(e.arms.map((a: any) => a.variant));
    const vs = await rowsOf(page, 'guided-setup: against control');
    expect(vs.length).toBe(4 * e.comparisons.length);
    const guidedTtv = vs.find((r) => r[0] == 'guided' && r[1] == 'time to value (curves)')!;
    const api_ = e.comparisons.find((c: any) => c.variant == 'guided');
    // The p-value as the statement writes it (a tiny p is not rounded to 0).
    expect(guidedTtv[4]).toMatch(/^χ² [\d.]+, p (0\.\d{3}|\d\.\de-\d+)$/);
    expect(api_.ttv.statement).toContain(`p = ${guidedTtv[4]!.split(', p ')[1]})`);
    expect(guidedTtv[5]).toBe('better');
    // Differences in signed points with their interval.
    expect(vs.filter((r) => r[1] != 'time to value (curves)').every((r) => /^[+−]\d+(\.\d)? pts$/.test(r[2]!) && / to /.test(r[3]!))).toBe(true);
    expect(await page.textContent('main ul.statements')).toContain(api_.ttv.statement);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv="experiments"]')]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(await api('/v1/reports/experiments.csv?asOf=2026-03-03'));
    await page.context().close();
  });

  it('shows each tour as a funnel with drop-off and failures, and guide click-through, as the API says', async () => {
    const page = await open('#/tours', '&asOf=2026-03-03&by=plan');
    await ready(page, 'tours');
    const tours = await api('/v1/reports/tours?asOf=2026-03-03&by=plan');
    const welcome = tours.tours.find((t: any) => t.tour == 'welcome-tour');
    // The funnel: started, each step (numbered from 1), completed; values as people and share.
    const funnel = page.locator('main section:has(h2:text-is("welcome-tour: funnel"))');
    expect(await funnel.locator('.bar-label').allTextContents()).toEqual(['Started', ...welcome.steps.map((s: any) => `${s.index + 1}. ${s.step}`), 'Completed']);
    const values = await funnel.locator('.bar-value').allTextContents();
    expect(values[1]).toBe(`${welcome.steps[0].viewed.toLocaleString('en-US')} (${Math.round(welcome.steps[0].reachedRate * 1000) / 10} %)`);
    expect(values.at(-1)).toBe(`${welcome.completed.toLocaleString('en-US')} (${Math.round(welcome.completionRate * 1000) / 10} %)`);
    // Drop-off per step agrees with the API, and the failures table names the reason in words.
    const drop = await rowsOf(page, 'welcome-tour: drop-off per step');
    expect(drop.slice(1).map((r) => [r[0], Number(r[3])])).toEqual(welcome.steps.map((s: any) => [`${s.index + 1}. ${s.step}`, s.dropped]));
    const failures = await rowsOf(page, 'welcome-tour: failed steps by reason');
    expect(failures[0]!.slice(0, 3)).toEqual(['anchor missing', '4. connect-data', String(welcome.failures[0].users)]);
    expect((await rowsOf(page, 'Tours per cohort (plan)')).map((r) => r[1])).toEqual(expect.arrayContaining(['enterprise', 'free', 'pro']));
    // Guides: one bar per guide, its click-through as in the table and the API.
    const guides = await api('/v1/reports/guides?asOf=2026-03-03&by=plan');
    const rows = await rowsOf(page, 'Hotspots, banners and announcements');
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual(
      guides.guides.map((g: any) => [g.guide, g.kind[0].toUpperCase() + g.kind.slice(1), `${Math.round(g.clickThroughRate * 1000) / 10} %`]),
    );
    expect(await page.locator('main section:has(h2:text-is("Guide click-through")) .bar-value').allTextContents()).toEqual(rows.map((r) => r[4]));
    // Both CSVs are the API's.
    for (const name of ['tours', 'guides']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-csv="${name}"]`)]);
      expect(readFileSync((await download.path())!, 'utf8')).toBe(await api(`/v1/reports/${name}.csv?asOf=2026-03-03&by=plan`));
    }
    expect(await page.getAttribute('nav a[href="#/tours"]', 'aria-current')).toBe('page');
    await page.context().close();
  });

  it('pages long tables, by mouse and by keyboard', async () => {
    const page = await open('#/health', '&asOf=2026-03-03');
    await ready(page, 'health');
    const total = (await api('/v1/reports/health?asOf=2026-03-03')).accounts.length;
    expect(total).toBeGreaterThan(25);
    const section = page.locator('main section:has(h2:text-is("Account health"))');
    expect(await section.locator('tbody tr').count()).toBe(25);
    expect(await section.locator('.pager-status').textContent()).toBe(`1–25 of ${total}`);
    const first = await section.locator('tbody tr td').first().textContent();
    await section.locator('button', { hasText: 'Next' }).focus();
    await page.keyboard.press('Enter');
    expect(await section.locator('.pager-status').textContent()).toBe(`26–50 of ${total}`);
    expect(await section.locator('tbody tr td').first().textContent()).not.toBe(first);
    expect(await section.locator('button', { hasText: 'Previous' }).isDisabled()).toBe(false);
    await page.context().close();
  });

  it('keeps filters in the address bar: they survive a reload and can be shared', async () => {
    const page = await open('#/ttv', '&asOf=2026-03-03');
    await ready(page, 'ttv', 1);
    await page.fill('input[name=by]', 'plan');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => location.search.includes('by=plan'));
    await ready(page, 'ttv', 1);
    expect(new URL(page.url()).searchParams.get('by')).toBe('plan');
    await page.reload();
    await ready(page, 'ttv', 1);
    expect(await page.inputValue('input[name=by]')).toBe('plan');
    expect((await rowsOf(page, 'TTV per cohort')).map((r) => r[0]).sort()).toEqual(['enterprise', 'free', 'pro']);
    await page.context().close();
  });

  it('says so when no user has the trait the cohorts are made by', async () => {
    const page = await open('#/ttv', '&by=no_such_trait');
    await ready(page, 'ttv');
    expect(await page.textContent('main .warn')).toContain('No user has the trait "no_such_trait"');
    await page.click('nav a[href="#/voice"]');
    await ready(page, 'voice');
    expect(await page.textContent('main .warn')).toContain('no_such_trait');
    await page.click('nav a[href="#/health"]');
    await ready(page, 'health');
    expect(await page.$('main .warn')).toBeNull();
    await page.context().close();
  });

  it('shows an empty state, not a chart of zeros, when a project has no data', async () => {
    const page = await open('#/ttv', '', EMPTY_READ_KEY);
    for (const name of ['ttv', 'checklists', 'tours', 'voice', 'friction', 'health']) {
      await page.click(`nav a[href="#/${name}"]`);
      await ready(page, name);
      expect([name, await page.locator('main canvas, main .bars').count()]).toEqual([name, 0]);
      expect(await page.textContent('main')).toMatch(/No .*(yet|in this period)/);
    }
    await page.context().close();
  });

  it('says how many stored times the reports ignore because they are out of range', async () => {
    const res = await fetch(`${collector.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        writeKey: ODD_WRITE_KEY,
        batch: [{ type: 'identify', userId: 'odd-1', anonymousId: 'anon-odd-1', messageId: randomUUID(), timestamp: new Date().toISOString(), traits: { created_at: 1e17 } }],
      }),
    });
    expect(res.status).toBe(200);
    const page = await open('#/ttv', '', ODD_READ_KEY);
    await ready(page, 'ttv');
    expect(await page.textContent('#out-of-range')).toMatch(/^1 person has a created_at or signed_up_at trait that is not a time in 1970–2100/);
    await page.context().close();
    const demo = await open('#/ttv');
    await ready(demo, 'ttv');
    expect(await demo.isHidden('#out-of-range')).toBe(true);
    await demo.context().close();
  });

  it('asks before a link swaps the stored read key to another project', async () => {
    const page = await open('#/ttv');
    await ready(page, 'ttv');
    await page.waitForFunction(() => document.getElementById('project')!.textContent == 'Demo project');
    // A link with another project's key: the page asks, naming both projects.
    await page.goto(`${collector.url}/dashboard/?key=${EMPTY_READ_KEY}#/ttv`);
    const dialog = page.locator('dialog#key-dialog[open]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-labelledby')).toBe('key-dialog-title');
    expect(await dialog.textContent()).toMatch(/“Empty project”[\s\S]*“Demo project”/);
    expect(page.url()).not.toContain(EMPTY_READ_KEY);
    // The safe choice has focus: Escape (or Enter) keeps the current key.
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe('keep');
    await page.keyboard.press('Escape');
    await ready(page, 'ttv');
    await page.waitForFunction(() => document.getElementById('project')!.textContent == 'Demo project');
    expect(await page.isHidden('dialog#key-dialog')).toBe(true);
    // Asked again, "Switch" takes the link's key.
    await page.goto(`${collector.url}/dashboard/?key=${EMPTY_READ_KEY}#/ttv`);
    await dialog.waitFor();
    await dialog.locator('button[value=switch]').click();
    await ready(page, 'ttv');
    await page.waitForFunction(() => document.getElementById('project')!.textContent == 'Empty project');
    await page.context().close();
  });

  it('shows incoming events live within 2 s, filtered by event and person', async () => {
    const page = await open('#/live');
    await ready(page, 'live');
    expect(await page.isHidden('#filters')).toBe(true);
    const send = (event: string, userId: string, props: Record<string, unknown> = {}) =>
      fetch(`${collector.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          writeKey: WRITE_KEY,
          batch: [{ type: 'track', event, userId, anonymousId: `anon-${userId}`, messageId: randomUUID(), timestamp: new Date().toISOString(), properties: props, context: { page: { path: '/app/live', url: 'http://127.0.0.1/app/live' } } }],
        }),
      });
    const row = (text: string) => page.locator('main table.live tbody tr', { hasText: text });
    const sent = Date.now();
    expect((await send('Live Check', 'live-ada', { n: 1 })).status).toBe(200);
    await row('Live Check').waitFor({ timeout: 2000 });
    const elapsed = Date.now() - sent;
    expect(elapsed).toBeLessThan(2000);
    expect(await row('Live Check').locator('td').allTextContents()).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), 'Live Check', 'live-ada', '/app/live', '{"n":1}']);

    // Filter by event: only that event, new ones included.
    await page.fill('.live-filters input[name=event]', 'Live Other');
    await page.click('.live-filters button[type=submit]');
    expect(new URL(page.url()).searchParams.get('event')).toBe('Live Other');
    await send('Live Other', 'live-bob');
    await send('Live Check', 'live-bob');
    await row('live-bob').first().waitFor({ timeout: 2000 });
    await page.waitForTimeout(1200);
    expect(await page.locator('main table.live tbody td:nth-child(2)').allTextContents()).toEqual(['Live Other']);
    // Filter by person.
    await page.fill('.live-filters input[name=event]', '');
    await page.fill('.live-filters input[name=person]', 'live-ada');
    await page.press('.live-filters input[name=person]', 'Enter');
    await send('Live Check', 'live-ada', { n: 2 });
    await row('{"n":2}').waitFor({ timeout: 2000 });
    expect(new Set(await page.locator('main table.live tbody td:nth-child(3)').allTextContents())).toEqual(new Set(['live-ada']));
    // Paused: nothing new until resumed, then what arrived meanwhile.
    const pause = page.locator('main button[aria-pressed]');
    await pause.click();
    expect(await pause.getAttribute('aria-pressed')).toBe('true');
    await send('Live Check', 'live-ada', { n: 3 });
    await page.waitForTimeout(1500);
    expect(await row('{"n":3}').count()).toBe(0);
    await pause.click();
    await row('{"n":3}').waitFor({ timeout: 2000 });
    // A click on an event name in the table filters by it (a button: keyboard too).
    await row('{"n":3}').locator('td:nth-child(2) button').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('event') == 'Live Check');
    expect(await page.inputValue('.live-filters input[name=event]')).toBe('Live Check');
    await row('{"n":3}').waitFor({ timeout: 2000 });
    // Leaving the view stops the polling.
    await page.click('nav a[href="#/ttv"]');
    await ready(page, 'ttv');
    const polls: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/events/recent') && polls.push(r.url()));
    await page.waitForTimeout(1500);
    expect(polls).toEqual([]);
    await page.context().close();
  });

  it('is usable by keyboard: the views are links in tab order', async () => {
    const page = await open('#/ttv');
    await ready(page, 'ttv');
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => document.activeElement?.getAttribute('href') ?? ''));
    }
    expect(seen).toEqual(expect.arrayContaining(['#/ttv', '#/checklists', '#/tours', '#/voice', '#/friction', '#/health', '#/experiments', '#/live']));
    while ((await page.evaluate(() => document.activeElement?.getAttribute('href'))) != '#/live') await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await ready(page, 'live');
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
