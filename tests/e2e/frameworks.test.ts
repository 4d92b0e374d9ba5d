import type { Browser, Page } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './utils/browser';
import { buildAndPreview, copyExample, packageCopies, startDevServer, type Message } from './utils/vite';

/**
 * The Vite examples (examples/react, examples/vue) as their users run them: `vite build`
 * with the example's own vite.config.js and `vite preview` on 127.0.0.1, in Chromium,
 * against the collector's stand-in the config adds. One journey per framework: page views
 * once per route, the checklist opened from the app and ticked off by hooks and the router,
 * the NPS prompt after its trigger, answered, a tour taken from a button. Then `vite` (the
 * dev server): StrictMode's double effects and a hot update start nothing twice.
 */
const EXAMPLES = {
  react: { root: fileURLToPath(new URL('../../examples/react/', import.meta.url)), component: 'src/App.jsx', framework: 'react', imports: ['@sabu/react', '@sabu/sdk', '@sabu/sdk/signals', '@sabu/ui'] },
  vue: { root: fileURLToPath(new URL('../../examples/vue/', import.meta.url)), component: 'src/pages/HomePage.vue', framework: '@vue/runtime-core', imports: ['@sabu/vue', '@sabu/sdk', '@sabu/sdk/signals', '@sabu/ui'] },
};
type Name = keyof typeof EXAMPLES;

let browser: Browser;
beforeAll(async () => void (browser = await launchBrowser()));
afterAll(async () => browser?.close());

