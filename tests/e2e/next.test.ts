import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNextExample, serveNextExample } from '../../examples/next/serve.mjs';
import { launchBrowser } from './utils/browser';

/**
 * The Next.js App Router example (examples/next) as a user runs it: `next build`, then
 * `next start` on 127.0.0.1, sending to the reference collector on 127.0.0.1. Server
 * components render the pages; a client component starts Sabu and counts page views with
 * usePathname(). One journey: each route counted once, events with their page context,
 * the checklist opened and ticked off, the NPS prompt answered, a tour taken from a
 * button, nothing stored twice.
 */
// Beside the example's own .next, so `npm run example:next` is left alone. The build is kept
// (gitignored) and reused while the example's sources and the built packages are unchanged.
const DIST = '.next-e2e';
const EXAMPLE = fileURLToPath(new URL('../../examples/next', import.meta.url));
/**
 * The development test edits the app as a developer would, in a copy beside the example
 * (git-ignored) so that the example itself is never changed, even by a test killed midway.
 */
const DEV_COPY = join(EXAMPLE, '..', `.edit-next-${process.pid}`);

let browser: Browser;
beforeAll(async () => {
  await buildNextExample({ distDir: DIST, quiet: true });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  rmSync(DEV_COPY, { recursive: true, force: true });
});

interface Row {
  messageId: string;
  sessionId: string | null;
  type: string;
  event: string | null;
  pagePath: string | null;
  properties: string | null;
  context: string | null;
}
const props = (r: Row) => JSON.parse(r.properties ?? 'null');
const liveRegion = (page: Page) => page.locator('sabu-ui [role=status][aria-live=polite]');

const until = async (fn: () => boolean, what: string, ms = 15_000) => {
  for (const end = Date.now() + ms; !fn(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the Next.js App Router example', () => {
  it('counts each route once, sends events with context, ticks the checklist, asks and delivers NPS, runs a requested tour', async () => {
    const server = await serveNextExample({ distDir: DIST, quiet: true });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => (m.type() == 'error' || m.type() == 'warning' ? problems.push(m.text()) : undefined));
    page.on('pageerror', (e) => problems.push(String(e)));
    const got = server.received as Row[];
    const pages = () => got.filter((r) => r.type == 'page').map((r) => r.pagePath);
    const tracked = (event: string) => got.filter((r) => r.event == event);
    try {
      await page.goto(server.url + '/');
      // The server rendered the page: its HTML has the content before any script ran.
      expect(await (await fetch(server.url + '/reports')).text()).toContain('<h1 id="title">Reports</h1>');
      await page.locator('#getting-started').click(); // useChecklist()'s open()
      await page.locator('sabu-ui .panel').waitFor();
      await page.locator('#create-project').click(); // useTrack()
      await expect.poll(() => liveRegion(page).textContent()).toBe('Done: Create a project. 1 of 3 complete.');
      await page.locator('#nav-settings').click(); // a client-side navigation, counted by usePathname()
      await expect.poll(() => liveRegion(page).textContent()).toBe('Done: Review your settings. 2 of 3 complete.');
      await page.locator('sabu-ui .panel button[aria-label=Minimise]').click();
      await page.locator('#nav-reports').click();
      await page.locator('#export').click(); // useFeature('export-csv')
      await until(() => tracked('Checklist Completed').length > 0, 'Checklist Completed');
      await page.locator('#sign-in').click(); // useIdentify()
      await page.locator('#publish').click(); // the NPS trigger
      await page.locator('sabu-ui .sv').waitFor({ timeout: 15_000 });
      await page.locator('sabu-ui .opt').nth(9).click();
      await until(() => tracked('Survey Answered').length > 0, 'Survey Answered');
      // A Next.js navigation fetches the route's server component payload first: wait for it to show.
      const shows = (title: string) => page.locator('#title', { hasText: title }).waitFor();
      await page.locator('#nav-home').click();
      await shows('Home');
      await page.goBack(); // back to /reports: a page view again
      await shows('Reports');
      await page.goForward();
      await shows('Home');
      await page.locator('#take-tour').click(); // useTour('welcome'), registered by the provider's config.tours
      await expect.poll(() => page.locator('sabu-ui .prog').innerText(), { timeout: 15_000 }).toBe('1 of 2');
      await page.locator('sabu-ui .next').click();
      await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('2 of 2');
      await page.locator('sabu-ui .next').click(); // "Done"
      await until(() => tracked('Tour Completed').length > 0, 'Tour Completed');
      await until(() => pages().length >= 6, 'six page views');
      await page.waitForTimeout(1200); // a doubled page view would arrive within two flushes

      expect(pages()).toEqual(['/', '/settings', '/reports', '/', '/reports', '/']);
      // Each page view carries its own route's title (counted after the route rendered).
      expect(got.filter((r) => r.type == 'page').map((r) => props(r).title)).toEqual(['Home · Acme', 'Settings · Acme', 'Reports · Acme', 'Home · Acme', 'Reports · Acme', 'Home · Acme']);
      expect(tracked('Feature Used').map(props)).toEqual([{ feature: 'export-csv', format: 'csv', first_use: true }]);
      expect(tracked('Checklist Item Completed').map((r) => props(r).item)).toEqual(['create-project', 'settings', 'export']);
      expect(tracked('Checklist Completed')).toHaveLength(1);
      expect(tracked('Survey Answered').map(props)).toEqual([{ survey: 'nps-example', kind: 'nps', score: 9, bucket: 'promoter' }]);
      expect(got.filter((r) => r.type == 'identify')).toHaveLength(1);
      expect(got.filter((r) => r.event?.startsWith('Tour ')).map((r) => [r.event, props(r)])).toEqual([
        ['Tour Started', { tour: 'welcome', steps: 2, trigger: 'requested' }],
        ['Tour Step Viewed', { tour: 'welcome', step: 'hello', index: 0, steps: 2 }],
        ['Tour Step Viewed', { tour: 'welcome', step: 'reports', index: 1, steps: 2 }],
        ['Tour Completed', { tour: 'welcome', steps: 2 }],
      ]);

      // Every event arrives with the browser's context: the page it happened on, the library, the session.
      for (const r of got) {
        const c = JSON.parse(r.context ?? '{}');
        expect(c.library, r.event ?? r.type).toEqual({ name: 'sabu', version: expect.any(String) });
        expect(c.page?.path, r.event ?? r.type).toBe(r.pagePath);
        expect(c.page?.url, r.event ?? r.type).toBe(server.url + r.pagePath);
        expect(c.userAgent).toContain('Chrome');
        expect(c.sessionId).toBeTruthy();
      }
      expect(JSON.parse(tracked('Feature Used')[0]!.context!).page.title).toBe('Reports · Acme');
      // Nothing stored twice: one SDK (started once), each event once.
      expect(new Set(got.map((r) => r.messageId)).size).toBe(got.length);
      expect(problems).toEqual([]);
    } catch (err) {
      throw new Error(`${String(err)}\nreceived: ${got.map((r) => r.event ?? `${r.type} ${r.pagePath}`).join(', ')}\nconsole: ${problems.join(' | ')}`);
    } finally {
      await ctx.close();
      await server.close();
    }
  });
});

