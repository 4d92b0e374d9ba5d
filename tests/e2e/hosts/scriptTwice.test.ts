import { expect, it } from 'vitest';
import { describeHost } from './journeys';

const STOOD_DOWN = /^\[sabu\] Sabu [\d.]+ already runs on this page; this copy stands down/; // issue 12 item 7
const { env, url, token } = describeHost({ name: 'twice', title: 'the snippet and script tag included twice', allowedLogs: STOOD_DOWN });

it('the second copy says once that it stands down, and draws no second widget', async () => {
  const { page, ctx, logs } = await env.open(url(token()));
  await page.locator('sabu-ui .launch').waitFor();
  await page.waitForTimeout(500);
  expect(logs.filter((l) => STOOD_DOWN.test(l))).toHaveLength(1);
  expect(await page.locator('sabu-ui').count()).toBe(1);
  expect(await page.locator('sabu-ui .launch').count()).toBe(1);
  await ctx.close();
});