const until = async (fn: () => boolean, what: string, ms = 10_000) => {
  for (const end = Date.now() + ms; !fn(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const liveRegion = (page: Page) => page.locator('sabu-ui [role=status][aria-live=polite]');

/** The page's console errors and warnings, and what the example's collector stand-in received. */
function watch(page: Page, got: Message[]) {
  const errors: string[] = [];
  page.on('console', (m) => (m.type() == 'error' || m.type() == 'warning' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(String(e)));
  const pages = () => got.filter((m) => m.type == 'page').map((m) => m.context?.page?.path);
  const tracked = (event: string) => got.filter((m) => m.event == event);
  return { errors, got, pages, tracked };
}

describe.each(Object.keys(EXAMPLES) as Name[])('the %s example', (name) => {
  it('built by Vite: counts each route once, opens and ticks the checklist, asks and delivers NPS, runs a requested tour', async () => {
    const server = await buildAndPreview(EXAMPLES[name].root);
    // One copy of the SDK and of the framework, shared by the app and the binding.
    expect(packageCopies(server.moduleIds, ['@sabu/sdk', `@sabu/${name}`, EXAMPLES[name].framework])).toEqual({ '@sabu/sdk': 1, [`@sabu/${name}`]: 1, [EXAMPLES[name].framework]: 1 });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const { errors, got, pages, tracked } = watch(page, server.received);
    try {
      await page.goto(server.url + '/');
      await page.locator('#create-project').waitFor();
      await page.locator('#getting-started').click(); // useChecklist()'s open()
      await page.locator('sabu-ui .panel').waitFor();
      await page.locator('#create-project').click(); // useTrack()
      await expect.poll(() => liveRegion(page).textContent()).toBe('Done: Create a project. 1 of 3 complete.');
      await page.locator('#nav-settings').click(); // the router's route, counted by useSabuPageViews
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
      await page.locator('#nav-home').click();
      await page.locator('#take-tour').click(); // useTour('welcome'), registered by the config's tours
      await expect.poll(() => page.locator('sabu-ui .prog').innerText(), { timeout: 15_000 }).toBe('1 of 2');
      await page.locator('sabu-ui .next').click();
      await expect.poll(() => page.locator('sabu-ui .prog').innerText()).toBe('2 of 2');
      await page.locator('sabu-ui .next').click(); // "Done"
      await until(() => tracked('Tour Completed').length > 0, 'Tour Completed');
      await page.goBack(); // back to /reports: a page view again
      await until(() => pages().length >= 5, 'five page views');
      await page.waitForTimeout(700); // a doubled page view would arrive within a flush
      expect(pages()).toEqual(['/', '/settings', '/reports', '/', '/reports']);
      expect(tracked('Feature Used').map((m) => m.properties)).toEqual([{ feature: 'export-csv', format: 'csv', first_use: true }]);
      expect(got.filter((m) => m.type == 'identify').map((m) => [m.userId, m.traits])).toEqual([['user-7', { plan: 'team' }]]);
      expect(tracked('Checklist Item Completed').map((m) => m.properties?.item)).toEqual(['create-project', 'settings', 'export']);
      expect(tracked('Survey Answered').map((m) => m.properties)).toEqual([{ survey: 'nps-example', kind: 'nps', score: 9, bucket: 'promoter' }]);
      expect(got.filter((m) => m.event?.startsWith('Tour ')).map((m) => [m.event, m.properties])).toEqual([
        ['Tour Started', { tour: 'welcome', steps: 2, trigger: 'requested' }],
        ['Tour Step Viewed', { tour: 'welcome', step: 'hello', index: 0, steps: 2 }],
        ['Tour Step Viewed', { tour: 'welcome', step: 'reports', index: 1, steps: 2 }],
        ['Tour Completed', { tour: 'welcome', steps: 2 }],
      ]);
      expect(errors).toEqual([]);
    } catch (err) {
      throw new Error(`${String(err)}\nreceived: ${got.map((m) => m.event ?? `${m.type} ${m.context?.page?.path}`).join(', ')}\nconsole: ${errors.join(' | ')}`);
    } finally {
      await ctx.close();
      await server.close();
    }
  });

  // Linked: as in this repository (Vite serves workspace packages file by file). Installed:
  // pre-bundled, as Vite serves packages installed from npm (and the SDK's runtimes,
  // loaded with `new URL(…, import.meta.url)`, must still be found).
  it.each([['linked', false], ['installed', true]] as const)('in `vite` (dev, @sabu packages %s): StrictMode starts it once, and a hot update of a component keeps its state and starts nothing twice', async (_, installed) => {
    const example = await copyExample(EXAMPLES[name].root);
    const options = { cacheDir: join(example.root, '.vite'), prebundle: installed ? EXAMPLES[name].imports : undefined };
    const server = await startDevServer(example.root, options).catch(async (err) => (await example.remove(), Promise.reject(err)));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const sabuFrom = new Set<string>(); // where the browser got the SDK: a pre-bundle, or the package's files
    page.on('request', (r) => (/@sabu_sdk|\/packages\/sdk\/dist\/index\.js/.test(r.url()) ? sabuFrom.add(new URL(r.url()).pathname.includes('/deps/') ? 'pre-bundled' : 'linked') : undefined));
    const { errors, got, pages, tracked } = watch(page, server.received);
    try {
      await page.goto(server.url + '/');
      await page.locator('#create-project').click();
      await page.locator('#project-card').waitFor(); // the component's state
      expect([...sabuFrom]).toEqual([installed ? 'pre-bundled' : 'linked']);
      await page.locator('#getting-started').click(); // the checklist's runtime, found beside the SDK (pre-bundled or not)
      await page.locator('sabu-ui .panel').waitFor();
      await until(() => pages().length == 1 && tracked('Project Created').length == 1, 'the landing page and the first event');
      await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

      // Edit the component as a developer would: the file on disk changes, Vite pushes the update.
      const file = join(example.root, EXAMPLES[name].component);
      await writeFile(file, (await readFile(file, 'utf8')).replace('>Create project<', '>Create a project<'));
      await expect.poll(() => page.locator('#create-project').textContent(), { timeout: 15_000 }).toBe('Create a project');
      expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true); // updated in place, no reload
      expect(await page.locator('#project-card').isVisible()).toBe(true); // state kept

      await page.locator('#create-project').click(); // the hooks of the updated component still send, once
      await page.locator('#nav-settings').click();
      await until(() => pages().length >= 2 && tracked('Project Created').length >= 2, 'the second page and event');
      await page.waitForTimeout(700); // a doubled page view or event would arrive within a flush
      expect(pages()).toEqual(['/', '/settings']);
      expect(tracked('Project Created')).toHaveLength(2);
      expect(errors).toEqual([]); // a second init() would warn "[sabu] init() called twice"
    } catch (err) {
      throw new Error(`${String(err)}\nreceived: ${got.map((m) => m.event ?? `${m.type} ${m.context?.page?.path}`).join(', ')}\nconsole: ${errors.join(' | ')}`);
    } finally {
      await ctx.close();
      await server.close();
      await example.remove();
    }
  });
});
