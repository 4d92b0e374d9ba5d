import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sleep, useE2E } from './utils/fixture';

const env = useE2E();

/** The launcher's visible title (Playwright's CSS pierces the widget's shadow root); '' when none shows. */
const shownTitle = async (page: Page) => {
  const launchers = page.locator('sabu-ui .launch .lt');
  const n = await launchers.count();
  return n == 1 ? (await launchers.textContent())! : n == 0 ? '' : `${n} launchers`;
};
const waitForTitle = (page: Page, title: string) => expect.poll(() => shownTitle(page), { timeout: 10_000 }).toBe(title);
/** The launcher's "done/total" ring. */
const progress = (page: Page) => page.locator('sabu-ui .launch .ring').textContent();
const completedItems = () =>
  env.collector
    .stored()
    .filter((m) => m.type == 'track' && m.event == 'Checklist Item Completed')
    .map((m) => `${m.properties.checklist}/${m.properties.item}`);

describe('several checklists with audiences (real Chromium, sabu.min.js + data-checklists)', () => {
  it('shows the first that matches the user and the URL, switches on identify and route changes, and keeps progress per checklist over reloads', async () => {
    const { page, ctx, logs } = await env.open('checklists-app.html');
    // Anonymous, outside the billing area: "Get started" (the admin one needs role=admin).
    await waitForTitle(page, 'Get started');
    await page.click('#project');
    await expect.poll(() => progress(page)).toBe('1/2');
    // Signing in as an admin switches to the admin checklist; the project created before counts there too.
    await page.click('#sign-in-admin');
    await waitForTitle(page, 'Set up your workspace');
    await expect.poll(() => progress(page)).toBe('1/2');
    // A route change into the billing area shows the billing checklist; back home, the admin one.
    await page.click('#billing');
    await waitForTitle(page, 'Set up billing');
    expect(await progress(page)).toBe('0/1');
    await page.click('#home');
    await waitForTitle(page, 'Set up your workspace');
    // Only the member checklist has a profile item: it counts there, not shown.
    await page.click('#profile');
    await page.evaluate(() => (window as any).sabu.flush());
    await expect.poll(completedItems, { timeout: 10_000 }).toEqual(expect.arrayContaining(['member/project', 'admin-setup/project', 'member/profile']));

    // Reload: each checklist kept its own progress.
    await page.reload();
    await waitForTitle(page, 'Set up your workspace');
    expect(await progress(page)).toBe('1/2');
    // The help link opens a given checklist, here the member one (complete: 2/2).
    await page.click('#open-member');
    await page.locator('sabu-ui .panel').waitFor();
    expect(await page.locator('sabu-ui .panel h2').textContent()).toBe('Get started');
    expect(await page.locator('sabu-ui li.done').count()).toBe(2);
    // Finishing the admin checklist: after a reload, the next in line for this user is... none
    // (member is complete too), so nothing shows.
    await page.click('#sso');
    await page.evaluate(() => (window as any).sabu.flush());
    await expect.poll(completedItems, { timeout: 10_000 }).toContain('admin-setup/sso');
    await page.reload();
    await sleep(1000);
    expect(await shownTitle(page)).toBe('');
    // Each item completed once, under its own checklist.
    expect(completedItems().sort()).toEqual(['admin-setup/project', 'admin-setup/sso', 'member/profile', 'member/project']);
    // One record per checklist for the user (billing's too: everyone is in its audience by traits).
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sabu_cl:') && k.endsWith(':ada')).sort());
    expect(keys).toEqual(['sabu_cl:admin-setup:ada', 'sabu_cl:billing:ada', 'sabu_cl:member:ada']);
    expect(logs.filter((l) => /checklist|pageerror/.test(l))).toEqual([]);
    await ctx.close();
  });
});
