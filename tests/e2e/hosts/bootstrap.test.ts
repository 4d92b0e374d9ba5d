import { expect, it } from 'vitest';
import { describeHost } from './journeys';

const { env, url, token, tracked } = describeHost({ name: 'bootstrap', title: 'Bootstrap 5 CSS and JS (bootstrap.bundle)' });

it("waits for Bootstrap's modal to close before prompting (its focus trap would keep the keyboard out), then the prompt is reachable by Tab", async () => {
  const run = token();
  const { page, ctx, logs } = await env.open(url(run));
  await page.locator('sabu-ui .launch').waitFor();
  await page.locator('#open-dialog').click();
  await page.locator('#invite-dialog.show').waitFor();
  await page.evaluate(() => (window as any).sabu.track('Report Published')); // the app reports something meanwhile
  await page.waitForTimeout(2000);
  expect(await page.locator('sabu-ui .sv').count()).toBe(0);
  await page.locator('#send-invite').click();
  await page.locator('#invite-dialog').waitFor({ state: 'hidden' });
  await page.locator('sabu-ui .sv').waitFor({ timeout: 10_000 });
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-dialog'); // Bootstrap gave focus back; Sabu took none
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.localName)) != 'sabu-ui'; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.localName)).toBe('sabu-ui');
  await env.collector.waitFor(() => tracked(run, 'Survey Shown').length > 0, 15_000, 'Survey Shown');
  expect(logs).toEqual([]);
  await ctx.close();
});