describe('the Next.js example in development (next dev)', () => {
  it("starts Sabu once and counts each route once under StrictMode's double effects and a Fast Refresh", async () => {
    cpSync(EXAMPLE, DEV_COPY, { recursive: true, filter: (path) => !basename(path).startsWith('.next') });
    const server = await serveNextExample({ dir: DEV_COPY, quiet: true, dev: true });
    const providers = join(DEV_COPY, 'app/providers.jsx');
    const source = readFileSync(providers, 'utf8');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const sabuWarnings: string[] = [];
    let reloads = 0;
    page.on('console', (m) => (m.text().includes('[sabu]') ? sabuWarnings.push(m.text()) : undefined));
    page.on('load', () => reloads++);
    const got = server.received as Row[];
    const pages = () => got.filter((r) => r.type == 'page').map((r) => r.pagePath);
    const shows = (title: string) => page.locator('#title', { hasText: title }).waitFor({ timeout: 120_000 });
    try {
      // In development StrictMode runs every effect twice: the provider's start and the
      // page-view hook's count of the landing page each run twice here.
      await page.goto(server.url + '/', { timeout: 120_000 });
      await shows('Home');
      await page.locator('#nav-settings').click(); // compiled on first visit in development
      await shows('Settings');
      await until(() => pages().length >= 2, 'two page views', 30_000);
      // Fast Refresh: an edit of the file that starts Sabu and holds the page-view hook is
      // applied in place, module state kept. (Next.js 16 with Turbopack does not re-run the
      // hook's effect here, measured; StrictMode's double effect above is what re-runs it.)
      const edited = source.replace('return null;', 'return <span id="fast-refreshed" hidden />;');
      expect(edited).not.toBe(source);
      writeFileSync(providers, edited);
      await page.locator('#fast-refreshed').waitFor({ state: 'attached', timeout: 60_000 });
      expect(reloads).toBe(1); // refreshed in place, not reloaded
      await page.locator('#nav-reports').click();
      await shows('Reports');
      await until(() => pages().length >= 3, 'three page views', 30_000);
      await page.waitForTimeout(1200); // a doubled page view would arrive within two flushes
      expect(pages()).toEqual(['/', '/settings', '/reports']);
      expect(sabuWarnings).toEqual([]); // no "init() called twice"
      expect(new Set(got.map((r) => r.messageId)).size).toBe(got.length);
      expect(new Set(got.map((r) => r.sessionId)).size).toBe(1); // one SDK, never restarted
    } catch (err) {
      throw new Error(`${String(err)}\nreceived: ${got.map((r) => r.event ?? `${r.type} ${r.pagePath}`).join(', ')}\nsabu: ${sabuWarnings.join(' | ')}`);
    } finally {
      await ctx.close();
      await server.close();
    }
  }, 300_000);
});
