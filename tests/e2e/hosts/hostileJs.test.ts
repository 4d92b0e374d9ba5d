import { expect, it } from 'vitest';
import { describeHost, routeOf } from './journeys';

const host = describeHost({ name: 'hostile-js', title: 'host overrides of fetch, JSON.stringify and Array.prototype' });
const { env, url, sentBy, tracked, token, unexpected } = host;

it('a host fetch that throws (an offline mock): nothing reaches the page, and what was tracked meanwhile arrives once it works again', async () => {
  const run = token();
  const { page, ctx, logs } = await env.open(url(run));
  await env.collector.waitFor(() => sentBy(run).some((m) => m.type == 'page'), 15_000, 'the first page view');
  await page.evaluate(() => (window as any).hostBreak({ fetch: true }));
  await page.locator('#nav-projects').click();
  await page.locator('#create-project').click();
  await page.waitForTimeout(1500); // several flushes fail on the host's fetch
  await page.evaluate(() => (window as any).hostBreak({}));
  await page.evaluate(() => (window as any).sabu.flush());
  await env.collector.waitFor(() => tracked(run, 'Project Created').length > 0, 15_000, 'Project Created');
  expect(sentBy(run).filter((m) => m.type == 'page').map((m) => routeOf(m.context.page.url))).toEqual(['home', 'projects']);
  // Three failed sends in a row (how many happen in 1.5 s depends on the machine's pace)
  // earn the one documented message that the collector cannot be reached; nothing else.
  const offline = /^\[sabu\] cannot reach .* Events are kept\.$/;
  expect(unexpected(logs).filter((l) => !offline.test(l))).toEqual([]);
  expect(unexpected(logs).length).toBeLessThanOrEqual(1);
  await ctx.close();
});

it('a host JSON.stringify that throws: nothing reaches the page, and Sabu works again once it recovers', async () => {
  const run = token();
  const { page, ctx, logs } = await env.open(url(run));
  await env.collector.waitFor(() => sentBy(run).some((m) => m.type == 'page'), 15_000, 'the first page view');
  await page.evaluate(() => (window as any).hostBreak({ json: true }));
  await page.locator('#nav-projects').click();
  await page.locator('#create-project').click();
  await page.waitForTimeout(1500); // timers and listeners run while it throws
  await page.evaluate(() => (window as any).hostBreak({}));
  await page.locator('#nav-settings').click();
  await env.collector.waitFor(() => sentBy(run).some((m) => m.type == 'page' && routeOf(m.context.page.url) == 'settings'), 15_000, 'the settings page view');
  expect(logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
  await ctx.close();
});
