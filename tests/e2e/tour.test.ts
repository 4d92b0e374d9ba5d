import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sleep, useE2E } from './utils/fixture';

const env = useE2E();
const tip = (page: Page) => page.locator('sabu-ui .tip');
const tourEvents = () => env.collector.stored().filter((m) => m.type == 'track' && /^(Tour|Guide) /.test(String(m.event)));

async function arrived(page: Page, pred: () => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${env.collector.events().join(', ')}`);
    await page.evaluate(() => (window as any).sabu.flush()).catch(() => {});
    await sleep(150);
  }
}

describe('smoke', () => {
  it('runs', async () => {
    const { page, ctx, logs } = await env.open('tour-app.html?show=e2e-basic');
    await tip(page).waitFor({ timeout: 8000 });
    console.log(await tip(page).innerText());
    await page.screenshot({ path: '/tmp/smoke/s1.png' });
    await page.locator('sabu-ui .next').click();
    await sleep(500);
    console.log(await tip(page).innerText());
    await page.screenshot({ path: '/tmp/smoke/s2.png' });
    await page.locator('#create-project').click();
    await sleep(1200);
    await page.screenshot({ path: '/tmp/smoke/s3.png' });
    console.log(await tip(page).innerText());
    await page.locator('sabu-ui .next').click();
    await sleep(1000);
    await page.screenshot({ path: '/tmp/smoke/s4.png' });
    console.log(await tip(page).innerText());
    await page.locator('#shadow-btn').click();
    await sleep(500);
    console.log(await tip(page).innerText());
    await page.locator('sabu-ui .next').click();
    await arrived(page, () => tourEvents().some((m) => m.event == 'Tour Completed'), 'completed');
    console.log(JSON.stringify(tourEvents().map((m) => [m.event, m.properties])));
    console.log(logs);
    await ctx.close();
  });
});
