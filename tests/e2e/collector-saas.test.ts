import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './utils/browser';
import { collectorConfigSchema, startCollector } from '../../packages/collector/dist/index.js';
// @ts-expect-error: a plain .mjs module without types
import { serveSaasApp } from '../../examples/saas-app/serve.mjs';

/**
 * From the example SaaS app in Chromium, through the SDK (built script tag) and the real
 * collector on DuckDB, to the TTV report: the path `npm start` shows.
 */
const WRITE_KEY = 'wk_saas_0001_public';
const READ_KEY = 'rk_saas_0001_secret';

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let app: { url: string; close(): Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-saas-'));
  // The app's origin is only known once it listens; the collector needs it in its allow-list.
  app = await serveSaasApp({ endpoint: 'http://127.0.0.1:1/placeholder', writeKey: WRITE_KEY });
  await app.close();
  const appPort = Number(new URL(app.url).port);
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'saas.duckdb'),
    projects: [{ id: 'acme-reports', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [`http://127.0.0.1:${appPort}`], valueEvent: 'Report Published' }],
  });
  collector = await startCollector(config);
  app = await serveSaasApp({ endpoint: `${collector.url}/v1/batch`, writeKey: WRITE_KEY, port: appPort });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function report(name: string, params: Record<string, string> = {}) {
  const res = await fetch(`${collector.url}/v1/reports/${name}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
  return res.json() as Promise<any>;
}

async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('example SaaS app → SDK → collector → TTV report', () => {
  it('counts a new pro user who published a report as having reached value, with its checklist progress', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    await page.goto(app.url);
    // Anonymous first: the page view is sent before the user exists.
    await page.fill('input[name=name]', 'Ada');
    await page.fill('input[name=company]', 'Analytical Engines');
    await page.selectOption('select[name=plan]', 'pro');
    await page.click('#signup-button');
    await page.click('#create-project');
    await page.click('nav a[href="#/reports"]');
    await page.click('#publish-report');
    // The NPS prompt (examples/saas-app/nps-survey.json) follows the first published report:
    // the checklist did not open by itself (autoOpen: false), so the prompt budget is unspent.
    await page.locator('sabu-ui .sv').waitFor({ timeout: 10_000 });
    await page.evaluate(() => (window as any).sabu.flush());

    const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('acme.user')!).id as string);
    const ttv = await waitFor(async () => {
      const r = await report('ttv', { by: 'plan' });
      return r.cohorts?.find((c: any) => c.cohort == 'pro' && c.reached == 1) && r;
    });
    const pro = ttv.cohorts.find((c: any) => c.cohort == 'pro');
    expect(pro).toMatchObject({ users: 1, reached: 1, censored: 0, within: { '1d': 1 } });
    expect(pro.medianMs).toBeGreaterThanOrEqual(0);
    expect(pro.medianMs).toBeLessThan(60_000);

    // The anonymous page view before sign-up belongs to the user now (identify linking).
    const people = await collector.store.querySql(
      `SELECT DISTINCT person_id, type FROM resolved_events WHERE project_id = 'acme-reports' AND user_id IS NULL`,
    );
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.person_id == userId)).toBe(true);
    // The feature clicks (data-sabu-feature) reached the adoption report.
    const adoption = await waitFor(async () => {
      const r = await report('adoption');
      return r.features?.length && r;
    });
    expect(adoption.features.map((f: any) => f.feature)).toEqual(expect.arrayContaining(['create-project', 'reports']));

    // The onboarding checklist (data-checklist) ticked itself off: its events reach the funnel.
    const checklists = await waitFor(async () => {
      const r = await report('checklists');
      return r.checklists?.[0]?.items.length >= 2 && r;
    });
    expect(checklists.checklists[0]).toMatchObject({ checklist: 'onboarding', shown: 1 });
    expect(checklists.checklists[0].items.map((i: any) => i.item).sort()).toEqual(expect.arrayContaining(['create-project', 'publish-report']));
    expect(failed).toEqual([]);
    await ctx.close();
  });
});

/**
 * What the README promises a new user who runs `npm start`: sign up, follow the onboarding
 * checklist, publish a report, answer the NPS prompt. Collects every failed request and
 * console error on the way (a 404 for the favicon counts).
 */
async function openApp() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('console', (m) => m.type() == 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  return { ctx, page, problems };
}

// After the test above: it counts on being the only user who answered or finished.
describe("the README's demo story", () => {
  it('sign up, follow the checklist to its end, publish a report: the NPS prompt appears and its answer is stored', async () => {
    const { ctx, page, problems } = await openApp();
    await page.goto(app.url);
    await page.fill('input[name=name]', 'Grace');
    await page.fill('input[name=company]', 'Compilers Inc');
    await page.selectOption('select[name=plan]', 'enterprise');
    await page.click('#signup-button');

    // Follow the onboarding checklist from its launcher.
    const launcher = page.locator('sabu-ui .launch');
    const panel = page.locator('sabu-ui .panel');
    await launcher.click();
    await panel.waitFor();
    // The docs link of the optional item leads to a real page.
    const docs = await panel.locator('a', { hasText: 'docs' }).getAttribute('href');
    const docsRes = await fetch(new URL(docs!, app.url));
    expect([docs, docsRes.status, docsRes.headers.get('content-type')]).toEqual([docs, 200, 'text/plain; charset=utf-8']);
    expect(await docsRes.text()).toMatch(/^# /);

    // "Create a project": the item points at the button (the panel makes way for the hint).
    await panel.locator('li', { hasText: 'Create a project' }).locator('button').click();
    await page.click('#create-project');
    // "Connect a data source": a link to the page, then the three steps of the flow.
    await launcher.click();
    await panel.locator('li', { hasText: 'Connect a data source' }).locator('a').click();
    for (const step of ['#choose-source', '#authorize', '#map-fields']) await page.click(step);
    await panel.locator('li.done', { hasText: 'Connect a data source' }).waitFor();
    // "Publish your first report": the last required item.
    await panel.locator('li', { hasText: 'Publish your first report' }).locator('a').click();
    await page.click('#publish-report');
    // Celebrated, then the completed checklist steps aside: the NPS prompt can show.
    await panel.locator('.cele').waitFor();
    await panel.waitFor({ state: 'detached', timeout: 10_000 });
    await launcher.waitFor();
    const prompt = page.locator('sabu-ui .sv');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.locator('legend').textContent()).toContain('recommend Acme Reports');
    await prompt.locator('.opt').nth(9).click(); // 9: a promoter
    await prompt.locator('textarea').fill('Publishing was quick');
    await prompt.locator('button[type=submit]').click();
    await prompt.locator('.done').waitFor();
    await page.evaluate(() => (window as any).sabu.flush());

    // The answer and the comment reached the collector's voice report.
    const voice = await waitFor(async () => {
      const r = await report('voice');
      return r.comments?.some((c: any) => c.comment == 'Publishing was quick') && r;
    });
    expect(voice.overall.find((s: any) => s.kind == 'nps')).toMatchObject({ responses: 1, score: 100 });
    const checklists = await report('checklists');
    expect(checklists.checklists[0]).toMatchObject({ checklist: 'onboarding', completed: 1 });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
