import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { batchSchema } from '@sabu/schema';
import { axeViolations } from '../utils/axe';
import { useHost, type Opened } from './useHost';

/**
 * The journeys every host page of the matrix must pass, the same on each. A host page
 * (`pages/<host>.html`, served under `/h/<host>/`) installs Sabu with the documented snippet
 * and script tag (`{{SABU}}`: checklist `shared/checklist.json`, NPS survey
 * `shared/nps.json`) and offers the same controls, however its framework draws them:
 * - `#nav-home`, `#nav-projects`, `#nav-settings`: client-side routes `''`, `projects`,
 *   `settings` (a path under the base, or `#/…` with a hash router), and `h1#title` naming
 *   the route;
 * - `#create-project` tracks `Project Created` with `{ tags: ['alpha', 'beta'] }` and
 *   shows `#project-card` (the checklist waits for both);
 *   `#connect` tracks nothing (the checklist watches the click); `#publish` tracks
 *   `Report Published`, the NPS trigger;
 * - `#search`, and on hosts that have one an input focused on load (`autofocus`).
 * The journeys: events delivered with their page context and nothing twice; the checklist
 * ticking itself off, used by keyboard alone; the NPS prompt after its trigger, answered;
 * axe-core at WCAG 2.2 AA on the widgets; widget boxes within 10% of the plain page's.
 * Framework apps are bundled from their npm packages by esbuild before the file runs
 * (`buildHosts.ts`, cached in node_modules/.cache/sabu-hosts).
 */
export interface HostSpec {
  /** The page and the folder it is served under: `/h/<name>/`. */
  name: string;
  /** What the page is, for test names. */
  title: string;
  /** Framework apps built from npm for this page (`apps/<name>`), if any. */
  apps?: string[];
  /** Selector of the input that has focus when the page loads, on hosts with one. */
  autofocus?: string;
  /**
   * Journeys known to fail until a fix lands, each with the issue item that fixes it: run
   * as `it.fails`, so the matrix lands now and fails loudly once the fix is in (then
   * remove the entry). Never for a break nobody is fixing.
   */
  pending?: Partial<Record<Journey, string>>;
  /** `[sabu]` console lines this page may print (the script-twice page is told once). */
  allowedLogs?: RegExp;
}

export type Journey = 'events' | 'checklist' | 'nps' | 'axe' | 'boxes';

/** The route a page URL shows: the path under `/h/<host>/`, or the hash route `#/…`. */
export const routeOf = (url: string) => {
  const u = new URL(url);
  return (u.hash.startsWith('#/') ? u.hash.slice(2) : u.pathname.replace(/^\/h\/[^/]+\/?/, '')) || 'home';
};

/** Playwright's CSS locators pierce open shadow roots: these find the widgets inside `<sabu-ui>`. */
const launcher = (page: Page) => page.locator('sabu-ui .launch');
const panel = (page: Page) => page.locator('sabu-ui .panel');
const prompt = (page: Page) => page.locator('sabu-ui .sv');
/** Minimises the panel with its button (not Escape: a key press starts the prompts' typing pause). */
const minimise = (page: Page) => page.locator('sabu-ui .panel button[aria-label=Minimise]').click();
const liveRegion = (page: Page) => page.locator('sabu-ui [role=status][aria-live=polite]');

