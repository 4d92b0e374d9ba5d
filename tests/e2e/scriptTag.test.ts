import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './utils/browser';
import { Collector, startPages } from './utils/server';

let browser: Browser;
let collector: Collector;
let pages: Awaited<ReturnType<typeof startPages>>;

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await new Collector().start();
  pages = await startPages(() => collector.url);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await pages?.close();
});

describe('script tag and snippet', () => {
  it('delivers snippet calls and later calls in order, with context', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(pages.url('basic.html?utm_source=news&utm_campaign=launch'));
    await page.click('#go');
    await collector.waitFor(() => collector.events().includes('Button Clicked'));
    const stored = collector.own();
    expect(stored.map((m) => m.type + ':' + (m.event ?? m.name ?? ''))).toEqual([
      'identify:',
      'track:Snippet Event',
      'page:',
      'track:Button Clicked',
    ]);
    for (const m of stored) {
      expect(m.messageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(m.anonymousId).toBeTruthy();
      expect(m.context.library).toEqual({ name: 'sabu', version: expect.any(String) });
      expect(m.context.sessionId).toBe(stored[0]!.context.sessionId);
    }
    const click = stored[3]!;
    expect(click.userId).toBe('user-1');
    expect(click.properties).toEqual({ id: 'go' });
    expect(click.context.page).toMatchObject({ path: '/basic.html', title: 'Basic fixture' });
    expect(click.context.campaign).toEqual({ source: 'news', name: 'launch' });
    expect(click.context.locale).toBeTruthy();
    expect(click.context.timezone).toBeTruthy();
    expect(click.context.screen.width).toBeGreaterThan(0);
    expect(collector.requests.at(-1)!.body!.writeKey).toBe('wk_test');
    await ctx.close();
  });
});
