import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './utils/browser';
import { startPages } from './utils/server';
import { sleep } from './utils/fixture';
import { collectorConfigSchema, startCollector } from '../../packages/collector/dist/index.js';

/**
 * Client playbooks and experiments, end to end: the built script tag in Chromium, the page
 * served from 127.0.0.1, events stored by the reference collector (DuckDB) and read back
 * through its API. The fixture's Pay button does nothing, so clicking it fast is friction.
 */
const WRITE_KEY = 'wk_playbook_e2e_7f3a9c';
const READ_KEY = 'rk_playbook_e2e_4b8d2e';

let browser: Browser;
let collector: Awaited<ReturnType<typeof startCollector>>;
let pages: Awaited<ReturnType<typeof startPages>>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sabu-playbooks-'));
  pages = await startPages(() => `${collector.url}/v1/batch`);
  const config = collectorConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: join(dir, 'playbooks.duckdb'),
    projects: [{ id: 'billing', writeKeys: [WRITE_KEY], readKeys: [READ_KEY], origins: [new URL(pages.url('/')).origin] }],
  });
  collector = await startCollector(config);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Events of that name the collector stored, oldest first. */
async function stored(event: string): Promise<Array<Record<string, any>>> {
  const res = await fetch(`${collector.url}/v1/events/recent?${new URLSearchParams({ event, limit: '500' })}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
  return ((await res.json()) as { events: Array<Record<string, any>> }).events;
}

/** Waits until the collector stored `n` events of that name (nudging delivery with flush()). */
async function arrived(page: Page, event: string, n = 1) {
  const end = Date.now() + 15_000;
  for (;;) {
    const got = await stored(event);
    if (got.length >= n) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${n} ${event}; got ${got.length}`);
    await page.evaluate(() => (window as any).sabu.flush()).catch(() => {});
    await sleep(250);
  }
}

/** Three rage clicks: three bursts of four fast clicks on Pay, each reported once it ends. */
async function rageThrice(page: Page) {
  for (let burst = 0; burst < 3; burst++) {
    // One input call for the four clicks: four separate ones can take over the 1 s rage window on a loaded machine.
    await page.click('#pay', { clickCount: 4, delay: 10 });
    await sleep(1300); // the burst ends after the 1 s rage window
  }
}

const hint = (page: Page) => page.locator('sabu-ui .hint');
const props = (e: Record<string, any>) => (typeof e.properties == 'string' ? JSON.parse(e.properties) : e.properties);
/** Another prompt's budget aside: what follows tests the playbook's own cool-down. */
const clearBudget = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sabu_prompt:')).forEach((k) => localStorage.removeItem(k)));

describe('client playbooks (real Chromium, sabu.min.js, reference collector)', () => {
  it('three rage clicks on Pay show the configured hint once, not again within the cool-down, also after a reload', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const logs: string[] = [];
    page.on('console', (m) => m.text().includes('[sabu]') && logs.push(m.text()));
    page.on('pageerror', (e) => logs.push('pageerror: ' + e.message));
    await page.goto(pages.url('playbook-app.html'));
    await page.fill('#card', '4242');
    await rageThrice(page);
    await hint(page).waitFor({ timeout: 10_000 });
    expect(await hint(page).textContent()).toContain('Enter your card number first, then press Pay.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pay'); // focus stays with the user
    const triggered = await arrived(page, 'Playbook Triggered');
    expect(props(triggered[0]!)).toEqual({ playbook: 'rage-pay', reason: 'rage', counts: { count: 3, withinSeconds: 60 } });
    expect(props((await arrived(page, 'Playbook Action Shown'))[0]!)).toEqual({ playbook: 'rage-pay', action: 'hint' });
    await page.keyboard.press('Escape');
    await expect.poll(() => hint(page).count()).toBe(0);

    // Within the cool-down: the same friction again shows nothing, on this page...
    await clearBudget(page);
    await rageThrice(page);
    await sleep(1000);
    expect(await hint(page).count()).toBe(0);
    // ...and after a reload.
    await page.reload();
    await clearBudget(page);
    await rageThrice(page);
    await sleep(1000);
    expect(await hint(page).count()).toBe(0);
    await page.evaluate(() => (window as any).sabu.flush());
    await arrived(page, 'Rage Click', 9);
    expect(await stored('Playbook Triggered')).toHaveLength(1);
    expect(await stored('Playbook Action Shown')).toHaveLength(1);

    // Once the cool-down is over (the last firing moved 25 hours back), the same friction helps again.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('sabu_pb:'))!;
      const st = JSON.parse(localStorage.getItem(key)!);
      st.r['rage-pay'].at -= 25 * 3_600_000;
      localStorage.setItem(key, JSON.stringify(st));
    });
    await clearBudget(page);
    await rageThrice(page);
    await hint(page).waitFor({ timeout: 10_000 });
    await arrived(page, 'Playbook Triggered', 2);
    expect(logs).toEqual([]);
    await ctx.close();
  });

  it('holdout users see nothing, yet send Experiment Exposed (variant holdout) and Playbook Triggered', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const ui: string[] = [];
    page.on('request', (r) => r.url().includes('sabu-ui.js') && ui.push(r.url()));
    await page.goto(pages.url('playbook-app.html?holdout'));
    await rageThrice(page);
    const exposed = await arrived(page, 'Experiment Exposed');
    expect(exposed.map(props)).toEqual([{ experiment: 'rage-pay-help', variant: 'holdout' }]);
    const triggered = (await arrived(page, 'Playbook Triggered', 3)).map(props).filter((p) => p.playbook == 'rage-pay-xp');
    expect(triggered).toEqual([{ playbook: 'rage-pay-xp', reason: 'rage', counts: { count: 3, withinSeconds: 60 }, variant: 'holdout' }]);
    await sleep(1000);
    expect(await hint(page).count()).toBe(0);
    expect(ui).toEqual([]); // the widgets were never even loaded
    expect((await stored('Playbook Action Shown')).map(props).filter((p) => p.playbook == 'rage-pay-xp')).toEqual([]);
    // Exposed once per user: more friction after a reload sends no second exposure.
    await page.reload();
    await page.evaluate(() => (window as any).sabu.flush());
    await sleep(500);
    expect(await stored('Experiment Exposed')).toHaveLength(1);
    await ctx.close();
  });
});