/** What has focus, looking into shadow roots (the widget's and the host's own): `tag#id.class|text`. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement as Element | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const cls = typeof el.className == 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}|${(el.textContent ?? '').trim().slice(0, 40)}`;
  });

/** Presses `key` until `pred(focused)` holds (at most 40 times). */
async function keyTo(page: Page, pred: (f: string) => boolean, key = 'Tab') {
  for (let i = 0; i < 40; i++) {
    if (pred(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached the target; last: ${await focused(page)}`);
}

const token = () => Math.random().toString(36).slice(2, 10);

/** The boxes of the launcher, the open panel and the NPS prompt, as a user sees them. */
async function widgetBoxes(open: (p: string, o?: object) => Promise<Opened>, host: string) {
  // Reduced motion: no entry animation, so each box is measured at its final size.
  const { page, ctx } = await open(`h/${host}/`, { reducedMotion: 'reduce' });
  await launcher(page).waitFor();
  const size = async (l: ReturnType<typeof launcher>) => {
    const b = (await l.boundingBox())!;
    return { width: Math.round(b.width), height: Math.round(b.height) };
  };
  const out = { launcher: await size(launcher(page)), panel: { width: 0, height: 0 }, prompt: { width: 0, height: 0 } };
  await launcher(page).click();
  await panel(page).waitFor();
  out.panel = await size(panel(page));
  await minimise(page); // a survey never shows over the open panel
  await panel(page).waitFor({ state: 'detached' });
  await page.evaluate(() => (window as any).sabu.track('Report Published'));
  await prompt(page).waitFor({ timeout: 15_000 });
  out.prompt = await size(prompt(page));
  await ctx.close();
  return out;
}

/** Defines the matrix's journeys for one host page; returns what a host's own extra tests need. */
export function describeHost(spec: HostSpec) {
  const env = useHost(...(spec.apps ?? []));
  const url = (run: string) => `h/${spec.name}/?run=${run}`;

  /** Everything the collector received from the browser that loaded `?run=<run>` (by its anonymous id). */
  const sentBy = (run: string) => {
    const ids = new Set(env.collector.all().filter((m) => String(m.context?.page?.url).includes('run=' + run)).map((m) => m.anonymousId));
    return env.collector.all().filter((m) => ids.has(m.anonymousId));
  };
  const tracked = (run: string, event: string) => sentBy(run).filter((m) => m.type == 'track' && m.event == event);
  const waitFor = (pred: () => boolean, what: string) => env.collector.waitFor(pred, 15_000, what);

  /** What the page printed that it should not have: uncaught errors, `[sabu]` lines not allowed. */
  const unexpected = (logs: string[]) => logs.filter((l) => l.startsWith('pageerror') || !spec.allowedLogs?.test(l));
  const test = (journey: Journey, name: string, fn: () => Promise<void>) => {
    const pending = spec.pending?.[journey];
    if (pending) it.fails(`${name} [fails until: ${pending}]`, fn);
    else it(name, fn);
  };

  describe(`host page: ${spec.title} (/h/${spec.name}/)`, () => {
    test('events', 'delivers events with their page context: each route change once, nothing twice, nothing thrown', async () => {
      const run = token();
      const { page, ctx, logs } = await env.open(url(run));
      await waitFor(() => sentBy(run).some((m) => m.type == 'page'), 'the first page view');
      const title = page.locator('#title');
      await page.locator('#nav-projects').click();
      await expect.poll(() => title.textContent()).toBe('Projects');
      await page.locator('#nav-settings').click();
      await expect.poll(() => title.textContent()).toBe('Settings');
      await page.goBack(); // popstate
      await expect.poll(() => title.textContent()).toBe('Projects');
      await page.locator('#create-project').click();
      await waitFor(() => tracked(run, 'Project Created').length > 0, 'Project Created');
      await page.waitForTimeout(500); // time for anything sent twice to arrive too

      const views = sentBy(run).filter((m) => m.type == 'page');
      expect(views.map((m) => routeOf(m.context.page.url))).toEqual(['home', 'projects', 'settings', 'projects']);
      // After a client-side route change, the referrer is the route before it.
      expect(views.slice(1).map((m) => routeOf(m.context.page.referrer))).toEqual(['home', 'projects', 'settings']);
      const created = tracked(run, 'Project Created');
      expect(created).toHaveLength(1);
      expect(routeOf(created[0]!.context.page.url)).toBe('projects');
      expect(created[0]!.context.page.path).toBe(new URL(await page.evaluate(() => location.href)).pathname);
      expect(created[0]!.properties).toEqual({ tags: ['alpha', 'beta'] });
      const ids = sentBy(run).map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      // Every request body is what the reference collector accepts.
      for (const r of env.collector.requests) if (r.body?.batch.some((m) => ids.includes(m.messageId))) expect(batchSchema.safeParse(r.body).error).toBeUndefined();
      expect(unexpected(logs)).toEqual([]);
      await ctx.close();
    });

    test('checklist', 'checklist ticks itself off as the user works, by keyboard alone (Tab, Enter, Escape)', async () => {
      const run = token();
      const { page, ctx, logs } = await env.open(url(run));
      await launcher(page).waitFor();
      await page.locator('#create-project').waitFor();
      if (spec.autofocus) await expect.poll(() => focused(page)).toMatch(new RegExp('^\\w+' + spec.autofocus));
      await keyTo(page, (f) => f.startsWith('button.launch'));
      await page.keyboard.press('Enter');
      await panel(page).waitFor();
      expect(await focused(page)).toMatch(/^h2#sabu-cl-title/); // opened on request: focus on its title
      await page.keyboard.press('Escape'); // minimises, focus back on the launcher
      expect(await focused(page)).toMatch(/^button\.launch/);
      await page.keyboard.press('Enter');
      await keyTo(page, (f) => f.startsWith('button.btn.act') && f.endsWith('Start')); // "Create a project"
      await page.keyboard.press('Enter'); // highlights the app's button and moves focus to it
      await expect.poll(() => focused(page)).toMatch(/^button#create-project/);
      await page.keyboard.press('Enter');
      await expect.poll(() => liveRegion(page).textContent()).toBe('Done: Create a project. 1 of 3 complete.');
      await page.keyboard.press('Escape'); // closes the hint
      await keyTo(page, (f) => f.startsWith('a#nav-settings'), 'Shift+Tab');
      await page.keyboard.press('Enter'); // a client-side route change
      await expect.poll(() => page.locator('#title').textContent()).toBe('Settings');
      await expect.poll(() => liveRegion(page).textContent()).toBe('Done: Review your settings. 2 of 3 complete.');
      await keyTo(page, (f) => f.startsWith('button#connect'));
      await page.keyboard.press('Enter'); // the click the last item watches
      await waitFor(() => tracked(run, 'Checklist Completed').length > 0, 'Checklist Completed');
      await page.waitForTimeout(300);
      expect(tracked(run, 'Checklist Item Completed').map((m) => m.properties.item)).toEqual(['create-project', 'settings', 'connect']);
      expect(tracked(run, 'Checklist Completed')).toHaveLength(1);
      expect(unexpected(logs)).toEqual([]);
      await ctx.close();
    });

    test('nps', `NPS prompt appears after its trigger${spec.autofocus ? ' while the autofocused input keeps focus' : ''}, can be answered, and the answer is delivered`, async () => {
      const run = token();
      const { page, ctx, logs } = await env.open(url(run));
      await page.locator('#publish').waitFor();
      if (spec.autofocus) {
        // The user types in the field that had focus from the start; the app then asks.
        await expect.poll(() => focused(page)).toMatch(new RegExp('^\\w+' + spec.autofocus));
        await page.keyboard.type('Buy milk');
        await page.evaluate(() => (window as any).sabu.track('Report Published'));
      } else {
        await page.locator('#publish').click();
      }
      await prompt(page).waitFor({ timeout: 15_000 });
      if (spec.autofocus) {
        expect(await focused(page)).toMatch(new RegExp('^\\w+' + spec.autofocus)); // never takes focus
        expect(await page.locator(spec.autofocus).inputValue()).toBe('Buy milk');
      }
      await page.locator('sabu-ui .opt').nth(9).click();
      await waitFor(() => tracked(run, 'Survey Answered').length > 0, 'Survey Answered');
      await page.waitForTimeout(300);
      expect(tracked(run, 'Survey Shown')).toHaveLength(1);
      expect(tracked(run, 'Survey Answered').map((m) => m.properties)).toEqual([{ survey: 'nps-hosts', kind: 'nps', score: 9, bucket: 'promoter' }]);
      expect(unexpected(logs)).toEqual([]);
      await ctx.close();
    });

    test('axe', 'launcher, panel and prompt pass axe-core at WCAG 2.2 AA on this page', async () => {
      const { page, ctx } = await env.open(url(token()));
      await launcher(page).waitFor();
      expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
      await launcher(page).click();
      await panel(page).waitFor();
      expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
      await minimise(page);
      await panel(page).waitFor({ state: 'detached' });
      await page.evaluate(() => (window as any).sabu.track('Report Published'));
      await prompt(page).waitFor({ timeout: 15_000 });
      expect(await axeViolations(page, 'sabu-ui')).toEqual([]);
      await ctx.close();
    });

    // The plain page is the reference the others are measured against.
    if (spec.name != 'plain') test('boxes', 'widget boxes (launcher, panel, prompt) within 10% of their size on the plain page', async () => {
      const plain = await widgetBoxes(env.open, 'plain');
      const here = await widgetBoxes(env.open, spec.name);
      for (const widget of ['launcher', 'panel', 'prompt'] as const)
        for (const side of ['width', 'height'] as const) {
          const ratio = here[widget][side] / plain[widget][side];
          expect(ratio, `${widget} ${side}: ${here[widget][side]} px here, ${plain[widget][side]} px on the plain page`).toBeGreaterThanOrEqual(0.9);
          expect(ratio, `${widget} ${side}: ${here[widget][side]} px here, ${plain[widget][side]} px on the plain page`).toBeLessThanOrEqual(1.1);
        }
    });
  });
  return { env, url, sentBy, tracked, token, unexpected };
}
